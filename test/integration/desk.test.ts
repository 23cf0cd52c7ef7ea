// The desk interfaces end to end against a real headless engine (worker from source, demo book,
// built-in simulator): risk stream, Prometheus metrics, REST + OpenAPI, and the token on every server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHeadless, type Headless } from '../../src/server/index';
import type { AlertView, Heartbeat, PortfolioSummary, PositionView, Result, RiskSnapshot } from '../../src/shared/contract/index';
import { parseProm, sample } from '../unit/desk/prom';

const TOKEN = 'desk-integration-token-0123456789';
const workerFile = new URL('../support/ts-worker.mjs', import.meta.url);
const CAP = 256 * 1024;

let dir: string;
let h: Headless;
let rest: string;
let streamUrl: string;
let metricsUrl: string;
const auth = { Authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bulwark-desk-'));
  h = await startHeadless({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    token: TOKEN,
    version: '0.0.0-desk',
    rendererDir: dir,
    workerFile,
    desk: { streamPort: 0, metricsPort: 0, streamBufferBytes: CAP },
  });
  rest = `http://127.0.0.1:${h.port}`;
  streamUrl = `ws://127.0.0.1:${h.desk.ports.stream}/`;
  metricsUrl = `http://127.0.0.1:${h.desk.ports.metrics}/metrics`;
  // The first heavy-risk snapshot comes ~1.5 s after start, once prices arrive.
  await until(async () => ok(await h.engine.request('risk.snapshot', {})) !== null, 20_000);
}, 60_000);

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

function ok<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function connect(url: string): Promise<{ ws: WebSocket; msgs: { topic?: string; type?: string; ts?: number; data?: unknown }[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const msgs: { topic?: string; data?: unknown }[] = [];
    ws.on('message', (d) => msgs.push(JSON.parse(String(d)) as { topic?: string }));
    ws.once('open', () => resolve({ ws, msgs }));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const api = async (path: string, init: RequestInit = {}) => {
  const r = await fetch(rest + path, { ...init, headers: { ...auth, 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { error?: { code: string; message: string; field?: string } } };
};

describe('desk interfaces on a real engine', () => {
  it('refuses every server without the token', async () => {
    await expect(connect(streamUrl)).rejects.toThrow('HTTP 401');
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    for (const p of ['/api/risk/current', '/api/openapi.json', '/api/v1/hedging/status']) expect((await fetch(rest + p)).status).toBe(401);
    expect((await fetch(`${rest}/api/risk/recommendations`, { method: 'GET', headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
  });

  it('streams risk and positions with the engine values', async () => {
    const { ws, msgs } = await connect(`${streamUrl}?token=${TOKEN}`);
    ws.send(JSON.stringify({ op: 'subscribe', topics: ['risk', 'positions'] }));
    await until(() => msgs.some((m) => m.topic === 'risk') && msgs.filter((m) => m.topic === 'positions').length >= 2);
    expect(msgs[0]).toEqual({ type: 'subscribed', topics: ['risk', 'positions'] });
    const risk = msgs.find((m) => m.topic === 'risk')!.data as RiskSnapshot;
    const latest = ok<RiskSnapshot>(await h.engine.request('risk.snapshot', {}));
    expect(risk.equity).toBeGreaterThan(0);
    expect(risk.var.historical['0.99'].var).toBeGreaterThan(0);
    // The stream carried the engine's snapshot itself (same ts → same figures), or an older one.
    if (risk.ts === latest.ts) expect(risk.var.historical['0.99'].cvar).toBe(latest.var.historical['0.99'].cvar);
    else expect(risk.ts).toBeLessThan(latest.ts);
    const positions = msgs.filter((m) => m.topic === 'positions').at(-1)!.data as PositionView[];
    const summary = ok<PortfolioSummary>(await h.engine.request('portfolio.summary', {}));
    expect(positions.length).toBe(summary.positions);
    expect(positions.every((p) => typeof p.symbol === 'string' && p.qty !== 0)).toBe(true);
    ws.terminate();
  });

  it('drops a stalled client without slowing the engine; other clients keep receiving', async () => {
    const slow = await connect(`${streamUrl}?token=${TOKEN}`);
    const fast = await connect(`${streamUrl}?token=${TOKEN}`);
    for (const c of [slow, fast]) c.ws.send(JSON.stringify({ op: 'subscribe', topics: ['positions', 'risk'] }));
    await until(() => slow.msgs.some((m) => m.topic === 'positions') && fast.msgs.some((m) => m.topic === 'positions'));
    const stream = h.desk.stream!;
    const dropsBefore = stream.stats.droppedSlow;
    const beats: Heartbeat[] = [];
    const off = h.engine.onPush((t, d) => t === 'system.heartbeat' && beats.push(d as Heartbeat));
    slow.ws.pause();
    // The demo book pushes ~5 KB of positions 4× a second: filling the kernel's socket buffers would take
    // minutes, so a desk-sized book is simulated by publishing large positions snapshots on top.
    const big = Array.from({ length: 1000 }, (_, i) => ({ symbol: `SYN-${i}`, qty: 1, note: 'x'.repeat(100) }));
    const t0 = Date.now();
    while (stream.stats.droppedSlow === dropsBefore && Date.now() - t0 < 15_000) {
      stream.publish('positions.snapshot', big);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(stream.stats.droppedSlow).toBe(dropsBefore + 1);
    // Keep watching the heartbeat (1 Hz) for a few seconds after the drop as well.
    await new Promise((r) => setTimeout(r, 3000));
    off();
    const spanS = (Date.now() - t0) / 1000;
    // Every beat the engine took in the window arrived (consecutive seq), at its 1 Hz rate.
    expect(beats.length).toBeGreaterThanOrEqual(Math.floor(spanS) - 1);
    for (let i = 1; i < beats.length; i++) expect(beats[i].seq).toBe(beats[i - 1].seq + 1);
    // The reading client still gets real engine pushes afterwards.
    const n = fast.msgs.length;
    await until(() => fast.msgs.slice(n).some((m) => m.topic === 'positions' && (m.data as PositionView[]).length > 0 && !(m.data as { symbol: string }[])[0].symbol.startsWith('SYN-')));
    expect(fast.ws.readyState).toBe(WebSocket.OPEN);
    slow.ws.terminate();
    fast.ws.terminate();
  }, 40_000);

  it('/metrics parses with an independent parser and matches the engine', async () => {
    // Freeze prices so equity cannot move between the scrape and the request.
    ok(await h.engine.request('sim.fault', { kind: 'stall', durationMs: 6000 }));
    await new Promise((r) => setTimeout(r, 1200));
    const res = await fetch(metricsUrl, { headers: auth });
    expect(res.status).toBe(200);
    const fams = parseProm(await res.text());
    const summary = ok<PortfolioSummary>(await h.engine.request('portfolio.summary', {}));
    expect(Math.abs(sample(fams, 'bulwark_equity_usd') - summary.equity)).toBeLessThanOrEqual(0.01);
    expect(sample(fams, 'bulwark_positions')).toBe(summary.positions);
    const snap = ok<RiskSnapshot>(await h.engine.request('risk.snapshot', {}));
    if (sample(fams, 'bulwark_risk_snapshot_timestamp_seconds') === snap.ts / 1000) {
      expect(sample(fams, 'bulwark_var_usd', { method: 'historical', confidence: '0.99' })).toBe(snap.var.historical['0.99'].var);
      expect(sample(fams, 'bulwark_cvar_usd', { method: 'historical', confidence: '0.95' })).toBe(snap.var.historical['0.95'].cvar);
    }
    const m = ok<{ feeds: { ticksAccepted: number }; tickToMark: { count: number } }>(await h.engine.request('system.metrics', {}));
    const accepted = sample(fams, 'bulwark_feed_ticks_accepted_total');
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThanOrEqual(m.feeds.ticksAccepted);
    const hist = fams.get('bulwark_tick_to_mark_latency_seconds')!.metrics[0];
    expect(Number(hist.count)).toBeGreaterThan(100);
    expect(Number(hist.buckets!['+Inf'])).toBe(Number(hist.count));
    expect(sample(fams, 'bulwark_feed_up', { venue: 'sim (binance protocol)' })).toBe(1);
    expect(sample(fams, 'bulwark_engine_up')).toBe(1);
    expect(sample(fams, 'bulwark_stream_slow_clients_dropped_total')).toBeGreaterThanOrEqual(1);
  });

  it('answers every REST route from the engine', async () => {
    const snap = (await api('/api/risk/current')).body as unknown as RiskSnapshot;
    expect(snap.equity).toBeGreaterThan(0);
    const hist = await api('/api/risk/history/1d?limit=5');
    const points = hist.body.points as { ts: number; var99: number; equity: number }[];
    expect(points.length).toBeGreaterThanOrEqual(1);
    expect(points.length).toBeLessThanOrEqual(5);
    const same = points.find((p) => p.ts === snap.ts);
    if (same) expect(same.var99).toBe(snap.var.historical['0.99'].var);
    expect(points.map((p) => p.ts)).toEqual([...points.map((p) => p.ts)].sort((a, b) => a - b));
    const sc = snap.scenarios[0];
    const st = await api(`/api/risk/stress-test/${encodeURIComponent(sc.name)}`);
    const fresh = ok<RiskSnapshot>(await h.engine.request('risk.snapshot', {}));
    if (fresh.ts === snap.ts) expect(st.body.pnl).toBe(sc.pnl);
    expect((await api('/api/risk/stress-test/no-such-scenario')).status).toBe(404);
    // Alerts come and go with the market (a stale-feed alert resolves when prices return): retry a race.
    for (let attempt = 0; attempt < 5; attempt++) {
      const alerts = ok<AlertView[]>(await h.engine.request('alerts.list', { includeAcknowledged: false }));
      if (alerts.length === 0) break;
      const ack = await api(`/api/risk/alerts/acknowledge/${alerts[0].id}`, { method: 'POST' });
      if (ack.status === 404 && /no active alert/.test(ack.body.error?.message ?? '')) continue;
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({ id: alerts[0].id, acknowledged: true, acknowledgedBy: expect.any(String) as string });
      break;
    }
    expect((await api('/api/risk/alerts/acknowledge/no-such-alert', { method: 'POST' })).status).toBe(404);
    const rec = await api('/api/risk/recommendations');
    expect(rec.status).toBe(200);
    expect(rec.body.tradingMode).toBe(ok<{ mode: string }>(await h.engine.request('trading.state', {})).mode);
    expect(Array.isArray(rec.body.items)).toBe(true);
    expect((await api('/api/openapi.json')).body.openapi).toBe('3.1.0');
  });

  it('answers the hedging routes through hedging.* (or 501 where the engine has none)', async () => {
    const status = await api('/api/v1/hedging/status');
    if (status.status === 501) return; // this engine build has no hedging manager: routed by name, refused cleanly
    expect(status.status).toBe(200);
    expect(typeof status.body.threshold).toBe('number');
    expect(Array.isArray((await api('/api/v1/hedging/proposals?limit=5')).body)).toBe(true);
    expect((await api('/api/v1/hedging/proposals?limit=0')).body.error?.field).toBe('limit');
    const cfg = await api('/api/v1/hedging/config');
    expect(cfg.status).toBe(200);
    const set = await api('/api/v1/hedging/config', { method: 'PUT', body: JSON.stringify({ maxHedgeCost: 0.03 }) });
    expect(set.status).toBe(200);
    expect(set.body.maxHedgeCost).toBe(0.03);
    const bad = await api('/api/v1/hedging/config', { method: 'PUT', body: JSON.stringify({ maxHedgeCost: 0.9 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.field).toMatch(/maxHedgeCost$/);
    expect((await api('/api/v1/hedging/monitor')).status).toBe(200);
    expect((await api('/api/v1/hedging/proposals/no-such/approve', { method: 'POST' })).status).toBe(404);
    expect((await api('/api/v1/hedging/proposals/no-such/reject', { method: 'POST', body: '{"reason":' })).body.error?.message).toMatch(/^body: not valid JSON/);
  });
});
