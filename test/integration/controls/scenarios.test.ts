import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/engine/host';

// Each scenario on a fresh engine with a short live-monitor warm-up, so a test takes well under a minute.
const workerFile = new URL('../../support/ts-worker.mjs', import.meta.url);
const dirs: string[] = [];
let host: EngineHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function engine(): Promise<EngineHost> {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-scn-'));
  dirs.push(dir);
  host = new EngineHost({ dataDir: dir, version: 't', workerFile, simRate: 2000, liveMonitor: { warmupS: 15, fastHalfLifeS: 5, corrHalfLifeS: 8, slowHalfLifeS: 1800 } });
  await host.ready;
  return host;
}

async function until<T>(what: string, ms: number, fn: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const kinds = async (h: EngineHost, kind: string) => {
  const r = await h.call('events.list', { limit: 200, kind });
  return r.ok ? r.value.items : [];
};

describe('scenarios through the live controls', () => {
  it('a volatility spike trips the volatility breaker, which cuts exposure and restricts trading', async () => {
    const h = await engine();
    await new Promise((r) => setTimeout(r, 18_000)); // warm-up of the live monitor
    const gross0 = (await h.call('portfolio.summary', {})) as { ok: true; value: { grossExposure: number } };
    expect((await h.call('sim.scenario', { name: 'vol-spike', multiplier: 8, durationMs: 60_000 })).ok).toBe(true);
    const trip = await until('volatility breaker', 40_000, async () => (await kinds(h, 'breaker.activated')).find((e) => (e.payload as { breaker: string }).breaker === 'volatility_spike'));
    expect((trip.payload as { trip: { metric: string; value: number; threshold: number } }).trip).toMatchObject({ metric: 'realised_vol_ratio', threshold: 3 });
    expect((trip.payload as { trip: { value: number } }).trip.value).toBeGreaterThanOrEqual(3);
    const state = await h.call('trading.state', {});
    expect(state.ok && state.value.mode).not.toBe('ACTIVE');
    const actions = await kinds(h, 'breaker.action');
    expect(actions.some((e) => (e.payload as { action: { type: string } }).action.type === 'reduce_exposure')).toBe(true);
    const gross1 = (await h.call('portfolio.summary', {})) as { ok: true; value: { grossExposure: number } };
    expect(gross1.value.grossExposure).toBeLessThan(gross0.value.grossExposure * 0.75);
  }, 90_000);

  it('a correlation spike trips the correlation breaker, which reduces the correlated positions', async () => {
    const h = await engine();
    await new Promise((r) => setTimeout(r, 18_000));
    expect((await h.call('sim.scenario', { name: 'correlation-spike', correlation: 0.995, durationMs: 60_000 })).ok).toBe(true);
    const trip = await until('correlation breaker', 45_000, async () => (await kinds(h, 'breaker.activated')).find((e) => (e.payload as { breaker: string }).breaker === 'correlation_spike'));
    expect((trip.payload as { trip: { value: number; threshold: number } }).trip.value).toBeGreaterThan(0.9);
    const fills = await kinds(h, 'order.filled');
    expect(fills.some((e) => /correlation_spike breaker/.test(String((e.payload as { note?: string }).note)))).toBe(true);
  }, 90_000);

  it('a feed stall marks prices stale, raises an alert, refuses new exposure, and clears when data returns', async () => {
    const h = await engine();
    await until('live marks', 10_000, async () => {
      const p = await h.call('positions.list', {});
      return p.ok && p.value.length > 0 && p.value.every((x) => x.lastUpdateTs !== null) ? true : undefined;
    });
    expect((await h.call('sim.fault', { kind: 'stall', durationMs: 9_000 })).ok).toBe(true);
    await until('stale positions', 12_000, async () => {
      const s = await h.call('portfolio.summary', {});
      return s.ok && s.value.staleSymbols > 0 ? true : undefined;
    });
    await until('stale alert', 5_000, async () => {
      const a = await h.call('alerts.list', { includeAcknowledged: true });
      return a.ok && a.value.some((x) => x.key === 'feed:stale') ? true : undefined;
    });
    const check = await h.call('orders.check', { symbol: 'SOL-USDT', side: 'buy', qty: 1, type: 'market' });
    expect(check.ok && check.value.reasons.map((r) => r.code)).toContain('STALE_PRICE');
    await until('fresh again', 20_000, async () => {
      const s = await h.call('portfolio.summary', {});
      return s.ok && s.value.staleSymbols === 0 ? true : undefined;
    });
    await until('alert resolved', 5_000, async () => ((await kinds(h, 'alert.resolved')).length > 0 ? true : undefined));
  }, 90_000);
});
