/**
 * Covariance and correlation estimators for a set of return series (one Float64Array per asset,
 * all the same length, aligned by date; returns in decimal, any period — the estimate is per
 * period, annualise by multiplying by periods per year).
 *
 * - `sampleCovariance`: unbiased, ddof = 1 (divides by T − 1), as numpy.cov / pandas .cov().
 * - `ledoitWolf`: Ledoit & Wolf (2004) "A well-conditioned estimator for large-dimensional
 *   covariance matrices", target = SCALED IDENTITY μ·I with μ = tr(S)/p. This is exactly what
 *   sklearn.covariance.LedoitWolf does, and we match it: S is the MLE covariance (ddof = 0, divides
 *   by T) of the demeaned data (assume_centered = False), shrinkage
 *     δ = min(b̄², d²)/d²,  d² = ‖S − μI‖²/p,  b̄² = (Σₖ‖xₖ‖⁴/T − ‖S‖²)/(T·p)   (‖·‖ Frobenius),
 *   result (1 − δ)·S + δ·μ·I. Note the ddof = 0 — multiply by T/(T − 1) for an unbiased scale.
 *   Riskfolio-Lib's default shrinkage ('ledoit') calls sklearn, so it agrees too; the constant-
 *   correlation target of Ledoit & Wolf (2003) is NOT implemented.
 */
import type { SquareMatrix } from './linalg';

function checkSeriesSet(
  series: readonly Float64Array[],
  fn: string,
  minLength: number,
): { p: number; t: number } {
  const p = series.length;
  if (p === 0) throw new RangeError(`${fn}: series must contain at least one asset`);
  const t = series[0].length;
  if (t < minLength)
    throw new RangeError(`${fn}: series[0] needs at least ${minLength} observations, got ${t}`);
  series.forEach((s, i) => {
    if (s.length !== t)
      throw new RangeError(
        `${fn}: series[${i}] has ${s.length} observations, expected ${t} (series must be aligned)`,
      );
    for (let k = 0; k < t; k++) {
      if (!Number.isFinite(s[k]))
        throw new RangeError(`${fn}: series[${i}][${k}] is ${s[k]}, expected a finite number`);
    }
  });
  return { p, t };
}

function demeaned(series: readonly Float64Array[], t: number): Float64Array[] {
  return series.map((s) => {
    let m = 0;
    for (let k = 0; k < t; k++) m += s[k];
    m /= t;
    return s.map((v) => v - m);
  });
}

function crossProducts(x: readonly Float64Array[], t: number, divisor: number): SquareMatrix {
  const p = x.length;
  const data = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const xi = x[i];
    for (let j = i; j < p; j++) {
      const xj = x[j];
      let s = 0;
      for (let k = 0; k < t; k++) s += xi[k] * xj[k];
      data[i * p + j] = data[j * p + i] = s / divisor;
    }
  }
  return { n: p, data };
}

/**
 * Sample covariance, ddof = 1 by default (ddof = 0 gives the MLE).
 * @throws RangeError if series are empty, ragged, non-finite or shorter than ddof + 1.
 */
export function sampleCovariance(series: readonly Float64Array[], ddof = 1): SquareMatrix {
  if (!(ddof === 0 || ddof === 1)) throw new RangeError(`sampleCovariance: ddof must be 0 or 1, got ${ddof}`);
  const { t } = checkSeriesSet(series, 'sampleCovariance', ddof + 1);
  return crossProducts(demeaned(series, t), t, t - ddof);
}

/**
 * Correlation matrix from a covariance: ρᵢⱼ = Σᵢⱼ/√(Σᵢᵢ·Σⱼⱼ), clipped to [−1, 1] against round-off.
 * An asset with zero variance has no defined correlation; it gets 1 on the diagonal and 0
 * elsewhere (it diversifies nothing and concentrates nothing).
 */
export function covarianceToCorrelation(cov: SquareMatrix): SquareMatrix {
  const { n, data } = cov;
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = data[i * n + i];
    if (!(v >= 0))
      throw new RangeError(`covarianceToCorrelation: variance [${i}][${i}] is ${v}, expected >= 0`);
    sd[i] = Math.sqrt(v);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) out[i * n + j] = 1;
      else if (sd[i] > 0 && sd[j] > 0)
        out[i * n + j] = Math.max(-1, Math.min(1, data[i * n + j] / (sd[i] * sd[j])));
    }
  }
  return { n, data: out };
}

/** Pearson correlation matrix of the series (ddof cancels). */
export function sampleCorrelation(series: readonly Float64Array[]): SquareMatrix {
  return covarianceToCorrelation(sampleCovariance(series));
}

export interface LedoitWolfResult {
  /** Shrunk covariance (1 − δ)·S + δ·μ·I, with S the ddof = 0 covariance. */
  covariance: SquareMatrix;
  /** Shrinkage intensity δ ∈ [0, 1]. */
  shrinkage: number;
  /** Target scale μ = tr(S)/p. */
  mu: number;
  target: 'scaled-identity';
}

/**
 * Ledoit-Wolf shrinkage towards μ·I (sklearn-compatible; see module doc).
 * @param assumeCentered skip demeaning (sklearn's assume_centered).
 * @throws RangeError on empty, ragged or non-finite series or fewer than 2 observations.
 */
export function ledoitWolf(series: readonly Float64Array[], assumeCentered = false): LedoitWolfResult {
  const { p, t } = checkSeriesSet(series, 'ledoitWolf', 2);
  const x = assumeCentered ? series.map((s) => Float64Array.from(s)) : demeaned(series, t);
  const s = crossProducts(x, t, t);
  let trace = 0;
  for (let i = 0; i < p; i++) trace += s.data[i * p + i];
  const mu = trace / p;
  if (p === 1) return { covariance: s, shrinkage: 0, mu, target: 'scaled-identity' };
  let normS2 = 0;
  for (const v of s.data) normS2 += v * v;
  // Σₖ‖xₖ‖⁴ = Σᵢⱼ Σₖ xₖᵢ²·xₖⱼ² (sklearn's sum(X2ᵀ·X2)).
  let fourth = 0;
  for (let k = 0; k < t; k++) {
    let r = 0;
    for (let i = 0; i < p; i++) r += x[i][k] * x[i][k];
    fourth += r * r;
  }
  const b2 = (fourth / t - normS2) / (t * p);
  const d2 = (normS2 - 2 * mu * trace + p * mu * mu) / p;
  const shrinkage = d2 === 0 ? 0 : Math.min(b2, d2) / d2;
  const data = s.data.map((v) => (1 - shrinkage) * v);
  for (let i = 0; i < p; i++) data[i * p + i] += shrinkage * mu;
  return { covariance: { n: p, data }, shrinkage, mu, target: 'scaled-identity' };
}
