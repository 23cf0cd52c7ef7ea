/**
 * The live book: instruments, positions, cash and marks, with equity maintained incrementally so a
 * tick costs O(1) (plus one Black-Scholes repricing per option on the ticked underlying).
 *
 * Conventions
 * - Account currency USD. USD, USDT and USDC quotes are valued at par; other quote currencies are
 *   refused when the instrument is registered (there is no FX conversion yet).
 * - Spot and options are funded: buying pays qty × multiplier × price from cash, and the position
 *   contributes its market value to equity. Perpetuals and futures are margined: only fees and
 *   realised P&L move cash, and the position contributes its unrealised P&L.
 * - Average cost is the weighted average of the fills that opened the position; a reducing fill
 *   realises (fill − average) × closed qty × multiplier; a fill through zero opens the remainder at
 *   the fill price.
 * - Perpetuals and futures that name an `underlying` are marked from that underlying's price (index
 *   marking, as venues mark perps to an index); those without one are marked by their own ticks.
 * - Options are marked with Black-Scholes-Merton from the underlying's mark, the instrument's
 *   implied volatility and the ledger's rate, with time to expiry measured from the tick's time;
 *   at or after expiry they are worth intrinsic value.
 */
import { bsmGreeks } from '../risk/options';
import type { Fill, Instrument, PositionView } from '../../shared/contract/portfolio';

export const PAR_CURRENCIES = new Set(['USD', 'USDT', 'USDC']);
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Maintenance margin when an instrument does not state one (fraction of notional). */
export const DEFAULT_MMR = 0.005;

export interface Quote {
  bid: number;
  ask: number;
  last: number;
  ts: number;
  /** Quantity at the best bid / ask where the venue gives it; NaN when unknown. */
  bidSize: number;
  askSize: number;
}

interface Pos {
  inst: Instrument;
  qty: number;
  avgCost: number;
  realized: number;
  mark: number;
  delta: number;
  markTs: number;
  /** This position's current contribution to equity (market value or unrealised P&L). */
  contrib: number;
  stale: boolean;
}

const funded = (i: Instrument): boolean => i.kind === 'spot' || i.kind === 'option';

export class Ledger {
  readonly instruments = new Map<string, Instrument>();
  private readonly positions = new Map<string, Pos>();
  private readonly quotes = new Map<string, Quote>();
  private readonly optionsOn = new Map<string, Pos[]>();
  private readonly linearOn = new Map<string, Pos[]>();
  readonly cash = new Map<string, number>();
  private contribSum = 0;
  /**
   * Bumped by every mutation; views() is cached per version, so the callers of one synchronous cycle
   * (the 4 Hz push, the one-second control cycle, a burst of order checks) share one O(n) pass.
   */
  private version = 0;
  private viewCache: { version: number; views: PositionView[] } | undefined;
  private cashSum = 0;
  private realizedSum = 0;

  constructor(readonly rate = 0) {}

  addInstrument(inst: Instrument): void {
    this.version++;
    if (!PAR_CURRENCIES.has(inst.quote)) throw new RangeError(`instrument ${inst.symbol}: quote: currency ${inst.quote} is not supported (USD, USDT, USDC)`);
    if (inst.kind === 'option') {
      if (!inst.underlying || !inst.optionType || !inst.strike || inst.expiryMs === undefined || !inst.impliedVol) {
        throw new RangeError(`instrument ${inst.symbol}: an option needs underlying, optionType, strike, expiryMs and impliedVol`);
      }
    }
    const prev = this.instruments.get(inst.symbol);
    if (prev && prev.kind !== inst.kind) throw new RangeError(`instrument ${inst.symbol}: kind: already registered as ${prev.kind}`);
    this.instruments.set(inst.symbol, inst);
  }

  setCash(currency: string, amount: number): void {
    this.version++;
    if (!PAR_CURRENCIES.has(currency)) throw new RangeError(`cash: currency ${currency} is not supported`);
    this.cashSum += amount - (this.cash.get(currency) ?? 0);
    this.cash.set(currency, amount);
  }

  private addCash(currency: string, delta: number): void {
    this.cash.set(currency, (this.cash.get(currency) ?? 0) + delta);
    this.cashSum += delta;
  }

  /** Sets a position as stored or imported (restart, CSV import), without touching cash. */
  restorePosition(symbol: string, qty: number, avgCost: number, realized: number): void {
    this.version++;
    const p = this.pos(symbol);
    p.qty = qty;
    p.avgCost = avgCost;
    this.realizedSum += realized - p.realized;
    p.realized = realized;
    // Until the first price arrives a restored position is valued at its average cost.
    if (!this.quotes.has(p.inst.underlying ?? p.inst.symbol)) p.mark = avgCost;
    this.revalue(p);
  }

  private pos(symbol: string): Pos {
    let p = this.positions.get(symbol);
    if (p) return p;
    const inst = this.instruments.get(symbol);
    if (!inst) throw new RangeError(`symbol: unknown instrument ${symbol}`);
    p = { inst, qty: 0, avgCost: 0, realized: 0, mark: NaN, delta: 1, markTs: 0, contrib: 0, stale: false };
    this.positions.set(symbol, p);
    if (inst.kind === 'option') {
      const list = this.optionsOn.get(inst.underlying!) ?? [];
      list.push(p);
      this.optionsOn.set(inst.underlying!, list);
      this.priceOption(p, this.quotes.get(inst.underlying!)?.ts ?? 0);
    } else {
      if (inst.underlying) {
        const list = this.linearOn.get(inst.underlying) ?? [];
        list.push(p);
        this.linearOn.set(inst.underlying, list);
      }
      const q = this.quotes.get(inst.underlying ?? symbol);
      if (q) {
        p.mark = q.last;
        p.markTs = q.ts;
      }
    }
    return p;
  }

  /** Applies a fill: position, average cost, realised P&L and cash. Returns the realised P&L. */
  applyFill(f: Pick<Fill, 'symbol' | 'side' | 'qty' | 'price' | 'fee'>): number {
    this.version++;
    if (!(f.qty > 0) || !Number.isFinite(f.qty)) throw new RangeError(`fill.qty: must be a finite number > 0, got ${f.qty}`);
    if (!(f.price > 0) || !Number.isFinite(f.price)) throw new RangeError(`fill.price: must be a finite number > 0, got ${f.price}`);
    if (!(f.fee >= 0) || !Number.isFinite(f.fee)) throw new RangeError(`fill.fee: must be a finite number >= 0, got ${f.fee}`);
    const p = this.pos(f.symbol);
    const m = p.inst.multiplier;
    const signed = f.side === 'buy' ? f.qty : -f.qty;
    let realized = 0;
    if (p.qty === 0 || Math.sign(p.qty) === Math.sign(signed)) {
      const total = Math.abs(p.qty) + f.qty;
      p.avgCost = (p.avgCost * Math.abs(p.qty) + f.price * f.qty) / total;
      p.qty += signed;
    } else {
      const closed = Math.min(Math.abs(p.qty), f.qty);
      realized = closed * (f.price - p.avgCost) * Math.sign(p.qty) * m;
      const next = p.qty + signed;
      // Snap float residue so a full close is exactly flat.
      p.qty = Math.abs(next) < 1e-12 * Math.max(1, Math.abs(p.qty)) ? 0 : next;
      if (p.qty === 0) p.avgCost = 0;
      else if (Math.sign(p.qty) === Math.sign(signed)) p.avgCost = f.price; // flipped through zero
    }
    p.realized += realized;
    this.realizedSum += realized;
    const ccy = p.inst.quote;
    if (funded(p.inst)) this.addCash(ccy, -signed * f.price * m - f.fee);
    else this.addCash(ccy, realized - f.fee);
    // Until the market gives a price, the latest fill is the best mark we have.
    if (!this.quotes.has(p.inst.underlying ?? p.inst.symbol)) p.mark = f.price;
    this.revalue(p);
    return realized;
  }

  /** A validated tick. O(1) for the symbol's own position, plus each option written on it. */
  mark(symbol: string, bid: number, ask: number, last: number, ts: number, bidSize = NaN, askSize = NaN): void {
    this.version++;
    let q = this.quotes.get(symbol);
    if (!q) {
      q = { bid, ask, last, ts, bidSize, askSize };
      this.quotes.set(symbol, q);
    } else {
      q.bid = bid;
      q.ask = ask;
      q.last = last;
      q.ts = ts;
      q.bidSize = bidSize;
      q.askSize = askSize;
    }
    const p = this.positions.get(symbol);
    if (p) {
      p.mark = last;
      p.markTs = ts;
      this.revalue(p);
    }
    const lin = this.linearOn.get(symbol);
    if (lin) {
      for (const d of lin) {
        d.mark = last;
        d.markTs = ts;
        this.revalue(d);
      }
    }
    const opts = this.optionsOn.get(symbol);
    if (opts) for (const o of opts) this.priceOption(o, ts);
  }

  setStale(symbol: string, stale: boolean): void {
    this.version++;
    const p = this.positions.get(symbol);
    if (p) p.stale = stale;
    for (const d of this.linearOn.get(symbol) ?? []) d.stale = stale;
    for (const o of this.optionsOn.get(symbol) ?? []) o.stale = stale;
  }

  quote(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  /** The mark of any symbol: an option's model price, else the last traded/quoted price. */
  markOf(symbol: string): number | undefined {
    const p = this.positions.get(symbol);
    if (p && Number.isFinite(p.mark)) return p.mark;
    const inst = this.instruments.get(symbol);
    if (inst?.kind === 'option') {
      const under = this.quotes.get(inst.underlying!);
      return under ? optionValue(inst, under.last, under.ts, this.rate).price : undefined;
    }
    return this.quotes.get(inst?.underlying ?? symbol)?.last;
  }

  private priceOption(p: Pos, ts: number): void {
    const under = this.quotes.get(p.inst.underlying!);
    if (!under) return;
    const v = optionValue(p.inst, under.last, ts, this.rate);
    p.mark = v.price;
    p.delta = v.delta;
    p.markTs = ts;
    this.revalue(p);
  }

  private revalue(p: Pos): void {
    let c = 0;
    if (Number.isFinite(p.mark) && p.qty !== 0) {
      const m = p.inst.multiplier;
      c = funded(p.inst) ? p.qty * m * p.mark : p.qty * m * (p.mark - p.avgCost);
    }
    this.contribSum += c - p.contrib;
    p.contrib = c;
  }

  equity(): number {
    return this.cashSum + this.contribSum;
  }

  realized(): number {
    return this.realizedSum;
  }

  openSymbols(): string[] {
    return [...this.positions.values()].filter((p) => p.qty !== 0).map((p) => p.inst.symbol);
  }

  position(symbol: string): { qty: number; avgCost: number; realized: number } | undefined {
    const p = this.positions.get(symbol);
    return p && { qty: p.qty, avgCost: p.avgCost, realized: p.realized };
  }

  /**
   * Every open position as the UI and API see it. O(n), cached until the next mutation; called at
   * the push rate, not per tick. The array is shared: callers must not modify it.
   */
  views(): readonly PositionView[] {
    if (this.viewCache?.version === this.version) return this.viewCache.views;
    const out: PositionView[] = [];
    for (const p of this.positions.values()) {
      if (p.qty === 0) continue;
      out.push(this.view(p));
    }
    this.viewCache = { version: this.version, views: out };
    return out;
  }

  private view(p: Pos): PositionView {
    const i = p.inst;
    const m = i.multiplier;
    const has = Number.isFinite(p.mark);
    const mv = has ? p.qty * m * p.mark : 0;
    const upnl = has ? p.qty * m * (p.mark - p.avgCost) : 0;
    const underQ = this.quotes.get(i.underlying ?? i.symbol);
    const underPx = underQ?.last ?? (has ? p.mark : 0);
    const exposure = i.kind === 'option' ? Math.abs(p.qty * m * underPx * p.delta) : Math.abs(mv);
    const notional = Math.abs(p.qty * m * (has ? p.mark : p.avgCost));
    let marginUsed = 0;
    let liq: number | null = null;
    if ((i.kind === 'perp' || i.kind === 'future') && i.leverage) {
      marginUsed = notional / i.leverage;
      const maint = notional * (i.maintenanceMarginRate ?? DEFAULT_MMR);
      // Isolated-margin approximation: the adverse fractional move that eats margin + P&L down to maintenance.
      liq = notional > 0 ? Math.max(0, (marginUsed + upnl - maint) / notional) : null;
    }
    const exitCost = underQ ? exitCostOf(Math.abs(p.qty) * m * (i.kind === 'option' ? Math.abs(p.delta) : 1), p.qty > 0, underQ) : 0;
    const basis = Math.abs(p.qty * m * p.avgCost);
    return {
      symbol: i.symbol,
      kind: i.kind,
      venue: i.venue,
      underlying: i.underlying ?? null,
      assetClass: i.assetClass,
      sector: i.sector ?? null,
      qty: p.qty,
      avgCost: p.avgCost,
      mark: has ? p.mark : null,
      marketValue: mv,
      exposure,
      unrealizedPnl: upnl,
      realizedPnl: p.realized,
      pnlPct: basis > 0 ? upnl / basis : 0,
      marginUsed,
      liquidationDistance: liq,
      exitCost,
      stale: p.stale,
      lastUpdateTs: p.markTs || null,
    };
  }
}

/**
 * Estimated cost to close `units` of the underlying now: half the spread on every unit, and where
 * the venue gives the quantity at the touch, one more full spread on the units beyond it (a
 * linear-impact stand-in: only top-of-book depth is known). A long sells into the bid, a short buys
 * the ask. Options are measured on their delta-equivalent units of the underlying.
 */
export function exitCostOf(units: number, long: boolean, q: Pick<Quote, 'bid' | 'ask' | 'bidSize' | 'askSize'>): number {
  if (!(q.ask > q.bid)) return 0;
  const spread = q.ask - q.bid;
  const touch = long ? q.bidSize : q.askSize;
  const beyond = touch >= 0 ? Math.max(0, units - touch) : 0;
  return units * (spread / 2) + beyond * spread;
}

/** Black-Scholes-Merton value and delta of one option unit; intrinsic at or after expiry. */
export function optionValue(inst: Instrument, spot: number, nowMs: number, rate: number): { price: number; delta: number } {
  const K = inst.strike!;
  const call = inst.optionType === 'call';
  const T = (inst.expiryMs! - nowMs) / YEAR_MS;
  if (!(T > 0)) {
    const intrinsic = Math.max(0, call ? spot - K : K - spot);
    return { price: intrinsic, delta: intrinsic > 0 ? (call ? 1 : -1) : 0 };
  }
  const g = bsmGreeks({ type: inst.optionType!, spot, strike: K, expiry: T, rate, carry: rate, vol: inst.impliedVol! });
  return { price: g.price, delta: g.delta };
}
