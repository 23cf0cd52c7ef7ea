/**
 * Chunked historical replay of today's book (the Stress page's "historical replay").
 *
 * Same method and conventions as `historicalReplay` (src/engine/risk/historical-replay.ts, whose
 * module doc is the reference): benchmark simple return rₜ = Pₜ/Pₜ₋₁ − 1 for every trading day in
 * the window (the previous close may lie before the window); Sᵢ,ₜ = Sᵢ·Π(1 + βᵢ·r), floored at 0;
 * P&Lₜ = Σ Vᵢ(Sᵢ,ₜ) − Vᵢ(Sᵢ); equity path = equity + P&Lₜ; worst day = most negative one-day
 * change of P&L (day 1 counts from P&L 0); max drawdown on the equity path with the pre-window
 * equity as the first peak; recovery = trading days from the trough back to the peak inside the
 * window, else an estimate from the book's drift (β_book·μ over the whole series supplied).
 *
 * What differs is only the schedule: the path is computed `chunkDays` at a time and `pause()` is
 * awaited between chunks, so the engine's event loop (ticks, requests) runs in between and a
 * progress callback can report. The library function stays the single-shot reference; the unit
 * tests check both give the same numbers on the real windows.
 */
import { checkBook, positionValue, type BookPosition } from '../risk/book';
import { betaWeightedDelta } from '../risk/options-aggregate';

export interface ReplaySeries {
  dates: readonly string[];
  closes: Float64Array;
}

export interface ChunkedReplayOptions {
  equity: number;
  /** Days per chunk (default: a twentieth of the window, at least 1). */
  chunkDays?: number;
  /** Awaited between chunks (default: one macrotask via setImmediate). */
  pause?: () => Promise<void>;
  /** Called after every chunk with days done and total (the last call has done = total). */
  onProgress?: (done: number, total: number) => void;
}

export interface ChunkedReplayResult {
  dates: string[];
  pnl: Float64Array;
  equityPath: Float64Array;
  /** Cumulative benchmark simple return since the window's first previous close. */
  benchmark: Float64Array;
  worstDay: { date: string | null; pnl: number };
  maxDrawdown: { amount: number; pct: number; peakDate: string | null; troughDate: string | null };
  maxLoss: { amount: number; pct: number; date: string | null };
  recovery: { status: 'recovered' | 'not-recovered' | 'no-drawdown'; days: number | null; date: string | null; estimatedDays: number | null };
}

const FN = 'replayBook';
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const immediate = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Indices of the series' rows inside [start, end] that have a previous close.
 * @throws RangeError on a malformed window or one with no trading day.
 */
export function windowRows(series: ReplaySeries, start: string, end: string): number[] {
  if (!ISO.test(start)) throw new RangeError(`${FN}: window.start must be YYYY-MM-DD, got '${start}'`);
  if (!ISO.test(end)) throw new RangeError(`${FN}: window.end must be YYYY-MM-DD, got '${end}'`);
  if (end < start) throw new RangeError(`${FN}: window.end ${end} is before window.start ${start}`);
  if (series.dates.length !== series.closes.length)
    throw new RangeError(`${FN}: series.dates has ${series.dates.length} entries, closes ${series.closes.length}`);
  const idx: number[] = [];
  for (let i = 1; i < series.dates.length; i++) {
    const d = series.dates[i].slice(0, 10);
    if (d >= start && d <= end) idx.push(i);
  }
  if (idx.length === 0) throw new RangeError(`${FN}: no trading day with a previous close in ${start}..${end}`);
  return idx;
}

/** The replay (module doc). @throws RangeError naming the bad input. */
export async function replayBook(
  positions: readonly BookPosition[],
  series: ReplaySeries,
  window: { start: string; end: string },
  opts: ChunkedReplayOptions,
): Promise<ChunkedReplayResult> {
  checkBook(positions, FN);
  const { equity } = opts;
  if (!(Number.isFinite(equity) && equity > 0)) throw new RangeError(`${FN}: equity must be a finite number > 0, got ${equity}`);
  const { closes } = series;
  for (let i = 0; i < closes.length; i++)
    if (!(Number.isFinite(closes[i]) && closes[i] > 0))
      throw new RangeError(`${FN}: series.closes[${i}] must be a finite number > 0, got ${closes[i]}`);
  const idx = windowRows(series, window.start, window.end);
  const T = idx.length;
  const chunk = opts.chunkDays ?? Math.max(1, Math.ceil(T / 20));
  if (!(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`${FN}: chunkDays must be an integer >= 1, got ${chunk}`);
  const pause = opts.pause ?? immediate;

  const np = positions.length;
  const base = positions.map((p) => positionValue(p));
  const growth = new Float64Array(np).fill(1);
  const pnl = new Float64Array(T);
  const bench = new Float64Array(T);
  const p0 = closes[idx[0] - 1];
  for (let from = 0; from < T; from += chunk) {
    const to = Math.min(T, from + chunk);
    for (let t = from; t < to; t++) {
      const i = idx[t];
      const r = closes[i] / closes[i - 1] - 1;
      bench[t] = closes[i] / p0 - 1;
      let sum = 0;
      for (let k = 0; k < np; k++) {
        const p = positions[k];
        growth[k] = Math.max(growth[k] * (1 + (p.beta ?? 1) * r), 0);
        sum += positionValue(p, p.spot * growth[k]) - base[k];
      }
      pnl[t] = sum;
    }
    opts.onProgress?.(to, T);
    if (to < T) await pause();
  }
  const dates = idx.map((i) => series.dates[i]);
  return { dates, pnl, equityPath: pnl.map((v) => equity + v), benchmark: bench, ...summarise(positions, pnl, dates, equity, closes) };
}

type Summary = Pick<ChunkedReplayResult, 'worstDay' | 'maxDrawdown' | 'maxLoss' | 'recovery'>;

/** Worst day, max loss, max drawdown and recovery of a P&L path (conventions in the module doc). */
export function summarise(positions: readonly BookPosition[], pnl: Float64Array, dates: readonly string[], equity: number, closes: Float64Array): Summary {
  const T = pnl.length;
  let minT = 0;
  for (let t = 1; t < T; t++) if (pnl[t] < pnl[minT]) minT = t;
  const lossAmt = Math.max(0, -pnl[minT]);
  let worstT = 0;
  let worst = pnl[0];
  for (let t = 1; t < T; t++) {
    const d = pnl[t] - pnl[t - 1];
    if (d < worst) {
      worst = d;
      worstT = t;
    }
  }
  let peak = equity;
  let peakT = -1;
  let dd = 0;
  let ddPeak = equity;
  let ddPeakT = -1;
  let troughT = -1;
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
      troughT = t;
    }
  }
  let recovery: Summary['recovery'] = { status: 'no-drawdown', days: null, date: null, estimatedDays: null };
  if (dd > 0) {
    recovery = { status: 'not-recovered', days: null, date: null, estimatedDays: null };
    for (let t = troughT + 1; t < T; t++) {
      if (equity + pnl[t] >= ddPeak) {
        recovery = { status: 'recovered', days: t - troughT, date: dates[t], estimatedDays: null };
        break;
      }
    }
    if (recovery.status === 'not-recovered') {
      const g = bookDrift(positions, closes, equity);
      const trough = ddPeak - dd;
      recovery.estimatedDays = g > 0 && trough > 0 ? Math.ceil(Math.log(ddPeak / trough) / g) : null;
    }
  }
  return {
    worstDay: { date: T > 0 ? dates[worstT] : null, pnl: worst },
    maxDrawdown: {
      amount: dd,
      pct: dd > 0 ? dd / ddPeak : 0,
      // A drawdown from the pre-window equity has no peak day inside the window: the window's first day.
      peakDate: ddPeakT >= 0 ? dates[ddPeakT] : dd > 0 ? dates[0] : null,
      troughDate: troughT >= 0 ? dates[troughT] : null,
    },
    maxLoss: { amount: lossAmt, pct: lossAmt / equity, date: lossAmt > 0 ? dates[minT] : null },
    recovery,
  };
}

/** β_book·μ: expected daily log growth of the book from the index's long-run drift (historical-replay.ts). */
function bookDrift(positions: readonly BookPosition[], closes: Float64Array, equity: number): number {
  const n = closes.length;
  if (n < 2) return 0;
  const mu = Math.log(closes[n - 1] / closes[0]) / (n - 1);
  return (betaWeightedDelta(positions, 1).dollars / equity) * mu;
}
