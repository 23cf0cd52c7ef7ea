import { afterEach, describe, expect, it } from 'vitest';
import { startDeskServers, type DeskServers } from '../../../src/server/desk/index';
import { DeskMetrics } from '../../../src/server/desk/metrics';
import { alert, FakeSource, okv, riskSnapshot, summary } from './fake-source';
import { parseProm, sample } from './prom';

const TOKEN = 'metrics-test-token-123';

const engineMetrics = {
  ts: 1,
  feeds: { ticksAccepted: 1234, dropped: { malformed: 3, duplicate: 7 }, gaps: 2, reconnects: 1 },
  // 3 ticks ≤ 1 ms, 2 in (1, 2], 0 in (2, 5], 1 above 5 ms; 20 ms in all.
  tickToMark: { bucketsMs: [1, 2, 5], counts: [3, 2, 0, 1], sumMs: 20, count: 6 },
};

function fake(): FakeSource {
  return new FakeSource({
    'system.metrics': okv(engineMetrics),
    'portfolio.summary': okv(summary(100_000)),
    'limits.get': okv({ base: {}, effective: {}, factor: 0.8, reason: 'stressed', utilisation: [{ name: 'var', value: 0.04, limit: 0.05, utilisation: 0.8, breached: false }] }),
    'breakers.list': okv([{ id: 'drawdown', status: 'tripped' }]),
    'alerts.list': okv([alert('a1', 'warning', false), alert('a2', 'warning', true), alert('a3', 'critical', false)]),
    'feeds.health': okv([{ venue: 'sim', state: 'open', msgsPerSec: 400, lastMessageAgeMs: 250, staleSymbols: ['X'] }]),
    'trading.state': okv({ mode: 'REDUCING' }),
    'risk.snapshot': okv(riskSnapshot()),
  });
}

let desk: DeskServers | undefined;
afterEach(async () => {
  await desk?.close();
  desk = undefined;
});

describe('desk metrics', () => {
  it('exposes the engine figures under Prometheus names, readable by an independent parser', async () => {
    const m = new DeskMetrics({ source: fake() });
    const fams = parseProm(await m.scrape());
    expect(sample(fams, 'bulwark_equity_usd')).toBe(100_000);
    expect(sample(fams, 'bulwark_pnl_daily_usd')).toBe(-250.5);
    expect(sample(fams, 'bulwark_pnl_usd', { kind: 'unrealized' })).toBe(-370.5);
    expect(sample(fams, 'bulwark_drawdown_ratio')).toBe(0.031);
    expect(sample(fams, 'bulwark_exposure_usd', { kind: 'net' })).toBe(50_000);
    expect(sample(fams, 'bulwark_var_usd', { method: 'historical', confidence: '0.99' })).toBe(2600);
    expect(sample(fams, 'bulwark_cvar_usd', { method: 'monte_carlo', confidence: '0.95' })).toBe(1800);
    expect(sample(fams, 'bulwark_var_usd', { method: 'cornish_fisher', confidence: '0.99' })).toBe(2400);
    expect(sample(fams, 'bulwark_risk_compute_seconds')).toBe(0.125);
    expect(sample(fams, 'bulwark_risk_snapshot_timestamp_seconds')).toBe(1_700_000_000);
    expect(sample(fams, 'bulwark_limit_utilisation_ratio', { limit: 'var' })).toBe(0.8);
    expect(sample(fams, 'bulwark_limit_factor_ratio')).toBe(0.8);
    expect(sample(fams, 'bulwark_breaker_state', { breaker: 'drawdown', state: 'tripped' })).toBe(1);
    expect(sample(fams, 'bulwark_breaker_state', { breaker: 'drawdown', state: 'armed' })).toBe(0);
    expect(sample(fams, 'bulwark_alerts', { level: 'warning', acknowledged: 'false' })).toBe(1);
    expect(sample(fams, 'bulwark_alerts', { level: 'warning', acknowledged: 'true' })).toBe(1);
    expect(sample(fams, 'bulwark_alerts', { level: 'critical', acknowledged: 'false' })).toBe(1);
    expect(sample(fams, 'bulwark_alerts', { level: 'emergency', acknowledged: 'false' })).toBe(0);
    expect(sample(fams, 'bulwark_trading_mode', { mode: 'REDUCING' })).toBe(1);
    expect(sample(fams, 'bulwark_trading_mode', { mode: 'ACTIVE' })).toBe(0);
    expect(sample(fams, 'bulwark_feed_up', { venue: 'sim' })).toBe(1);
    expect(sample(fams, 'bulwark_feed_last_message_age_seconds', { venue: 'sim' })).toBe(0.25);
    expect(sample(fams, 'bulwark_feed_stale_symbols', { venue: 'sim' })).toBe(1);
    expect(sample(fams, 'bulwark_feed_ticks_accepted_total')).toBe(1234);
    expect(sample(fams, 'bulwark_feed_dropped_total', { reason: 'duplicate' })).toBe(7);
    expect(sample(fams, 'bulwark_engine_up')).toBe(1);
    expect(fams.get('bulwark_feed_ticks_accepted_total')?.type).toBe('COUNTER');
    const h = fams.get('bulwark_tick_to_mark_latency_seconds');
    expect(h?.type).toBe('HISTOGRAM');
    // Cumulative buckets in seconds: ≤1 ms 3, ≤2 ms 3+2, ≤5 ms 5, +Inf 6.
    expect(h?.metrics[0].buckets).toEqual({ '0.001': '3', '0.002': '5', '0.005': '5', '+Inf': '6' });
    expect(Number(h?.metrics[0].sum)).toBe(0.02);
    expect(Number(h?.metrics[0].count)).toBe(6);
    m.close();
  });

  it('follows pushes, mirrors engine counters, and marks the engine down when it does not answer', async () => {
    const src = fake();
    const m = new DeskMetrics({ source: src });
    await m.scrape();
    src.push('portfolio.summary', summary(123_456.78));
    src.push('breakers.list', [{ id: 'drawdown', status: 'armed' }]);
    engineMetrics.feeds.ticksAccepted = 2000;
    let fams = parseProm(await m.scrape());
    expect(sample(fams, 'bulwark_equity_usd')).toBe(123_456.78);
    expect(sample(fams, 'bulwark_breaker_state', { breaker: 'drawdown', state: 'tripped' })).toBe(0);
    expect(sample(fams, 'bulwark_feed_ticks_accepted_total')).toBe(2000);
    // After the first scrape, pushes are the only source of the gauges: no repeated requests.
    expect(src.calls.filter((c) => c.method === 'portfolio.summary')).toHaveLength(1);
    src.answers['system.metrics'] = () => ({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } });
    fams = parseProm(await m.scrape());
    expect(sample(fams, 'bulwark_engine_up')).toBe(0);
    expect(m.scrapeErrors).toBe(1);
    m.close();
  });

  it('serves /metrics only with the token', async () => {
    desk = await startDeskServers({ source: fake(), token: TOKEN, streamPort: null, metricsPort: 0 });
    const url = `http://127.0.0.1:${desk.ports.metrics}/metrics`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await fetch(url, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(parseProm(await res.text()), 'bulwark_equity_usd')).toBe(100_000);
    expect((await fetch(url.replace('/metrics', '/other'), { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect((await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
  });

  it('reports a busy port in one line and carries on without that interface', async () => {
    desk = await startDeskServers({ source: fake(), token: TOKEN, streamPort: null, metricsPort: 0 });
    const lines: string[] = [];
    const second = await startDeskServers({ source: fake(), token: TOKEN, streamPort: 0, metricsPort: desk.ports.metrics!, log: (l) => lines.push(l) });
    expect(second.ports.metrics).toBeUndefined();
    expect(second.ports.stream).toBeGreaterThan(0);
    expect(lines).toEqual([`bulwark: metrics not started: 127.0.0.1:${desk.ports.metrics} is already in use; the app runs on without it`]);
    await second.close();
  });
});
