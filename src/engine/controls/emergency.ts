/**
 * Emergency planners: pure functions from positions (and open orders) to intents. They never
 * trade; the engine submits each intent through checkOrder (every one of them reduces a position,
 * so HALTED/REDUCING never block them, and the rate limit does not apply).
 *
 * Ordering: positions closest to liquidation first (liquidationDistance ascending, unleveraged
 * last), then the largest |exposure| first — the positions that can hurt most go first.
 * Rounding: a full close uses the exact position size; a partial cut rounds DOWN to the lot step
 * (default 1e-8), so it never removes more than asked nor flips a position; a cut that rounds to 0
 * is reported in `skipped`.
 * Slicing (optional `maxNotionalPerOrder`, needs a mark): a close larger than the per-order
 * notional cap is split into slices of floor-to-step(cap / (mark × multiplier)) plus a remainder,
 * so each slice passes the fat-finger check instead of being cut to size by it. Slices sum to the
 * position up to 12 significant digits of its size.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import { closingSide, roundDownToStep, stepFor, type OrderIntent, type QtyStep } from './intents';
import type { TradingMode } from './trading-state';

export type EmergencyPosition = Pick<PositionView, 'symbol' | 'qty' | 'exposure' | 'mark' | 'liquidationDistance'>;

export interface PlanOptions {
  qtyStep?: QtyStep;
  maxNotionalPerOrder?: number;
  /** Contract multiplier per symbol (default 1), for slicing. */
  multipliers?: ReadonlyMap<string, number>;
  reason?: string;
}

export interface EmergencyPlan {
  intents: OrderIntent[];
  /** Positions left alone: cut rounds to 0. */
  skipped: string[];
}

export interface OpenOrderRef {
  orderId: string;
  symbol: string;
}

export interface CancelIntent {
  orderId: string;
  symbol: string;
  reason: string;
}

function ordered(positions: readonly EmergencyPosition[]): EmergencyPosition[] {
  positions.forEach((p, i) => {
    if (!Number.isFinite(p.qty)) throw new RangeError(`emergency: positions[${i}].qty must be finite, got ${p.qty}`);
  });
  return positions
    .filter((p) => p.qty !== 0)
    .sort((a, b) => (a.liquidationDistance ?? Infinity) - (b.liquidationDistance ?? Infinity) || Math.abs(b.exposure) - Math.abs(a.exposure) || (a.symbol < b.symbol ? -1 : 1));
}

function slices(p: EmergencyPosition, qty: number, full: boolean, reason: string, opts: PlanOptions): OrderIntent[] {
  const side = closingSide(p.qty);
  const cap = opts.maxNotionalPerOrder;
  const mult = opts.multipliers?.get(p.symbol) ?? 1;
  if (cap === undefined || p.mark === null || !(p.mark > 0) || qty * p.mark * mult <= cap) return [{ symbol: p.symbol, side, qty, reason }];
  const slice = roundDownToStep(cap / (p.mark * mult), stepFor(opts.qtyStep, p.symbol));
  if (slice <= 0) return [{ symbol: p.symbol, side, qty, reason }];
  const n = Math.floor(qty / slice + 1e-9);
  const out: OrderIntent[] = [];
  for (let i = 0; i < n; i++) out.push({ symbol: p.symbol, side, qty: slice, reason: `${reason} (slice ${i + 1})` });
  // The remainder closes what is left of a full close. The subtraction's float error is relative
  // to qty (~1e-16·qty), so it is cleaned to 12 significant digits OF QTY, not of the remainder.
  const digits = Math.min(20, Math.max(0, 12 - Math.ceil(Math.log10(qty))));
  const rest = Number((qty - n * slice).toFixed(digits));
  if (rest > 0 && (full || roundDownToStep(rest, stepFor(opts.qtyStep, p.symbol)) > 0))
    out.push({ symbol: p.symbol, side, qty: full ? rest : roundDownToStep(rest, stepFor(opts.qtyStep, p.symbol)), reason: `${reason} (slice ${n + 1})` });
  return out;
}

/** Closes every position (exact size), in the documented order. */
export function planFlattenAll(positions: readonly EmergencyPosition[], opts: PlanOptions = {}): EmergencyPlan {
  const reason = opts.reason ?? 'emergency: flatten all';
  const intents: OrderIntent[] = [];
  for (const p of ordered(positions)) intents.push(...slices(p, Math.abs(p.qty), true, reason, opts));
  return { intents, skipped: [] };
}

/** Cuts every position by `fraction` ∈ (0, 1]; 1 is a flatten. */
export function planReduceAll(positions: readonly EmergencyPosition[], fraction: number, opts: PlanOptions = {}): EmergencyPlan {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`planReduceAll: fraction must be in (0, 1], got ${fraction}`);
  if (fraction === 1) return planFlattenAll(positions, { ...opts, reason: opts.reason ?? 'emergency: reduce 100%' });
  const reason = opts.reason ?? `emergency: reduce ${+(fraction * 100).toFixed(4)}%`;
  const intents: OrderIntent[] = [];
  const skipped: string[] = [];
  for (const p of ordered(positions)) {
    const qty = roundDownToStep(Math.abs(p.qty) * fraction, stepFor(opts.qtyStep, p.symbol));
    if (qty <= 0) skipped.push(p.symbol);
    else intents.push(...slices(p, qty, false, reason, opts));
  }
  return { intents, skipped };
}

/** Cancels every open order. */
export function planCancelAll(openOrders: readonly OpenOrderRef[], reason = 'emergency: cancel all'): CancelIntent[] {
  return openOrders.map((o, i) => {
    if (typeof o.orderId !== 'string' || o.orderId === '') throw new RangeError(`planCancelAll: openOrders[${i}].orderId must be a non-empty string`);
    return { orderId: o.orderId, symbol: o.symbol, reason };
  });
}

export interface SafeModePlan {
  /** No new exposure; manual reducing orders still pass. */
  mode: TradingMode;
  /** Resting orders were priced on data that may be wrong. */
  cancels: CancelIntent[];
  /** Automated intents (breakers, preservation, strategies) must not be submitted. */
  suspendAutomation: true;
  /** Safe mode trades nothing by itself: with untrusted prices any automatic order could be wrong. */
  intents: OrderIntent[];
  reason: string;
}

/**
 * Safe mode, for when the data cannot be trusted (stale feeds, data errors, P&L that does not
 * match prices): REDUCING, cancel every resting order, suspend automation, place nothing.
 */
export function planSafeMode(openOrders: readonly OpenOrderRef[], reason = 'safe mode: market data cannot be trusted'): SafeModePlan {
  return { mode: 'REDUCING', cancels: planCancelAll(openOrders, reason), suspendAutomation: true, intents: [], reason };
}
