/**
 * OKX v5 public channels (wss://ws.okx.com:8443/ws/v5/public).
 * Docs: https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-tickers-channel
 *       https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-trades-channel
 *       https://www.okx.com/docs-v5/en/#overview-websocket-overview (ping/pong)
 *
 * Pushes are {"arg":{"channel","instId"},"data":[…]} with every number — prices, sizes and even
 * `ts` — as strings; "" means "no value" (e.g. an empty book side). Events: subscribe,
 * unsubscribe, error (with code), notice. Keep-alive: the connection is closed after 30 s
 * without traffic, so the client sends the text frame `ping` and the server answers `pong`.
 * Instrument ids are dash-separated; the -SWAP suffix is our -PERP.
 */
import { chunk, type ConnectPlan, type SeqMode, type Subscription, type VenueAdapter } from '../adapter';
import { canonicalMapper, fromCanonical } from '../symbols';
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

const PONG = control({ type: 'pong' });

export function createOkxAdapter(): VenueAdapter {
  return new OkxAdapter();
}

class OkxAdapter implements VenueAdapter {
  readonly venue = 'okx' as const;
  readonly defaultUrl = 'wss://ws.okx.com:8443/ws/v5/public';
  readonly defaultChannels = ['tickers', 'trades'] as const;
  // Subscribe/unsubscribe/login requests are limited per hour; batch args and pace frames gently.
  readonly sendRate = { messages: 3, perMs: 1000 };
  readonly keepAlive = { intervalMs: 25_000, message: 'ping' };
  private readonly canonical = canonicalMapper('dash');

  seqMode(kind: TickKind): SeqMode {
    // tradeId increases per instrument (aggregated prints report the last id); tickers are unsequenced.
    return kind === 'trade' ? 'increasing' : 'none';
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
    // The keep-alive answer is a bare text frame, not JSON.
    if (raw === 'pong') return PONG;
    if (raw === 'ping') return control({ type: 'ping', reply: 'pong' });
    const m = parseJson(raw);
    if (!isRecord(m)) return DROP_MALFORMED;
    const event = m.event;
    if (typeof event === 'string') {
      switch (event) {
        case 'subscribe':
        case 'unsubscribe': {
          const arg = isRecord(m.arg) ? `${String(m.arg.channel)}:${String(m.arg.instId)}` : event;
          return control({ type: 'ack', detail: arg });
        }
        case 'error':
          return control({
            type: 'venue_error',
            message: typeof m.msg === 'string' ? m.msg : 'error',
            code: typeof m.code === 'string' ? m.code : undefined,
          });
        case 'notice':
          return control({ type: 'status', status: typeof m.msg === 'string' ? m.msg : 'notice' });
        default:
          return DROP_UNKNOWN;
      }
    }
    const arg = m.arg;
    if (!isRecord(arg) || typeof arg.channel !== 'string') return DROP_UNKNOWN;
    const data = m.data;
    if (!Array.isArray(data)) return DROP_MALFORMED;
    if (arg.channel === 'tickers') return this.each(data, (d) => this.ticker(d, recvTs));
    if (arg.channel === 'trades') return this.each(data, (d) => this.trade(d, recvTs));
    return DROP_UNKNOWN;
  }

  private each(data: unknown[], one: (d: Record<string, unknown>) => Tick | null): ParseResult {
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
    if (typeof d.instId !== 'string') return null;
    const bid = optNum(d.bidPx);
    const ask = optNum(d.askPx);
    const last = optNum(d.last);
    if (bid === undefined && ask === undefined && last === undefined) return null;
    const ts = optNum(d.ts) ?? recvTs;
    return makeTick(
      'okx',
      this.canonical(d.instId),
      'quote',
      bid,
      ask,
      last,
      optNum(d.lastSz),
      ts,
      recvTs,
      undefined,
      optNum(d.bidSz),
      optNum(d.askSz),
    );
  }

  private trade(d: Record<string, unknown>, recvTs: number): Tick | null {
    if (typeof d.instId !== 'string' || typeof d.px !== 'string' || typeof d.sz !== 'string') return null;
    const ts = optNum(d.ts) ?? recvTs;
    const id = optNum(d.tradeId);
    return makeTick(
      'okx',
      this.canonical(d.instId),
      'trade',
      undefined,
      undefined,
      num(d.px),
      num(d.sz),
      ts,
      recvTs,
      id,
    );
  }

  private frames(op: 'subscribe' | 'unsubscribe', subs: readonly Subscription[]): string[] {
    const args = subs.map((s) => ({ channel: s.channel, instId: fromCanonical(s.symbol, 'dash') }));
    return chunk(args, 100).map((a) => JSON.stringify({ op, args: a }));
  }
}
