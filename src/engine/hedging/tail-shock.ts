/**
 * The tail scenario against which every hedge's protection is measured (docs/hedging.md):
 *   - the reference underlying (the book's largest dollar-delta, BTC in the demo) moves by `shock`
 *     (−20 % by default);
 *   - every other underlying u moves by shock × β_u, β_u the OLS beta of u's daily returns on the
 *     reference's, clamped to [0, 3] (in a crash correlations go up, not negative); an underlying
 *     without a beta moves with the reference (β = 1);
 *   - option implied vols rise by `volUp` (+50 % relative), options are fully repriced (BSM);
 *   - instantaneous: no time decay, no liquidity cost.
 * P&L is additive across positions, so the protection of a set of hedge legs is the sum of each
 * leg's P&L under the scenario: this is what makes the optimiser's knapsack exact.
 */
import { positionValue, type BookPosition } from '../risk/book';

export interface TailScenario {
  ref: string;
  /** Fractional move of the reference (negative: a fall). */
  shock: number;
  /** Relative implied-vol change of every option (0.5 = vol × 1.5). */
  volUp: number;
  betas: ReadonlyMap<string, number>;
}

export const DEFAULT_VOL_UP = 0.5;

export function moveOf(underlying: string, sc: TailScenario): number {
  if (underlying === sc.ref) return sc.shock;
  const b = sc.betas.get(underlying);
  const beta = b === undefined || !Number.isFinite(b) ? 1 : Math.min(3, Math.max(0, b));
  return sc.shock * beta;
}

/** P&L of one position under the scenario (USD, negative = loss). */
export function positionTailPnl(p: BookPosition, sc: TailScenario): number {
  const move = Math.max(moveOf(p.underlying, sc), -0.999);
  const spot = p.spot * (1 + move);
  return p.option ? positionValue(p, spot, 1 + sc.volUp) - positionValue(p) : positionValue(p, spot) - positionValue(p);
}

/** P&L of a book under the scenario (USD, negative = loss). */
export function tailPnl(positions: readonly BookPosition[], sc: TailScenario): number {
  let s = 0;
  for (const p of positions) s += positionTailPnl(p, sc);
  return s;
}
