/**
 * Portfolio concentration and exposure measures.
 *
 * Weights: any consistent unit (fractions of equity, or currency amounts — each function says
 * which results are scale-free). Shorts are negative weights.
 *
 * Diversification ratio (Choueifaty & Coignard 2008): DR = Σ|wᵢ|·σᵢ / σ_p, σ_p = √(wᵀΣw),
 *   σᵢ = √Σᵢᵢ. Scale-free; DR = 1 when every asset is perfectly correlated (long-only), grows as
 *   correlations fall. We use |wᵢ| so a short does not reduce the numerator (the original paper is
 *   long-only; with shorts, hedges raise DR — a hedged book genuinely has less risk than its
 *   parts, which is what the ratio measures).
 * Diversification score (0-100, ours): 100·(1 − 1/DR²). DR² is the "effective number of
 *   independent bets" (Choueifaty, Froidure & Reynier 2013): one bet → 0, two independent equal
 *   bets → 50, four → 75, ten → 90. Clamped to [0, 100].
 * Herfindahl-Hirschman index: HHI = Σ sᵢ², sᵢ = |wᵢ|/Σ|w| — in [1/N, 1] (antitrust practice
 *   multiplies by 10 000; `hhi10k` gives that). Effective N = 1/HHI; normalised HHI* =
 *   (HHI − 1/N)/(1 − 1/N) ∈ [0, 1].
 * Exposure: per position "exposure value" = market value for linear positions and the
 *   delta-adjusted notional qty·mult·Δ·S for options (what the position moves like).
 *   gross = Σ|v|, net = Σv, long = Σ max(v, 0), short = Σ max(−v, 0) (a POSITIVE number);
 *   net = long − short. With equity given, each also as a fraction of equity (leverage: gross/equity).
 */
import { checkBook, optionSpecOf, positionValue, unitsOf, type BookPosition } from './book';
import { checkSymmetric, quadForm, type SquareMatrix } from './linalg';
import { optionGreeks } from './options';

function checkWeights(w: Float64Array, fn: string, n?: number): void {
  if (w.length === 0) throw new RangeError(`${fn}: weights must not be empty`);
  if (n !== undefined && w.length !== n)
    throw new RangeError(`${fn}: weights has ${w.length} entries, covariance is ${n}×${n}`);
  for (let i = 0; i < w.length; i++) {
    if (!Number.isFinite(w[i]))
      throw new RangeError(`${fn}: weights[${i}] is ${w[i]}, expected a finite number`);
  }
}

export interface Diversification {
  ratio: number;
  /** 0-100, see module doc. */
  score: number;
  /** Portfolio volatility σ_p in the covariance's units (per period). */
  portfolioVol: number;
  /** Σ|wᵢ|σᵢ: the volatility if every correlation were 1. */
  undiversifiedVol: number;
}

/**
 * Diversification ratio and score. @throws RangeError on bad weights/covariance or a zero-risk
 * portfolio (σ_p = 0: the ratio is undefined).
 */
export function diversification(weights: Float64Array, cov: SquareMatrix): Diversification {
  const fn = 'diversification';
  checkSymmetric(cov, fn, 'cov');
  checkWeights(weights, fn, cov.n);
  let num = 0;
  for (let i = 0; i < cov.n; i++) {
    const v = cov.data[i * cov.n + i];
    if (!(v >= 0)) throw new RangeError(`${fn}: cov[${i}][${i}] is ${v}, a variance must be >= 0`);
    num += Math.abs(weights[i]) * Math.sqrt(v);
  }
  const pv = Math.sqrt(Math.max(quadForm(cov, weights), 0));
  if (!(pv > 0))
    throw new RangeError(`${fn}: portfolio variance is 0, the diversification ratio is undefined`);
  const ratio = num / pv;
  return {
    ratio,
    score: Math.min(100, Math.max(0, 100 * (1 - 1 / (ratio * ratio)))),
    portfolioVol: pv,
    undiversifiedVol: num,
  };
}

export interface Herfindahl {
  hhi: number;
  hhi10k: number;
  effectiveN: number;
  normalized: number;
}

/** Herfindahl-Hirschman index of |weights| (scale-free). @throws RangeError if all weights are 0. */
export function herfindahl(weights: Float64Array): Herfindahl {
  checkWeights(weights, 'herfindahl');
  let total = 0;
  for (const w of weights) total += Math.abs(w);
  if (!(total > 0)) throw new RangeError('herfindahl: weights are all 0, concentration is undefined');
  let hhi = 0;
  for (const w of weights) hhi += (w / total) ** 2;
  const n = weights.length;
  return {
    hhi,
    hhi10k: hhi * 10_000,
    effectiveN: 1 / hhi,
    normalized: n === 1 ? 1 : (hhi - 1 / n) / (1 - 1 / n),
  };
}

export interface Exposure {
  gross: number;
  net: number;
  long: number;
  /** Positive magnitude of short exposure. */
  short: number;
  count: number;
}

export interface ExposureReport {
  total: Exposure & {
    grossPctEquity?: number;
    netPctEquity?: number;
    longPctEquity?: number;
    shortPctEquity?: number;
  };
  bySector: Record<string, Exposure>;
  byAssetClass: Record<string, Exposure>;
  /** Exposure value per position id (see module doc). */
  values: Record<string, number>;
}

/** Market value (linear) or delta-adjusted notional (options) of a position, account currency. */
export function exposureValue(p: BookPosition): number {
  if (!p.option) return positionValue(p);
  return unitsOf(p) * optionGreeks(optionSpecOf({ ...p, option: p.option })).delta * p.spot;
}

function add(e: Exposure, v: number): void {
  e.gross += Math.abs(v);
  e.net += v;
  if (v > 0) e.long += v;
  else e.short -= v;
  e.count++;
}

const empty = (): Exposure => ({ gross: 0, net: 0, long: 0, short: 0, count: 0 });

/**
 * Gross / net / long / short exposure, in total and by sector and asset class (positions without
 * one are grouped under "unclassified"). @throws RangeError naming a bad position or equity.
 */
export function exposures(positions: readonly BookPosition[], equity?: number): ExposureReport {
  checkBook(positions, 'exposures');
  if (equity !== undefined && !(Number.isFinite(equity) && equity > 0)) {
    throw new RangeError(`exposures: equity must be a finite number > 0, got ${equity}`);
  }
  const total: ExposureReport['total'] = empty();
  const bySector: Record<string, Exposure> = {};
  const byAssetClass: Record<string, Exposure> = {};
  const values: Record<string, number> = {};
  for (const p of positions) {
    const v = exposureValue(p);
    values[p.id] = v;
    add(total, v);
    add((bySector[p.sector ?? 'unclassified'] ??= empty()), v);
    add((byAssetClass[p.assetClass ?? 'unclassified'] ??= empty()), v);
  }
  if (equity !== undefined) {
    total.grossPctEquity = total.gross / equity;
    total.netPctEquity = total.net / equity;
    total.longPctEquity = total.long / equity;
    total.shortPctEquity = total.short / equity;
  }
  return { total, bySector, byAssetClass, values };
}
