/**
 * Bybit v5 public streams (wss://stream.bybit.com/v5/public/{spot|linear}).
 * Docs: https://bybit-exchange.github.io/docs/v5/ws/connect
 *       https://bybit-exchange.github.io/docs/v5/websocket/public/ticker
 *       https://bybit-exchange.github.io/docs/v5/websocket/public/trade
 *
 * tickers.{symbol}: linear/inverse push one snapshot then deltas that carry only changed fields
 * ("if a response param is not found in the message, its value has not changed"), so we keep the
 * last merged snapshot per symbol. Spot tickers are snapshots only and carry no bid/ask.
 * publicTrade.{symbol}: arrays of prints. Keep-alive: the client sends {"op":"ping"} every 20 s;
 * the answer is {"op":"pong",…} (linear) or {"op":"ping","ret_msg":"pong",…} (spot).
 */
import { chunk, type ConnectPlan, type SeqMode, type Subscription, type VenueAdapter } from '../adapter';
import { canonicalMapper, fromCanonical, type SymbolStyle } from '../symbols';
import {
  control,
  DROP_MALFORMED,
  DROP_UNKNOWN,
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

export interface BybitOptions {
  category?: 'spot' | 'linear';
}

export function createBybitAdapter(opts: BybitOptions = {}): VenueAdapter {
  return new BybitAdapter(opts.category ?? 'linear');
}

class BybitAdapter implements VenueAdapter {
  readonly venue = 'bybit' as const;
  readonly defaultUrl: string;
  readonly defaultChannels = ['tickers', 'publicTrade'] as const;
  readonly sendRate = { messages: 10, perMs: 1000 };
  readonly keepAlive = { intervalMs: 20_000, message: '{"op":"ping"}' };
  private readonly style: SymbolStyle;
  private readonly canonical: (s: string) => string;
  /** Last merged ticker per venue symbol (delta merging). */
  private readonly tickerState = new Map<string, Record<string, unknown>>();
  private reqId = 1;

  constructor(category: 'spot' | 'linear') {
    this.defaultUrl = `wss://stream.bybit.com/v5/public/${category}`;
    this.style = category === 'spot' ? 'concat' : 'concat-perp';
    this.canonical = canonicalMapper(this.style);
  }

  seqMode(kind: TickKind): SeqMode {
    // Ticker `cs` and trade `seq` are cross sequences: they increase, and several prints of one
    // taker order share a value, so equality is not a duplicate.
    return kind === 'mark' ? 'none' : 'nondecreasing';
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

  reset(): void {
    // A new connection starts with a fresh snapshot; stale merged state must not leak into it.
    this.tickerState.clear();
  }

  parse(raw: string, recvTs: number): ParseResult {
    const m = parseJson(raw);
    if (!isRecord(m)) return DROP_MALFORMED;
    const topic = m.topic;
    if (typeof topic === 'string') {
      if (topic.startsWith('tickers.')) return this.ticker(m, recvTs);
      if (topic.startsWith('publicTrade.')) return this.trades(m, recvTs);
      return DROP_UNKNOWN;
    }
    const op = m.op;
    if (typeof op === 'string') {
      if (op === 'pong' || (op === 'ping' && m.ret_msg === 'pong')) return control({ type: 'pong' });
      if (m.success === false) {
        return control({
          type: 'venue_error',
          message: typeof m.ret_msg === 'string' ? m.ret_msg : `${op} failed`,
        });
      }
      if (op === 'subscribe' || op === 'unsubscribe') {
        return control({ type: 'ack', id: typeof m.req_id === 'string' ? m.req_id : undefined, detail: op });
      }
      return DROP_UNKNOWN;
    }
    return DROP_UNKNOWN;
  }

  private ticker(m: Record<string, unknown>, recvTs: number): ParseResult {
    const d = m.data;
    if (!isRecord(d) || typeof d.symbol !== 'string') return DROP_MALFORMED;
    const type = m.type;
    let merged: Record<string, unknown>;
    if (type === 'snapshot') {
      merged = { ...d };
    } else if (type === 'delta') {
      // A delta before any snapshot still carries usable fields; merge into an empty state.
      merged = { ...(this.tickerState.get(d.symbol) ?? {}), ...d };
    } else {
      return DROP_MALFORMED;
    }
    this.tickerState.set(d.symbol, merged);
    const ts = typeof m.ts === 'number' ? m.ts : recvTs;
    const seq = typeof m.cs === 'number' ? m.cs : undefined;
    const sym = this.canonical(d.symbol);
    const bid = optNum(merged.bid1Price);
    const ask = optNum(merged.ask1Price);
    const last = optNum(merged.lastPrice);
    const out: Tick[] = [];
    if (bid !== undefined || ask !== undefined || last !== undefined) {
      out.push(makeTick('bybit', sym, 'quote', bid, ask, last, undefined, ts, recvTs, seq, optNum(merged.bid1Size), optNum(merged.ask1Size)));
    }
    // Emit a mark only when this message changed it (every snapshot, deltas that carry it).
    const mark = optNum(d.markPrice);
    if (mark !== undefined)
      out.push(makeTick('bybit', sym, 'mark', undefined, undefined, mark, undefined, ts, recvTs, undefined));
    return out.length ? ticks(out) : DROP_MALFORMED;
  }

  private trades(m: Record<string, unknown>, recvTs: number): ParseResult {
    const data = m.data;
    if (!Array.isArray(data)) return DROP_MALFORMED;
    const out: Tick[] = [];
    for (const d of data) {
      if (!isRecord(d) || typeof d.s !== 'string' || typeof d.p !== 'string' || typeof d.v !== 'string')
        return DROP_MALFORMED;
      const ts = typeof d.T === 'number' ? d.T : recvTs;
      const seq = typeof d.seq === 'number' ? d.seq : undefined;
      out.push(
        makeTick(
          'bybit',
          this.canonical(d.s),
          'trade',
          undefined,
          undefined,
          num(d.p),
          num(d.v),
          ts,
          recvTs,
          seq,
        ),
      );
    }
    return ticks(out);
  }

  private frames(op: 'subscribe' | 'unsubscribe', subs: readonly Subscription[]): string[] {
    const args = subs.map((s) => `${s.channel}.${fromCanonical(s.symbol, this.style)}`);
    // Spot accepts at most 10 args per request; use the same cap everywhere.
    return chunk(args, 10).map((a) => JSON.stringify({ req_id: String(this.reqId++), op, args: a }));
  }
}
