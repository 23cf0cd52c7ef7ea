/**
 * Position sizing: Kelly (discrete and continuous), Vince's optimal f with a bootstrap
 * distribution, volatility targeting and fixed-fractional sizing from a stop. Risk parity is in
 * risk-parity.ts. All fractions are decimals of equity (0.25 = 25 %).
 */
import { brentRoot } from './root-find';
import type { Rng } from './rng';

function check(cond: boolean, fn: string, name: string, why: string, got: unknown): void {
  if (!cond) throw new RangeError(`${fn}: ${name} ${why}, got ${String(got)}`);
}

export interface KellyResult {
  /** Full Kelly fraction f* (negative = the bet has negative edge: take the other side or pass). */
  full: number;
  /** fraction × max(f*, 0): what to risk. */
  recommended: number;
  fraction: number;
}

/**
 * Discrete Kelly for a bet that wins `payoff` × stake with probability p and loses the stake
 * otherwise: f* = p − (1 − p)/payoff (Kelly 1956; Thorp). `fraction` (default ¼) scales it down:
 * quarter Kelly keeps ~44 % of the growth rate with ~¼ of the volatility and is far more robust
 * to an over-estimated edge.
 * @throws RangeError unless 0 <= p <= 1, payoff > 0, 0 < fraction <= 1.
 */
export function kelly(winProb: number, payoff: number, fraction = 0.25): KellyResult {
  const fn = 'kelly';
  check(winProb >= 0 && winProb <= 1, fn, 'winProb', 'must be in [0, 1]', winProb);
  check(
    Number.isFinite(payoff) && payoff > 0,
    fn,
    'payoff',
    'must be a finite ratio > 0 (average win / average loss)',
    payoff,
  );
  check(fraction > 0 && fraction <= 1, fn, 'fraction', 'must be in (0, 1]', fraction);
  const full = winProb - (1 - winProb) / payoff;
  return { full, recommended: fraction * Math.max(full, 0), fraction };
}

/**
 * Continuous-time Kelly (Merton): leverage f* = μ/σ² for a log-normal asset with expected EXCESS
 * return μ and volatility σ (both annualised, decimal; any consistent period works since the
 * ratio is period-free). Returned as a leverage multiple of equity (1 = fully invested);
 * `recommended` = fraction · max(f*, 0).
 * @throws RangeError on non-finite μ or σ <= 0.
 */
export function kellyContinuous(mu: number, sigma: number, fraction = 0.25): KellyResult {
  const fn = 'kellyContinuous';
  check(Number.isFinite(mu), fn, 'mu', 'must be a finite excess return', mu);
  check(Number.isFinite(sigma) && sigma > 0, fn, 'sigma', 'must be a finite volatility > 0', sigma);
  check(fraction > 0 && fraction <= 1, fn, 'fraction', 'must be in (0, 1]', fraction);
  const full = mu / (sigma * sigma);
  return { full, recommended: fraction * Math.max(full, 0), fraction };
}

export interface OptimalF {
  /** Vince's optimal f ∈ [0, 1): fraction of the largest loss risked per trade. */
  f: number;
  /** Terminal wealth relative Π(1 + f·(−tradeᵢ/largestLoss)). */
  twr: number;
  /** Geometric mean holding-period return TWR^(1/N). */
  geometricMean: number;
  /** The largest single loss (negative, in trade units). */
  largestLoss: number;
  /** |largestLoss| / f: currency (trade units) of equity per contract ("f$"); Infinity when f = 0. */
  equityPerUnit: number;
}

/**
 * Vince's optimal f ("Portfolio Management Formulas", 1990): with trade P&Ls xᵢ (per contract, any
 * currency) and largest loss W < 0, HPRᵢ(f) = 1 + f·(−xᵢ/W); maximise TWR(f) = Π HPRᵢ on [0, 1).
 * ln TWR is strictly concave, so the maximiser is the root of Σ aᵢ/(1 + f·aᵢ) (aᵢ = −xᵢ/W) —
 * found by Brent's method, exact to 1e-12 (Vince's own procedure is a 0.01-step scan).
 * f = 0 when the expectancy Σxᵢ <= 0.
 * @throws RangeError if fewer than 1 trade, a non-finite trade, or no losing trade (f undefined).
 */
export function optimalF(trades: Float64Array | readonly number[]): OptimalF {
  const fn = 'optimalF';
  check(trades.length >= 1, fn, 'trades', 'must contain at least one trade', trades.length);
  let worst = 0;
  let sum = 0;
  for (let i = 0; i < trades.length; i++) {
    const x = trades[i];
    check(Number.isFinite(x), fn, `trades[${i}]`, 'must be a finite number', x);
    worst = Math.min(worst, x);
    sum += x;
  }
  check(
    worst < 0,
    fn,
    'trades',
    'must contain at least one losing trade (optimal f is undefined without a loss)',
    'none',
  );
  const a = Array.from(trades, (x) => -x / worst);
  const result = (f: number): OptimalF => {
    let logTwr = 0;
    for (const ai of a) logTwr += Math.log1p(f * ai);
    const twr = Math.exp(logTwr);
    return {
      f,
      twr,
      geometricMean: Math.exp(logTwr / a.length),
      largestLoss: worst,
      equityPerUnit: f > 0 ? -worst / f : Infinity,
    };
  };
  if (sum <= 0) return result(0);
  const slope = (f: number): number => {
    let s = 0;
    for (const ai of a) s += ai / (1 + f * ai);
    return s;
  };
  // slope(0) = Σaᵢ > 0 and slope → −∞ as f → 1 (the worst trade's HPR → 0), so a root exists.
  let hi = 1 - 1e-12;
  while (slope(hi) > 0) hi = 1 - (1 - hi) / 10;
  return result(brentRoot(slope, 0, hi, 1e-13).x);
}

export interface OptimalFDistribution {
  /** optimal f of the original sequence. */
  f: number;
  /** Bootstrap percentiles of f: p05, p25, p50, p75, p95. */
  percentiles: { p05: number; p25: number; p50: number; p75: number; p95: number };
  mean: number;
  /** The `conservativeQuantile` percentile of the bootstrap f (default the 5th): what to use. */
  conservative: number;
  samples: number;
}

/**
 * Monte Carlo robustness of optimal f: the trade list is resampled WITH replacement (a pure
 * reshuffle would be pointless — TWR is a product, so order does not change f) `samples` times
 * (default 1000), each of the original length, using the passed seeded rng; f is recomputed on
 * each. A resample that happens to contain no losing trade is redrawn: optimal f is undefined
 * without a loss, and scoring it 0 or 1 would bias the distribution.
 * @throws RangeError as optimalF, or on bad samples / conservativeQuantile.
 */
export function optimalFBootstrap(
  trades: Float64Array | readonly number[],
  rng: Rng,
  samples = 1000,
  conservativeQuantile = 0.05,
): OptimalFDistribution {
  const fn = 'optimalFBootstrap';
  const base = optimalF(trades);
  check(Number.isInteger(samples) && samples >= 20, fn, 'samples', 'must be an integer >= 20', samples);
  check(
    conservativeQuantile > 0 && conservativeQuantile < 1,
    fn,
    'conservativeQuantile',
    'must be in (0, 1)',
    conservativeQuantile,
  );
  const n = trades.length;
  const fs = new Float64Array(samples);
  const draw = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    let hasLoss = false;
    for (let tries = 0; !hasLoss; tries++) {
      if (tries > 1000)
        throw new RangeError(`${fn}: trades has too few losses to resample (1000 draws without a loss)`);
      for (let i = 0; i < n; i++) {
        draw[i] = trades[Math.floor(rng.next() * n)];
        if (draw[i] < 0) hasLoss = true;
      }
    }
    fs[s] = optimalF(draw).f;
  }
  fs.sort();
  // Lower order statistic, as var.ts's 'lower' quantile method.
  const q = (p: number): number => fs[Math.min(samples - 1, Math.floor(p * (samples - 1)))];
  let mean = 0;
  for (const f of fs) mean += f / samples;
  return {
    f: base.f,
    percentiles: { p05: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
    mean,
    conservative: q(conservativeQuantile),
    samples,
  };
}

export interface VolTarget {
  /** Exposure multiple of equity: min(target/forecast, maxLeverage). */
  leverage: number;
  /** target/forecast before the cap. */
  raw: number;
  capped: boolean;
}

/**
 * Volatility targeting: leverage = targetVol / forecastVol, capped at maxLeverage (default 2).
 * Both vols annualised decimals (any consistent horizon works).
 * @throws RangeError unless targetVol > 0, forecastVol > 0, maxLeverage > 0.
 */
export function volatilityTarget(targetVol: number, forecastVol: number, maxLeverage = 2): VolTarget {
  const fn = 'volatilityTarget';
  check(
    Number.isFinite(targetVol) && targetVol > 0,
    fn,
    'targetVol',
    'must be a finite volatility > 0',
    targetVol,
  );
  check(
    Number.isFinite(forecastVol) && forecastVol > 0,
    fn,
    'forecastVol',
    'must be a finite volatility > 0',
    forecastVol,
  );
  check(
    Number.isFinite(maxLeverage) && maxLeverage > 0,
    fn,
    'maxLeverage',
    'must be a finite number > 0',
    maxLeverage,
  );
  const raw = targetVol / forecastVol;
  return { leverage: Math.min(raw, maxLeverage), raw, capped: raw > maxLeverage };
}

export interface FixedFractional {
  /** Currency at risk if the stop is hit: equity × riskFraction (or less when capped). */
  riskAmount: number;
  /** Position value (currency): riskAmount / stopDistance, capped at maxPositionFraction × equity. */
  positionValue: number;
  /** positionValue / price, rounded DOWN to whole units (only when a price is given). */
  units: number | null;
  capped: boolean;
}

/**
 * Fixed-fractional sizing from a stop: risk `riskFraction` of equity (e.g. 0.01) on a trade whose
 * stop is `stopDistance` away (fraction of entry price, e.g. 0.05 = 5 % below entry):
 * value = equity·riskFraction/stopDistance, capped at maxPositionFraction·equity (default 0.25).
 * When capped, the risk actually taken is value·stopDistance.
 * @throws RangeError on non-positive equity/fractions/stop or a bad price.
 */
export function fixedFractional(
  equity: number,
  riskFraction: number,
  stopDistance: number,
  maxPositionFraction = 0.25,
  price?: number,
): FixedFractional {
  const fn = 'fixedFractional';
  check(Number.isFinite(equity) && equity > 0, fn, 'equity', 'must be a finite number > 0', equity);
  check(riskFraction > 0 && riskFraction <= 1, fn, 'riskFraction', 'must be in (0, 1]', riskFraction);
  check(
    stopDistance > 0 && stopDistance <= 1,
    fn,
    'stopDistance',
    'must be in (0, 1] (fraction of the entry price)',
    stopDistance,
  );
  check(
    Number.isFinite(maxPositionFraction) && maxPositionFraction > 0,
    fn,
    'maxPositionFraction',
    'must be a finite number > 0',
    maxPositionFraction,
  );
  if (price !== undefined)
    check(Number.isFinite(price) && price > 0, fn, 'price', 'must be a finite number > 0', price);
  const uncapped = (equity * riskFraction) / stopDistance;
  const cap = equity * maxPositionFraction;
  const positionValue = Math.min(uncapped, cap);
  return {
    riskAmount: positionValue * stopDistance,
    positionValue,
    units: price === undefined ? null : Math.floor(positionValue / price + 1e-9),
    capped: uncapped > cap,
  };
}
