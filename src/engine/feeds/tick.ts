/**
 * The normalised market-data tick every venue adapter produces, plus the parse-result and
 * drop-reason vocabulary shared by adapters, validation and the connection manager.
 *
 * Ticks are created through `makeTick` only, so that every tick object has the same property
 * order and V8 keeps the ingest hot path monomorphic.
 */
import { price, qty, utcMs, type Price, type Qty, type UtcMs } from '../../shared/units';

export type Venue = 'binance' | 'binance-usdm' | 'coinbase' | 'kraken' | 'bybit' | 'okx';

/**
 * trade: one print (last = trade price, size = trade qty).
 * quote: top of book (bid/ask), optionally with the venue's last trade price/size.
 * mark:  a venue-computed mark price (carried in `last`), e.g. Binance USD-M markPrice.
 */
export type TickKind = 'trade' | 'quote' | 'mark';

export interface Tick {
  venue: Venue;
  /** Canonical symbol: BASE-QUOTE for spot (BTC-USDT), BASE-QUOTE-PERP for perpetuals. */
  symbol: string;
  bid?: Price;
  ask?: Price;
  last?: Price;
  size?: Qty;
  /** Quantity at the best bid / ask, where the venue gives it (top-of-book depth). */
  bidSize?: Qty;
  askSize?: Qty;
  /** Venue event/publish time (ms since epoch, UTC). Falls back to recvTs when the venue sends none. */
  exchTs: UtcMs;
  /** Local receive time from the connection's clock. */
  recvTs: UtcMs;
  /** Venue sequence / update / trade id used for gap and duplicate detection. */
  seq?: number;
  kind: TickKind;
}

export function makeTick(
  venue: Venue,
  symbol: string,
  kind: TickKind,
  bid: number | undefined,
  ask: number | undefined,
  last: number | undefined,
  size: number | undefined,
  exchTs: number,
  recvTs: number,
  seq: number | undefined,
  bidSize?: number,
  askSize?: number,
): Tick {
  return {
    venue,
    symbol,
    bid: bid === undefined ? undefined : price(bid),
    ask: ask === undefined ? undefined : price(ask),
    last: last === undefined ? undefined : price(last),
    size: size === undefined ? undefined : qty(size),
    bidSize: bidSize === undefined ? undefined : qty(bidSize),
    askSize: askSize === undefined ? undefined : qty(askSize),
    exchTs: utcMs(exchTs),
    recvTs: utcMs(recvTs),
    seq,
    kind,
  };
}

/** Every reason a frame or tick is counted and dropped. */
export const DROP_REASONS = [
  'malformed', // not JSON, wrong shape, required field missing or of the wrong type
  'unknown_message', // well-formed but not a message type we understand
  'non_finite', // a price or size is NaN or ±Infinity
  'non_positive', // a price is zero or negative (or a size is negative)
  'crossed', // bid > ask
  'jump', // moved further than the configured bound from the last good price
  'duplicate', // same sequence number as the last accepted one
  'out_of_order', // older sequence number than the last accepted one
] as const;
export type DropReason = (typeof DROP_REASONS)[number];
export type DropCounts = Record<DropReason, number>;

export function emptyDropCounts(): DropCounts {
  return {
    malformed: 0,
    unknown_message: 0,
    non_finite: 0,
    non_positive: 0,
    crossed: 0,
    jump: 0,
    duplicate: 0,
    out_of_order: 0,
  };
}

/** Non-market messages an adapter recognises. */
export type ControlEvent =
  /** The venue answered our application-level keep-alive. */
  | { type: 'pong' }
  /** The venue asked for an application-level pong; `reply` is the frame to send back. */
  | { type: 'ping'; reply: string }
  | { type: 'heartbeat'; symbol?: string; seq?: number }
  /** Subscribe/unsubscribe/list acknowledged. */
  | { type: 'ack'; id?: string | number; detail?: string }
  | { type: 'venue_error'; message: string; code?: string }
  | { type: 'status'; status: string }
  /** Venue announced an imminent server shutdown (Binance `serverShutdown`): reconnect early. */
  | { type: 'shutdown_notice' };

export type ParseResult =
  | { kind: 'ticks'; ticks: Tick[] }
  | { kind: 'control'; event: ControlEvent }
  | { kind: 'drop'; reason: 'malformed' | 'unknown_message' };

// Shared immutable results: dropping must not allocate on a flood of garbage.
export const DROP_MALFORMED: ParseResult = Object.freeze({ kind: 'drop', reason: 'malformed' });
export const DROP_UNKNOWN: ParseResult = Object.freeze({ kind: 'drop', reason: 'unknown_message' });

export function ticks(list: Tick[]): ParseResult {
  return { kind: 'ticks', ticks: list };
}

export function control(event: ControlEvent): ParseResult {
  return { kind: 'control', event };
}

/**
 * Venue number field → number. Strings go through unary plus (faster than parseFloat and
 * stricter: "12abc" is NaN). Missing or non-numeric types give NaN so that validation counts them.
 */
export function num(v: unknown): number {
  if (typeof v === 'string') return v.length === 0 ? NaN : +v;
  if (typeof v === 'number') return v;
  return NaN;
}

/** Optional number field: absent, null and "" (OKX's "no value") become undefined. */
export function optNum(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return num(v);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse that never throws. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** ISO-8601 time → epoch ms, or the fallback when absent or unparseable. */
export function isoMs(v: unknown, fallback: number): number {
  if (typeof v !== 'string') return fallback;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : fallback;
}
