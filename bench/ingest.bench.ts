// Market-data ingest benches.
//  ingest.msgs_per_s    parse → validate → normalise → mark on pre-generated Binance combined-stream
//                       frames (trade + bookTicker, 11 symbols), one core, no sockets. "Mark" =
//                       update a per-symbol last-price map and a position P&L qty × (price − avgCost).
//  tick_to_mark.p99_ms  loopback simulator at 20 000 msgs/s → ws → FeedConnection → mark; latency =
//                       mark time − the trade's `E` event time stamped by the simulator (same clock).
//                       E is whole milliseconds (floored), so figures overstate latency by ≤ 1 ms.
//                       The simulator runs on a worker thread, as a venue would be elsewhere: its
//                       frame generation and GC must not count as client latency.
import { performance } from 'node:perf_hooks';
import { createBinanceSpotAdapter } from '../src/engine/feeds/adapters/binance';
import { FeedConnection } from '../src/engine/feeds/connection';
import { FeedPipeline } from '../src/engine/feeds/pipeline';
import type { Tick } from '../src/engine/feeds/tick';
import { createRng } from '../src/engine/risk/rng';
import { bookTickerPayload, combinedFrame, fmt, tradePayload } from '../src/engine/sim/binance-format';
import { DEFAULT_UNIVERSE } from '../src/engine/sim/models/universe';
import { simulatorWorker } from './sim-worker';
import { figure, median, percentile, type BenchFigure, type BenchSuite } from './types';

const SYMBOLS = DEFAULT_UNIVERSE.map((u) => u.symbol);
const CANONICAL = [
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

/** Realistic recorded-style frames: a random walk per symbol, alternating trade / bookTicker. */
function recordFrames(n: number): string[] {
  const rng = createRng(20240601);
  const px = DEFAULT_UNIVERSE.map((u) => u.start);
  const tradeId = DEFAULT_UNIVERSE.map(() => 3_000_000_000);
  const updateId = DEFAULT_UNIVERSE.map(() => 40_000_000_000);
  const out: string[] = [];
  let E = 1_717_200_000_000;
  for (let k = 0; k < n; k++) {
    const i = k % px.length;
    const u = DEFAULT_UNIVERSE[i];
    px[i] = px[i] * Math.exp(0.0002 * rng.normal());
    const half = Math.max(u.tick, (px[i] * u.spreadBps * 1e-4) / 2);
    const bid = Math.floor((px[i] - half) / u.tick) * u.tick;
    const ask = bid + 2 * half;
    if (k % 2 === 0) {
      const m = rng.next() < 0.5;
      const p = tradePayload(
        u.symbol,
        E,
        ++tradeId[i],
        fmt(m ? bid : ask),
        fmt((u.notional / px[i]) * (0.2 + rng.next())),
        E - 1,
        m,
      );
      out.push(combinedFrame(`${u.symbol.toLowerCase()}@trade`, p));
    } else {
      updateId[i] += 1 + Math.floor(rng.next() * 3);
      const p = bookTickerPayload(
        updateId[i],
        u.symbol,
        fmt(bid),
        fmt(rng.next() * 5),
        fmt(ask),
        fmt(rng.next() * 5),
      );
      out.push(combinedFrame(`${u.symbol.toLowerCase()}@bookTicker`, p));
    }
    if (k % 20 === 0) E++;
  }
  return out;
}

/** The "mark" step: last-price map + P&L of a fixed book of positions. */
function markBook() {
  const last = new Map<string, number>();
  const pnl = new Map<string, number>();
  const positions = new Map(
    CANONICAL.map((s, i) => [s, { qty: (i % 3) - 1 + 0.5, avgCost: DEFAULT_UNIVERSE[i].start }]),
  );
  return {
    last,
    pnl,
    mark(t: Tick): number {
      const p =
        t.last ?? (t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : (t.bid ?? t.ask)!);
      last.set(t.symbol, p);
      const pos = positions.get(t.symbol);
      if (pos) pnl.set(t.symbol, pos.qty * (p - pos.avgCost));
      return p;
    },
  };
}

async function ingestThroughput(quick: boolean): Promise<BenchFigure> {
  const frames = recordFrames(200_000);
  const book = markBook();
  const pipe = new FeedPipeline(createBinanceSpotAdapter(), { onTick: (t) => void book.mark(t) });
  const rounds = quick ? 3 : 7;
  const rates: number[] = [];
  for (let r = -1; r < rounds; r++) {
    pipe.resetSession(); // replaying the same recording must not look like duplicates
    const t0 = performance.now();
    for (let k = 0; k < frames.length; k++) pipe.ingest(frames[k], 1_717_200_000_000 + k);
    const s = (performance.now() - t0) / 1000;
    if (r >= 0) rates.push(frames.length / s); // round -1 is JIT warm-up
  }
  const dropped = Object.values(pipe.validator.dropped).reduce((a, b) => a + b, 0);
  if (dropped !== 0 || book.pnl.size !== CANONICAL.length)
    throw new Error(`ingest bench sanity: ${dropped} drops, ${book.pnl.size} marks`);
  return figure('ingest.msgs_per_s', median(rates), 'msgs/s', '>=', 200_000);
}

async function tickToMark(quick: boolean): Promise<BenchFigure[]> {
  const sim = await simulatorWorker({ port: 0, rate: 20_000, seed: 7, batchIntervalMs: 2 });
  const book = markBook();
  const lat: number[] = [];
  let measuring = false;
  let received = 0;
  const feed = new FeedConnection({
    // Microsecond event times (Binance's timeUnit option): no whole-millisecond quantisation in the figure.
    adapter: createBinanceSpotAdapter({ timeUnit: 'MICROSECOND' }),
    url: sim.url,
    subscriptions: CANONICAL,
    onTick: (t) => {
      book.mark(t);
      if (!measuring) return;
      received++;
      // Only trades carry the simulator's E stamp (spot bookTicker has no event time).
      if (t.kind === 'trade') lat.push(performance.timeOrigin + performance.now() - t.exchTs);
    },
  });
  try {
    feed.start();
    const deadline = Date.now() + 10_000;
    while (feed.health().state !== 'open' || book.last.size < SYMBOLS.length) {
      if (Date.now() > deadline) throw new Error('simulator feed did not start');
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, quick ? 500 : 1500)); // warm-up
    measuring = true;
    const windowMs = quick ? 3000 : 10_000;
    await new Promise((r) => setTimeout(r, windowMs));
    measuring = false;
    if (lat.length < 1000) throw new Error(`too few samples (${lat.length})`);
    return [
      figure('tick_to_mark.p99_ms', percentile(lat, 99), 'ms', '<=', 2),
      figure('tick_to_mark.p50_ms', percentile(lat, 50), 'ms', '<=', 2),
      figure('tick_to_mark.delivered_msgs_per_s', received / (windowMs / 1000), 'msgs/s', '>=', 18_000),
    ];
  } finally {
    await feed.stop();
    await sim.close();
  }
}

// Latency first: the throughput run leaves 200k frames of garbage whose collection would land in
// the latency window.
const suite: BenchSuite = async (opts) => {
  const latency = await tickToMark(opts.quick);
  return [await ingestThroughput(opts.quick), ...latency];
};
export default suite;
