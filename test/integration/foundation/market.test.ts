import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/engine/host';
import type { PortfolioSummary } from '../../../src/shared/contract/index';
import { SimFaultKind, SimScenarioName } from '../../../src/shared/contract/market';
import { FAULT_KINDS, SCENARIOS } from '../../../src/engine/sim/index';

const workerFile = new URL('../../support/ts-worker.mjs', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'bulwark-market-'));
let host: EngineHost | undefined;
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const until = async <T>(fn: () => Promise<T | undefined>, ms: number): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('engine with the built-in simulator', () => {
  it('keeps the contract lists of scenarios and faults in step with the simulator', () => {
    expect([...SimScenarioName.options]).toEqual([...SCENARIOS]);
    expect([...SimFaultKind.options]).toEqual([...FAULT_KINDS]);
  });

  it('marks the demo book from live simulator prices, and a flash crash moves equity down', async () => {
    host = new EngineHost({ dataDir: dir, version: 't', workerFile, simRate: 2000 });
    await host.ready;
    const health = await until(async () => {
      const r = await host!.call('feeds.health', {});
      const h = r.ok ? (r.value)[0] : undefined;
      return h && h.state === 'open' && h.accepted > 50 ? h : undefined;
    }, 10_000);
    expect(health.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    // Every position (spot, perp via its index, option via BSM) has a live mark.
    const marked = await until(async () => {
      const r = await host!.call('positions.list', {});
      const list = r.ok ? (r.value) : [];
      return list.length > 0 && list.every((p) => p.mark !== null && p.lastUpdateTs !== null && p.lastUpdateTs > Date.now() - 10_000) ? list : undefined;
    }, 10_000);
    expect(marked.map((p) => p.kind)).toEqual(expect.arrayContaining(['spot', 'perp', 'option']));

    const before = (await host.call('portfolio.summary', {})) as { ok: true; value: PortfolioSummary };
    expect((await host.call('sim.scenario', { name: 'flash-crash' })).ok).toBe(true);
    const after = await until(async () => {
      const r = await host!.call('portfolio.summary', {});
      // (stops and controls cut exposure as the crash deepens, so the fall is bounded; tested in test/integration/controls)
      return r.ok && r.value.equity < before.value.equity * 0.995 ? r.value : undefined;
    }, 30_000);
    expect(after.drawdown).toBeGreaterThan(0.004);
    const bad = await host.request('sim.scenario', { name: 'asteroid' });
    expect(bad).toMatchObject({ ok: false, error: { field: 'params.name' } });
  }, 60_000);
});
