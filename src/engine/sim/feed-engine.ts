/**
 * Turns the price model into a Binance-format message stream at a configured total rate, and
 * injects data faults (stall, malformed frames, duplicates, out-of-order delivery).
 *
 * Messages rotate round-robin over (instrument × {trade, bookTicker}); streams nobody subscribes
 * to are skipped before any formatting, so the cost is proportional to what is actually sent.
 * Trade ids are consecutive per symbol and bookTicker update ids strictly increase (by 1–3, or
 * more during a liquidity crisis), as on Binance.
 */
import type { Rng } from '../risk/rng';
import { bookTickerPayload, fmt, tradePayload } from './binance-format';
import type { MarketModel } from './models/market';
import type { Scenarios } from './models/scenarios';

/** Malformed-frame variants, cycled in this order. Expected client drop reason in brackets. */
export const MALFORMED_KINDS = [
  'truncated', // JSON cut in half                                 [malformed]
  'not-json', // plain garbage                                     [malformed]
  'missing-field', // price field absent                           [malformed]
  'wrong-type', // price as a JSON number / null instead of string [malformed]
  'nan-price', // "NaN"                                            [non_finite]
  'infinite-price', // "Infinity" / "1e999"                        [non_finite]
  'negative-price', // "-123.45"                                   [non_positive]
  'zero-price', // "0.00000000"                                    [non_positive]
  'crossed-book', // bookTicker with bid above ask                 [crossed]
  'outlier', // price × 10 (fat finger)                            [jump]
  'unknown-event', // {"e":"mystery",…}                            [unknown_message]
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export type FrameSink = (stream: string, payload: string) => void;

export interface EngineStats {
  generated: number;
  malformed: number;
  duplicated: number;
  reordered: number;
}

export class FeedEngine {
  readonly stats: EngineStats = { generated: 0, malformed: 0, duplicated: 0, reordered: 0 };
  private rate: number;
  private carry = 0;
  private rr = 0;
  private stalledUntil = -Infinity;
  private malformedLeft = 0;
  private malformedIdx = 0;
  private duplicateLeft = 0;
  private reorderLeft = 0;
  private readonly tradeId: number[];
  private readonly updateId: number[];
  private readonly tradeStream: string[];
  private readonly bookStream: string[];

  constructor(
    private readonly model: MarketModel,
    private readonly scenarios: Scenarios,
    private readonly rng: Rng,
    private readonly sink: FrameSink,
    private readonly wanted: (stream: string) => boolean,
    rate: number,
    /** Event-time clock. Each frame is stamped when it is built, not when its batch started, so
     *  `E` means what it means on a venue: when this event was published. */
    private readonly clock: () => number = Date.now,
  ) {
    this.rate = Math.max(0, rate);
    const n = model.size;
    this.tradeId = Array.from({ length: n }, () => 1_000_000 + Math.floor(rng.next() * 1_000_000));
    this.updateId = Array.from({ length: n }, () => 10_000_000 + Math.floor(rng.next() * 10_000_000));
    this.tradeStream = Array.from({ length: n }, (_, i) => `${model.spec(i).symbol.toLowerCase()}@trade`);
    this.bookStream = Array.from({ length: n }, (_, i) => `${model.spec(i).symbol.toLowerCase()}@bookTicker`);
  }

  setRate(msgsPerSec: number): void {
    this.rate = Math.max(0, Number.isFinite(msgsPerSec) ? msgsPerSec : 0);
  }

  getRate(): number {
    return this.rate;
  }

  stall(untilMs: number): void {
    this.stalledUntil = Math.max(this.stalledUntil, untilMs);
  }

  isStalled(nowMs: number): boolean {
    return nowMs < this.stalledUntil;
  }

  injectMalformed(count: number): void {
    this.malformedLeft += Math.max(0, count);
  }

  injectDuplicates(count: number): void {
    this.duplicateLeft += Math.max(0, count);
  }

  injectReorders(count: number): void {
    this.reorderLeft += Math.max(0, count);
  }

  /** Advance the model by dtMs and emit the messages due in that time. */
  advance(dtMs: number, nowMs: number): void {
    this.model.step(dtMs, nowMs);
    for (const s of this.scenarios.expire(nowMs)) this.model.settle(s.symbols, s.factor);
    if (this.isStalled(nowMs)) return;
    this.carry += (this.rate * this.scenarios.rateMult() * dtMs) / 1000;
    // After an event-loop hiccup, catch up by at most 100 ms worth rather than bursting.
    const n = Math.min(Math.floor(this.carry), Math.ceil(this.rate * 0.1) + 1);
    this.carry = Math.min(this.carry - n, 1);
    const slots = this.model.size * 2;
    for (let k = 0; k < n; k++) {
      const idx = this.rr++ % slots;
      const i = idx >> 1;
      const isTrade = (idx & 1) === 0;
      const stream = isTrade ? this.tradeStream[i] : this.bookStream[i];
      if (!this.wanted(stream)) continue;
      this.emit(i, isTrade, stream, this.clock());
    }
  }

  private emit(i: number, isTrade: boolean, stream: string, now: number): void {
    this.stats.generated++;
    if (this.malformedLeft > 0) {
      this.malformedLeft--;
      this.stats.malformed++;
      const kind = MALFORMED_KINDS[this.malformedIdx++ % MALFORMED_KINDS.length];
      const [s, p] = this.malformed(kind, i, isTrade, now);
      this.sink(s, p);
      return;
    }
    if (this.reorderLeft > 0) {
      // Two consecutive messages of the same stream, delivered newest first.
      this.reorderLeft--;
      this.stats.reordered++;
      const older = this.payload(i, isTrade, now);
      const newer = this.payload(i, isTrade, now);
      this.sink(stream, newer);
      this.sink(stream, older);
      return;
    }
    const p = this.payload(i, isTrade, now);
    this.sink(stream, p);
    if (this.duplicateLeft > 0) {
      this.duplicateLeft--;
      this.stats.duplicated++;
      this.sink(stream, p);
    }
  }

  private quote(i: number): { bid: number; ask: number; bidQty: number; askQty: number } {
    const spec = this.model.spec(i);
    const mid = this.model.mid(i);
    const spreadMult = this.scenarios.spreadMult(spec.symbol);
    const half = (mid * spec.spreadBps * 1e-4 * spreadMult) / 2;
    const tick = spec.tick;
    const bid = Math.max(tick, Math.floor((mid - half) / tick) * tick);
    let ask = Math.ceil((mid + half) / tick) * tick;
    if (ask <= bid) ask = bid + tick;
    const depth = spec.notional / mid / spreadMult;
    return { bid, ask, bidQty: depth * (1 + 4 * this.rng.next()), askQty: depth * (1 + 4 * this.rng.next()) };
  }

  private payload(i: number, isTrade: boolean, now: number): string {
    const spec = this.model.spec(i);
    const q = this.quote(i);
    if (isTrade) {
      const buyerIsMaker = this.rng.next() < 0.5;
      const px = buyerIsMaker ? q.bid : q.ask;
      const qty = (spec.notional / px) * Math.exp(0.8 * this.rng.normal() - 0.32);
      const T = now - (this.rng.next() < 0.5 ? 0 : 1);
      return tradePayload(spec.symbol, now, ++this.tradeId[i], fmt(px), fmt(qty), T, buyerIsMaker);
    }
    const crisis = this.scenarios.spreadMult(spec.symbol) > 1 ? 20 : 0;
    this.updateId[i] += 1 + Math.floor(this.rng.next() * (3 + crisis));
    return bookTickerPayload(
      this.updateId[i],
      spec.symbol,
      fmt(q.bid),
      fmt(q.bidQty),
      fmt(q.ask),
      fmt(q.askQty),
    );
  }

  /** A bad frame for this symbol; it reuses the next id without consuming it. */
  private malformed(kind: MalformedKind, i: number, isTrade: boolean, now: number): [string, string] {
    const spec = this.model.spec(i);
    const q = this.quote(i);
    const s = spec.symbol;
    const t = this.tradeId[i] + 1;
    const u = this.updateId[i] + 1;
    const px = fmt(q.ask);
    const trade = (p: string): [string, string] => [
      this.tradeStream[i],
      `{"e":"trade","E":${now},"s":"${s}","t":${t},${p}"q":"1.00000000","T":${now},"m":false,"M":true}`,
    ];
    const book = (b: string, a: string): [string, string] => [
      this.bookStream[i],
      `{"u":${u},"s":"${s}",${b}"B":"1.00000000",${a}"A":"1.00000000"}`,
    ];
    switch (kind) {
      case 'truncated': {
        const good = isTrade ? trade(`"p":"${px}",`) : book(`"b":"${fmt(q.bid)}",`, `"a":"${px}",`);
        return [good[0], good[1].slice(0, good[1].length >> 1)];
      }
      case 'not-json':
        return [isTrade ? this.tradeStream[i] : this.bookStream[i], 'this is not json {{{'];
      case 'missing-field':
        return isTrade ? trade('') : book('', `"a":"${px}",`);
      case 'wrong-type':
        return isTrade ? trade(`"p":${q.ask},`) : book('"b":null,', `"a":"${px}",`);
      case 'nan-price':
        return isTrade ? trade('"p":"NaN",') : book('"b":"NaN",', `"a":"${px}",`);
      case 'infinite-price':
        return isTrade ? trade('"p":"Infinity",') : book(`"b":"${fmt(q.bid)}",`, '"a":"1e999",');
      case 'negative-price':
        return isTrade ? trade(`"p":"-${px}",`) : book(`"b":"-${fmt(q.bid)}",`, `"a":"${px}",`);
      case 'zero-price':
        return isTrade ? trade('"p":"0.00000000",') : book(`"b":"${fmt(q.bid)}",`, '"a":"0.00000000",');
      case 'crossed-book':
        return book(`"b":"${fmt(q.ask * 1.01)}",`, `"a":"${fmt(q.bid)}",`);
      case 'outlier':
        return isTrade
          ? trade(`"p":"${fmt(q.ask * 10)}",`)
          : book(`"b":"${fmt(q.bid * 10)}",`, `"a":"${fmt(q.ask * 10)}",`);
      case 'unknown-event':
        return [isTrade ? this.tradeStream[i] : this.bookStream[i], `{"e":"mystery","E":${now},"s":"${s}"}`];
    }
  }
}
