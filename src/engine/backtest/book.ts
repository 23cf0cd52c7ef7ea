/**
 * The replay's book: the engine's own Ledger (positions, cash, marks, equity) and AccountTracker
 * (high-water mark, day-start equity, daily P&L), so P&L and drawdown follow exactly the live
 * conventions. Prices come from one index series; the quote is close·(1 ∓ c) / close with c the
 * cost in bp, so a buy fills at the ask and a sell at the bid (the half-spread IS the cost) and the
 * ledger's exit cost — the preservation `liquidity` metric — is the same half-spread.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import type { Side } from '../controls/intents';
import type { TradingMode } from '../controls/trading-state';
import { AccountTracker } from '../portfolio/account';
import { Ledger } from '../portfolio/ledger';
import { CORE, INSTRUMENTS } from './config';

export interface FillRecord {
  day: number;
  date: string;
  phase: 'low' | 'close';
  /** "rebalance", "breaker:<id>" or "preservation:<level>". */
  source: string;
  symbol: string;
  side: Side;
  qty: number;
  price: number;
  /** The mark the fill was made against (close or low). */
  mark: number;
  /** |fill − mark| × qty, USD. */
  cost: number;
  posBefore: number;
  posAfter: number;
  /** Effective trading mode when the order was checked (controls-on runs). */
  mode?: TradingMode;
}

export class ReplayBook {
  readonly ledger = new Ledger(0);
  private tracker = new AccountTracker(undefined, 0);
  private readonly c: number;
  private px = NaN;
  private ts = 0;
  readonly fills: FillRecord[] = [];
  costs = 0;
  turnover = 0;

  constructor(
    readonly capital: number,
    symbols: readonly string[],
    costBps: number,
  ) {
    if (!(capital > 0)) throw new RangeError(`ReplayBook: capital must be > 0, got ${capital}`);
    if (!(costBps >= 0 && costBps < 10_000))
      throw new RangeError(`ReplayBook: costBps must be in [0, 10000), got ${costBps}`);
    this.c = costBps / 10_000;
    this.ledger.addInstrument(INSTRUMENTS[CORE]);
    for (const s of symbols) {
      const inst = INSTRUMENTS[s];
      if (!inst) throw new RangeError(`ReplayBook: unknown sleeve symbol ${s}`);
      this.ledger.addInstrument(inst);
    }
    this.ledger.setCash('USD', capital);
  }

  /** Marks every position at `price` (time `ts`) and feeds the account tracker. */
  mark(price: number, ts: number): void {
    this.px = price;
    this.ts = ts;
    this.ledger.mark(CORE, price * (1 - this.c), price * (1 + this.c), price, ts);
    this.tracker.update(this.ledger.equity(), ts);
  }

  get price(): number {
    return this.px;
  }

  get now(): number {
    return this.ts;
  }

  equity(): number {
    return this.ledger.equity();
  }

  /** Drawdown from the (possibly re-based) HWM, day-start equity and today's P&L. */
  account(): {
    equity: number;
    drawdown: number;
    dailyPnl: number;
    dayStartEquity: number;
    highWaterMark: number;
  } {
    const equity = this.ledger.equity();
    const a = this.tracker.snapshot(equity);
    return {
      equity,
      drawdown: a.drawdown,
      dailyPnl: a.dailyPnl,
      dayStartEquity: a.dayStartEquity,
      highWaterMark: a.highWaterMark,
    };
  }

  positions(): readonly PositionView[] {
    return this.ledger.views();
  }

  qty(symbol: string): number {
    return this.ledger.position(symbol)?.qty ?? 0;
  }

  /** Σ signed exposure (USD): every sleeve is on the same index. */
  netExposure(): number {
    let q = 0;
    for (const s of this.ledger.openSymbols())
      q += this.qty(s) * (this.ledger.instruments.get(s)?.multiplier ?? 1);
    return q * this.px;
  }

  cash(): number {
    let c = 0;
    for (const v of this.ledger.cash.values()) c += v;
    return c;
  }

  /** Bid/ask/mark/ts as the pre-trade check sees them. */
  quote(): { bid: number; ask: number; mark: number; ts: number } {
    return { bid: this.px * (1 - this.c), ask: this.px * (1 + this.c), mark: this.px, ts: this.ts };
  }

  /** Fills at the ask (buy) or bid (sell) of the current mark. */
  fill(
    symbol: string,
    side: Side,
    qty: number,
    meta: { day: number; date: string; phase: 'low' | 'close'; source: string; mode?: TradingMode },
  ): FillRecord {
    const price = side === 'buy' ? this.px * (1 + this.c) : this.px * (1 - this.c);
    const posBefore = this.qty(symbol);
    this.ledger.applyFill({ symbol, side, qty, price, fee: 0 });
    this.tracker.update(this.ledger.equity(), this.ts);
    const cost = Math.abs(price - this.px) * qty;
    this.costs += cost;
    this.turnover += qty * this.px;
    const rec: FillRecord = {
      ...meta,
      symbol,
      side,
      qty,
      price,
      mark: this.px,
      cost,
      posBefore,
      posAfter: this.qty(symbol),
    };
    this.fills.push(rec);
    return rec;
  }

  /**
   * Re-bases the high-water mark to current equity (an operator action). The tracker is rebuilt
   * from its own state and fed the current equity at once, so today's day-start equity and the
   * next day's roll are unchanged.
   */
  rebaseHighWaterMark(): void {
    const cur = this.tracker.current;
    if (!cur) return;
    this.tracker = new AccountTracker({ ...cur, highWaterMark: this.ledger.equity() }, 0);
    this.tracker.update(this.ledger.equity(), this.ts);
  }
}
