/**
 * Volatility regime and the adaptive VaR lookback.
 *
 * Method: compare recent volatility with long-run volatility of the same series.
 *   recentVol = stdev of the last `recentWindow` returns (default 20, ~1 month), ddof = 1
 *   longVol   = stdev of the last `longWindow` returns (default 250, ~1 year), ddof = 1
 *   ratio     = recentVol / longVol
 *   regime    = 'stressed' if ratio > 1.5, 'calm' if ratio < 0.75, else 'normal'
 * The thresholds are the same ones that pick the VaR lookback, so the label and the lookback can
 * never disagree: stressed → 60 days (react fast), calm → 250 (don't under-state risk after a
 * quiet spell), normal → 120.
 *
 * `percentile` is reported for context: the share of rolling `recentWindow` vols inside the long
 * window that are <= the current one (1 = the most volatile month of the year).
 */
import { checkInteger, checkSeries, isConstant, type Series } from './validate';

export type VolRegime = 'calm' | 'normal' | 'stressed';

export interface RegimeOptions {
  recentWindow?: number;
  longWindow?: number;
}

export interface RegimeResult {
  regime: VolRegime;
  recentVol: number;
  longVol: number;
  ratio: number;
  percentile: number;
  /** Adaptive historical-VaR lookback in periods: 60, 120 or 250. */
  lookback: 60 | 120 | 250;
}

/** Ratio thresholds shared by the regime label and the lookback. */
export const STRESSED_RATIO = 1.5;
export const CALM_RATIO = 0.75;

/** Regime label from a recent/long vol ratio (> 1.5 stressed, < 0.75 calm, else normal). */
export function regimeFromRatio(ratio: number): VolRegime {
  if (Number.isNaN(ratio)) throw new RangeError('regimeFromRatio: ratio is NaN');
  return ratio > STRESSED_RATIO ? 'stressed' : ratio < CALM_RATIO ? 'calm' : 'normal';
}

/** Adaptive VaR lookback: ratio > 1.5 → 60, ratio < 0.75 → 250, else 120. */
export function adaptiveLookback(ratio: number): 60 | 120 | 250 {
  const r = regimeFromRatio(ratio);
  return r === 'stressed' ? 60 : r === 'calm' ? 250 : 120;
}

function windowStdev(x: Series, end: number, len: number): number {
  let s = 0;
  for (let i = end - len; i < end; i++) s += x[i];
  const m = s / len;
  let ss = 0;
  for (let i = end - len; i < end; i++) ss += (x[i] - m) ** 2;
  return Math.sqrt(ss / (len - 1));
}

/**
 * Current volatility regime of a return series (method in the module comment).
 * @throws RangeError if fewer than longWindow returns, non-finite values, windows not
 *   2 <= recentWindow < longWindow, or a constant long window (zero long-run vol).
 */
export function detectRegime(returns: Series, opts?: RegimeOptions): RegimeResult {
  const recentWindow = opts?.recentWindow ?? 20;
  const longWindow = opts?.longWindow ?? 250;
  checkInteger(recentWindow, 'detectRegime', 'recentWindow', 2);
  checkInteger(longWindow, 'detectRegime', 'longWindow', recentWindow + 1);
  checkSeries(returns, 'detectRegime', 'returns', longWindow);
  const n = returns.length;
  if (isConstant(returns, n - longWindow, n))
    throw new RangeError('detectRegime: the long window is constant, long-run volatility is 0');
  const longVol = windowStdev(returns, n, longWindow);
  const recentVol = windowStdev(returns, n, recentWindow);
  const ratio = recentVol / longVol;
  let count = 0,
    below = 0;
  for (let end = n - longWindow + recentWindow; end <= n; end++) {
    count++;
    if (windowStdev(returns, end, recentWindow) <= recentVol) below++;
  }
  return {
    regime: regimeFromRatio(ratio),
    recentVol,
    longVol,
    ratio,
    percentile: below / count,
    lookback: adaptiveLookback(ratio),
  };
}
