/**
 * Paper broker: fills orders against current prices with a slippage and fee model.
 *
 * - Market orders take liquidity: a buy fills at the ask, a sell at the bid, moved against the order
 *   by `slippageBps + impactBpsPerMillion × notional / 1,000,000` basis points; taker fee.
 * - Limit orders that are marketable fill like market orders but never beyond the limit; others
 *   rest and fill at their limit (maker fee, no slippage) on the first quote that crosses them.
 * - Options have no quoted book here: they trade around the model mark with a spread of
 *   `optionSpreadPct` of the mark.
 */
import type { Fill, OrderRequest, OrderResult } from '../../shared/contract/portfolio';
import type { Ledger } from './ledger';

export interface PaperConfig {
  takerFeeBps: number;
  makerFeeBps: number;
  slippageBps: number;
  impactBpsPerMillion: number;
  optionSpreadPct: number;
}

export const DEFAULT_PAPER: PaperConfig = { takerFeeBps: 5, makerFeeBps: 2, slippageBps: 1, impactBpsPerMillion: 5, optionSpreadPct: 0.01 };

export type NewFill = Omit<Fill, 'id'>;
export type BrokerResult = Omit<OrderResult, 'fill'> & { fill?: NewFill };

interface Resting {
  orderId: string;
  req: OrderRequest;
  ts: number;
}

export class PaperBroker {
  private readonly resting = new Map<string, Resting[]>();
  private seq = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly cfg: PaperConfig = DEFAULT_PAPER,
    private readonly idPrefix = 'P',
  ) {}

  private nextId(ts: number): string {
    return `${this.idPrefix}${ts.toString(36)}-${(++this.seq).toString(36)}`;
  }

  /** Best bid and ask to trade against, or undefined when there is no price. */
  private touch(symbol: string): { bid: number; ask: number } | undefined {
    const inst = this.ledger.instruments.get(symbol);
    if (!inst) return undefined;
    if (inst.kind === 'option') {
      const m = this.ledger.markOf(symbol);
      if (m === undefined || !(m > 0)) return undefined;
      const h = (m * this.cfg.optionSpreadPct) / 2;
      return { bid: Math.max(m - h, Number.EPSILON), ask: m + h };
    }
    const q = this.ledger.quote(inst.underlying ?? symbol);
    if (!q) return undefined;
    return q.bid > 0 && q.ask > 0 ? { bid: q.bid, ask: q.ask } : { bid: q.last, ask: q.last };
  }

  submit(req: OrderRequest, ts: number): BrokerResult {
    const orderId = this.nextId(ts);
    const inst = this.ledger.instruments.get(req.symbol);
    if (!inst) return { orderId, status: 'rejected', reason: `symbol: unknown instrument ${req.symbol}` };
    const t = this.touch(req.symbol);
    if (!t) return { orderId, status: 'rejected', reason: `symbol: no price for ${req.symbol} yet` };
    const px = req.side === 'buy' ? t.ask : t.bid;
    const notional = req.qty * inst.multiplier * px;
    const slip = (this.cfg.slippageBps + (this.cfg.impactBpsPerMillion * notional) / 1e6) / 1e4;
    let fillPx = req.side === 'buy' ? px * (1 + slip) : px * (1 - slip);
    if (req.type === 'limit') {
      const lim = req.limitPrice!;
      const marketable = req.side === 'buy' ? lim >= px : lim <= px;
      if (!marketable) {
        const list = this.resting.get(req.symbol) ?? [];
        list.push({ orderId, req, ts });
        this.resting.set(req.symbol, list);
        return { orderId, status: 'resting' };
      }
      fillPx = req.side === 'buy' ? Math.min(fillPx, lim) : Math.max(fillPx, lim);
    }
    return { orderId, status: 'filled', fill: this.fill(orderId, req, fillPx, this.cfg.takerFeeBps, ts) };
  }

  private fill(orderId: string, req: OrderRequest, price: number, feeBps: number, ts: number): NewFill {
    const inst = this.ledger.instruments.get(req.symbol)!;
    const fee = (req.qty * inst.multiplier * price * feeBps) / 1e4;
    return { ts, symbol: req.symbol, side: req.side, qty: req.qty, price, fee, orderId, source: 'paper' };
  }

  /** Fills resting limits that the current price crosses. Call after a symbol's mark moves. */
  onPrice(symbol: string, ts: number): NewFill[] {
    const list = this.resting.get(symbol);
    if (!list || list.length === 0) return [];
    const t = this.touch(symbol);
    if (!t) return [];
    const fills: NewFill[] = [];
    const keep: Resting[] = [];
    for (const r of list) {
      const lim = r.req.limitPrice!;
      const crossed = r.req.side === 'buy' ? t.ask <= lim : t.bid >= lim;
      if (crossed) fills.push(this.fill(r.orderId, r.req, lim, this.cfg.makerFeeBps, ts));
      else keep.push(r);
    }
    this.resting.set(symbol, keep);
    return fills;
  }

  restingOrders(): { orderId: string; symbol: string; side: string; qty: number; limitPrice: number; ts: number }[] {
    return [...this.resting.values()].flat().map((r) => ({ orderId: r.orderId, symbol: r.req.symbol, side: r.req.side, qty: r.req.qty, limitPrice: r.req.limitPrice!, ts: r.ts }));
  }

  cancelAll(): number {
    let n = 0;
    for (const l of this.resting.values()) n += l.length;
    this.resting.clear();
    return n;
  }
}
