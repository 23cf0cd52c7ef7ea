// pretrade.p99_us: checkOrder latency on a 200-position book (10 sectors), each order carrying
// correlations with all 200 held symbols, a 25-entry recent-order list, an ATR and a sizing hint —
// the worst realistic case. As in the engine, the snapshot context and each instrument's
// correlation row (correlationRow) are built once per snapshot, outside the timed region; only
// checkOrder is timed, one call per sample with process.hrtime.bigint().
// pretrade_map.p99_us is the same with a 200-entry Map per order instead of the aligned row
// (one hash look-up per held position): the slower, convenience path.
import { figure, median, percentile, type BenchSuite } from './types';
import { DEFAULT_LIMITS } from '../src/engine/controls/limits';
import { buildPretradeContext, correlationRow } from '../src/engine/controls/pretrade-context';
import { checkOrder, type OrderCheckContext, type PretradeOrder } from '../src/engine/controls/pretrade';
import type { PositionView } from '../src/shared/contract/portfolio';

const NOW = 1_700_000_000_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function setup(orders: number, useMap: boolean): { order: PretradeOrder; ctx: OrderCheckContext }[] {
  const rnd = lcg(42);
  const positions: PositionView[] = [];
  for (let i = 0; i < 200; i++) {
    const mark = 10 + rnd() * 1_000;
    const qty = (rnd() < 0.8 ? 1 : -1) * (1 + Math.floor(rnd() * 100));
    positions.push({
      symbol: `S${i}`,
      kind: 'spot',
      venue: 'bench',
      underlying: null,
      assetClass: 'equity',
      sector: `sector${i % 10}`,
      qty,
      avgCost: mark,
      mark,
      marketValue: qty * mark,
      exposure: Math.abs(qty * mark),
      unrealizedPnl: 0,
      realizedPnl: 0,
      pnlPct: 0,
      marginUsed: 0,
      liquidationDistance: null,
      exitCost: 0,
      stale: false,
      lastUpdateTs: NOW,
    });
  }
  const snapshot = buildPretradeContext({ summary: { equity: 5_000_000, dayStartEquity: 5_000_000, dailyPnl: -10_000, drawdown: 0.02, ts: NOW }, positions, var99: 0.03 });
  const recentOrderTs = Array.from({ length: 25 }, (_, i) => NOW - i * 3_000);
  // One correlation Map and row per instrument (220 = 200 held + 20 new symbols).
  const maps: Map<string, number>[] = [];
  const rows: Float64Array[] = [];
  for (let i = 0; i < 220; i++) {
    const m = new Map<string, number>();
    for (let j = 0; j < 200; j++) if (j !== i) m.set(`S${j}`, rnd() * 1.4 - 0.7);
    maps.push(m);
    rows.push(correlationRow(snapshot, m));
  }
  const out: { order: PretradeOrder; ctx: OrderCheckContext }[] = [];
  for (let k = 0; k < orders; k++) {
    const i = Math.floor(rnd() * 220); // ~10 % new symbols
    const symbol = `S${i}`;
    const px = i < 200 ? positions[i].mark! : 50;
    out.push({
      order: { symbol, side: rnd() < 0.5 ? 'buy' : 'sell', qty: 1 + Math.floor(rnd() * 200) },
      ctx: {
        now: NOW,
        snapshot,
        limits: DEFAULT_LIMITS,
        state: 'ACTIVE',
        instrument: { symbol, kind: 'spot', multiplier: 1, sector: `sector${i % 10}`, assetClass: 'equity' },
        price: { bid: px * 0.999, ask: px * 1.001, mark: px, ts: NOW - 200 },
        recentOrderTs,
        correlations: useMap ? maps[i] : rows[i],
        atr: px * 0.02,
        sizing: { strategy: k % 3 === 0 ? 'trend_following' : k % 3 === 1 ? 'momentum' : 'mean_reversion', winProb: 0.55 },
      },
    });
  }
  return out;
}

function measure(useMap: boolean, quick: boolean): number[] {
  const n = quick ? 2_000 : 5_000;
  const cases = setup(n, useMap);
  const warm = quick ? 20_000 : 100_000;
  const samples = quick ? 60_000 : 300_000;
  let sink = 0;
  for (let i = 0; i < warm; i++) {
    const c = cases[i % n];
    sink += checkOrder(c.order, c.ctx).reasons.length;
  }
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = cases[i % n];
    const t0 = process.hrtime.bigint();
    const r = checkOrder(c.order, c.ctx);
    times[i] = Number(process.hrtime.bigint() - t0) / 1_000;
    sink += r.reasons.length;
  }
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  return Array.from(times);
}

const suite: BenchSuite = async ({ quick }) => {
  const fast = measure(false, quick);
  const map = measure(true, quick);
  return [
    figure('pretrade.p99_us', percentile(fast, 99), 'us', '<=', 20),
    figure('pretrade.p50_us', median(fast), 'us', '<=', 5),
    figure('pretrade_map.p99_us', percentile(map, 99), 'us', '<=', 20),
  ];
};

export default suite;
