import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDeskServers, type DeskServers } from '../../../src/server/desk/index';
import { MAX_BODY_BYTES } from '../../../src/server/desk/rest';
import { parsePeriod } from '../../../src/server/desk/routes';
import { alert, FakeSource, okv, riskSnapshot } from './fake-source';

const TOKEN = 'rest-test-token-123456';
let desk: DeskServers;
let src: FakeSource;
let base: string;
const auth = { Authorization: `Bearer ${TOKEN}` };

beforeEach(async () => {
  src = new FakeSource({
    'risk.snapshot': okv(riskSnapshot()),
    'risk.history': (p) => ({ ok: true, value: [{ ts: (p as { from: number }).from + 1, equity: 1 }] }),
    'alerts.ack': (p) => {
      const id = (p as { id: string }).id;
      return id === 'a1' ? { ok: true, value: alert('a1', 'warning', true) } : { ok: false, error: { code: 'NOT_FOUND', message: `id: no alert "${id}"`, field: 'id' } };
    },
    'hedging.status': okv({ score: 0.07 }),
    'hedging.config.set': (p) => {
      const patch = (p as { patch: Record<string, unknown> }).patch;
      return typeof patch.maxHedgeCost === 'number' && patch.maxHedgeCost > 0.5
        ? { ok: false, error: { code: 'BAD_REQUEST', message: 'params.patch.maxHedgeCost: Too big: expected number to be <=0.5', field: 'params.patch.maxHedgeCost' } }
        : { ok: true, value: { ...patch, echoed: true } };
    },
    'hedging.reject': (p) => ({ ok: true, value: { ...(p as object), status: 'rejected' } }),
  });
  desk = await startDeskServers({ source: src, token: TOKEN, streamPort: null, metricsPort: null, restPort: 0 });
  base = `http://127.0.0.1:${desk.ports.rest}`;
});
afterEach(() => desk.close());

const get = async (path: string, init: RequestInit = {}) => {
  const r = await fetch(base + path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { error?: { code: string; message: string; field?: string } } };
};

describe('desk REST API', () => {
  it('refuses every route without the token', async () => {
    for (const p of ['/api/risk/current', '/api/openapi.json', '/api/nope', '/api/v1/hedging/status']) {
      const r = await fetch(base + p);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await fetch(`${base}/api/risk/current?token=${TOKEN}`)).status).toBe(200);
    expect(src.calls).toHaveLength(1);
  });

  it('GET /api/risk/current returns the snapshot; 404 with a reason before the first one', async () => {
    expect((await get('/api/risk/current')).body.equity).toBe(100_000);
    src.answers['risk.snapshot'] = okv(null);
    const r = await get('/api/risk/current');
    expect(r.status).toBe(404);
    expect(r.body.error?.message).toMatch(/no risk snapshot yet/);
  });

  it('GET /api/risk/history/{period} maps the period onto [now − period, now]', async () => {
    const before = Date.now();
    const r = await get('/api/risk/history/7d?limit=50');
    expect(r.status).toBe(200);
    const { from, to } = r.body as { from: number; to: number };
    expect(to - from).toBe(7 * 86_400_000);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(src.calls.at(-1)).toEqual({ method: 'risk.history', params: { from, to, limit: 50 } });
    expect(r.body.points).toEqual([{ ts: from + 1, equity: 1 }]);
    expect((await get('/api/risk/history/all')).body.from).toBe(0);
    const bad = await get('/api/risk/history/7x');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'period' });
    expect((await get('/api/risk/history/1d?limit=0')).body.error).toMatchObject({ field: 'limit', message: 'limit: must be an integer 1-10000, got "0"' });
  });

  it('parses periods', () => {
    expect(parsePeriod('12h')).toBe(12 * 3_600_000);
    expect(parsePeriod('30d')).toBe(30 * 86_400_000);
    expect(parsePeriod('4w')).toBe(28 * 86_400_000);
    expect(parsePeriod('1y')).toBe(365 * 86_400_000);
    expect(parsePeriod('all')).toBeNull();
    expect(() => parsePeriod('0d')).toThrow(/period: expected/);
    expect(() => parsePeriod('11y')).toThrow(/at most 10 years/);
  });

  it('GET /api/risk/stress-test/{scenario} answers by name or slug, 404 naming the known ones', async () => {
    const r = await get('/api/risk/stress-test/crypto-winter');
    // -45 000 on 100 000 equity = -45 %.
    expect(r.body).toMatchObject({ scenario: 'Crypto winter', pnl: -45_000, pnlPct: -0.45, liquidityCost: 900, equity: 100_000 });
    expect((await get('/api/risk/stress-test/Flash%20crash')).body.pnl).toBe(-12_000);
    expect((await get('/api/risk/stress-test/worst')).body).toMatchObject({ pnl: -30_000, pnlPct: -0.3 });
    const miss = await get('/api/risk/stress-test/meteor');
    expect(miss.status).toBe(404);
    expect(miss.body.error?.message).toBe('scenario: no scenario "meteor" (known: flash-crash, crypto-winter, worst)');
  });

  it('POST /api/risk/alerts/acknowledge/{id} passes the engine answer and its errors through', async () => {
    const r = await get('/api/risk/alerts/acknowledge/a1', { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'a1', acknowledged: true });
    const miss = await get('/api/risk/alerts/acknowledge/zz', { method: 'POST' });
    expect(miss).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND', field: 'id' } } });
    expect((await get('/api/risk/alerts/acknowledge/a1')).status).toBe(405);
  });

  it('hedging routes map onto hedging.* with path ids and bodies; errors keep the field', async () => {
    expect((await get('/api/v1/hedging/status')).body).toEqual({ score: 0.07 });
    const put = await get('/api/v1/hedging/config', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ maxHedgeCost: 0.03 }) });
    expect(put.body).toEqual({ maxHedgeCost: 0.03, echoed: true });
    const bad = await get('/api/v1/hedging/config', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ maxHedgeCost: 0.9 }) });
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'params.patch.maxHedgeCost' } } });
    const rej = await get('/api/v1/hedging/proposals/p-7/reject', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: 'too dear' }) });
    expect(rej.body).toEqual({ id: 'p-7', reason: 'too dear', status: 'rejected' });
    // No hedging.monitor in this engine: 501, not a crash.
    const none = await get('/api/v1/hedging/monitor');
    expect(none.status).toBe(501);
    expect(none.body.error?.code).toBe('UNKNOWN_METHOD');
  });

  it('bad bodies: parse error 400 naming the reason, wrong type 415, over the cap 413, non-object 400', async () => {
    const post = (body: string, type = 'application/json') => get('/api/v1/hedging/proposals/p-1/reject', { method: 'POST', headers: { 'Content-Type': type }, body });
    const parse = await post('{"reason": ');
    expect(parse.status).toBe(400);
    expect(parse.body.error?.message).toMatch(/^body: not valid JSON \(/);
    expect(parse.body.error?.field).toBe('body');
    expect((await post('reason=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('[1,2]')).body.error?.message).toBe('body: must be a JSON object');
    const big = await post(JSON.stringify({ reason: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown route 404 JSON, recommendations composed from the engine', async () => {
    const miss = await get('/api/risk/nothing');
    expect(miss).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } });
    src.answers['trading.state'] = okv({ mode: 'HALTED', reason: 'drawdown breaker', since: 1, until: null, sources: {} });
    src.answers['preservation.status'] = okv({ level: 0, since: 1, readings: [] });
    src.answers['limits.get'] = okv({ factor: 1, reason: '', utilisation: [{ name: 'var', value: 0.045, limit: 0.05, utilisation: 0.9, breached: false }, { name: 'gross', value: 1, limit: 2, utilisation: 0.5, breached: false }] });
    src.answers['alerts.list'] = okv([alert('w1', 'warning', false)]);
    const r = await get('/api/risk/recommendations');
    const items = (r.body as { items: { kind: string; priority: number; message: string; action: string }[] }).items;
    // Halt first (priority 1); then the var limit at 90 % and the warning alert (2); then ML sizing (3).
    expect(items.map((i) => [i.kind, i.priority])).toEqual([
      ['trading', 1],
      ['limit', 2],
      ['alert', 2],
      ['sizing', 3],
    ]);
    expect(items[1].message).toBe('var at 90 % of its limit');
    expect(items[3].action).toBe('Scale new position sizes by 0.75.');
    expect(r.body.hedgingAvailable).toBe(false);
    expect(src.calls.find((c) => c.method === 'alerts.list')?.params).toEqual({ includeAcknowledged: false });
  });
});
