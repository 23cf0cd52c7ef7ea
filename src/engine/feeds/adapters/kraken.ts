/**
 * Kraken spot WebSocket v2 (wss://ws.kraken.com/v2).
 * Docs: https://docs.kraken.com/api/docs/websocket-v2/ticker, …/trade, …/heartbeat, …/status
 *
 * Messages are objects with `channel` + `type` (snapshot | update) + `data: []`, or method
 * responses `{method, success, error?, result?, time_in, time_out}`. Unlike most venues, prices
 * and quantities are JSON numbers. Symbols are BTC/USD (v2 uses BTC, not v1's XBT).
 * The server sends a `heartbeat` message about once a second while subscribed, so no client
 * ping is needed; an application ping ({"method":"ping"}) exists but is not required.
 */
import {
  byChannel,
  chunk,
  type ConnectPlan,
  type SeqMode,
  type Subscription,
  type VenueAdapter,
} from '../adapter';
import { canonicalMapper, fromCanonical } from '../symbols';
import {
  control,
  DROP_MALFORMED,
  DROP_UNKNOWN,
  isoMs,
  isRecord,
  makeTick,
  num,
  optNum,
  parseJson,
  ticks,
  type ParseResult,
  type Tick,
  type TickKind,
} from '../tick';

export function createKrakenAdapter(): VenueAdapter {
  return new KrakenAdapter();
}

class KrakenAdapter implements VenueAdapter {
  readonly venue = 'kraken' as const;
  readonly defaultUrl = 'wss://ws.kraken.com/v2';
  readonly defaultChannels = ['ticker', 'trade'] as const;
  readonly sendRate = { messages: 10, perMs: 1000 };
  private readonly canonical = canonicalMapper('slash');
  private reqId = 1;

  seqMode(kind: TickKind): SeqMode {
    // v2 trade_id is a sequential integer per book; the ticker carries no sequence.
    return kind === 'trade' ? 'contiguous' : 'none';
  }

  plan(baseUrl: string, subs: readonly Subscription[]): ConnectPlan {
    return { url: baseUrl, messages: this.subscribeMessages(subs) };
  }

  subscribeMessages(subs: readonly Subscription[]): string[] {
    return this.frames('subscribe', subs);
  }

  unsubscribeMessages(subs: readonly Subscription[]): string[] {
    return this.frames('unsubscribe', subs);
  }

  reset(): void {}

  parse(raw: string, recvTs: number): ParseResult {
    const m = parseJson(raw);
    if (!isRecord(m)) return DROP_MALFORMED;
    const channel = m.channel;
    if (typeof channel === 'string') {
      switch (channel) {
        case 'ticker':
          return this.parseData(m.data, (d) => this.ticker(d, recvTs));
        case 'trade':
          return this.parseData(m.data, (d) => this.trade(d, recvTs));
        case 'heartbeat':
          return control({ type: 'heartbeat' });
        case 'status': {
          const first: unknown = Array.isArray(m.data) ? m.data[0] : undefined;
          const system = isRecord(first) && typeof first.system === 'string' ? first.system : 'unknown';
          return control({ type: 'status', status: system });
        }
        default:
          return DROP_UNKNOWN;
      }
    }
    const method = m.method;
    if (typeof method === 'string') {
      if (m.success === false) {
        return control({
          type: 'venue_error',
          message: typeof m.error === 'string' ? m.error : `${method} failed`,
        });
      }
      if (method === 'pong') return control({ type: 'pong' });
      if (method === 'subscribe' || method === 'unsubscribe') {
        const r = m.result;
        const detail = isRecord(r) ? `${String(r.channel)}:${String(r.symbol)}` : undefined;
        const id = typeof m.req_id === 'number' ? m.req_id : undefined;
        return control({ type: 'ack', id, detail });
      }
      return DROP_UNKNOWN;
    }
    // Top-level error without a method, e.g. {"error":"Malformed request","method":"error"} variants.
    if (typeof m.error === 'string') return control({ type: 'venue_error', message: m.error });
    return DROP_UNKNOWN;
  }

  private parseData(data: unknown, one: (d: Record<string, unknown>) => Tick | null): ParseResult {
    if (!Array.isArray(data)) return DROP_MALFORMED;
    const out: Tick[] = [];
    for (const d of data) {
      if (!isRecord(d)) return DROP_MALFORMED;
      const t = one(d);
      if (t === null) return DROP_MALFORMED;
      out.push(t);
    }
    return ticks(out);
  }

  private ticker(d: Record<string, unknown>, recvTs: number): Tick | null {
    if (typeof d.symbol !== 'string') return null;
    const bid = optNum(d.bid);
    const ask = optNum(d.ask);
    const last = optNum(d.last);
    if (bid === undefined && ask === undefined && last === undefined) return null;
    // Newer v2 ticker messages carry an RFC 3339 `timestamp`; older ones none.
    return makeTick(
      'kraken',
      this.canonical(d.symbol),
      'quote',
      bid,
      ask,
      last,
      undefined,
      isoMs(d.timestamp, recvTs),
      recvTs,
      undefined,
      optNum(d.bid_qty),
      optNum(d.ask_qty),
    );
  }

  private trade(d: Record<string, unknown>, recvTs: number): Tick | null {
    if (typeof d.symbol !== 'string' || typeof d.price !== 'number' || typeof d.qty !== 'number') return null;
    const id = typeof d.trade_id === 'number' ? d.trade_id : undefined;
    return makeTick(
      'kraken',
      this.canonical(d.symbol),
      'trade',
      undefined,
      undefined,
      num(d.price),
      num(d.qty),
      isoMs(d.timestamp, recvTs),
      recvTs,
      id,
    );
  }

  private frames(method: 'subscribe' | 'unsubscribe', subs: readonly Subscription[]): string[] {
    const out: string[] = [];
    for (const [channel, symbols] of byChannel(subs)) {
      for (const part of chunk(symbols, 50)) {
        const params: Record<string, unknown> = {
          channel,
          symbol: part.map((s) => fromCanonical(s, 'slash')),
        };
        // A trade snapshot replays the last 50 prints, which may be minutes old: not wanted for marks.
        if (method === 'subscribe' && channel === 'trade') params.snapshot = false;
        out.push(JSON.stringify({ method, params, req_id: this.reqId++ }));
      }
    }
    return out;
  }
}
