/**
 * Value at Risk and Conditional VaR (expected shortfall) on a return series.
 *
 * Sign convention: VaR and CVaR are reported as POSITIVE losses, in the units of the input
 * (fractions of value for returns): a 95 % VaR of 0.021 means "on 5 % of days we lose at least
 * 2.1 %". If the tail quantile is itself a gain the VaR comes out negative; it is not clamped.
 * `confidence` is the VaR level c (0.95, 0.99); the tail probability is α = 1 − c.
 *
 * Horizon: every function works on one period of the input; `scaleToHorizon` applies √h.
 */
import {
  moments,
  quantileSorted,
  sortedCopy,
  checkQuantileMethod,
  meanUnchecked,
  type QuantileMethod,
} from './stats';
import { normInv, normPdf } from './special';
import { checkProbability, checkSeries, checkPositive, type Series } from './validate';

export interface VarCvar {
  var: number;
  cvar: number;
}

/**
 * VaR and CVaR from an ascending-sorted sample (no validation; see historicalVarCvar).
 * The CVaR tail is every observation <= the VaR quantile q (ties at q are included), so the tail is
 * never empty and CVaR >= VaR always holds.
 */
export function historicalFromSorted(
  sorted: Float64Array,
  confidence: number,
  method: QuantileMethod,
): VarCvar {
  const q = quantileSorted(sorted, 1 - confidence, method);
  let sum = 0;
  let k = 0;
  for (; k < sorted.length && sorted[k] <= q; k++) sum += sorted[k];
  return { var: -q, cvar: -sum / k };
}

/**
 * Historical (non-parametric) VaR and CVaR.
 * - VaR = −Q(α), Q the sample quantile at α = 1 − c with `method` (`linear` = numpy default,
 *   type 7, interpolating between order statistics; `lower` = the order statistic x₍⌊(n−1)α⌋₎).
 * - CVaR = −mean{ r : r <= Q(α) } — the mean of returns at or below −VaR, ties included
 *   (quantstats' `cvar` differs twice: its threshold is the *Gaussian* VaR and its tail is the
 *   strict r < threshold, falling back to the VaR itself when that tail is empty).
 * @throws RangeError if fewer than 2 returns, a return is not finite, c not in (0, 1), bad method.
 */
export function historicalVarCvar(
  returns: Series,
  confidence: number,
  method: QuantileMethod = 'linear',
): VarCvar {
  checkSeries(returns, 'historicalVar', 'returns', 2);
  checkProbability(confidence, 'historicalVar', 'confidence');
  checkQuantileMethod(method, 'historicalVar');
  return historicalFromSorted(sortedCopy(returns), confidence, method);
}

/** Historical VaR only; see historicalVarCvar for conventions. */
export function historicalVar(
  returns: Series,
  confidence: number,
  method: QuantileMethod = 'linear',
): number {
  return historicalVarCvar(returns, confidence, method).var;
}

/** Historical CVaR only; see historicalVarCvar for conventions. */
export function historicalCvar(
  returns: Series,
  confidence: number,
  method: QuantileMethod = 'linear',
): number {
  return historicalVarCvar(returns, confidence, method).cvar;
}

/**
 * Gaussian VaR/CVaR from a given mean μ and standard deviation σ:
 *   VaR  = −(μ + σ·Φ⁻¹(α)) = σ·z_c − μ,            z_c = Φ⁻¹(c)
 *   CVaR = σ·φ(z_c)/α − μ
 * @throws RangeError on non-finite μ, σ < 0, or c not in (0, 1).
 */
export function gaussianVarCvar(mu: number, sigma: number, confidence: number): VarCvar {
  if (!Number.isFinite(mu)) throw new RangeError(`gaussianVar: mu must be finite, got ${mu}`);
  checkPositive(sigma, 'gaussianVar', 'sigma', true);
  checkProbability(confidence, 'gaussianVar', 'confidence');
  const z = normInv(confidence);
  return { var: sigma * z - mu, cvar: (sigma * normPdf(z)) / (1 - confidence) - mu };
}

/**
 * Parametric (Gaussian, variance-covariance) VaR and CVaR of a return series: μ = sample mean,
 * σ = sample stdev with ddof = 1, then gaussianVarCvar. Matches quantstats' `value_at_risk`
 * (norm.ppf(1−c, μ, σ) with pandas std, ddof = 1) up to sign — quantstats reports it negative.
 * @throws RangeError if fewer than 2 returns, a return is not finite, or c not in (0, 1).
 */
export function parametricVarCvar(returns: Series, confidence: number): VarCvar {
  checkSeries(returns, 'parametricVar', 'returns', 2);
  checkProbability(confidence, 'parametricVar', 'confidence');
  const mu = meanUnchecked(returns);
  let ss = 0;
  for (let i = 0; i < returns.length; i++) {
    const d = returns[i] - mu;
    ss += d * d;
  }
  return gaussianVarCvar(mu, Math.sqrt(ss / (returns.length - 1)), confidence);
}

/** Parametric VaR only; see parametricVarCvar. */
export function parametricVar(returns: Series, confidence: number): number {
  return parametricVarCvar(returns, confidence).var;
}

/**
 * The Cornish-Fisher quantile adjustment (Favre & Galeano 2002) for tail probability α:
 *   z = Φ⁻¹(α)
 *   z_cf = z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36
 * S = skewness, K = excess kurtosis. With S = K = 0 it returns z exactly.
 */
export function cornishFisherZ(alpha: number, skew: number, exKurt: number): number {
  const z = normInv(alpha);
  const z2 = z * z,
    z3 = z2 * z;
  return z + ((z2 - 1) * skew) / 6 + ((z3 - 3 * z) * exKurt) / 24 - ((2 * z3 - 5 * z) * skew * skew) / 36;
}

/**
 * Cornish-Fisher ("modified") VaR: mVaR = −(μ + σ·z_cf(α)).
 * Moments: μ = sample mean, σ = sample stdev (ddof = 1, so mVaR equals the Gaussian VaR when
 * S = K = 0), S = population skewness g1, K = population excess kurtosis g2 (scipy defaults).
 * PerformanceAnalytics' `VaR(method = "modified")` uses the same expansion; its S and K divide the
 * population 3rd/4th central moments by powers of the ddof = 1 stdev, an O(1/n) difference.
 * quantstats has no Cornish-Fisher VaR. The expansion is only a good approximation for moderate
 * skew/kurtosis; for extreme values it can be non-monotone in c, so it is reported, not relied on.
 * @throws RangeError if fewer than 3 returns, a non-finite value, a constant series, c not in (0, 1).
 */
export function cornishFisherVar(returns: Series, confidence: number): number {
  checkProbability(confidence, 'cornishFisherVar', 'confidence');
  const m = moments(returns);
  return -(m.mean + m.stdev * cornishFisherZ(1 - confidence, m.skewness, m.excessKurtosis));
}

/**
 * Scales a one-period VaR/CVaR/volatility to an h-period horizon by √h. This is exact only for
 * i.i.d. zero-mean normal returns (it ignores drift, autocorrelation and volatility clustering),
 * which is the Basel convention for turning a 1-day VaR into a 10-day one.
 * @throws RangeError if h is not a finite number > 0.
 */
export function scaleToHorizon(value: number, h: number): number {
  checkPositive(h, 'scaleToHorizon', 'h');
  return value * Math.sqrt(h);
}
