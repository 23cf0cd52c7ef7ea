import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../src/engine/host';

const workerFile = new URL('../../support/ts-worker.mjs', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'bulwark-controls-'));
let host: EngineHost | undefined;
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('live controls against the simulator', () => {
  it('a flash crash trips the daily-loss breaker, halts trading, refuses new exposure, journals it; overrides survive a restart', async () => {
    host = new EngineHost({ dataDir: dir, version: 't', workerFile, simRate: 2000 });
    await host.ready;
    await until(async () => {
      const list = ok(await host!.call('positions.list', {}));
      return list.length > 0 && list.every((p) => p.lastUpdateTs !== null) ? true : undefined;
    }, 10_000, 'live marks');
    expect(ok(await host.call('trading.state', {})).mode).toBe('ACTIVE');

    // Before the crash: an order that adds exposure is approved with a sizing suggestion.
    const pre = ok(await host.call('orders.check', { symbol: 'SOL-USDT', side: 'buy', qty: 5, type: 'market' }));
    expect(pre.decision, JSON.stringify(pre.reasons)).toBe('approve');
    expect(pre.sizing?.stop).toBeGreaterThan(0);
    const fat = ok(await host.call('orders.check', { symbol: 'BTC-USDT', side: 'buy', qty: 10, type: 'market' }));
    expect(fat.decision).not.toBe('approve');
    expect(fat.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['NOTIONAL_EXCEEDS_MAX_PER_ORDER']));

    // Take the protective stops out of the way (a trader may), so the crash reaches the loss breakers.
    await until(async () => {
      const st = ok(await host!.call('stops.list', {}));
      return st.stops.filter((x) => x.status === 'active').length >= 9 ? true : undefined;
    }, 10_000, 'stops on every position');
    for (const p of ok(await host.call('positions.list', {})).filter((x) => x.kind !== 'option')) {
      const far = p.qty > 0 ? { stop: (p.mark ?? p.avgCost) / 100 } : { stop: (p.mark ?? p.avgCost) * 100 };
      ok(await host.call('stops.set', { symbol: p.symbol, ...far, takeProfit: null }));
    }
    ok(await host.call('sim.scenario', { name: 'flash-crash' }));
    const halted = await until(async () => {
      const s = ok(await host!.call('trading.state', {}));
      return s.mode === 'HALTED' ? s : undefined;
    }, 45_000, 'HALTED');
    expect(halted.sources.breakers).toBe('HALTED');
    const breakers = ok(await host.call('breakers.list', {}));
    const daily = breakers.find((b) => b.id === 'daily_loss')!;
    expect(daily.status).toBe('tripped');
    expect(daily.lastTrip).toMatchObject({ metric: expect.any(String), threshold: 0.02 });

    // HALTED: adding exposure is refused, reducing passes.
    const deny = ok(await host.call('orders.check', { symbol: 'ETH-USDT', side: 'buy', qty: 1, type: 'market' }));
    expect(deny.decision).toBe('deny');
    expect(deny.reasons.map((r) => r.code)).toContain('TRADING_HALTED');
    const refused = ok(await host.call('orders.submit', { symbol: 'ETH-USDT', side: 'buy', qty: 1, type: 'market' }));
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatch(/TRADING_HALTED/);

    const events = ok(await host.call('events.list', { limit: 200, kind: 'breaker.activated' }));
    expect(events.items.map((e) => (e.payload as { breaker: string }).breaker)).toContain('daily_loss');
    const alerts = ok(await host.call('alerts.list', { includeAcknowledged: true }));
    expect(alerts.some((a) => a.key === 'breaker:daily_loss' && (a.level === 'emergency' || a.level === 'critical'))).toBe(true);

    // Override lifecycle: refused without a reason, accepted with one, survives a restart, revocable.
    const noReason = await host.request('breakers.override', { id: 'daily_loss', reason: '', expiresInMinutes: 30, confirm: true });
    expect(noReason).toMatchObject({ ok: false, error: { field: 'params.reason' } });
    const noConfirm = await host.request('breakers.override', { id: 'daily_loss', reason: 'known data glitch', expiresInMinutes: 30 });
    expect(noConfirm).toMatchObject({ ok: false, error: { field: 'params.confirm' } });
    const ov = ok(await host.call('breakers.override', { id: 'daily_loss', reason: 'known data glitch', expiresInMinutes: 30, confirm: true }));
    expect(ov.status).toBe('overridden');
    expect(ov.remainingMs).toBeGreaterThan(29 * 60_000);
    expect((await host.call('events.list', { limit: 10, kind: 'breaker.overridden' })).ok).toBe(true);

    await host.close();
    host = new EngineHost({ dataDir: dir, version: 't', workerFile, simRate: 500 });
    await host.ready;
    const after = ok(await host.call('breakers.list', {})).find((b) => b.id === 'daily_loss')!;
    expect(after.status).toBe('overridden');
    expect(after.override?.reason).toBe('known data glitch');
    const revoked = ok(await host.call('breakers.revoke', { id: 'daily_loss' }));
    expect(revoked.status).not.toBe('overridden');
  }, 120_000);
});
