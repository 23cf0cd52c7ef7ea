/**
 * End to end: the Binance adapter + FeedConnection against the loopback simulator, with every
 * fault the simulator can inject. Asserts no crash, reconnect + resubscribe, stale raised and
 * cleared, bad frames counted and dropped, and that no bad price ever passed validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBinanceSpotAdapter } from '../../../src/engine/feeds/adapters/binance';
import { FeedConnection } from '../../../src/engine/feeds/connection';
import type { ControlEvent, Tick } from '../../../src/engine/feeds/tick';
import { representative } from '../../../src/engine/feeds/validate';
import { DEFAULT_UNIVERSE, startSimulator, type SimulatorHandle } from '../../../src/engine/sim';

const SYMBOLS = [
  'BTC-USDT',
  'ETH-USDT',
  'SOL-USDT',
  'BNB-USDT',
  'XRP-USDT',
  'ADA-USDT',
  'DOGE-USDT',
  'AVAX-USDT',
  'LINK-USDT',
  'DOT-USDT',
  'SPX-USD',
];
const ALL_STREAMS = DEFAULT_UNIVERSE.flatMap((u) => [
  `${u.symbol.toLowerCase()}@bookTicker`,
  `${u.symbol.toLowerCase()}@trade`,
]).sort();

async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every emitted tick must be a good price: finite, positive, uncrossed, within the jump bound. */
function assertAllGood(ticks: Tick[]): void {
  const last = new Map<string, number>();
  const lastTrade = new Map<string, number>();
  for (const t of ticks) {
    for (const x of [t.bid, t.ask, t.last, t.size])
      if (x !== undefined) expect(Number.isFinite(x) && x >= 0).toBe(true);
    for (const x of [t.bid, t.ask, t.last]) if (x !== undefined) expect(x).toBeGreaterThan(0);
    if (t.bid !== undefined && t.ask !== undefined) expect(t.bid).toBeLessThanOrEqual(t.ask);
    const ref = last.get(t.symbol);
    const p = representative(t);
    if (ref !== undefined) expect(Math.abs(p / ref - 1)).toBeLessThanOrEqual(0.2);
    last.set(t.symbol, p);
    // Simulator trade ids only grow, across reconnects too: nothing duplicated or stale got through.
    if (t.kind === 'trade') {
      const prev = lastTrade.get(t.symbol);
      if (prev !== undefined) expect(t.seq!).toBeGreaterThan(prev);
      lastTrade.set(t.symbol, t.seq!);
    }
  }
}

describe('Binance feed against the simulator under faults', () => {
  let sim: SimulatorHandle;
  let feed: FeedConnection;
  const ticks: Tick[] = [];
  const staleEvents: [string, boolean][] = [];
  const controls: ControlEvent[] = [];

  beforeAll(async () => {
    // 250 ms pings → 4 pongs/s, inside the 5 incoming messages/s the simulator enforces.
    sim = await startSimulator({ port: 0, rate: 2000, seed: 3, pingIntervalMs: 250, pongTimeoutMs: 5000 });
    feed = new FeedConnection({
      adapter: createBinanceSpotAdapter(),
      url: sim.url,
      subscriptions: SYMBOLS,
      onTick: (t) => ticks.push(t),
      onStale: (s, st) => staleEvents.push([s, st]),
      onControl: (e) => controls.push(e),
      staleMs: 300,
      idleTimeoutMs: 800,
      stableMs: 0,
      backoff: { baseMs: 20, maxMs: 200 },
    });
    feed.start();
    await until(() => SYMBOLS.every((s) => ticks.some((t) => t.symbol === s)), 5000, 'first ticks');
  });

  afterAll(async () => {
    await feed?.stop();
    await sim?.close();
  });

  it('streams every symbol with nothing dropped in normal operation', () => {
    const h = feed.health();
    expect(h.state).toBe('open');
    expect(Object.values(h.dropped).every((n) => n === 0)).toBe(true);
    expect(sim.clientStreams()).toEqual([ALL_STREAMS]);
  });

  it('counts and drops every malformed / bad-price frame by reason', async () => {
    const before = feed.health().dropped;
    sim.fault('malformed', { count: 44 }); // 4 × each of the 11 kinds
    const total = (d: Record<string, number>): number => Object.values(d).reduce((a, b) => a + b, 0);
    await until(() => total(feed.health().dropped) - total(before) >= 44, 5000, 'malformed frames counted');
    const d = feed.health().dropped;
    const delta = (k: keyof typeof d): number => d[k] - before[k];
    expect({
      malformed: delta('malformed'),
      unknown_message: delta('unknown_message'),
      non_finite: delta('non_finite'),
      non_positive: delta('non_positive'),
      crossed: delta('crossed'),
      jump: delta('jump'),
    }).toEqual({ malformed: 16, unknown_message: 4, non_finite: 8, non_positive: 8, crossed: 4, jump: 4 });
  });

  it('drops duplicated and out-of-order messages, counting gaps', async () => {
    const before = feed.health();
    sim.fault('duplicate', { count: 20 });
    sim.fault('out-of-order', { count: 20 });
    await until(
      () =>
        feed.health().dropped.duplicate - before.dropped.duplicate >= 20 &&
        feed.health().dropped.out_of_order - before.dropped.out_of_order >= 20,
      5000,
      'duplicates and reorders counted',
    );
    await sleep(50); // nothing further may arrive
    const h = feed.health();
    expect(h.dropped.duplicate - before.dropped.duplicate).toBe(20);
    expect(h.dropped.out_of_order - before.dropped.out_of_order).toBe(20);
    // Reordered trades (contiguous ids) show up as gaps; bookTicker ids may skip anyway.
    expect(h.gaps).toBeGreaterThan(before.gaps);
  });

  it('reconnects after a dropped connection and gets every subscription back', async () => {
    const r0 = feed.health().reconnects;
    sim.fault('disconnect');
    await until(
      () => feed.health().reconnects === r0 + 1 && feed.health().state === 'open',
      5000,
      'reconnect',
    );
    await until(() => sim.clientStreams().length === 1, 2000, 'one client');
    expect(sim.clientStreams()).toEqual([ALL_STREAMS]);
    const n = ticks.length;
    await until(
      () => SYMBOLS.every((s) => ticks.slice(n).some((t) => t.symbol === s)),
      5000,
      'ticks after reconnect',
    );
  });

  it('raises stale on a stall and clears it when data resumes', async () => {
    staleEvents.length = 0;
    const r0 = feed.health().reconnects;
    sim.fault('stall', { durationMs: 900 }); // pings continue: the socket is alive, the data is not
    await until(
      () => SYMBOLS.every((s) => staleEvents.some(([x, st]) => x === s && st)),
      3000,
      'stale raised',
    );
    expect(feed.health().staleSymbols.sort()).toEqual([...SYMBOLS].sort());
    await until(
      () => SYMBOLS.every((s) => staleEvents.some(([x, st]) => x === s && !st)),
      5000,
      'stale cleared',
    );
    expect(feed.health().staleSymbols).toEqual([]);
    expect(feed.health().reconnects).toBe(r0);
  });

  it('treats a completely silent connection as dead (idle watchdog) and recovers', async () => {
    const r0 = feed.health().reconnects;
    sim.fault('stall', { durationMs: 1500, silent: true });
    await until(() => feed.health().reconnects > r0, 5000, 'idle reconnect');
    expect(feed.health().lastError).toMatch(/idle/);
    const n = ticks.length;
    await until(() => ticks.length > n + 50, 5000, 'data after silent stall');
  });

  it('reconnects early on serverShutdown', async () => {
    const r0 = feed.health().reconnects;
    sim.fault('server-shutdown', { delayMs: 500 });
    await until(
      () => feed.health().reconnects > r0 && feed.health().state === 'open',
      5000,
      'reconnect on shutdown',
    );
    expect(controls).toContainEqual({ type: 'shutdown_notice' });
  });

  it('passes a flash crash (−20 % then partial recovery) without rejecting real prices', async () => {
    const jumpsBefore = feed.health().dropped.jump;
    const start = sim.prices().BTCUSDT;
    const n = ticks.length;
    sim.scenario('flash-crash', { durationMs: 1200, recoveryMs: 600 });
    await sleep(2000);
    const btc = ticks
      .slice(n)
      .filter((t) => t.symbol === 'BTC-USDT')
      .map(representative);
    expect(Math.min(...btc) / start).toBeLessThan(0.83);
    expect(Math.min(...btc) / start).toBeGreaterThan(0.77);
    expect(btc.at(-1)! / start).toBeGreaterThan(0.86);
    expect(feed.health().dropped.jump).toBe(jumpsBefore);
  });

  it('never let a bad price through, and never re-anchored', () => {
    expect(ticks.length).toBeGreaterThan(1000);
    assertAllGood(ticks);
    expect(feed.pipeline.validator.reanchors).toBe(0);
    expect(feed.pipeline.callbackErrors).toBe(0);
  });
});

describe('connection lifetime and subscribe pacing against the simulator', () => {
  it('survives the forced lifetime cut (24 h on Binance) without losing subscriptions', async () => {
    const sim = await startSimulator({ port: 0, rate: 500, maxConnectionMs: 300 });
    const ticks: Tick[] = [];
    const feed = new FeedConnection({
      adapter: createBinanceSpotAdapter(),
      url: sim.url,
      subscriptions: ['BTC-USDT'],
      onTick: (t) => ticks.push(t),
      backoff: { baseMs: 10, maxMs: 50 },
    });
    try {
      feed.start();
      await until(() => feed.health().reconnects >= 2, 5000, 'two lifetime cuts');
      await until(() => sim.clientStreams().length === 1, 2000, 'client');
      expect(sim.clientStreams()[0]).toEqual(['btcusdt@bookTicker', 'btcusdt@trade']);
      expect(sim.stats().lifetimeCloses).toBeGreaterThanOrEqual(2);
      expect(feed.health().lastClose).toEqual({ code: 1000, reason: 'connection lifetime exceeded' });
      assertAllGood(ticks);
    } finally {
      await feed.stop();
      await sim.close();
    }
  });

  it('queues SUBSCRIBE frames under the 5 messages/s limit (raw /ws mode)', async () => {
    const sim = await startSimulator({ port: 0, rate: 1000 });
    const ticks: Tick[] = [];
    const feed = new FeedConnection({
      adapter: createBinanceSpotAdapter({ mode: 'raw', streamsPerFrame: 3 }),
      url: sim.url,
      subscriptions: SYMBOLS, // 22 streams → 8 frames → 2 s at 4 frames/s
      onTick: (t) => ticks.push(t),
    });
    try {
      feed.start();
      await until(() => sim.clientStreams()[0]?.length === 22, 6000, 'all SUBSCRIBEs');
      expect(sim.stats().rateLimitCloses).toBe(0);
      expect(feed.health().reconnects).toBe(0);
      await until(() => SYMBOLS.every((s) => ticks.some((t) => t.symbol === s)), 3000, 'ticks');
    } finally {
      await feed.stop();
      await sim.close();
    }
  });
});
