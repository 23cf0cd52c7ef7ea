/**
 * EWMA (RiskMetrics 1996) volatility:
 *   σ²_{t+1} = λ·σ²_t + (1 − λ)·r_t²
 * Zero-mean (returns are not demeaned: the RiskMetrics convention, right for daily data where the
 * mean is noise next to the volatility). λ defaults to 0.94, RiskMetrics' daily decay.
 *
 * Seed: σ²_0 = mean of r_t² over the first min(seedWindow, n) returns (default 20), i.e. a
 * zero-mean sample variance of the opening window. Its weight after n updates is λⁿ
 * (0.94^250 ≈ 2e-7), so on any realistic history the seed is irrelevant; it only matters for
 * very short series, where a single squared return would be a noisier start.
 *
 * Output is per period, not annualised (multiply by √periodsPerYear to annualise).
 */
import { checkSeries, checkInteger, type Series } from './validate';

export interface EwmaOptions {
  /** Decay λ in (0, 1); default 0.94. */
  lambda?: number;
  /** Returns averaged for the seed variance; default 20. */
  seedWindow?: number;
}

function params(opts: EwmaOptions | undefined): { lambda: number; seedWindow: number } {
  const lambda = opts?.lambda ?? 0.94;
  const seedWindow = opts?.seedWindow ?? 20;
  if (!(lambda > 0 && lambda < 1))
    throw new RangeError(`ewma: lambda must be strictly between 0 and 1, got ${lambda}`);
  checkInteger(seedWindow, 'ewma', 'seedWindow', 1);
  return { lambda, seedWindow };
}

/**
 * The EWMA variance path, length n + 1: element t is the variance forecast for return t made
 * before seeing it (element 0 is the seed); the last element is the NEXT-period forecast, after the
 * final return.
 * @throws RangeError if fewer than 2 returns, a non-finite value, or bad options.
 */
export function ewmaVariances(returns: Series, opts?: EwmaOptions): Float64Array {
  checkSeries(returns, 'ewmaVariances', 'returns', 2);
  const { lambda, seedWindow } = params(opts);
  const n = returns.length;
  const out = new Float64Array(n + 1);
  const k = Math.min(seedWindow, n);
  let seed = 0;
  for (let i = 0; i < k; i++) seed += returns[i] * returns[i];
  let v = seed / k;
  out[0] = v;
  const w = 1 - lambda;
  for (let t = 0; t < n; t++) {
    const r = returns[t];
    v = lambda * v + w * r * r;
    out[t + 1] = v;
  }
  return out;
}

/**
 * Next-period EWMA volatility σ_{n+1} (per period, the square root of the last ewmaVariances value).
 * @throws RangeError as ewmaVariances.
 */
export function ewmaVolatility(returns: Series, opts?: EwmaOptions): number {
  const v = ewmaVariances(returns, opts);
  return Math.sqrt(v[v.length - 1]);
}
