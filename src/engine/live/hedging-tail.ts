/**
 * The live book in the hedging tail scenario: whether an order is protective (for the pre-trade
 * validator) and how much of the book's tail P&L each active hedge carries (for trimming).
 */
import type { PositionView } from '../../shared/contract/index';
import { isProtective } from '../hedging/protective';
import { positionTailPnl, tailPnl, type TailScenario } from '../hedging/tail-shock';
import type { PortfolioService } from '../portfolio/service';
import { toBookPositions } from '../risk-engine/book';
import type { HedgeRecord } from './hedging-store';

export interface TailBreakdown {
  /** The whole book's P&L in the scenario (USD, < 0 = loss, > 0 = over-hedged). */
  book: number;
  hedges: { id: string; tailPnl: number }[];
}

function lastPrices(pf: PortfolioService): Map<string, number> {
  const prices = new Map<string, number>();
  for (const s of pf.priceSymbols()) {
    const q = pf.ledger.quote(s);
    if (q && q.last > 0) prices.set(s, q.last);
  }
  return prices;
}

/** A one-position view of `qty` of `symbol`, enough for toBookPositions. */
function viewOf(pf: PortfolioService, symbol: string, qty: number): PositionView | null {
  const inst = pf.ledger.instruments.get(symbol);
  if (!inst) return null;
  const v = { symbol, kind: inst.kind, underlying: inst.underlying ?? null, assetClass: inst.assetClass, sector: inst.sector ?? null, mark: pf.ledger.markOf(symbol) ?? null, qty };
  return v as PositionView;
}

export function orderIsProtective(pf: PortfolioService, sc: TailScenario | null, o: { symbol: string; side: 'buy' | 'sell'; qty: number }, now: number): boolean {
  if (!sc || !(o.qty > 0)) return false;
  const view = viewOf(pf, o.symbol, o.side === 'buy' ? o.qty : -o.qty);
  if (!view) return false;
  const prices = lastPrices(pf);
  const [pos] = toBookPositions([view], pf.ledger.instruments, prices, now).positions;
  if (!pos) return false;
  const book = toBookPositions(pf.positions(), pf.ledger.instruments, prices, now).positions;
  return isProtective(tailPnl(book, sc), positionTailPnl(pos, sc));
}

export function tailBreakdown(pf: PortfolioService, sc: TailScenario | null, active: readonly HedgeRecord[], now: number): TailBreakdown | null {
  if (!sc) return null;
  const prices = lastPrices(pf);
  const book = tailPnl(toBookPositions(pf.positions(), pf.ledger.instruments, prices, now).positions, sc);
  const hedges: TailBreakdown['hedges'] = [];
  for (const h of active) {
    const view = viewOf(pf, h.symbol, h.qty);
    const [pos] = view ? toBookPositions([view], pf.ledger.instruments, prices, now).positions : [];
    hedges.push({ id: h.id, tailPnl: pos ? positionTailPnl(pos, sc) : 0 });
  }
  return { book, hedges };
}
