/**
 * Connection manager timing with an injected clock, timers and socket factory: the reconnect
 * schedule, the backoff reset and the idle watchdog are checked exactly, without real sockets.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createBinanceSpotAdapter } from '../../../src/engine/feeds/adapters/binance';
import { FeedConnection } from '../../../src/engine/feeds/connection';
import { fakeTime } from './fake-time';

class FakeSocket extends EventEmitter {
  readyState = 0;
  sent: string[] = [];
  terminated = false;
  constructor(readonly url: string) {
    super();
  }
  send(data: string): void {
    this.sent.push(data);
  }
  open(): void {
    this.readyState = 1;
    this.emit('open');
  }
  terminate(): void {
    if (this.readyState === 3) return;
    this.terminated = true;
    this.readyState = 3;
    this.emit('close', 1006, Buffer.from(''));
  }
  close(code: number, reason: string): void {
    this.readyState = 3;
    this.emit('close', code, Buffer.from(reason));
  }
}

function setup(opts: { random?: () => number; stableMs?: number; idleTimeoutMs?: number } = {}) {
  const t = fakeTime();
  const sockets: { at: number; s: FakeSocket }[] = [];
  const feed = new FeedConnection({
    adapter: createBinanceSpotAdapter(),
    url: 'ws://venue',
    subscriptions: ['BTC-USDT'],
    onTick: () => {},
    clock: t.clock,
    timers: t.timers,
    random: opts.random ?? (() => 1),
    backoff: { baseMs: 100, maxMs: 1000, factor: 2 },
    stableMs: opts.stableMs ?? 5000,
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    staleMs: 1000,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push({ at: t.clock.now(), s });
      return s as unknown as WebSocket;
    },
  });
  return { t, feed, sockets };
}

describe('FeedConnection timing (fake clock, timers and sockets)', () => {
  /** Closes the newest socket via `close`, then advances 1 ms at a time until the next connect. */
  function measureReconnect(ctx: ReturnType<typeof setup>, close: (s: FakeSocket) => void): number {
    const before = ctx.sockets.length;
    const at = ctx.t.clock.now();
    close(ctx.sockets.at(-1)!.s);
    for (let ms = 0; ms < 5000 && ctx.sockets.length === before; ms++) ctx.t.advance(1);
    return ctx.sockets.at(-1)!.at - at;
  }
  const refuse = (s: FakeSocket): void => s.terminate();

  it('reconnect delays follow capped exponential backoff with full jitter', () => {
    const ctx = setup(); // random() = 1 → the full ceiling each time
    ctx.feed.start();
    const delays = Array.from({ length: 7 }, () => measureReconnect(ctx, refuse));
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
    expect(ctx.sockets[0].s.url).toBe('ws://venue/stream?streams=btcusdt@trade/btcusdt@bookTicker');
    expect(ctx.feed.health().state).toBe('connecting');
  });

  it('draws each delay uniformly below the ceiling and resets after a stable connection', () => {
    const draws = [0.5, 0.5, 0.5, 0.25];
    let k = 0;
    const ctx = setup({ random: () => draws[k++], stableMs: 5000 });
    ctx.feed.start();
    expect([
      measureReconnect(ctx, refuse),
      measureReconnect(ctx, refuse),
      measureReconnect(ctx, refuse),
    ]).toEqual([50, 100, 200]);
    // A connection that stays open past stableMs resets the attempt counter.
    ctx.sockets.at(-1)!.s.open();
    ctx.t.advance(6000);
    expect(measureReconnect(ctx, (s) => s.close(1000, 'connection lifetime exceeded'))).toBe(25); // ceiling 100 × 0.25
    expect(ctx.feed.health().lastClose).toEqual({ code: 1000, reason: 'connection lifetime exceeded' });
  });

  it('idle watchdog terminates a silent open socket, and a frame resets it', () => {
    const { t, feed, sockets } = setup({ idleTimeoutMs: 1000 });
    feed.start();
    const s = sockets[0].s;
    s.open();
    t.advance(900);
    s.emit('ping', Buffer.from('1'));
    t.advance(900);
    expect(s.terminated).toBe(false);
    t.advance(400);
    expect(s.terminated).toBe(true);
    expect(feed.health().lastError).toMatch(/^idle for \d+ ms$/);
  });

  it('staleness: subscribed symbols go stale without data and fresh on the next tick', () => {
    const stale: [string, boolean][] = [];
    const t = fakeTime();
    let sock: FakeSocket | undefined;
    const feed = new FeedConnection({
      adapter: createBinanceSpotAdapter(),
      url: 'ws://venue',
      subscriptions: ['BTC-USDT'],
      onTick: () => {},
      onStale: (s, st) => stale.push([s, st]),
      clock: t.clock,
      timers: t.timers,
      staleMs: 500,
      createSocket: (url) => (sock = new FakeSocket(url)) as unknown as WebSocket,
    });
    feed.start();
    sock!.open();
    t.advance(700);
    expect(stale).toEqual([['BTC-USDT', true]]);
    sock!.emit(
      'message',
      Buffer.from('{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1,"m":true,"M":true}'),
      false,
    );
    expect(stale).toEqual([
      ['BTC-USDT', true],
      ['BTC-USDT', false],
    ]);
    expect(feed.health().staleSymbols).toEqual([]);
  });
});
