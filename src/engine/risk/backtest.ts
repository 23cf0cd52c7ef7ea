/**
 * VaR backtesting: rolling out-of-sample forecasts, exceptions, and the standard tests.
 *
 * - Forecast for day t uses only returns t−W..t−1 (window W); an exception is r_t < −VaR_t
 *   (strictly worse than the forecast loss). Forecasts exist for t = W..N−1, so n = N − W.
 * - Kupiec (1995) proportion-of-failures: with x exceptions in n days and p = 1 − c,
 *     LR_pof = −2·[ (n−x)·ln(1−p) + x·ln p − (n−x)·ln(1−x/n) − x·ln(x/n) ]  ~ χ²(1),
 *   using 0·ln 0 = 0 (so x = 0 and x = n are defined).
 * - Christoffersen (1998) independence: with n_ij = #(hit_{t−1} = i, hit_t = j),
 *   π0 = n01/(n00+n01), π1 = n11/(n10+n11), π = (n01+n11)/(n00+n01+n10+n11),
 *     LR_ind = −2·[ ln L(π) − ln L(π0, π1) ]  ~ χ²(1);   LR_cc = LR_pof + LR_ind ~ χ²(2).
 *   Empty rows (e.g. no exception before the last day) contribute 0, by the same 0·ln 0 = 0 rule.
 * - Basel traffic light (BCBS 1996 "Supervisory framework for the use of backtesting"): the zone
 *   boundaries are where the binomial(n, p) CDF reaches 95 % (yellow starts) and 99.99 % (red
 *   starts). For n = 250, p = 1 % this gives the published green 0–4, yellow 5–9, red ≥ 10; for
 *   other n and p the same probabilities are applied rather than scaling the 4/9 counts.
 */
import { historicalFromSorted, gaussianVarCvar } from './var';
import { checkQuantileMethod, type QuantileMethod } from './stats';
import { chiSquare1Sf, chiSquare2Sf } from './special';
import { checkInteger, checkProbability, checkSeries, type Series } from './validate';

export type BaselZone = 'green' | 'yellow' | 'red';

export interface LrTest {
  lr: number;
  p: number;
}

export interface VarBacktestOptions {
  window: number;
  confidence: number;
  /** `historical` (default) or `parametric` (Gaussian, ddof = 1) rolling VaR. */
  model?: 'historical' | 'parametric';
  /** Quantile method for the historical model, default `linear`. */
  quantileMethod?: QuantileMethod;
}

export interface VarBacktestResult {
  /** Number of forecasts (N − window). */
  n: number;
  exceptions: number;
  /** n·(1 − c). */
  expected: number;
  kupiec: LrTest;
  christoffersen: LrTest;
  /** Joint test LR_pof + LR_ind, χ²(2). */
  conditionalCoverage: LrTest;
  zone: BaselZone;
  /** VaR forecast for returns[window + i] (positive loss). */
  forecasts: Float64Array;
  /** 1 where returns[window + i] < −forecasts[i]. */
  hits: Uint8Array;
}

/** x·ln(y) with 0·ln(0) = 0. */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/**
 * Rolling one-step VaR forecasts: element i is the VaR for returns[window + i] from the `window`
 * returns before it. Historical windows are kept sorted incrementally (binary search + shift), so a
 * step costs O(W) instead of a full sort.
 * @throws RangeError if window < 2, window >= returns.length, or bad confidence/method.
 */
export function rollingVar(returns: Series, opts: VarBacktestOptions): Float64Array {
  const { window, confidence } = opts;
  const model = opts.model ?? 'historical';
  const method = opts.quantileMethod ?? 'linear';
  checkSeries(returns, 'rollingVar', 'returns', 3);
  checkInteger(window, 'rollingVar', 'window', 2);
  if (window >= returns.length) {
    throw new RangeError(
      `rollingVar: window (${window}) must be smaller than the number of returns (${returns.length})`,
    );
  }
  checkProbability(confidence, 'rollingVar', 'confidence');
  checkQuantileMethod(method, 'rollingVar');
  if (model !== 'historical' && model !== 'parametric')
    throw new RangeError(`rollingVar: unknown model '${String(model)}'`);
  const n = returns.length - window;
  const out = new Float64Array(n);
  if (model === 'parametric') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = i; t < i + window; t++) s += returns[t];
      const m = s / window;
      let ss = 0;
      for (let t = i; t < i + window; t++) ss += (returns[t] - m) ** 2;
      out[i] = gaussianVarCvar(m, Math.sqrt(ss / (window - 1)), confidence).var;
    }
    return out;
  }
  const sorted = Float64Array.from({ length: window }, (_, t) => returns[t]).sort();
  for (let i = 0; i < n; i++) {
    out[i] = historicalFromSorted(sorted, confidence, method).var;
    if (i + 1 < n) {
      // Slide: drop returns[i], add returns[i + window].
      const old = returns[i];
      const add = returns[i + window];
      const at = lowerBound(sorted, old, window);
      sorted.copyWithin(at, at + 1, window);
      const ins = lowerBound(sorted, add, window - 1);
      sorted.copyWithin(ins + 1, ins, window - 1);
      sorted[ins] = add;
    }
  }
  return out;
}

/** First index in sorted[0..len) whose value is >= x. */
function lowerBound(sorted: Float64Array, x: number, len: number): number {
  let lo = 0,
    hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Kupiec POF likelihood-ratio test.
 * @param exceptions x, @param n observations, @param p expected exception probability (1 − c).
 * @throws RangeError on x outside [0, n], n < 1, or p not in (0, 1).
 */
export function kupiecPof(exceptions: number, n: number, p: number): LrTest {
  checkInteger(n, 'kupiecPof', 'n', 1);
  checkInteger(exceptions, 'kupiecPof', 'exceptions', 0);
  if (exceptions > n) throw new RangeError(`kupiecPof: exceptions (${exceptions}) cannot exceed n (${n})`);
  checkProbability(p, 'kupiecPof', 'p');
  const x = exceptions;
  const phat = x / n;
  const lr = Math.max(0, -2 * (xlogy(n - x, 1 - p) + xlogy(x, p) - xlogy(n - x, 1 - phat) - xlogy(x, phat)));
  return { lr, p: chiSquare1Sf(lr) };
}

/**
 * Christoffersen independence test on a 0/1 hit sequence (first-order Markov alternative).
 * @throws RangeError if fewer than 2 hits or a value other than 0/1.
 */
export function christoffersenIndependence(hits: ArrayLike<number>): LrTest {
  if (hits.length < 2)
    throw new RangeError(`christoffersenIndependence: hits needs at least 2 values, got ${hits.length}`);
  let n00 = 0,
    n01 = 0,
    n10 = 0,
    n11 = 0;
  for (let t = 0; t < hits.length; t++) {
    const h = hits[t];
    if (h !== 0 && h !== 1)
      throw new RangeError(`christoffersenIndependence: hits[${t}] is ${h}, expected 0 or 1`);
    if (t === 0) continue;
    const prev = hits[t - 1];
    if (prev === 0) {
      if (h === 0) n00++;
      else n01++;
    } else if (h === 0) n10++;
    else n11++;
  }
  const total = n00 + n01 + n10 + n11;
  const pi = (n01 + n11) / total;
  const pi0 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi1 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const lr = Math.max(0, -2 * (l0 - l1)); // rounding can give −1e-13 when the models coincide
  return { lr, p: chiSquare1Sf(lr) };
}

/** log(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * Binomial CDF P(X <= k), X ~ Bin(n, p), summed in log space (no underflow for large n).
 * @throws RangeError on n < 0, k not an integer, or p not in (0, 1).
 */
export function binomialCdf(k: number, n: number, p: number): number {
  checkInteger(n, 'binomialCdf', 'n', 0);
  if (!Number.isInteger(k)) throw new RangeError(`binomialCdf: k must be an integer, got ${k}`);
  checkProbability(p, 'binomialCdf', 'p');
  if (k < 0) return 0;
  if (k >= n) return 1;
  const lq = Math.log1p(-p),
    lr = Math.log(p) - lq;
  let lpmf = n * lq;
  let lcdf = lpmf;
  for (let j = 0; j < k; j++) {
    lpmf += Math.log(n - j) - Math.log(j + 1) + lr;
    lcdf = logAddExp(lcdf, lpmf);
  }
  return Math.min(1, Math.exp(lcdf));
}

export interface BaselZoneResult {
  zone: BaselZone;
  /** Largest exception count still green (binomial CDF < 95 %). */
  greenMax: number;
  /** Largest exception count still yellow (binomial CDF < 99.99 %). */
  yellowMax: number;
  /** P(X <= exceptions). */
  cumulativeProbability: number;
}

/**
 * Basel traffic-light zone for `exceptions` in n days at exception probability p (= 1 − c).
 * Green while P(X <= x) < 0.95, yellow while < 0.9999, red from there on.
 * @throws RangeError on bad n, exceptions, or p.
 */
export function baselZone(exceptions: number, n: number, p: number): BaselZoneResult {
  checkInteger(n, 'baselZone', 'n', 1);
  checkInteger(exceptions, 'baselZone', 'exceptions', 0);
  checkProbability(p, 'baselZone', 'p');
  let greenMax = -1,
    yellowMax = -1;
  const lq = Math.log1p(-p),
    lr = Math.log(p) - lq;
  let lpmf = n * lq;
  let lcdf = lpmf;
  for (let k = 0; k <= n; k++) {
    if (k > 0) {
      lpmf += Math.log(n - k + 1) - Math.log(k) + lr;
      lcdf = logAddExp(lcdf, lpmf);
    }
    const cdf = Math.exp(lcdf);
    if (cdf < 0.95) greenMax = k;
    if (cdf < 0.9999) yellowMax = k;
    else break;
  }
  const zone: BaselZone = exceptions <= greenMax ? 'green' : exceptions <= yellowMax ? 'yellow' : 'red';
  return { zone, greenMax, yellowMax, cumulativeProbability: binomialCdf(exceptions, n, p) };
}

/**
 * Full VaR backtest: rolling forecasts, exceptions, Kupiec, Christoffersen, conditional coverage
 * and Basel zone (conventions in the module comment).
 * @throws RangeError as rollingVar.
 */
export function backtestVar(returns: Series, opts: VarBacktestOptions): VarBacktestResult {
  const forecasts = rollingVar(returns, opts);
  const n = forecasts.length;
  const hits = new Uint8Array(n);
  let x = 0;
  for (let i = 0; i < n; i++) {
    if (returns[opts.window + i] < -forecasts[i]) {
      hits[i] = 1;
      x++;
    }
  }
  // 1 − c carries binary noise (1 − 0.99 = 0.010000000000000009); 12 significant digits remove it
  // so `expected` prints as 48.54, not 48.54000000000004, without changing any test materially.
  const p = Number((1 - opts.confidence).toPrecision(12));
  const kupiec = kupiecPof(x, n, p);
  const christoffersen = n >= 2 ? christoffersenIndependence(hits) : { lr: 0, p: 1 };
  const cc = kupiec.lr + christoffersen.lr;
  return {
    n,
    exceptions: x,
    expected: n * p,
    kupiec,
    christoffersen,
    conditionalCoverage: { lr: cc, p: chiSquare2Sf(cc) },
    zone: baselZone(x, n, p).zone,
    forecasts,
    hits,
  };
}
