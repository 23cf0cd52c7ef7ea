// Heavy-risk recompute bench (src/engine/risk-engine). Setup:
//   history: the demo ReturnHistory, 1,000 days (SPX-USD real S&P 500 returns, the 10 simulator
//     crypto symbols synthetic) plus 9 extra underlyings synthesised on first use (the default
//     σ 0.8 / β 0.6 path) — 20 underlyings in all, as in bench/risk-portfolio.bench.ts;
//   book: 200 positions — 150 linear (spot, perps; long and short) and 50 European options (calls and
//     puts, strikes 80-120 % of spot, expiries 1 week to 1 year);
//   each iteration is one live recompute: every price moves by a random ±0.2 % first (a tick), so
//     nothing keyed on exact prices can be reused; the history window does not roll (as within a
//     day), so the per-window covariance/correlation/clustering cache is warm, as it is live.
// recompute.p50_ms / recompute.p99_ms: the whole computeRiskSnapshot call — historical P&L with full
//   option repricing over 1,000 days, historical/parametric/Cornish-Fisher VaR, Monte Carlo VaR
//   (20,000 antithetic paths, the live default), EWMA, GARCH fit, regime, correlation, Greeks,
//   exposures, the 175-cell stress grid, named scenarios, risk score, drawdown forecast.
// recompute.cold_p50_ms: median of recomputes with NOTHING reusable — fresh history (after the daily
//   roll) and a resized book (the drawdown forecast is rerun): the worst case a live tick can hit.
import type { BenchFigure, BenchSuite } from './types';
import { figure, percentile } from './types';
import type { Instrument, PositionView } from '../src/shared/contract/portfolio';
import { computeRiskSnapshot, loadDemoHistory, type ReturnHistory } from '../src/engine/risk-engine/index';
import { YEAR_MS } from '../src/engine/risk-engine/book';
import { universeSymbols } from '../src/engine/risk-engine/demo-history';
import { createRng } from '../src/engine/risk/rng';

const NOW = Date.UTC(2025, 0, 15, 8);

export interface RecomputeBook {
  instruments: Map<string, Instrument>;
  /** Position symbol → signed qty. */
  qty: Map<string, number>;
  /** Underlying → price. */
  prices: Map<string, number>;
}

/** The deterministic 200-position bench book described above. */
export function recomputeBook(): RecomputeBook {
  const rng = createRng(7);
  const unders = [...universeSymbols(), ...Array.from({ length: 9 }, (_, i) => `ALT${i}-USDT`)];
  const prices = new Map(unders.map((u) => [u, 1 + rng.next() * 999]));
  const instruments = new Map<string, Instrument>();
  const qty = new Map<string, number>();
  const base = { venue: 'sim', quote: 'USDT', multiplier: 1, beta: 1 } as const;
  for (let i = 0; i < 200; i++) {
    const u = unders[i % unders.length];
    const assetClass = u === 'SPX-USD' ? 'index' : 'crypto';
    const notional = 5_000 + rng.next() * 45_000;
    const spot = prices.get(u)!;
    let inst: Instrument;
    if (i < 50) {
      const type = i % 2 === 0 ? 'call' : 'put';
      const strike = Number((spot * (0.8 + 0.4 * rng.next())).toPrecision(4));
      const expiryMs = NOW + Math.round((7 / 365 + rng.next()) * YEAR_MS);
      inst = {
        ...base,
        symbol: `${u}-${i}-${strike}-${type === 'call' ? 'C' : 'P'}`,
        kind: 'option',
        underlying: u,
        optionType: type,
        strike,
        expiryMs,
        impliedVol: 0.4 + rng.next() * 0.6,
        assetClass,
      };
      qty.set(inst.symbol, Math.round((rng.next() - 0.4) * 20) || 1);
    } else if (i < 50 + unders.length) {
      inst = { ...base, symbol: u, kind: 'spot', assetClass, sector: `S${i % 5}` };
      qty.set(u, notional / spot);
    } else {
      inst = {
        ...base,
        symbol: `${u}-PERP${i}`,
        kind: 'perp',
        underlying: u,
        leverage: 10,
        assetClass,
        sector: `S${i % 5}`,
      };
      qty.set(inst.symbol, ((rng.next() - 0.35) * notional) / spot);
    }
    instruments.set(inst.symbol, inst);
  }
  return { instruments, qty, prices };
}

/** Views as the ledger shows them, at the given prices (options marked at 5 % of spot: unused). */
export function viewsAt(book: RecomputeBook): PositionView[] {
  const out: PositionView[] = [];
  for (const [sym, q] of book.qty) {
    const inst = book.instruments.get(sym)!;
    const under = book.prices.get(inst.underlying ?? sym)!;
    const mark = inst.kind === 'option' ? under * 0.05 : under;
    const mv = q * mark;
    out.push({
      symbol: sym,
      kind: inst.kind,
      venue: inst.venue,
      underlying: inst.underlying ?? null,
      assetClass: inst.assetClass,
      sector: inst.sector ?? null,
      qty: q,
      avgCost: mark,
      mark,
      marketValue: mv,
      exposure: Math.abs(mv),
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
  return out;
}

/** Times one recompute (the views are built before the clock starts: the engine has them already). */
function recompute(book: RecomputeBook, history: ReturnHistory, now: number): number {
  const positions = viewsAt(book);
  const t0 = performance.now();
  computeRiskSnapshot({
    positions,
    instruments: book.instruments,
    prices: book.prices,
    equity: 5_000_000,
    history,
    now,
  });
  return performance.now() - t0;
}

const suite: BenchSuite = async (opts): Promise<BenchFigure[]> => {
  const book = recomputeBook();
  const rng = createRng(11);
  const tick = (): void => {
    for (const [u, p] of book.prices) book.prices.set(u, p * (1 + (rng.next() - 0.5) * 0.004));
  };
  // JIT warm-up on a throwaway history.
  const warm = loadDemoHistory();
  for (let i = 0; i < (opts.quick ? 10 : 30); i++) {
    tick();
    recompute(book, warm, NOW + i * 1000);
  }
  // Live: one history, prices tick between recomputes.
  const history = loadDemoHistory();
  const times: number[] = [];
  const n = opts.quick ? 100 : 500;
  for (let i = 0; i < n; i++) {
    tick();
    times.push(recompute(book, history, NOW + i * 1000));
  }
  // Cold: a fresh history (window caches empty, as after the daily roll) and a resized book (a
  // different vol, so the drawdown forecast is recomputed too): nothing is reused.
  // The first few are JIT warm-up for the paths the live loop never takes (window statistics,
  // the forecast Monte Carlo), and are not recorded.
  const cold: number[] = [];
  const base = new Map(book.qty);
  const warmCold = 3;
  for (let k = 1; k <= warmCold + (opts.quick ? 7 : 15); k++) {
    for (const [sym, q] of base) book.qty.set(sym, q * (1 + 0.1 * k));
    const ms = recompute(book, loadDemoHistory(), NOW);
    if (k > warmCold) cold.push(ms);
  }
  return [
    figure('recompute.p50_ms', percentile(times, 50), 'ms', '<=', 50),
    figure('recompute.p99_ms', percentile(times, 99), 'ms', '<=', 50),
    figure('recompute.cold_p50_ms', percentile(cold, 50), 'ms', '<=', 50),
  ];
};

export default suite;
