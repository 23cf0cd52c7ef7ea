/**
 * Historical replay: today's book pushed through a past crisis of a benchmark index.
 *
 * Method: for every trading day t in [start, end] the benchmark's simple return is
 *   rₜ = Pₜ/Pₜ₋₁ − 1 (Pₜ₋₁ the previous close in the series, even if it lies before `start`;
 *   the very first row of the series has no return and is skipped);
 * each position's underlying follows its beta, compounding day by day from today's spot:
 *   Sᵢ,ₜ = Sᵢ · Πτ≤t (1 + βᵢ·r_τ), floored at 0;
 * the position is revalued at Sᵢ,ₜ (options by BSM with today's vol, rate and expiry — the book
 * is frozen, no time decay, no rehedging), and P&Lₜ = Σᵢ Vᵢ(Sᵢ,ₜ) − Vᵢ(Sᵢ) (cumulative, account
 * currency). Beta defaults to 1 (the position moves one-for-one with the benchmark).
 *
 * Reported:
 *   maxLoss — −min(P&Lₜ) floored at 0 (the worst cumulative loss vs today), and its date;
 *   maxDrawdown — largest peak-to-trough fall of equity + P&L within the window (currency and
 *     fraction of the peak);
 *   worstDay — the most negative one-day change of P&L;
 *   recovery — trading days from the drawdown's trough back to its previous peak:
 *     'observed' when it happens inside the window;
 *     'estimated' otherwise: days = ln(peak/trough) / g, with g the book's expected daily log
 *     growth = β_book · μ, μ the benchmark's mean daily log return over the WHOLE series supplied
 *     (or `recoveryDriftPerDay` if given, which replaces β_book·μ), β_book = Σ dollarDeltaᵢ·βᵢ / equity;
 *     null when g <= 0 (the book is not expected to recover by drifting) or there is no drawdown.
 */
import { checkBook, positionValue, type BookPosition } from './book';
import { betaWeightedDelta } from './options-aggregate';

export interface ReplayWindow {
  id: string;
  name: string;
  /** Inclusive ISO dates. */
  start: string;
  end: string;
}

export const HISTORICAL_WINDOWS: readonly ReplayWindow[] = Object.freeze([
  { id: 'dot-com', name: 'Dot-com bust 2000-2002', start: '2000-01-01', end: '2002-12-31' },
  { id: 'gfc-2008', name: 'Global financial crisis, Sep-Nov 2008', start: '2008-09-01', end: '2008-11-30' },
  { id: 'covid-2020', name: 'COVID-19 crash, 19 Feb - 31 Mar 2020', start: '2020-02-19', end: '2020-03-31' },
]);

export interface ReplayOptions {
  /** Account equity (> 0), for fractions and the recovery estimate. */
  equity: number;
  /** Expected daily log growth of the book used for the recovery estimate (see module doc). */
  recoveryDriftPerDay?: number;
}

export interface ReplayResult {
  window: { start: string; end: string };
  dates: string[];
  /** Benchmark simple return per day. */
  benchmarkReturns: Float64Array;
  /** Cumulative P&L per day (account currency). */
  pnl: Float64Array;
  /** Cumulative P&L / equity. */
  pnlPctEquity: Float64Array;
  maxLoss: { amount: number; pctEquity: number; date: string | null };
  maxDrawdown: { amount: number; pctOfPeak: number; peakDate: string | null; troughDate: string | null };
  worstDay: { date: string | null; pnl: number };
  recovery: { days: number | null; method: 'observed' | 'estimated' | 'none'; date: string | null };
}

const FN = 'historicalReplay';
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Looks up a named window. @throws RangeError listing the known ids. */
export function findWindow(id: string): ReplayWindow {
  const w = HISTORICAL_WINDOWS.find((x) => x.id === id);
  if (!w)
    throw new RangeError(`unknown window '${id}'; known: ${HISTORICAL_WINDOWS.map((x) => x.id).join(', ')}`);
  return w;
}

/**
 * Replays `benchmark` over `window` against today's `positions` (method in the module doc).
 * @throws RangeError naming the bad input: misaligned or unsorted dates, non-positive prices, a
 *   malformed window, a window with no trading day, a bad position.
 */
export function historicalReplay(
  positions: readonly BookPosition[],
  benchmark: { dates: readonly string[]; prices: Float64Array },
  window: { start: string; end: string },
  opts: ReplayOptions,
): ReplayResult {
  checkBook(positions, FN);
  const { dates, prices } = benchmark;
  if (dates.length !== prices.length)
    throw new RangeError(`${FN}: benchmark.dates has ${dates.length} entries, prices ${prices.length}`);
  for (let i = 0; i < prices.length; i++) {
    if (!(Number.isFinite(prices[i]) && prices[i] > 0))
      throw new RangeError(`${FN}: benchmark.prices[${i}] must be a finite number > 0, got ${prices[i]}`);
    if (i > 0 && !(dates[i] > dates[i - 1]))
      throw new RangeError(`${FN}: benchmark.dates[${i}] '${dates[i]}' is not after '${dates[i - 1]}'`);
  }
  if (!ISO.test(window.start))
    throw new RangeError(`${FN}: window.start must be YYYY-MM-DD, got '${window.start}'`);
  if (!ISO.test(window.end))
    throw new RangeError(`${FN}: window.end must be YYYY-MM-DD, got '${window.end}'`);
  if (window.end < window.start)
    throw new RangeError(`${FN}: window.end ${window.end} is before window.start ${window.start}`);
  const equity = opts.equity;
  if (!(Number.isFinite(equity) && equity > 0))
    throw new RangeError(`${FN}: equity must be a finite number > 0, got ${equity}`);

  const idx: number[] = [];
  // Compare on the date part so "2008-09-02T00:00" style stamps still fall inside the window.
  for (let i = 1; i < dates.length; i++) {
    const d = dates[i].slice(0, 10);
    if (d >= window.start && d <= window.end) idx.push(i);
  }
  if (idx.length === 0)
    throw new RangeError(`${FN}: no trading day with a previous close in ${window.start}..${window.end}`);

  const np = positions.length;
  const base = positions.map((p) => positionValue(p));
  const growth = new Float64Array(np).fill(1);
  const T = idx.length;
  const outDates: string[] = [];
  const rets = new Float64Array(T);
  const pnl = new Float64Array(T);
  idx.forEach((i, t) => {
    const r = prices[i] / prices[i - 1] - 1;
    rets[t] = r;
    outDates.push(dates[i]);
    let sum = 0;
    for (let k = 0; k < np; k++) {
      const p = positions[k];
      growth[k] = Math.max(growth[k] * (1 + (p.beta ?? 1) * r), 0);
      sum += positionValue(p, p.spot * growth[k]) - base[k];
    }
    pnl[t] = sum;
  });

  let minT = 0;
  for (let t = 1; t < T; t++) if (pnl[t] < pnl[minT]) minT = t;
  const maxLossAmt = Math.max(0, -pnl[minT]);
  let worstT = 0;
  let worst = pnl[0];
  for (let t = 1; t < T; t++) {
    const d = pnl[t] - pnl[t - 1];
    if (d < worst) {
      worst = d;
      worstT = t;
    }
  }
  // Drawdown on equity E_t = equity + P&L_t, with E before the window = equity (P&L 0).
  let peak = equity;
  let peakT = -1;
  let dd = 0;
  let ddPeak = equity;
  let ddPeakT = -1;
  let ddTroughT = -1;
  for (let t = 0; t < T; t++) {
    const e = equity + pnl[t];
    if (e > peak) {
      peak = e;
      peakT = t;
    }
    if (peak - e > dd) {
      dd = peak - e;
      ddPeak = peak;
      ddPeakT = peakT;
      ddTroughT = t;
    }
  }
  const recovery: ReplayResult['recovery'] = { days: null, method: 'none', date: null };
  if (dd > 0) {
    for (let t = ddTroughT + 1; t < T; t++) {
      if (equity + pnl[t] >= ddPeak) {
        recovery.days = t - ddTroughT;
        recovery.method = 'observed';
        recovery.date = outDates[t];
        break;
      }
    }
    if (recovery.method === 'none') {
      const g = opts.recoveryDriftPerDay ?? bookDrift(positions, prices, equity);
      const trough = ddPeak - dd;
      recovery.method = 'estimated';
      recovery.days = g > 0 && trough > 0 ? Math.ceil(Math.log(ddPeak / trough) / g) : null;
    }
  }
  return {
    window: { start: window.start, end: window.end },
    dates: outDates,
    benchmarkReturns: rets,
    pnl,
    pnlPctEquity: pnl.map((v) => v / equity),
    maxLoss: {
      amount: maxLossAmt,
      pctEquity: maxLossAmt / equity,
      date: maxLossAmt > 0 ? outDates[minT] : null,
    },
    maxDrawdown: {
      amount: dd,
      pctOfPeak: dd > 0 ? dd / ddPeak : 0,
      peakDate: ddPeakT >= 0 ? outDates[ddPeakT] : dd > 0 ? window.start : null,
      troughDate: ddTroughT >= 0 ? outDates[ddTroughT] : null,
    },
    worstDay: { date: outDates[worstT], pnl: worst },
    recovery,
  };
}

/** β_book · μ: the book's expected daily log growth from the benchmark's long-run drift. */
function bookDrift(positions: readonly BookPosition[], prices: Float64Array, equity: number): number {
  const n = prices.length;
  if (n < 2) return 0;
  const mu = Math.log(prices[n - 1] / prices[0]) / (n - 1);
  const betaBook = betaWeightedDelta(positions, 1).dollars / equity;
  return betaBook * mu;
}
