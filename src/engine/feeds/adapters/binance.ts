/**
 * Binance spot (trade, bookTicker) and USD-M futures (markPrice) market streams.
 * Docs: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 *       https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Mark-Price-Stream
 *
 * Raw streams live at /ws/<stream> (or /ws + SUBSCRIBE), combined streams at
 * /stream?streams=a/b and arrive wrapped as {"stream","data"}. Prices and quantities are strings.
 * Keep-alive: the server sends a protocol ping every 20 s and wants the payload echoed in a pong;
 * the `ws` client does exactly that by default (autoPong), so no application ping is needed.
 *
 * This is the hot path (≥ 200k frames/s): one JSON.parse, property reads and unary-plus number
 * conversions; no regex, no zod, no per-frame closures.
 */
import {
  byChannel,
  chunk,
  type ConnectPlan,
  type SeqMode,
  type Subscription,
  type VenueAdapter,
} from '../adapter';
import { canonicalMapper, fromCanonical, type SymbolStyle } from '../symbols';
import {
  control,
  DROP_MALFORMED,
  DROP_UNKNOWN,
  isRecord,
  makeTick,
  num,
  optNum,
  ticks,
  type ParseResult,
  type Tick,
  type TickKind,
  type Venue,
} from '../tick';

export interface BinanceOptions {
  /** 'combined' (default): /stream?streams=… wrapper frames; 'raw': /ws + SUBSCRIBE. */
  mode?: 'combined' | 'raw';
  /**
   * Outgoing frames per second. Binance allows 5 incoming messages/s per connection and counts
   * PING/PONG frames too, so the default keeps one slot for the pongs we send back.
   */
  maxMessagesPerSec?: number;
  /** Streams per SUBSCRIBE frame; also the most streams put in a combined URL. */
  streamsPerFrame?: number;
  /**
   * Binance spot's `timeUnit` stream option: MICROSECOND makes E and T microseconds (parsed back to
   * fractional milliseconds), so latency can be measured below a millisecond. Default MILLISECOND.
   */
  timeUnit?: 'MILLISECOND' | 'MICROSECOND';
}

const SPOT_URL = 'wss://stream.binance.com:9443';
const USDM_URL = 'wss://fstream.binance.com';

export function createBinanceSpotAdapter(opts: BinanceOptions = {}): VenueAdapter {
  return new BinanceAdapter('binance', SPOT_URL, ['trade', 'bookTicker'], 'concat', opts);
}

export function createBinanceUsdmAdapter(opts: BinanceOptions = {}): VenueAdapter {
  // USD-M allows 10 incoming messages/s; keep the same headroom logic.
  return new BinanceAdapter('binance-usdm', USDM_URL, ['markPrice@1s'], 'concat-perp', {
    maxMessagesPerSec: 8,
    ...opts,
  });
}

/** Stream name for a canonical symbol + channel, e.g. BTC-USDT + trade → btcusdt@trade. */
export function binanceStreamName(symbol: string, channel: string, style: SymbolStyle = 'concat'): string {
  return `${fromCanonical(symbol, style).toLowerCase()}@${channel}`;
}

class BinanceAdapter implements VenueAdapter {
  readonly sendRate: { messages: number; perMs: number };
  private readonly mode: 'combined' | 'raw';
  private readonly perFrame: number;
  private readonly canonical: (s: string) => string;
  /** Multiplier from the venue's time unit to milliseconds. */
  private readonly tsScale: number;
  private readonly timeUnitQuery: string;
  private nextId = 1;

  constructor(
    readonly venue: Venue,
    readonly defaultUrl: string,
    readonly defaultChannels: readonly string[],
    private readonly style: SymbolStyle,
    opts: BinanceOptions,
  ) {
    this.mode = opts.mode ?? 'combined';
    this.perFrame = Math.max(1, opts.streamsPerFrame ?? 100);
    this.sendRate = { messages: Math.max(1, opts.maxMessagesPerSec ?? 4), perMs: 1000 };
    this.canonical = canonicalMapper(style);
    const micro = opts.timeUnit === 'MICROSECOND';
    this.tsScale = micro ? 1e-3 : 1;
    this.timeUnitQuery = micro ? 'timeUnit=MICROSECOND' : '';
  }

  seqMode(kind: TickKind): SeqMode {
    // Trade ids are consecutive per symbol; bookTicker `u` is the order-book update id, which
    // only increases (many book updates happen between two best-price changes).
    if (kind === 'trade') return 'contiguous';
    if (kind === 'quote') return 'increasing';
    return 'none';
  }

  plan(baseUrl: string, subs: readonly Subscription[]): ConnectPlan {
    const base = baseUrl.replace(/\/+$/, '');
    const streams = this.streams(subs);
    const tu = this.timeUnitQuery;
    if (this.mode === 'raw') return { url: `${base}/ws${tu ? `?${tu}` : ''}`, messages: this.frames('SUBSCRIBE', streams) };
    const inUrl = streams.slice(0, this.perFrame);
    const query = [inUrl.length ? `streams=${inUrl.join('/')}` : '', tu].filter(Boolean).join('&');
    const url = `${base}/stream${query ? `?${query}` : ''}`;
    return { url, messages: this.frames('SUBSCRIBE', streams.slice(this.perFrame)) };
  }

  subscribeMessages(subs: readonly Subscription[]): string[] {
    return this.frames('SUBSCRIBE', this.streams(subs));
  }

  unsubscribeMessages(subs: readonly Subscription[]): string[] {
    return this.frames('UNSUBSCRIBE', this.streams(subs));
  }

  reset(): void {}

  parse(raw: string, recvTs: number): ParseResult {
    let m: unknown;
    try {
      m = JSON.parse(raw);
    } catch {
      return DROP_MALFORMED;
    }
    if (typeof m !== 'object' || m === null) return DROP_MALFORMED;
    let d = m as Record<string, unknown>;
    // Combined wrapper {"stream": "...", "data": {...}}.
    if (typeof d.stream === 'string') {
      const inner = d.data;
      if (typeof inner !== 'object' || inner === null) return DROP_MALFORMED;
      d = inner as Record<string, unknown>;
    }
    if (Array.isArray(d)) return this.parseArray(d as unknown[], recvTs);
    const t = this.parseEvent(d, recvTs);
    if (t !== undefined) return t === null ? DROP_MALFORMED : ticks([t]);
    return this.parseControl(d);
  }

  /** A market event → tick, null = recognised but malformed, undefined = not a market event. */
  private parseEvent(d: Record<string, unknown>, recvTs: number): Tick | null | undefined {
    const e = d.e;
    if (e === 'trade') {
      const s = d.s;
      const p = d.p;
      const q = d.q;
      const id = d.t;
      if (typeof s !== 'string' || typeof p !== 'string' || typeof q !== 'string' || typeof id !== 'number')
        return null;
      const ts = typeof d.E === 'number' ? d.E * this.tsScale : typeof d.T === 'number' ? d.T * this.tsScale : recvTs;
      return makeTick(
        this.venue,
        this.canonical(s),
        'trade',
        undefined,
        undefined,
        num(p),
        num(q),
        ts,
        recvTs,
        id,
      );
    }
    // Spot bookTicker has no event type field; futures bookTicker carries e = "bookTicker".
    if ((e === undefined && d.u !== undefined) || e === 'bookTicker') {
      const s = d.s;
      const b = d.b;
      const a = d.a;
      const u = d.u;
      if (typeof s !== 'string' || typeof b !== 'string' || typeof a !== 'string' || typeof u !== 'number')
        return null;
      const ts = typeof d.E === 'number' ? d.E * this.tsScale : recvTs;
      return makeTick(
        this.venue,
        this.canonical(s),
        'quote',
        num(b),
        num(a),
        undefined,
        undefined,
        ts,
        recvTs,
        u,
        optNum(d.B),
        optNum(d.A),
      );
    }
    if (e === 'markPriceUpdate') {
      const s = d.s;
      const p = d.p;
      if (typeof s !== 'string' || typeof p !== 'string') return null;
      const ts = typeof d.E === 'number' ? d.E * this.tsScale : recvTs;
      return makeTick(
        this.venue,
        this.canonical(s),
        'mark',
        undefined,
        undefined,
        num(p),
        undefined,
        ts,
        recvTs,
        undefined,
      );
    }
    return undefined;
  }

  private parseArray(items: unknown[], recvTs: number): ParseResult {
    // All-market streams (e.g. !markPrice@arr@1s) deliver arrays of the single-symbol payload.
    const out: Tick[] = [];
    for (const it of items) {
      if (!isRecord(it)) return DROP_MALFORMED;
      const t = this.parseEvent(it, recvTs);
      if (t === null) return DROP_MALFORMED;
      if (t === undefined) return DROP_UNKNOWN;
      out.push(t);
    }
    return ticks(out);
  }

  private parseControl(d: Record<string, unknown>): ParseResult {
    if ('result' in d && 'id' in d) {
      const id = d.id;
      const detail = Array.isArray(d.result) ? d.result.join(',') : undefined;
      return control({
        type: 'ack',
        id: typeof id === 'number' || typeof id === 'string' ? id : undefined,
        detail,
      });
    }
    if (typeof d.code === 'number' && typeof d.msg === 'string') {
      return control({ type: 'venue_error', message: d.msg, code: String(d.code) });
    }
    // Newer error shape: {"error": {"code": 2, "msg": "..."}, "id": 1}
    if (isRecord(d.error) && typeof d.error.msg === 'string') {
      return control({ type: 'venue_error', message: d.error.msg, code: String(d.error.code) });
    }
    if (d.e === 'serverShutdown') return control({ type: 'shutdown_notice' });
    return DROP_UNKNOWN;
  }

  private streams(subs: readonly Subscription[]): string[] {
    const out: string[] = [];
    for (const [channel, symbols] of byChannel(subs)) {
      for (const sym of symbols) out.push(binanceStreamName(sym, channel, this.style));
    }
    return out;
  }

  private frames(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', streams: string[]): string[] {
    return chunk(streams, this.perFrame).map((params) =>
      JSON.stringify({ method, params, id: this.nextId++ }),
    );
  }
}
