import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { VenueAdapter } from '../../../src/engine/feeds/adapter';
import {
  createBinanceSpotAdapter,
  createBybitAdapter,
  createOkxAdapter,
} from '../../../src/engine/feeds/adapters';
import { FeedConnection, type FeedState } from '../../../src/engine/feeds/connection';
import type { ControlEvent, Tick } from '../../../src/engine/feeds/tick';

interface Srv {
  url: string;
  conns: WebSocket[];
  received: { at: number; data: string; path: string }[];
  paths: string[];
  close(): Promise<void>;
}

const servers: Srv[] = [];
const feeds: FeedConnection[] = [];

async function server(onConn?: (ws: WebSocket, path: string) => void): Promise<Srv> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const s: Srv = {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    conns: [],
    received: [],
    paths: [],
    close: () => {
      for (const c of wss.clients) c.terminate();
      return new Promise((r) => wss.close(() => r()));
    },
  };
  wss.on('connection', (ws, req) => {
    const path = req.url ?? '';
    s.conns.push(ws);
    s.paths.push(path);
    ws.on('message', (d: Buffer) => s.received.push({ at: Date.now(), data: d.toString(), path }));
    onConn?.(ws, path);
  });
  servers.push(s);
  return s;
}

function feed(
  adapter: VenueAdapter,
  url: string,
  extra: Partial<ConstructorParameters<typeof FeedConnection>[0]> = {},
) {
  const ticks: Tick[] = [];
  const controls: ControlEvent[] = [];
  const states: FeedState[] = [];
  const f = new FeedConnection({
    adapter,
    url,
    onTick: (t) => ticks.push(t),
    onControl: (e) => controls.push(e),
    onState: (s) => states.push(s),
    backoff: { baseMs: 10, maxMs: 50 },
    stableMs: 0,
    ...extra,
  });
  feeds.push(f);
  return { f, ticks, controls, states };
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Same adapter with another outgoing budget (keeps prototype methods and state). */
function withRate(a: VenueAdapter, messages: number, perMs: number): VenueAdapter {
  return Object.assign(Object.create(a) as VenueAdapter, { sendRate: { messages, perMs } });
}
function withKeepAlive(a: VenueAdapter, intervalMs: number): VenueAdapter {
  return Object.assign(Object.create(a) as VenueAdapter, {
    keepAlive: { intervalMs, message: a.keepAlive!.message },
  });
}

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const TRADE = (t: number, p = '100'): string =>
  `{"e":"trade","E":1,"s":"BTCUSDT","t":${t},"p":"${p}","q":"1","T":1,"m":true,"M":true}`;

describe('FeedConnection', () => {
  it('connects, subscribes via the URL, emits ticks and reports health', async () => {
    const s = await server((ws) => {
      ws.send(TRADE(1));
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      ws.send('garbage');
    });
    const { f, ticks, states } = feed(createBinanceSpotAdapter(), s.url, { subscriptions: ['BTC-USDT'] });
    f.start();
    await until(() => f.health().dropped.malformed === 2);
    expect(s.paths[0]).toBe('/stream?streams=btcusdt@trade/btcusdt@bookTicker');
    expect(ticks).toHaveLength(1);
    expect(states).toEqual(['connecting', 'open']);
    const h = f.health();
    expect(h).toMatchObject({
      venue: 'binance',
      state: 'open',
      reconnects: 0,
      accepted: 1,
      subscriptions: 2,
    });
    expect(h.lastMessageAgeMs).toBeGreaterThanOrEqual(0);
    await f.stop();
    expect(f.health().state).toBe('closed');
  });

  it('survives a text frame with invalid UTF-8 (counted as malformed, connection kept)', async () => {
    const s = await server((ws) => {
      ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false }); // {"\xff\xfe"}
      ws.send(TRADE(1));
    });
    const { f, ticks } = feed(createBinanceSpotAdapter(), s.url);
    f.start();
    await until(() => ticks.length === 1);
    expect(f.health()).toMatchObject({ state: 'open', reconnects: 0 });
    expect(f.health().dropped.malformed + f.health().dropped.unknown_message).toBe(1);
  });

  it('paces SUBSCRIBE frames to the venue budget', async () => {
    const s = await server();
    const adapter = withRate(createBinanceSpotAdapter({ mode: 'raw', streamsPerFrame: 1 }), 3, 200);
    const { f } = feed(adapter, s.url);
    f.start();
    await until(() => f.health().state === 'open');
    f.subscribe(['A-USDT', 'B-USDT', 'C-USDT', 'D-USDT', 'E-USDT']); // 10 frames
    await until(() => s.received.length === 10);
    const at = s.received.map((r) => r.at);
    // 3 frames per 200 ms → one every ~67 ms (allow timer/network jitter).
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(50);
    for (let i = 3; i < at.length; i++) expect(at[i] - at[i - 3]).toBeGreaterThanOrEqual(180);
    expect(JSON.parse(s.received[0].data)).toMatchObject({ method: 'SUBSCRIBE', params: ['ausdt@trade'] });
  });

  it('sends the venue keep-alive (Bybit JSON ping, OKX text ping) and sees the pongs', async () => {
    const s = await server((ws) =>
      ws.on('message', (d: Buffer) => {
        const m = d.toString();
        if (m === 'ping') ws.send('pong');
        else if (m === '{"op":"ping"}')
          ws.send('{"success":true,"ret_msg":"pong","conn_id":"x","req_id":"","op":"ping"}');
      }),
    );
    const bybit = feed(withKeepAlive(createBybitAdapter(), 30), s.url);
    const okx = feed(withKeepAlive(createOkxAdapter(), 30), s.url);
    bybit.f.start();
    okx.f.start();
    await until(
      () =>
        bybit.controls.filter((c) => c.type === 'pong').length >= 2 &&
        okx.controls.filter((c) => c.type === 'pong').length >= 2,
    );
    expect(s.received.some((r) => r.data === 'ping')).toBe(true);
    expect(s.received.some((r) => r.data === '{"op":"ping"}')).toBe(true);
  });

  it('answers application-level pings the venue sends', async () => {
    const s = await server((ws) => ws.send('ping'));
    const { f } = feed(createOkxAdapter(), s.url);
    f.start();
    await until(() => s.received.some((r) => r.data === 'pong'));
  });

  it('reconnects after a server-initiated close and resubscribes everything', async () => {
    const s = await server((ws) => ws.send(TRADE(1)));
    const { f, states } = feed(createBinanceSpotAdapter({ mode: 'raw' }), s.url, {
      subscriptions: ['BTC-USDT'],
    });
    f.start();
    await until(() => s.received.length === 1);
    f.subscribe([{ symbol: 'ETH-USDT', channel: 'trade' }]);
    await until(() => s.received.length === 2);
    s.conns[0].close(1000, 'connection lifetime exceeded'); // the Binance 24 h cut
    await until(() => s.conns.length === 2 && s.received.length === 3);
    const resub = JSON.parse(s.received[2].data) as { params: string[] };
    expect(resub.params.sort()).toEqual(['btcusdt@bookTicker', 'btcusdt@trade', 'ethusdt@trade']);
    expect(f.health()).toMatchObject({
      reconnects: 1,
      lastClose: { code: 1000, reason: 'connection lifetime exceeded' },
    });
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'connecting', 'open']);
  });

  it('drops a silent connection (idle watchdog) and reconnects', async () => {
    const s = await server();
    const { f } = feed(createBinanceSpotAdapter(), s.url, { idleTimeoutMs: 80 });
    f.start();
    await until(() => s.conns.length >= 2);
    expect(f.health().lastError).toMatch(/idle/);
  });

  it('keeps retrying with backoff when nothing listens, and stops cleanly', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    servers.pop();
    const { f, states } = feed(createBinanceSpotAdapter(), url);
    f.start();
    await until(() => states.filter((x) => x === 'connecting').length >= 3);
    expect(f.health().lastError).toMatch(/ECONNREFUSED/);
    await f.stop();
    expect(f.health().state).toBe('closed');
  });

  it('reconnects early on a Binance serverShutdown notice', async () => {
    const s = await server((ws) => {
      if (s.conns.length === 1) ws.send('{"e":"serverShutdown","E":1760000000000}');
    });
    const { f, controls } = feed(createBinanceSpotAdapter(), s.url);
    f.start();
    await until(() => s.conns.length === 2 && f.health().state === 'open');
    expect(controls).toContainEqual({ type: 'shutdown_notice' });
  });

  it('unsubscribe sends UNSUBSCRIBE and stops tracking staleness for the symbol', async () => {
    const s = await server();
    const { f } = feed(createBinanceSpotAdapter(), s.url, { subscriptions: ['BTC-USDT'], staleMs: 20 });
    f.start();
    await until(() => f.health().staleSymbols.includes('BTC-USDT'));
    f.unsubscribe(['BTC-USDT']);
    await until(() => s.received.length === 1);
    expect(JSON.parse(s.received[0].data)).toMatchObject({
      method: 'UNSUBSCRIBE',
      params: ['btcusdt@trade', 'btcusdt@bookTicker'],
    });
    expect(f.health()).toMatchObject({ subscriptions: 0, staleSymbols: [] });
  });
});
