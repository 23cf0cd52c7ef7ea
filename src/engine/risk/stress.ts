/**
 * Deterministic stress tests with full revaluation: a hypothetical grid of price × vol × rate
 * shocks, and named scenarios (stress-scenarios.ts).
 *
 * Shock conventions (all applied instantaneously: no time passes, no ageing):
 *   price  — relative move of every underlying: S' = S·(1 + s) (s = −0.3 is a 30 % fall), floored
 *            at S' = 0; with `betaScaled` the move is s·β of the position (a benchmark move);
 *   vol    — RELATIVE change of each option's implied vol: σ' = σ·(1 + v) (v = −0.5 halves it,
 *            v = +1 doubles it), v >= −1;
 *   rate   — ABSOLUTE parallel shift in basis points: r' = r + bp/10 000; the carry follows the
 *            rate (dividend yield q fixed, b' = r' − q) except for futures options (b stays 0).
 * Linear positions feel only the price shock. Options are repriced with BSM at the shocked inputs.
 * P&L = value(shocked) − value(now), in account currency, per position and summed; a zero shock
 * gives exactly 0 (both values come from the same arithmetic).
 *
 * Default grid (7 × 5 × 5 = 175 scenarios): price −30, −20, −10, 0, +10, +20, +30 %; vol −50,
 * −25, 0, +50, +100 % relative; rates −200, −100, 0, +100, +200 bp. Scenario order is price-major,
 * then vol, then rate (index = (ip·nv + iv)·nr + ir).
 */
import { checkBook, optionSpecOf, positionValue, unitsOf, type BookPosition } from './book';
import { optionGreeks } from './options';
import { shockFor, validateScenario, type StressScenario } from './stress-scenarios';

export interface GridSpec {
  /** Relative price moves (decimal, >= −1). */
  priceShocks: readonly number[];
  /** Relative vol changes (decimal, >= −1). */
  volShocks: readonly number[];
  /** Parallel rate shifts in basis points. */
  rateShocksBp: readonly number[];
}

export const DEFAULT_GRID: GridSpec = Object.freeze({
  priceShocks: Object.freeze([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]),
  volShocks: Object.freeze([-0.5, -0.25, 0, 0.5, 1]),
  rateShocksBp: Object.freeze([-200, -100, 0, 100, 200]),
});

export interface GridScenario {
  priceShock: number;
  volShock: number;
  rateShockBp: number;
}

export interface StressGridResult {
  positionIds: string[];
  scenarios: GridScenario[];
  /** Total P&L per scenario (account currency). */
  total: Float64Array;
  /** P&L per scenario and position, scenario-major: byPosition[s·nPositions + i]. */
  byPosition: Float64Array;
  /** The scenario with the lowest total P&L. */
  worst: GridScenario & { index: number; pnl: number };
}

export interface StressGridOptions {
  /** Scale each position's price shock by its beta (default false: every underlying moves by s). */
  betaScaled?: boolean;
}

function checkShocks(xs: readonly number[], name: string, min: number): void {
  if (xs.length === 0) throw new RangeError(`stressGrid: grid.${name} must have at least one shock`);
  xs.forEach((x, i) => {
    if (!(Number.isFinite(x) && x >= min))
      throw new RangeError(`stressGrid: grid.${name}[${i}] must be a finite number >= ${min}, got ${x}`);
  });
}

/**
 * Full-revaluation P&L over a price × vol × rate grid (conventions in the module doc).
 * @throws RangeError naming the bad position field or grid entry.
 */
export function stressGrid(
  positions: readonly BookPosition[],
  grid: GridSpec = DEFAULT_GRID,
  opts: StressGridOptions = {},
): StressGridResult {
  checkBook(positions, 'stressGrid');
  checkShocks(grid.priceShocks, 'priceShocks', -1);
  checkShocks(grid.volShocks, 'volShocks', -1);
  checkShocks(grid.rateShocksBp, 'rateShocksBp', -Infinity);
  const np = positions.length;
  const { priceShocks, volShocks, rateShocksBp } = grid;
  const ns = priceShocks.length * volShocks.length * rateShocksBp.length;
  const base = new Float64Array(np);
  for (let i = 0; i < np; i++) base[i] = positionValue(positions[i]);
  const scenarios: GridScenario[] = [];
  const total = new Float64Array(ns);
  const byPosition = new Float64Array(ns * np);
  let s = 0;
  for (const ps of priceShocks) {
    for (const vs of volShocks) {
      for (const bp of rateShocksBp) {
        scenarios.push({ priceShock: ps, volShock: vs, rateShockBp: bp });
        let sum = 0;
        const row = s * np;
        for (let i = 0; i < np; i++) {
          const p = positions[i];
          const move = opts.betaScaled ? ps * (p.beta ?? 1) : ps;
          const spot = p.spot * Math.max(1 + move, 0);
          // Linear positions ignore vol and rate; computing them through positionValue keeps a
          // zero shock at exactly zero P&L for every instrument type.
          const v = p.option ? positionValue(p, spot, 1 + vs, bp / 10_000) : positionValue(p, spot);
          const pnl = v - base[i];
          byPosition[row + i] = pnl;
          sum += pnl;
        }
        total[s] = sum;
        s++;
      }
    }
  }
  let wi = 0;
  for (let k = 1; k < ns; k++) if (total[k] < total[wi]) wi = k;
  return {
    positionIds: positions.map((p) => p.id),
    scenarios,
    total,
    byPosition,
    worst: { ...scenarios[wi], index: wi, pnl: total[wi] },
  };
}

/** Index of a grid scenario from its coordinates (price-major, then vol, then rate). */
export function gridIndex(grid: GridSpec, ip: number, iv: number, ir: number): number {
  return (ip * grid.volShocks.length + iv) * grid.rateShocksBp.length + ir;
}

export interface ScenarioPositionResult {
  id: string;
  /** Relative price move applied to the underlying (after beta scaling / adverse direction). */
  priceMove: number;
  /** Relative vol change applied (options only; 0 for linear). */
  volMove: number;
  /** Market P&L from revaluation. */
  marketPnl: number;
  /** Spread + haircut cost of exiting at the shocked value (>= 0). */
  liquidityCost: number;
  /** marketPnl − liquidityCost. */
  pnl: number;
}

export interface ScenarioResult {
  id: string;
  name: string;
  marketPnl: number;
  liquidityCost: number;
  /** Total P&L = marketPnl − liquidityCost (account currency). */
  pnl: number;
  positions: ScenarioPositionResult[];
}

/**
 * Net dollar delta per underlying, Σ qty·mult·Δ·S (Δ = 1 for linear positions), used to decide
 * the adverse direction of a correlation-breakdown scenario.
 */
export function dollarDeltaByUnderlying(positions: readonly BookPosition[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of positions) {
    const delta = p.option ? optionGreeks(optionSpecOf({ ...p, option: p.option })).delta : 1;
    out.set(p.underlying, (out.get(p.underlying) ?? 0) + unitsOf(p) * delta * p.spot);
  }
  return out;
}

/**
 * Runs one named scenario (shape and conventions in stress-scenarios.ts; shocks as in the module
 * doc here). The scenario is validated first, so user-saved scenarios are safe to pass.
 * @throws RangeError naming the bad scenario or position field.
 */
export function runScenario(positions: readonly BookPosition[], scenario: StressScenario): ScenarioResult {
  checkBook(positions, 'runScenario');
  const sc = validateScenario(scenario);
  const adverse = sc.direction === 'adverse';
  const netDelta = adverse ? dollarDeltaByUnderlying(positions) : undefined;
  const rateShift = (sc.rateShockBp ?? 0) / 10_000;
  const liqRate = sc.liquidity ? sc.liquidity.spreadBps / 2 / 10_000 + sc.liquidity.haircut : 0;
  let market = 0;
  let liquidity = 0;
  const rows = positions.map((p): ScenarioPositionResult => {
    let priceMove = shockFor(sc.price, p.underlying, p.assetClass);
    if (sc.betaScaled) priceMove *= p.beta ?? 1;
    if (netDelta) {
      // Against the net exposure: a net-long underlying falls, a net-short one rises.
      const d = netDelta.get(p.underlying) ?? 0;
      priceMove = d < 0 ? Math.abs(priceMove) : -Math.abs(priceMove);
    }
    const volMove = p.option ? shockFor(sc.vol, p.underlying, p.assetClass) : 0;
    const spot = p.spot * Math.max(1 + priceMove, 0);
    const now = positionValue(p);
    const shocked = p.option ? positionValue(p, spot, 1 + volMove, rateShift) : positionValue(p, spot);
    const marketPnl = shocked - now;
    const liquidityCost = liqRate * Math.abs(shocked);
    market += marketPnl;
    liquidity += liquidityCost;
    return { id: p.id, priceMove, volMove, marketPnl, liquidityCost, pnl: marketPnl - liquidityCost };
  });
  return {
    id: sc.id,
    name: sc.name,
    marketPnl: market,
    liquidityCost: liquidity,
    pnl: market - liquidity,
    positions: rows,
  };
}
