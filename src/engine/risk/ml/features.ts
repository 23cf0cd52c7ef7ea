/**
 * Early-warning features: one row per day t, computed from closes[0..t] only (no look-ahead).
 * Returns are simple, r[i] = closes[i+1]/closes[i] − 1 (returns.ts), so on day t the known
 * returns are r[0..t−1]. Defaults (all windows in trading days):
 *
 *   name             definition                                                         window
 *   logVolRatio      ln(σ_20 / σ_250), σ_w = stdev (ddof 1) of the last w returns        20 / 250
 *                    (the ratio of regime.ts / the risk score's volRegime input, in logs)
 *   logGarchRatio    ln(σ̂_{t+1} / s): GARCH(1,1) one-step-ahead vol over the fit        ≤ 1,000, refit 60
 *                    window's sample vol s (garch.ts fitGarch11)
 *   drawdown         1 − close_t / max(close over the last 250 days incl. t), >= 0       250
 *   mom20, mom120    close_t / close_{t−w} − 1                                           20, 120
 *   volClustering    corr(|r_s|, |r_{s−1}|) over the last 60 returns (0 if undefined)    60
 *
 * Why these choices:
 * - Logs of the vol ratios: a ratio is skewed (0.5 and 2 are equally far from 1 in log terms) and
 *   logistic regression is linear in its inputs.
 * - GARCH is refitted every `garchRefitEvery` days on the trailing `garchWindow` returns and rolled
 *   forward between refits with σ²_{t+1} = ω + α(r_t − μ)² + βσ²_t. Refitting daily would cost
 *   ~5,000 fits for no visible change (parameters drift slowly). The denominator is the fit window's
 *   sample vol (= GARCH's long-run vol under variance targeting) rather than ω/(1 − α − β), which
 *   explodes as α + β → 1. The first fits, early in the series, use the (>= 250) returns available.
 * - Drawdown from the trailing 250-day peak, not the all-time peak: the live store holds 1,000 days
 *   while the training file holds 5,000, and an all-time peak would make the feature depend on how
 *   much history happens to be loaded (the S&P stayed under its 2000 peak until 2013).
 * - Correlation level: the S&P file is ONE asset, so the spec's "average pairwise correlation" does
 *   not exist in training. volClustering is an honest stand-in — a volatility-clustering measure,
 *   not a cross-asset correlation. See docs/early-warning.md for how the live side uses it.
 *
 * The first row is day t0 = max(longWindow, momLong, corrWindow + 1) (= 250): every window full.
 * Pure: typed arrays in, typed arrays out; features are raw (standardisation happens in model.ts on
 * the training rows only).
 */
import { fitGarch11, type GarchFit } from '../garch';
import { simpleReturns } from '../returns';
import { correlation } from '../stats';
import { checkInteger, checkSeries, isConstant, type Series } from '../validate';

export const FEATURE_NAMES = [
  'logVolRatio',
  'logGarchRatio',
  'drawdown',
  'mom20',
  'mom120',
  'volClustering',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/**
 * The direction that is riskier, fixed a priori (not fitted): higher vol, deeper drawdown, more
 * clustering → +1; stronger momentum → −1. Used only for single-feature baselines.
 */
export const FEATURE_RISK_SIGN: Readonly<Record<FeatureName, 1 | -1>> = Object.freeze({
  logVolRatio: 1,
  logGarchRatio: 1,
  drawdown: 1,
  mom20: -1,
  mom120: -1,
  volClustering: 1,
});

export interface FeatureOptions {
  shortWindow?: number;
  longWindow?: number;
  garchWindow?: number;
  garchRefitEvery?: number;
  drawdownWindow?: number;
  momShort?: number;
  momLong?: number;
  corrWindow?: number;
}

export type ResolvedFeatureOptions = Required<FeatureOptions>;

export const DEFAULT_FEATURE_OPTIONS: Readonly<ResolvedFeatureOptions> = Object.freeze({
  shortWindow: 20,
  longWindow: 250,
  garchWindow: 1_000,
  garchRefitEvery: 60,
  drawdownWindow: 250,
  momShort: 20,
  momLong: 120,
  corrWindow: 60,
});

/** Row-major feature matrix: row k holds the features of day `index[k]` (a close index). */
export interface FeatureMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
  index: Int32Array;
}

export function resolveFeatureOptions(opts?: FeatureOptions): ResolvedFeatureOptions {
  const o = { ...DEFAULT_FEATURE_OPTIONS, ...opts };
  const fn = 'features';
  checkInteger(o.shortWindow, fn, 'shortWindow', 2);
  checkInteger(o.longWindow, fn, 'longWindow', o.shortWindow + 1);
  checkInteger(o.garchWindow, fn, 'garchWindow', 100);
  checkInteger(o.garchRefitEvery, fn, 'garchRefitEvery', 1);
  checkInteger(o.drawdownWindow, fn, 'drawdownWindow', 1);
  checkInteger(o.momShort, fn, 'momShort', 1);
  checkInteger(o.momLong, fn, 'momLong', 1);
  checkInteger(o.corrWindow, fn, 'corrWindow', 3);
  return o;
}

/** First day with every window full: t0 = max(longWindow, momLong, corrWindow + 1, 100). */
export function firstFeatureDay(o: ResolvedFeatureOptions): number {
  // 100 = GARCH_MIN_OBSERVATIONS: the first GARCH fit needs that many returns.
  return Math.max(o.longWindow, o.momLong, o.momShort, o.corrWindow + 1, o.drawdownWindow - 1, 100);
}

function windowStdev(r: Float64Array, end: number, len: number): number {
  let s = 0;
  for (let i = end - len; i < end; i++) s += r[i];
  const m = s / len;
  let ss = 0;
  for (let i = end - len; i < end; i++) ss += (r[i] - m) ** 2;
  return Math.sqrt(ss / (len - 1));
}

/**
 * Every feature except the GARCH one for day t, written into out[off..off+5] (GARCH slot left).
 * `absR` holds |r|, precomputed once.
 */
function fillRow(
  closes: Float64Array,
  r: Float64Array,
  absR: Float64Array,
  t: number,
  o: ResolvedFeatureOptions,
  out: Float64Array,
  off: number,
): void {
  const longVol = windowStdev(r, t, o.longWindow);
  if (!(longVol > 0)) throw new RangeError(`features: day ${t}: the ${o.longWindow}-day window is constant`);
  out[off] = Math.log(windowStdev(r, t, o.shortWindow) / longVol);
  let peak = closes[t];
  for (let i = Math.max(0, t - o.drawdownWindow + 1); i < t; i++) if (closes[i] > peak) peak = closes[i];
  out[off + 2] = 1 - closes[t] / peak;
  out[off + 3] = closes[t] / closes[t - o.momShort] - 1;
  out[off + 4] = closes[t] / closes[t - o.momLong] - 1;
  // |r_s| against |r_{s−1}| for s = t − w .. t − 1; a flat stretch has no correlation: count as 0.
  const a = absR.subarray(t - o.corrWindow, t);
  const b = absR.subarray(t - o.corrWindow - 1, t - 1);
  out[off + 5] = isConstant(a) || isConstant(b) ? 0 : correlation(a, b);
}

/** GARCH fit on the returns known on day t (r[max(0, t − W)..t−1]). */
function garchAt(r: Float64Array, t: number, o: ResolvedFeatureOptions): GarchFit {
  return fitGarch11(r.subarray(Math.max(0, t - o.garchWindow), t));
}

function checkCloses(closes: Series, fn: string, t0: number): Float64Array {
  checkSeries(closes, fn, 'closes', t0 + 1);
  const c = closes instanceof Float64Array ? closes : Float64Array.from(closes);
  for (let i = 0; i < c.length; i++) {
    if (!(c[i] > 0)) throw new RangeError(`${fn}: closes[${i}] is ${c[i]}, closes must be > 0`);
  }
  return c;
}

/**
 * Features for every day t >= t0 (module comment). GARCH refits on days t0, t0 + refit, …, so the
 * schedule depends only on the options, never on later data.
 * @throws RangeError if fewer than t0 + 1 closes, a close is not finite and > 0, or a long window
 *   is constant (zero volatility: the ratios are undefined).
 */
export function computeFeatures(closes: Series, opts?: FeatureOptions): FeatureMatrix {
  const o = resolveFeatureOptions(opts);
  const t0 = firstFeatureDay(o);
  const c = checkCloses(closes, 'computeFeatures', t0);
  const r = simpleReturns(c);
  const absR = r.map(Math.abs);
  const rows = c.length - t0;
  const data = new Float64Array(rows * FEATURE_COUNT);
  const index = new Int32Array(rows);
  let fit: GarchFit | null = null;
  let v = 0; // σ²_{t+1}: the variance forecast for r[t], made on day t
  for (let k = 0; k < rows; k++) {
    const t = t0 + k;
    index[k] = t;
    const off = k * FEATURE_COUNT;
    fillRow(c, r, absR, t, o, data, off);
    if (k % o.garchRefitEvery === 0) {
      fit = garchAt(r, t, o);
      v = fit.nextVariance;
    } else if (fit) {
      const e = r[t - 1] - fit.mu;
      v = fit.omega + fit.alpha * e * e + fit.beta * v;
    }
    data[off + 1] = 0.5 * Math.log(v / (fit as GarchFit).initialVariance);
  }
  return { data, rows, cols: FEATURE_COUNT, index };
}

/**
 * The live feature vector: the features of the LAST day of `closes` (e.g. the book's equity curve,
 * `equityCurve(portfolioReturns)`), with GARCH fitted fresh on the trailing window ending today.
 * Equal to computeFeatures(closes)'s last row when that day is a refit day.
 * @throws RangeError as computeFeatures (needs at least t0 + 1 = 251 closes by default).
 */
export function featuresFromSeries(closes: Series, opts?: FeatureOptions): Float64Array {
  const o = resolveFeatureOptions(opts);
  const t0 = firstFeatureDay(o);
  const c = checkCloses(closes, 'featuresFromSeries', t0);
  const r = simpleReturns(c);
  const out = new Float64Array(FEATURE_COUNT);
  const t = c.length - 1;
  fillRow(c, r, r.map(Math.abs), t, o, out, 0);
  const fit = garchAt(r, t, o);
  out[1] = 0.5 * Math.log(fit.nextVariance / fit.initialVariance);
  return out;
}

/** Row k of a feature matrix as a fresh array. */
export function featureRow(m: FeatureMatrix, k: number): Float64Array {
  return m.data.slice(k * m.cols, (k + 1) * m.cols);
}
