/**
 * Position-level Greeks and their aggregation by underlying, expiry and strike, plus
 * beta-weighted delta. Per-unit Greeks come from options.ts (`optionGreeks`); here they are scaled
 * by units = qty · multiplier and expressed in trader units (stated in GREEK_UNITS):
 *
 *   value        qty·mult·V, account currency
 *   delta        units·Δ — underlying-unit equivalents ("shares"); linear positions: units
 *   dollarDelta  delta·S, currency per 100 % move; ×0.01 = P&L of a 1 % move
 *   gamma        units·Γ — change in `delta` per 1 currency-unit rise of S
 *   vega         units·∂V/∂σ/100 — currency per 1 vol point (σ + 0.01)
 *   theta        units·∂V/∂t/365 — currency per calendar day (negative = decay)
 *   rho          units·∂V/∂r/100 — currency per +1 % (100 bp) in r (q fixed; b fixed for futures)
 *   vanna        units·∂²V/∂S∂σ/100 — change in `delta` per vol point
 *   volga        units·∂²V/∂σ²/10 000 — change in `vega` per vol point
 *
 * Beta-weighted delta (the usual broker definition): Σᵢ dollarDeltaᵢ·βᵢ / S_benchmark — the number
 * of benchmark units (e.g. SPY shares) with the same first-order exposure to a benchmark move,
 * assuming each underlying moves βᵢ × the benchmark's percentage move.
 */
import { checkBook, optionSpecOf, positionValue, unitsOf, type BookPosition } from './book';
import { optionGreeks } from './options';

export const GREEK_UNITS = Object.freeze({
  price: 'currency per 1 unit of underlying (BSM value of one option on one unit)',
  value: 'currency (qty × multiplier × price)',
  delta: 'underlying units (shares-equivalent): qty × multiplier × ∂V/∂S',
  dollarDelta: 'currency per 100% move of the underlying (delta × spot); × 0.01 for a 1% move',
  gamma: 'change in delta (underlying units) per 1 currency-unit rise of the spot',
  vega: 'currency per 1 volatility point (σ + 0.01)',
  theta: 'currency per calendar day (∂V/∂t / 365; negative = time decay)',
  rho: 'currency per +1% (100 bp) in the risk-free rate; dividend yield held, futures carry stays 0',
  vanna: 'change in delta (underlying units) per 1 volatility point',
  volga: 'change in vega (currency per vol point) per 1 volatility point',
  betaWeightedDelta: 'benchmark units: Σ dollarDelta × beta / benchmark spot',
});

export interface GreekTotals {
  value: number;
  delta: number;
  dollarDelta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  vanna: number;
  volga: number;
}

export interface PositionGreeks extends GreekTotals {
  id: string;
  underlying: string;
  /** BSM price per unit of underlying (spot for linear positions). */
  price: number;
  expiryYears: number | null;
  strike: number | null;
}

/** Greeks of one position in trader units (see module doc). */
export function positionGreeks(p: BookPosition): PositionGreeks {
  const units = unitsOf(p);
  const base = { id: p.id, underlying: p.underlying };
  if (!p.option) {
    return {
      ...base,
      price: p.spot,
      expiryYears: null,
      strike: null,
      value: positionValue(p),
      delta: units,
      dollarDelta: units * p.spot,
      gamma: 0,
      vega: 0,
      theta: 0,
      rho: 0,
      vanna: 0,
      volga: 0,
    };
  }
  const g = optionGreeks(optionSpecOf({ ...p, option: p.option }));
  return {
    ...base,
    price: g.price,
    expiryYears: p.option.expiryYears,
    strike: p.option.strike,
    value: units * g.price,
    delta: units * g.delta,
    dollarDelta: units * g.delta * p.spot,
    gamma: units * g.gamma,
    vega: units * g.vegaPct,
    theta: units * g.thetaPerDay,
    rho: units * g.rhoPct,
    vanna: (units * g.vanna) / 100,
    volga: (units * g.volga) / 10_000,
  };
}

const KEYS: readonly (keyof GreekTotals)[] = [
  'value',
  'delta',
  'dollarDelta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'vanna',
  'volga',
];

function zero(): GreekTotals {
  return { value: 0, delta: 0, dollarDelta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, volga: 0 };
}

function accumulate(into: GreekTotals, g: GreekTotals): void {
  for (const k of KEYS) into[k] += g[k];
}

/** Sum of position Greeks. Summing `delta`/`gamma` across different underlyings mixes units; prefer dollarDelta. */
export function totalGreeks(rows: readonly GreekTotals[]): GreekTotals {
  const t = zero();
  for (const r of rows) accumulate(t, r);
  return t;
}

export type GreekGrouping = 'underlying' | 'expiry' | 'strike';

export interface GreekGroup extends GreekTotals {
  /** 'AAPL'; expiry: '0.2500' years (or 'linear'); strike: 'AAPL@150' (or 'AAPL@linear'). */
  key: string;
  underlying: string | null;
  expiryYears: number | null;
  strike: number | null;
  count: number;
}

/**
 * Aggregates position Greeks by underlying, by expiry (across underlyings; linear positions form
 * the 'linear' bucket) or by strike (within an underlying). Groups sorted by key (numeric order
 * for expiries and strikes). @throws RangeError naming a bad position field.
 */
export function aggregateGreeks(positions: readonly BookPosition[], by: GreekGrouping): GreekGroup[] {
  checkBook(positions, 'aggregateGreeks');
  if (by !== 'underlying' && by !== 'expiry' && by !== 'strike') {
    throw new RangeError(`aggregateGreeks: by must be 'underlying', 'expiry' or 'strike', got ${String(by)}`);
  }
  const groups = new Map<string, GreekGroup>();
  for (const p of positions) {
    const g = positionGreeks(p);
    let key: string;
    let underlying: string | null = null;
    let expiryYears: number | null = null;
    let strike: number | null = null;
    if (by === 'underlying') {
      key = p.underlying;
      underlying = p.underlying;
    } else if (by === 'expiry') {
      expiryYears = g.expiryYears;
      key = expiryYears === null ? 'linear' : expiryYears.toFixed(4);
    } else {
      underlying = p.underlying;
      strike = g.strike;
      key = `${p.underlying}@${strike === null ? 'linear' : String(strike)}`;
    }
    let row = groups.get(key);
    if (!row) {
      row = { key, underlying, expiryYears, strike, count: 0, ...zero() };
      groups.set(key, row);
    }
    accumulate(row, g);
    row.count++;
  }
  const num = (x: number | null): number => (x === null ? Infinity : x);
  return [...groups.values()].sort((a, b) => {
    if (by === 'expiry') return num(a.expiryYears) - num(b.expiryYears);
    if (by === 'strike' && a.underlying === b.underlying) return num(a.strike) - num(b.strike);
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

export interface BetaWeightedDelta {
  /** Benchmark units (e.g. index-ETF shares). */
  benchmarkUnits: number;
  /** Σ dollarDelta·β — currency per 100 % benchmark move. */
  dollars: number;
  /** Per position, benchmark units. */
  byPosition: Record<string, number>;
}

/**
 * Beta-weighted delta against a benchmark priced `benchmarkSpot` (see module doc). Positions
 * without a beta use 1. @throws RangeError on a bad benchmarkSpot or position.
 */
export function betaWeightedDelta(
  positions: readonly BookPosition[],
  benchmarkSpot: number,
): BetaWeightedDelta {
  checkBook(positions, 'betaWeightedDelta');
  if (!(Number.isFinite(benchmarkSpot) && benchmarkSpot > 0)) {
    throw new RangeError(
      `betaWeightedDelta: benchmarkSpot must be a finite number > 0, got ${benchmarkSpot}`,
    );
  }
  let dollars = 0;
  const byPosition: Record<string, number> = {};
  for (const p of positions) {
    const d = positionGreeks(p).dollarDelta * (p.beta ?? 1);
    dollars += d;
    byPosition[p.id] = (byPosition[p.id] ?? 0) + d / benchmarkSpot;
  }
  return { benchmarkUnits: dollars / benchmarkSpot, dollars, byPosition };
}
