/**
 * What each capital-preservation level intends to do, computed from the positions as they stand
 * when the level is entered. Output is order intents (each goes through checkOrder like any other
 * order) plus directives for the parts that are not orders.
 *
 * Level 1 light:    reduce every position 25 %; cash >= 10 % of equity; limits ×0.75.
 * Level 2 moderate: reduce every position 50 %; cash >= 25 %; request hedges; rotate defensive;
 *                   limits ×0.5.
 * Level 3 maximum:  close every speculative position; cash >= 50 %; buy insurance; HALT; limits ×0.5.
 *
 * Cash model: selling a LONG SPOT position raises its market value in cash; reducing derivatives
 * or shorts releases margin but is counted as raising no cash (conservative). When the level's own
 * cut leaves cash below target, the remaining long spot positions are cut further pro rata by the
 * fraction f = min(1, shortfall / remaining long spot value); one intent per symbol carries the
 * combined cut. Quantities round DOWN to the lot step (never overshoot into a flip), except a full
 * close, which uses the exact position size. A cut that rounds to 0 is listed in `skipped`.
 *
 * Speculative (level 3), unless overridden by an explicit `speculative` set: perps and futures,
 * and SHORT options (open-ended loss). Long options (bounded loss, usually the insurance itself)
 * and spot are not. Symbols in `protectedSymbols` (hedges) are never cut at any level.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import { closingSide, roundDownToStep, stepFor, type OrderIntent, type QtyStep } from './intents';
import type { TradingMode } from './trading-state';

export type PreservationLevel = 0 | 1 | 2 | 3;

export interface LevelPolicy {
  /** Fraction of every (non-protected) position cut on entry. */
  reduceFraction: number;
  closeSpeculative: boolean;
  /** Minimum cash / equity. */
  cashTarget: number;
  /** Multiplier on the limits (limits.ts dynamic factors compose with it by taking the smaller). */
  limitFactor: number;
  requestHedges: boolean;
  rotateDefensive: boolean;
  buyInsurance: boolean;
  mode: TradingMode | null;
}

export const LEVEL_POLICY: Readonly<Record<PreservationLevel, LevelPolicy>> = {
  0: { reduceFraction: 0, closeSpeculative: false, cashTarget: 0, limitFactor: 1, requestHedges: false, rotateDefensive: false, buyInsurance: false, mode: null },
  1: { reduceFraction: 0.25, closeSpeculative: false, cashTarget: 0.1, limitFactor: 0.75, requestHedges: false, rotateDefensive: false, buyInsurance: false, mode: null },
  2: { reduceFraction: 0.5, closeSpeculative: false, cashTarget: 0.25, limitFactor: 0.5, requestHedges: true, rotateDefensive: true, buyInsurance: false, mode: null },
  3: { reduceFraction: 0, closeSpeculative: true, cashTarget: 0.5, limitFactor: 0.5, requestHedges: true, rotateDefensive: false, buyInsurance: true, mode: 'HALTED' },
};

export type PreservationDirective =
  | { type: 'tighten_limits'; factor: number }
  | { type: 'raise_cash'; target: number; projected: number }
  | { type: 'request_hedges' }
  | { type: 'rotate_defensive' }
  | { type: 'buy_insurance' }
  | { type: 'set_trading_mode'; mode: TradingMode };

export type PlanPosition = Pick<PositionView, 'symbol' | 'kind' | 'qty' | 'marketValue'>;

export interface PlanBook {
  positions: readonly PlanPosition[];
  equity: number;
  /** Cash in account currency. */
  cash: number;
  speculative?: ReadonlySet<string>;
  protectedSymbols?: ReadonlySet<string>;
  qtyStep?: QtyStep;
}

export interface LevelPlan {
  level: PreservationLevel;
  intents: OrderIntent[];
  directives: PreservationDirective[];
  /** Cuts that rounded to zero. */
  skipped: string[];
}

export function isSpeculative(p: PlanPosition, book: PlanBook): boolean {
  if (book.speculative) return book.speculative.has(p.symbol);
  return p.kind === 'perp' || p.kind === 'future' || (p.kind === 'option' && p.qty < 0);
}

const raisesCash = (p: PlanPosition): boolean => p.kind === 'spot' && p.qty > 0;

/** The intents and directives of entering `level` (module doc). Level 0 plans nothing. */
export function planLevel(level: PreservationLevel, book: PlanBook): LevelPlan {
  const pol = LEVEL_POLICY[level];
  if (!(Number.isFinite(book.equity) && book.equity > 0)) throw new RangeError(`planLevel: book.equity must be a finite number > 0, got ${book.equity}`);
  if (!Number.isFinite(book.cash)) throw new RangeError(`planLevel: book.cash must be finite, got ${book.cash}`);
  const cut = new Map<string, number>(); // symbol → fraction cut
  const why = new Map<string, string>();
  let cash = book.cash;
  const live = book.positions.filter((p, i) => {
    if (!Number.isFinite(p.qty)) throw new RangeError(`planLevel: positions[${i}].qty must be finite, got ${p.qty}`);
    if (!Number.isFinite(p.marketValue)) throw new RangeError(`planLevel: positions[${i}].marketValue must be finite, got ${p.marketValue}`);
    return p.qty !== 0 && !book.protectedSymbols?.has(p.symbol);
  });
  for (const p of live) {
    let f = pol.reduceFraction;
    let reason = f > 0 ? `preservation L${level}: reduce ${f * 100}%` : '';
    if (pol.closeSpeculative && isSpeculative(p, book)) {
      f = 1;
      reason = `preservation L${level}: close speculative position`;
    }
    if (f > 0) {
      cut.set(p.symbol, f);
      why.set(p.symbol, reason);
      if (raisesCash(p)) cash += f * p.marketValue;
    }
  }
  const target = pol.cashTarget * book.equity;
  if (cash < target) {
    let remaining = 0;
    for (const p of live) if (raisesCash(p)) remaining += (1 - (cut.get(p.symbol) ?? 0)) * p.marketValue;
    if (remaining > 0) {
      const extra = Math.min(1, (target - cash) / remaining);
      for (const p of live) {
        if (!raisesCash(p)) continue;
        const f0 = cut.get(p.symbol) ?? 0;
        const f = f0 + (1 - f0) * extra;
        cash += (f - f0) * p.marketValue;
        cut.set(p.symbol, f);
        why.set(p.symbol, `${why.get(p.symbol) || `preservation L${level}`}; raise cash to ${pol.cashTarget * 100}%`);
      }
    }
  }
  const intents: OrderIntent[] = [];
  const skipped: string[] = [];
  for (const p of live) {
    const f = cut.get(p.symbol);
    if (f === undefined || f <= 0) continue;
    const abs = Math.abs(p.qty);
    const qty = f >= 1 - 1e-12 ? abs : roundDownToStep(abs * f, stepFor(book.qtyStep, p.symbol));
    if (qty <= 0) skipped.push(p.symbol);
    else intents.push({ symbol: p.symbol, side: closingSide(p.qty), qty, reason: why.get(p.symbol) ?? `preservation L${level}` });
  }
  const directives: PreservationDirective[] = [];
  if (level > 0) directives.push({ type: 'tighten_limits', factor: pol.limitFactor });
  if (pol.cashTarget > 0) directives.push({ type: 'raise_cash', target: pol.cashTarget, projected: cash / book.equity });
  if (pol.requestHedges) directives.push({ type: 'request_hedges' });
  if (pol.rotateDefensive) directives.push({ type: 'rotate_defensive' });
  if (pol.buyInsurance) directives.push({ type: 'buy_insurance' });
  if (pol.mode) directives.push({ type: 'set_trading_mode', mode: pol.mode });
  return { level, intents, directives, skipped };
}

export interface RemovedExposure {
  symbol: string;
  /** Signed exposure removed, units: +qty when a long was cut, −qty when a short was covered. */
  qty: number;
  /** Price at removal. */
  price: number;
  multiplier?: number;
}

export interface PreservationOutcome {
  perSymbol: { symbol: string; wouldHaveMade: number; net: number }[];
  /** P&L the removed exposure would have made had it been kept. */
  wouldHaveMade: number;
  /** −wouldHaveMade: > 0 loss avoided, < 0 cost of protection (gains forgone). */
  net: number;
  /** Symbols without a later price (excluded from the totals). */
  missing: string[];
}

/** Scores a preservation action after the fact: removed qty × multiplier × (later − removal price). */
export function preservationOutcome(removed: readonly RemovedExposure[], laterPrices: ReadonlyMap<string, number>): PreservationOutcome {
  const perSymbol: PreservationOutcome['perSymbol'] = [];
  const missing: string[] = [];
  let total = 0;
  removed.forEach((r, i) => {
    if (!Number.isFinite(r.qty)) throw new RangeError(`preservationOutcome: removed[${i}].qty must be finite, got ${r.qty}`);
    if (!(Number.isFinite(r.price) && r.price > 0)) throw new RangeError(`preservationOutcome: removed[${i}].price must be a finite number > 0, got ${r.price}`);
    const m = r.multiplier ?? 1;
    if (!(Number.isFinite(m) && m > 0)) throw new RangeError(`preservationOutcome: removed[${i}].multiplier must be a finite number > 0, got ${m}`);
    const later = laterPrices.get(r.symbol);
    if (later === undefined || !Number.isFinite(later)) {
      missing.push(r.symbol);
      return;
    }
    const made = r.qty * m * (later - r.price);
    total += made;
    perSymbol.push({ symbol: r.symbol, wouldHaveMade: made, net: -made || 0 });
  });
  return { perSymbol, wouldHaveMade: total, net: -total || 0, missing };
}
