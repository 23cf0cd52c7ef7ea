/**
 * Snapshot sections that depend only on today's book (no history): Greeks, exposures and
 * concentration, the stress grid and the named scenarios. Units follow the RiskSnapshot contract
 * (src/shared/contract/risk.ts); conversions from the library's units are spelled out below.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import type { RiskSnapshot } from '../../shared/contract/risk';
import { unitsOf, type BookPosition } from '../risk/book';
import { positionGreeks, type PositionGreeks } from '../risk/options-aggregate';
import { herfindahl } from '../risk/portfolio';
import { DEFAULT_GRID, gridIndex, runScenario, stressGrid } from '../risk/stress';
import { BUILTIN_SCENARIOS } from '../risk/stress-scenarios';

type Greeks = RiskSnapshot['greeks'];
type GreekRow = Greeks['byUnderlying'][string];

/** The library Greeks a snapshot needs (library units, see options-aggregate.ts). */
export type GreekParts = Pick<PositionGreeks, 'dollarDelta' | 'gamma' | 'vega' | 'theta'>;

/**
 * positionGreeks for options; for linear positions the same numbers (dollarDelta = units·S, the
 * rest 0) written out, because positionGreeks builds a 15-field object by spread per call, which
 * measured ~10 µs each — 1.5 ms of a 25 ms recompute for 150 linear positions.
 */
export function greeksOf(p: BookPosition): GreekParts {
  return p.option ? positionGreeks(p) : { dollarDelta: unitsOf(p) * p.spot, gamma: 0, vega: 0, theta: 0 };
}

/**
 * Greeks in the snapshot's trader units, from positionGreeks (options-aggregate.ts):
 *   delta = dollarDelta = units·Δ·S            USD per 100 % move (×0.01 = P&L of a 1 % move);
 *   gamma = units·Γ·S²·0.01                    change in USD delta for a +1 % move of S
 *                                              (library gamma is Δ-units per 1 USD of S);
 *   vega  = units·∂V/∂σ/100                    USD per vol point (library unit, unchanged);
 *   theta = units·∂V/∂t/365                    USD per calendar day (library unit, unchanged).
 * Totals add across underlyings (every unit is USD). betaWeightedDelta = Σ dollarDelta·β: the
 * SPX-USD-equivalent USD delta, i.e. `betaWeightedDelta(...).dollars` (β = the instrument's beta
 * to the benchmark, default 1).
 */
export function greeksSection(positions: readonly BookPosition[], greeks: readonly GreekParts[]): Greeks {
  const total: GreekRow = { delta: 0, gamma: 0, vega: 0, theta: 0 };
  const byUnderlying: Record<string, GreekRow> = {};
  let bwd = 0;
  positions.forEach((p, i) => {
    const g = greeks[i];
    const row = (byUnderlying[p.underlying] ??= { delta: 0, gamma: 0, vega: 0, theta: 0 });
    const gammaUsd = g.gamma * p.spot * p.spot * 0.01;
    for (const r of [row, total]) {
      r.delta += g.dollarDelta;
      r.gamma += gammaUsd;
      r.vega += g.vega;
      r.theta += g.theta;
    }
    bwd += g.dollarDelta * (p.beta ?? 1);
  });
  return { ...total, byUnderlying, betaWeightedDelta: bwd };
}

export interface ExposureSection {
  exposures: RiskSnapshot['exposures'];
  /** Net delta-adjusted exposure per underlying (USD, signed). */
  byUnderlying: Map<string, number>;
  hhi: number;
}

/**
 * Exposure value per position = market value (linear) or delta-adjusted notional qty·mult·Δ·S
 * (options), SIGNED — so a long put is short exposure. This is `exposureValue` (portfolio.ts),
 * which equals positionGreeks().dollarDelta, taken from the Greeks already computed. The view's
 * own `exposure` field is unsigned, hence recomputed. gross = Σ|v|, net = Σv, long = Σmax(v, 0),
 * short = Σmax(−v, 0) (positive). byAssetClass / bySector / byVenue hold the NET exposure of each
 * group, grouped by the view's fields (no sector → "unclassified").
 * HHI: Σ s², s = |net exposure of an underlying| / Σ|…| — per underlying, because ten positions
 * on BTC are one bet and a spot + short-perp hedge on it nets out. 0 when nothing is exposed.
 */
export function exposureSection(
  positions: readonly BookPosition[],
  views: readonly PositionView[],
  greeks: readonly GreekParts[],
): ExposureSection {
  const ex = { gross: 0, net: 0, long: 0, short: 0 };
  const byAssetClass: Record<string, number> = {};
  const bySector: Record<string, number> = {};
  const byVenue: Record<string, number> = {};
  const byUnderlying = new Map<string, number>();
  positions.forEach((p, i) => {
    const v = greeks[i].dollarDelta;
    const view = views[i];
    ex.gross += Math.abs(v);
    ex.net += v;
    if (v > 0) ex.long += v;
    else ex.short -= v;
    byAssetClass[view.assetClass] = (byAssetClass[view.assetClass] ?? 0) + v;
    const sector = view.sector ?? 'unclassified';
    bySector[sector] = (bySector[sector] ?? 0) + v;
    byVenue[view.venue] = (byVenue[view.venue] ?? 0) + v;
    byUnderlying.set(p.underlying, (byUnderlying.get(p.underlying) ?? 0) + v);
  });
  const w = Float64Array.from([...byUnderlying.values()].filter((x) => x !== 0));
  const hhi = w.length > 0 ? herfindahl(w).hhi : 0;
  return { exposures: { ...ex, byAssetClass, bySector, byVenue }, byUnderlying, hhi };
}

/**
 * The default 7 × 5 × 5 grid (stress.ts: price −30..+30 % relative, vol −50..+100 % relative,
 * rates −200..+200 bp absolute; full revaluation, instantaneous). `grid[price][vol]` is the slice
 * at a zero rate shock; `worst` is the lowest P&L over all 175 cells (rate in bp).
 */
export function stressSection(positions: readonly BookPosition[]): RiskSnapshot['stress'] {
  const g = DEFAULT_GRID;
  const r = stressGrid(netLinear(positions), g);
  const ir = g.rateShocksBp.indexOf(0);
  const grid = g.priceShocks.map((_, ip) => g.volShocks.map((__, iv) => r.total[gridIndex(g, ip, iv, ir)]));
  return {
    priceShocks: [...g.priceShocks],
    volShocks: [...g.volShocks],
    rateShocks: [...g.rateShocksBp],
    grid,
    worst: { pnl: r.worst.pnl, price: r.worst.priceShock, vol: r.worst.volShock, rate: r.worst.rateShockBp },
  };
}

/**
 * Linear positions netted into one per underlying (units = Σ qty·mult), options kept. Exact for
 * the grid, whose shocks depend only on the underlying (no beta scaling there): a linear P&L is
 * units·S·s. Saves revaluing 150 linear positions 175 times each.
 */
export function netLinear(positions: readonly BookPosition[]): BookPosition[] {
  const out: BookPosition[] = [];
  const net = new Map<string, BookPosition>();
  for (const p of positions) {
    if (p.option) {
      out.push(p);
      continue;
    }
    const n = net.get(p.underlying);
    if (n) n.qty += unitsOf(p);
    else
      net.set(p.underlying, {
        id: `net:${p.underlying}`,
        underlying: p.underlying,
        qty: unitsOf(p),
        spot: p.spot,
      });
  }
  return [...out, ...net.values()];
}

/** The built-in named scenarios: pnl = market P&L − liquidity cost (USD), cost reported too. */
export function scenariosSection(positions: readonly BookPosition[]): RiskSnapshot['scenarios'] {
  return BUILTIN_SCENARIOS.map((s) => {
    const r = runScenario(positions, s);
    return { name: r.name, pnl: r.pnl, liquidityCost: r.liquidityCost };
  });
}
