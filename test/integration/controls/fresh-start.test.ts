import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/engine/host';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-fresh-'));
let host: EngineHost | undefined;
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a new user', () => {
  it('starts ACTIVE, at preservation level 0, with no breaker tripped, once risk has been computed', async () => {
    host = new EngineHost({ dataDir: dir, version: 't', workerFile: new URL('../../support/ts-worker.mjs', import.meta.url), simRate: 1000 });
    await host.ready;
    await new Promise((r) => setTimeout(r, 4000)); // first risk snapshot at 1.5 s, two control cycles after it
    const snap = await host.call('risk.snapshot', {});
    expect(snap.ok && snap.value?.regime).not.toBe('stressed');
    const state = await host.call('trading.state', {});
    expect(state.ok && state.value).toMatchObject({ mode: 'ACTIVE', sources: { breakers: null, preservation: null } });
    const pres = await host.call('preservation.status', {});
    expect(pres.ok && pres.value.level, JSON.stringify(pres.ok && pres.value.readings)).toBe(0);
    const breakers = await host.call('breakers.list', {});
    expect(breakers.ok && breakers.value.filter((b) => b.status !== 'armed')).toEqual([]);
  }, 30_000);
});

describe('stops on a new book', () => {
  it('gives every open linear position a volatility stop from the current price, none to options, and closes nothing', async () => {
    const r = await host!.call('stops.list', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const positions = await host!.call('positions.list', {});
    const open = positions.ok ? positions.value : [];
    const active = r.value.stops.filter((s) => s.status === 'active');
    expect(open).toHaveLength(12); // the whole demo book is still there: attaching stops closed nothing
    expect(active.map((s) => s.symbol).sort()).toEqual(open.filter((p) => p.kind !== 'option').map((p) => p.symbol).sort());
    for (const s of active) {
      if (s.side === 'long') expect(s.stop).toBeLessThan(s.entry);
      else expect(s.stop).toBeGreaterThan(s.entry);
      expect(s.source).toBe('volatility');
    }
    const bad = await host!.request('stops.set', { symbol: 'BTC-USDT' });
    expect(bad).toMatchObject({ ok: false, error: { field: 'params.stop' } });
  });
});
