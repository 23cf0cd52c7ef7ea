/**
 * Shared shapes for the controls layer: the order intents that breakers, preservation and the
 * emergency planners propose, and quantity rounding. Controls never send orders: they return
 * intents, and the engine routes each one through the pre-trade validator like any other order.
 */

export type Side = 'buy' | 'sell';

/** A proposed order. `qty` is always > 0; the side carries the direction. */
export interface OrderIntent {
  symbol: string;
  side: Side;
  qty: number;
  reason: string;
}

/** Default quantity step: 1e-8 (the finest lot most crypto venues accept). */
export const DEFAULT_QTY_STEP = 1e-8;

/** Per-symbol lot steps, or one step for everything. */
export type QtyStep = number | ReadonlyMap<string, number>;

export function stepFor(step: QtyStep | undefined, symbol: string): number {
  const s = step === undefined ? DEFAULT_QTY_STEP : typeof step === 'number' ? step : (step.get(symbol) ?? DEFAULT_QTY_STEP);
  if (!(Number.isFinite(s) && s > 0)) throw new RangeError(`qtyStep for ${symbol} must be a finite number > 0, got ${String(s)}`);
  return s;
}

let memoStep = NaN;
let memoDecimals = 0;

/** Number of decimals needed to print a step exactly (1e-8 → 8, 0.25 → 2, 5 → 0); memoised, as
 * the pre-trade hot path asks for the same step on every order. */
function stepDecimals(step: number): number {
  if (step === memoStep) return memoDecimals;
  let d = 0;
  for (let scaled = step; d < 20 && Math.abs(scaled - Math.round(scaled)) > 1e-9 * scaled; d++) scaled *= 10;
  memoStep = step;
  memoDecimals = d;
  return d;
}

/**
 * Rounds a non-negative quantity DOWN to a multiple of `step`. Down, because every caller is
 * either reducing a position (rounding up could overshoot into a flip) or capping an order at a
 * limit (rounding up would breach it). A relative 1e-9 tolerance absorbs float noise so that,
 * e.g., 0.3 / 0.1 still counts as 3 steps. The result is computed as the integer
 * n·(step·10^d) divided by 10^d (d = the step's decimals): an exact integer over an exact power of
 * ten rounds correctly, so it carries no binary noise (0.30000000000000004 → 0.3) — and it avoids
 * string formatting in the pre-trade hot path.
 */
export function roundDownToStep(qty: number, step: number): number {
  if (!(qty > 0)) return 0;
  const n = Math.floor(qty / step + 1e-9);
  if (n <= 0) return 0;
  const d = stepDecimals(step);
  if (d === 0) return n * step;
  const p = 10 ** d;
  return (n * Math.round(step * p)) / p;
}

export function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** The side that reduces a position of signed size `qty` (sell a long, buy back a short). */
export function closingSide(qty: number): Side {
  return qty > 0 ? 'sell' : 'buy';
}
