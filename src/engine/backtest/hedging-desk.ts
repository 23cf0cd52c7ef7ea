/**
 * The replay's trading desk for the hedging study: the engine's own Ledger (positions, cash, option
 * marks by BSM at each instrument's implied vol, equity) and PaperBroker (market orders at the
 * ask/bid plus slippage and market impact, 5 bp taker fee, options at the model mark ± half of a 1 %
 * spread), driven by the replay clock.
 *
 * `service()` hands the live executor (src/engine/live/hedging-execute.ts: `executeProposal`,
 * `rollHedge`) the few members of HedgingService it touches — ledger, submit/check, journal, order
 * slicing, persistence — so proposals and rolls are executed by the live code itself, unchanged.
 * The pre-trade validator is replaced by "approve": the controls are measured on their own
 * (docs/controls.md, "Measured effect") and here the question is what the hedges do.
 *
 * Index quote: bid/ask = close × (1 ∓ c), c = the half-spread in bp; the perp and the options on the
 * index are marked from that quote.
 */
import type { Instrument, OrderRequest, OrderResult } from '../../shared/contract/index';
import { slice } from '../hedging/propose';
import type { HedgingService } from '../live/hedging-service';
import type { HedgeRecord } from '../live/hedging-store';
import { PaperBroker } from '../portfolio/paper-broker';
import { Ledger } from '../portfolio/ledger';

export interface DeskEvent {
  ts: number;
  kind: string;
  payload: Record<string, unknown>;
}

export class HedgingDesk {
  readonly ledger = new Ledger(0);
  private readonly broker = new PaperBroker(this.ledger, undefined, 'R');
  readonly events: DeskEvent[] = [];
  /** Σ fees of the hedging flow's fills (sources `hedging:*`), USD. */
  hedgeFees = 0;
  /** Σ |fill − mark| × qty × multiplier of the hedging flow's fills: spread, slippage and impact paid, USD. */
  hedgeSpread = 0;
  private fillSeq = 0;
  private ts = 0;
  private readonly c: number;

  constructor(
    readonly underlying: string,
    instruments: readonly Instrument[],
    capital: number,
    halfSpreadBps: number,
    readonly maxNotionalPerOrder: number,
  ) {
    if (!(capital > 0)) throw new RangeError(`HedgingDesk: capital must be > 0, got ${capital}`);
    if (!(halfSpreadBps >= 0 && halfSpreadBps < 10_000)) throw new RangeError(`HedgingDesk: halfSpreadBps must be in [0, 10000), got ${halfSpreadBps}`);
    if (!(maxNotionalPerOrder > 0)) throw new RangeError(`HedgingDesk: maxNotionalPerOrder must be > 0, got ${maxNotionalPerOrder}`);
    this.c = halfSpreadBps / 10_000;
    for (const i of instruments) this.ledger.addInstrument(i);
    this.ledger.setCash('USD', capital);
  }

  get now(): number {
    return this.ts;
  }

  /** Marks the index (and through it the perp and every option on it) at `close`, time `ts`. */
  mark(close: number, ts: number): void {
    this.ts = ts;
    this.ledger.mark(this.underlying, close * (1 - this.c), close * (1 + this.c), close, ts);
  }

  equity(): number {
    return this.ledger.equity();
  }

  /** Debits (or credits, negative) cash: perp funding and the inverse tracker's carry. */
  charge(usd: number): void {
    this.ledger.setCash('USD', (this.ledger.cash.get('USD') ?? 0) - usd);
  }

  /** Paper-broker fill applied to the ledger (what PortfolioService.submit does, minus the store). */
  submit(o: OrderRequest, source: string): OrderResult & { check: { decision: 'approve'; reasons: never[] } } {
    const mark = this.ledger.markOf(o.symbol);
    const r = this.broker.submit(o, this.ts);
    const check = { decision: 'approve' as const, reasons: [] };
    if (!r.fill) return { orderId: r.orderId, status: r.status, ...(r.reason ? { reason: r.reason } : {}), check };
    this.ledger.applyFill(r.fill);
    if (source.startsWith('hedging')) {
      this.hedgeFees += r.fill.fee;
      const m = this.ledger.instruments.get(o.symbol)?.multiplier ?? 1;
      if (mark !== undefined) this.hedgeSpread += Math.abs(r.fill.price - mark) * r.fill.qty * m;
    }
    this.events.push({ ts: this.ts, kind: 'order.filled', payload: { source, symbol: o.symbol, side: o.side, qty: r.fill.qty, price: r.fill.price, fee: r.fill.fee } });
    return { orderId: r.orderId, status: r.status, fill: { ...r.fill, id: ++this.fillSeq }, check };
  }

  /**
   * The subset of HedgingService that hedging-execute.ts reads (deps.portfolio.ledger,
   * deps.controls.submit/check, deps.append, pstore.saveInstrument, sliceOrders, saveRecord).
   * The cast is the price of reusing the live executor unchanged: its parameter type is the class.
   */
  service(): HedgingService {
    const svc = {
      deps: {
        portfolio: { ledger: this.ledger },
        controls: { submit: (o: OrderRequest, source: string) => this.submit(o, source), check: () => ({ decision: 'approve' as const, reasons: [] }) },
        append: (e: { kind: string; payload: Record<string, unknown> }) => this.events.push({ ts: this.ts, kind: e.kind, payload: e.payload }),
      },
      pstore: { saveInstrument: (): void => undefined },
      sliceOrders: (symbol: string, signedQty: number, unitPrice: number, note: string) => slice(symbol, signedQty, unitPrice, this.maxNotionalPerOrder, note),
      saveRecord: (_h: HedgeRecord): void => undefined,
    };
    return svc as unknown as HedgingService;
  }
}
