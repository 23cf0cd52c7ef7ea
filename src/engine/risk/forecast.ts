/**
 * Forward-looking drawdown risk by Monte Carlo from a fitted GARCH(1,1).
 *
 * Each path starts today at wealth 1 with the current drawdown d₀ (so the running peak is
 * 1 / (1 − d₀)) and the GARCH one-step variance σ²_{n+1}; for k = 1..N days:
 *   ε_k = σ_k·z_k (z_k ~ N(0,1) from the seeded Rng),  r_k = μ + ε_k,
 *   W_k = W_{k−1}·(1 + r_k),  peak_k = max(peak_{k−1}, W_k),  dd_k = 1 − W_k / peak_k,
 *   σ²_{k+1} = ω + α·ε_k² + β·σ²_k.
 * Returns are simple (fractions); a simulated r <= −1 is floored at −99.99 % so wealth stays > 0.
 *
 * - P(hit) = share of paths with dd_k >= limit for some k <= N (standard error √(p(1−p)/paths)).
 * - Drawdown cone: per day k, quantiles (linear, numpy default) across paths of dd_k (positive
 *   fractions) and of the cumulative return W_k − 1.
 * Same seed + same inputs ⇒ identical output.
 */
import { checkGarchParams, type GarchParams } from './garch';
import { createRng } from './rng';
import { quantileSorted } from './stats';
import { checkInteger, checkPositive } from './validate';

export interface DrawdownForecastInput extends GarchParams {
  /** Daily mean return μ (the GARCH fit's `mu`). */
  mu: number;
  /** σ²_{n+1}, the variance of the first simulated day (the GARCH fit's `nextVariance`). */
  nextVariance: number;
}

export interface DrawdownForecastOptions {
  /** Horizon N in periods (days). */
  horizon: number;
  /** Drawdown limit as a positive fraction of the peak, e.g. 0.1 for −10 %. */
  limit: number;
  /** Seed for the Rng (required: results must be reproducible). */
  seed: number;
  /** Number of paths, default 10,000. paths × horizon may not exceed 5,000,000 (memory). */
  paths?: number;
  /** Drawdown already suffered from the running peak, positive fraction, default 0. */
  currentDrawdown?: number;
  /** Cone quantiles, default [0.05, 0.25, 0.5, 0.75, 0.95]. */
  quantiles?: readonly number[];
}

export interface DrawdownForecast {
  /** P(drawdown reaches the limit within the horizon). */
  probability: number;
  standardError: number;
  /** hitByDay[k] = P(limit reached on or before day k + 1). */
  hitByDay: Float64Array;
  quantiles: number[];
  /** drawdownCone[q][k]: quantile q of the drawdown on day k + 1 (positive fractions). */
  drawdownCone: Float64Array[];
  /** returnCone[q][k]: quantile q of the cumulative return to day k + 1. */
  returnCone: Float64Array[];
}

const MAX_CELLS = 5_000_000;

/**
 * Probability of hitting a drawdown limit within N days, plus the drawdown and return cones.
 * @throws RangeError on invalid GARCH parameters, horizon/paths not positive integers, a limit
 *   outside (0, 1], a current drawdown outside [0, 1), quantiles outside [0, 1], too many cells.
 */
export function forecastDrawdown(
  model: DrawdownForecastInput,
  opts: DrawdownForecastOptions,
): DrawdownForecast {
  checkGarchParams(model, 'forecastDrawdown');
  checkPositive(model.nextVariance, 'forecastDrawdown', 'nextVariance');
  if (!Number.isFinite(model.mu))
    throw new RangeError(`forecastDrawdown: mu must be finite, got ${model.mu}`);
  const { horizon, limit, seed } = opts;
  const paths = opts.paths ?? 10_000;
  const d0 = opts.currentDrawdown ?? 0;
  const qs = [...(opts.quantiles ?? [0.05, 0.25, 0.5, 0.75, 0.95])];
  checkInteger(horizon, 'forecastDrawdown', 'horizon', 1);
  checkInteger(paths, 'forecastDrawdown', 'paths', 1);
  if (!(limit > 0 && limit <= 1))
    throw new RangeError(`forecastDrawdown: limit must be in (0, 1], got ${limit}`);
  if (!(d0 >= 0 && d0 < 1))
    throw new RangeError(`forecastDrawdown: currentDrawdown must be in [0, 1), got ${d0}`);
  for (const q of qs)
    if (!(q >= 0 && q <= 1)) throw new RangeError(`forecastDrawdown: quantiles must be in [0, 1], got ${q}`);
  if (paths * horizon > MAX_CELLS) {
    throw new RangeError(
      `forecastDrawdown: paths × horizon = ${paths * horizon} exceeds ${MAX_CELLS}; use fewer paths or a shorter horizon`,
    );
  }
  const rng = createRng(seed);
  const { omega, alpha, beta, mu } = model;
  // Day-major storage so each day's cross-section is contiguous for the quantile sort.
  const dd = new Float64Array(paths * horizon);
  const cum = new Float64Array(paths * horizon);
  const firstHit = new Int32Array(horizon);
  let hits = 0;
  for (let p = 0; p < paths; p++) {
    let v = model.nextVariance;
    let w = 1;
    let peak = 1 / (1 - d0);
    let hit = d0 >= limit;
    if (hit) firstHit[0]++;
    for (let k = 0; k < horizon; k++) {
      const e = Math.sqrt(v) * rng.normal();
      const r = Math.max(mu + e, -0.9999);
      w *= 1 + r;
      if (w > peak) peak = w;
      const d = 1 - w / peak;
      dd[k * paths + p] = d;
      cum[k * paths + p] = w - 1;
      if (!hit && d >= limit) {
        hit = true;
        firstHit[k]++;
      }
      v = omega + alpha * e * e + beta * v;
    }
    if (hit) hits++;
  }
  const hitByDay = new Float64Array(horizon);
  let acc = 0;
  for (let k = 0; k < horizon; k++) {
    acc += firstHit[k];
    hitByDay[k] = acc / paths;
  }
  const drawdownCone = qs.map(() => new Float64Array(horizon));
  const returnCone = qs.map(() => new Float64Array(horizon));
  for (let k = 0; k < horizon; k++) {
    const dSlice = dd.subarray(k * paths, (k + 1) * paths).sort();
    const cSlice = cum.subarray(k * paths, (k + 1) * paths).sort();
    qs.forEach((q, i) => {
      drawdownCone[i][k] = quantileSorted(dSlice, q);
      returnCone[i][k] = quantileSorted(cSlice, q);
    });
  }
  const probability = hits / paths;
  return {
    probability,
    standardError: Math.sqrt((probability * (1 - probability)) / paths),
    hitByDay,
    quantiles: qs,
    drawdownCone,
    returnCone,
  };
}
