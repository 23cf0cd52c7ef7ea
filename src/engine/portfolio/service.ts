/**
 * The portfolio in the engine: ledger (marks, P&L), account (HWM, daily P&L), paper broker and
 * store, with the journal entries a trader expects (every fill, every import).
 */
import type { Journal } from '../db/journal';
import type { Fill, OrderRequest, OrderResult, PortfolioSummary, PositionView } from '../../shared/contract/portfolio';
import { RpcFailure } from '../../shared/contract/errors';
import { AccountTracker } from './account';
import { formatImportErrors, planImport } from './csv-import';
import { demoBook } from './demo';
import { Ledger } from './ledger';
import { PaperBroker, type NewFill } from './paper-broker';
import { DEFAULT_RETENTION, PortfolioStore, type Retention, type SnapshotRow } from './store';
import { PriceHistory } from './price-history';

export interface PortfolioOptions {
  now: () => number;
  dayStartHourUtc?: number;
  retention?: Retention;
  seedDemo?: boolean;
  rate?: number;
}

export class PortfolioService {
  readonly ledger: Ledger;
  readonly broker: PaperBroker;
  /** Per price symbol, one point per second for the last hour (the position detail chart). */
  readonly priceHistory = new PriceHistory();
  private readonly account: AccountTracker;
  private readonly pendingSnaps: SnapshotRow[] = [];
  private lastMinute = -1;
  private fillListener: ((f: Fill) => void) | undefined;

  constructor(
    private readonly store: PortfolioStore,
    private readonly journal: Pick<Journal, 'append'>,
    private readonly opts: PortfolioOptions,
  ) {
    this.ledger = new Ledger(opts.rate ?? 0);
    this.broker = new PaperBroker(this.ledger);
    if (opts.seedDemo && store.isEmpty()) this.seedDemo();
    const saved = store.load();
    for (const i of saved.instruments) this.ledger.addInstrument(i);
    for (const c of saved.cash) this.ledger.setCash(c.currency, c.amount);
    for (const p of saved.positions) this.ledger.restorePosition(p.symbol, p.qty, p.avgCost, p.realized);
    this.account = new AccountTracker(saved.account, opts.dayStartHourUtc ?? 0);
  }

  private seedDemo(): void {
    const now = this.opts.now();
    const book = demoBook(now);
    const ledger = new Ledger(this.opts.rate ?? 0);
    this.store.transaction(() => {
      for (const i of book.instruments) {
        ledger.addInstrument(i);
        this.store.saveInstrument(i, now);
      }
      ledger.setCash(book.cash.currency, book.cash.amount);
      for (const o of book.opens) {
        const fill: NewFill = { ts: now, symbol: o.symbol, side: o.qty > 0 ? 'buy' : 'sell', qty: Math.abs(o.qty), price: o.price, fee: 0, orderId: 'demo', source: 'demo' };
        ledger.applyFill(fill);
        const inst = ledger.instruments.get(o.symbol)!;
        this.store.recordFill(fill, ledger.position(o.symbol)!, { currency: inst.quote, amount: ledger.cash.get(inst.quote) ?? 0 });
      }
      for (const [ccy, amt] of ledger.cash) this.store.saveCash(ccy, amt, now);
      this.journal.append({ kind: 'portfolio.demo_loaded', severity: 'info', source: 'portfolio', payload: { positions: book.opens.length } });
    });
  }

  /** A validated price. O(1) plus options on the symbol; fills resting paper limits it crosses. */
  onPrice(symbol: string, bid: number, ask: number, last: number, ts: number, bidSize = NaN, askSize = NaN): void {
    this.ledger.mark(symbol, bid, ask, last, ts, bidSize, askSize);
    this.priceHistory.record(symbol, ts, last);
    this.account.update(this.ledger.equity(), ts);
    for (const f of this.broker.onPrice(symbol, ts)) this.book(f);
  }

  setStale(symbol: string, stale: boolean): void {
    this.ledger.setStale(symbol, stale);
  }

  submit(req: OrderRequest): OrderResult {
    const ts = this.opts.now();
    const r = this.broker.submit(req, ts);
    if (r.status === 'rejected') {
      this.journal.append({ kind: 'order.rejected', severity: 'warning', source: 'paper', payload: { ...req, reason: r.reason } });
      return { orderId: r.orderId, status: r.status, ...(r.reason ? { reason: r.reason } : {}) };
    }
    if (r.status === 'resting') {
      this.journal.append({ kind: 'order.accepted', severity: 'info', source: 'paper', payload: { ...req, orderId: r.orderId } });
      return { orderId: r.orderId, status: 'resting' };
    }
    return { orderId: r.orderId, status: 'filled', fill: this.book(r.fill!, req.note) };
  }

  /** Applies a fill to the ledger and stores it with its position, cash and journal entry. */
  private book(f: NewFill, note?: string): Fill {
    const realized = this.ledger.applyFill(f);
    const inst = this.ledger.instruments.get(f.symbol)!;
    const stored = this.store.transaction(() => {
      const fill = this.store.recordFill(f, this.ledger.position(f.symbol)!, { currency: inst.quote, amount: this.ledger.cash.get(inst.quote) ?? 0 });
      this.journal.append({ kind: 'order.filled', severity: 'info', source: f.source, payload: { ...fill, realized, ...(note ? { note } : {}) } });
      return fill;
    });
    this.account.update(this.ledger.equity(), f.ts);
    this.fillListener?.(stored);
    return stored;
  }

  /** One listener (the stops) hears every fill after it is booked and stored. */
  onFill(listener: (f: Fill) => void): void {
    this.fillListener = listener;
  }

  importCsv(csv: string): { imported: number; symbols: string[] } {
    const planned = planImport(csv);
    if (!planned.ok) throw new RpcFailure('BAD_REQUEST', formatImportErrors(planned.errors), 'params.csv');
    const { plan } = planned;
    const ts = this.opts.now();
    // Validate against the live book before writing anything: kinds must not change under a symbol.
    for (const i of plan.instruments) {
      const prev = this.ledger.instruments.get(i.symbol);
      if (prev && prev.kind !== i.kind) throw new RpcFailure('BAD_REQUEST', `nothing imported; ${i.symbol}: kind: already held as ${prev.kind}`, 'params.csv');
    }
    this.store.transaction(() => {
      for (const i of plan.instruments) this.store.saveInstrument(i, ts);
      for (const p of plan.positions) this.store.savePosition(p.symbol, { qty: p.qty, avgCost: p.avgCost, realized: this.ledger.position(p.symbol)?.realized ?? 0 }, ts);
      for (const c of plan.cash) this.store.saveCash(c.currency, c.amount, ts);
      this.journal.append({ kind: 'positions.imported', severity: 'info', source: 'import', payload: { positions: plan.positions.length, cash: plan.cash } });
    });
    for (const i of plan.instruments) this.ledger.addInstrument(i);
    // An imported row states the position as of now: it replaces any position held in that symbol.
    for (const p of plan.positions) this.ledger.restorePosition(p.symbol, p.qty, p.avgCost, this.ledger.position(p.symbol)?.realized ?? 0);
    for (const c of plan.cash) this.ledger.setCash(c.currency, c.amount);
    return { imported: plan.positions.length, symbols: plan.positions.map((p) => p.symbol) };
  }

  /** The symbols whose prices mark this book: each instrument's underlying, or itself. */
  priceSymbols(): string[] {
    return [...new Set(this.priceSources().map((s) => s.symbol))].sort();
  }

  /** Each price symbol with the venue of the instrument that needs it (the underlying's own instrument wins). */
  priceSources(): { symbol: string; venue: string }[] {
    const out = new Map<string, string>();
    for (const i of this.ledger.instruments.values()) {
      const sym = i.underlying ?? i.symbol;
      const own = this.ledger.instruments.get(sym);
      if (!out.has(sym)) out.set(sym, own?.venue ?? i.venue);
    }
    return [...out].map(([symbol, venue]) => ({ symbol, venue })).sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  positions(): readonly PositionView[] {
    return this.ledger.views();
  }

  /** O(1) account figures for the tick path (no per-position work). */
  quick(): { equity: number; drawdown: number; dailyPnl: number; dayStartEquity: number } {
    const equity = this.ledger.equity();
    const a = this.account.snapshot(equity);
    return { equity, drawdown: a.drawdown, dailyPnl: a.dailyPnl, dayStartEquity: a.dayStartEquity };
  }

  cancelAll(): number {
    return this.broker.cancelAll();
  }

  restingOrders(): ReturnType<PaperBroker['restingOrders']> {
    return this.broker.restingOrders();
  }

  summary(): PortfolioSummary {
    const equity = this.ledger.equity();
    const a = this.account.snapshot(equity);
    let gross = 0;
    let net = 0;
    let margin = 0;
    let exit = 0;
    let upnl = 0;
    let stale = 0;
    const views = this.ledger.views();
    for (const v of views) {
      gross += v.exposure;
      net += Math.sign(v.qty) * v.exposure;
      margin += v.marginUsed;
      exit += v.exitCost;
      upnl += v.unrealizedPnl;
      if (v.stale) stale++;
    }
    return {
      equity,
      cash: Object.fromEntries(this.ledger.cash),
      dailyPnl: a.dailyPnl,
      dailyPnlPct: a.dailyPnlPct,
      drawdown: a.drawdown,
      highWaterMark: a.highWaterMark,
      dayStartEquity: a.dayStartEquity,
      realizedPnl: this.ledger.realized(),
      unrealizedPnl: upnl,
      grossExposure: gross,
      netExposure: net,
      marginUsed: margin,
      freeMargin: equity - margin,
      exitCost: exit,
      positions: views.length,
      staleSymbols: stale,
      ts: this.opts.now(),
    };
  }

  fills(limit: number): Fill[] {
    return this.store.fills(limit);
  }

  /** Once a second: a 1 s snapshot, a 1 min one on the minute; written in one batch. */
  snapshotTick(ts: number): void {
    const equity = this.ledger.equity();
    if (!Number.isFinite(equity)) return;
    this.account.update(equity, ts);
    const a = this.account.snapshot(equity);
    const row = { ts: Math.floor(ts / 1000) * 1000, equity, dailyPnl: a.dailyPnl, drawdown: a.drawdown, hwm: a.highWaterMark };
    this.pendingSnaps.push({ resolution: '1s', ...row });
    const minute = Math.floor(ts / 60_000);
    if (minute !== this.lastMinute) {
      this.lastMinute = minute;
      this.pendingSnaps.push({ resolution: '1m', ...row, ts: minute * 60_000 });
    }
    if (this.pendingSnaps.length >= 5) this.flush(ts);
  }

  flush(ts = this.opts.now()): void {
    const rows = this.pendingSnaps.splice(0);
    const acct = this.account.current;
    this.store.transaction(() => {
      this.store.writeSnapshots(rows);
      if (acct) this.store.saveAccount(acct, ts);
    });
  }

  prune(ts: number): void {
    this.store.prune(ts, this.opts.retention ?? DEFAULT_RETENTION);
  }
}
