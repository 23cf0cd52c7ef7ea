import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/engine/host';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-stops-'));
let host: EngineHost | undefined;
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stops in the live flow', () => {
  it('a flash crash hits the long stops, which close their positions through the validator', async () => {
    host = new EngineHost({ dataDir: dir, version: 't', workerFile: new URL('../../support/ts-worker.mjs', import.meta.url), simRate: 2000 });
    await host.ready;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const r = await host.call('stops.list', {});
      if (r.ok && r.value.stops.filter((s) => s.status === 'active').length >= 9) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect((await host.call('sim.scenario', { name: 'flash-crash' })).ok).toBe(true);
    const end = Date.now() + 60_000;
    let hits: { symbol: string }[] = [];
    while (Date.now() < end) {
      const ev = await host.call('events.list', { limit: 100, kind: 'stop.hit' });
      hits = ev.ok ? ev.value.items.map((e) => e.payload as { symbol: string }) : [];
      if (hits.length > 0) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(hits.length).toBeGreaterThan(0);
    const closed = hits[0].symbol;
    const fills = await host.call('events.list', { limit: 200, kind: 'order.filled' });
    const fromStops = fills.ok ? fills.value.items.filter((e) => e.source === 'paper' && (e.payload as { symbol: string; note?: string }).symbol === closed && /stop hit|take profit/.test(String((e.payload as { note?: string }).note))) : [];
    expect(fromStops.length).toBeGreaterThan(0);
    const pos = await host.call('positions.list', {});
    expect(pos.ok && pos.value.find((p) => p.symbol === closed)).toBeUndefined();
    const stops = await host.call('stops.list', {});
    expect(stops.ok && stops.value.stops.find((s) => s.symbol === closed)?.status).toBe('hit');
  }, 90_000);
});
