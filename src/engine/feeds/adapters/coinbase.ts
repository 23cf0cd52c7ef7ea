/**
 * Coinbase Exchange market-data feed (wss://ws-feed.exchange.coinbase.com).
 * Docs: https://docs.cdp.coinbase.com/exchange/websocket-feed/overview
 *       https://docs.cdp.coinbase.com/exchange/websocket-feed/channels
 *
 * Channels used: ticker (best bid/ask + last trade), matches (trades), heartbeat (keep-alive: one
 * message per product per second). Every message has a `type`; unknown types must be ignored
 * (the venue may add new ones), which we count as unknown_message rather than failing.
 * Product ids are already canonical (BTC-USD). Prices and sizes are strings, times ISO-8601.
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
  type TickKind,
} from '../tick';

export interface CoinbaseOptions {
  /** Always add the heartbeat channel for every product (default true): it keeps idle feeds alive. */
  heartbeat?: boolean;
}

export function createCoinbaseAdapter(opts: CoinbaseOptions = {}): VenueAdapter {
  return new CoinbaseAdapter(opts.heartbeat ?? true);
}

class CoinbaseAdapter implements VenueAdapter {
  readonly venue = 'coinbase' as const;
  readonly defaultUrl = 'wss://ws-feed.exchange.coinbase.com';
  readonly defaultChannels = ['ticker', 'matches'] as const;
  // Documented limit: 100 client messages per second per IP; stay well inside it.
  readonly sendRate = { messages: 20, perMs: 1000 };
  private readonly canonical = canonicalMapper('dash');

  constructor(private readonly heartbeat: boolean) {}

  seqMode(kind: TickKind): SeqMode {
    // matches carry trade_id (consecutive per product); ticker carries the product `sequence`,
    // which skips numbers because the ticker channel only shows some book events.
    if (kind === 'trade') return 'contiguous';
    if (kind === 'quote') return 'increasing';
    return 'none';
  }

  plan(baseUrl: string, subs: readonly Subscription[]): ConnectPlan {
    // Coinbase disconnects a client that has not subscribed within 5 s of connecting.
    return { url: baseUrl, messages: this.subscribeMessages(subs) };
  }

  subscribeMessages(subs: readonly Subscription[]): string[] {
    return this.frames('subscribe', subs, this.heartbeat);
  }

  unsubscribeMessages(subs: readonly Subscription[]): string[] {
    return this.frames('unsubscribe', subs, false);
  }

  reset(): void {}

  parse(raw: string, recvTs: number): ParseResult {
    const m = parseJson(raw);
    if (!isRecord(m) || typeof m.type !== 'string') return DROP_MALFORMED;
    switch (m.type) {
      case 'ticker': {
        const pid = m.product_id;
        const seq = m.sequence;
        if (typeof pid !== 'string' || typeof seq !== 'number') return DROP_MALFORMED;
        const bid = optNum(m.best_bid);
        const ask = optNum(m.best_ask);
        const last = optNum(m.price);
        if (bid === undefined && ask === undefined && last === undefined) return DROP_MALFORMED;
        const tick = makeTick(
          'coinbase',
          this.canonical(pid),
          'quote',
          bid,
          ask,
          last,
          optNum(m.last_size),
          isoMs(m.time, recvTs),
          recvTs,
          seq,
          optNum(m.best_bid_size),
          optNum(m.best_ask_size),
        );
        return ticks([tick]);
      }
      case 'match':
      case 'last_match': {
        const pid = m.product_id;
        const id = m.trade_id;
        if (
          typeof pid !== 'string' ||
          typeof id !== 'number' ||
          typeof m.price !== 'string' ||
          typeof m.size !== 'string'
        ) {
          return DROP_MALFORMED;
        }
        const tick = makeTick(
          'coinbase',
          this.canonical(pid),
          'trade',
          undefined,
          undefined,
          num(m.price),
          num(m.size),
          isoMs(m.time, recvTs),
          recvTs,
          id,
        );
        return ticks([tick]);
      }
      case 'heartbeat':
        return control({
          type: 'heartbeat',
          symbol: typeof m.product_id === 'string' ? this.canonical(m.product_id) : undefined,
          seq: typeof m.sequence === 'number' ? m.sequence : undefined,
        });
      case 'subscriptions':
        return control({
          type: 'ack',
          detail: Array.isArray(m.channels) ? JSON.stringify(m.channels) : undefined,
        });
      case 'error': {
        const msg = typeof m.message === 'string' ? m.message : 'error';
        const reason = typeof m.reason === 'string' ? `: ${m.reason}` : '';
        return control({ type: 'venue_error', message: msg + reason });
      }
      default:
        return DROP_UNKNOWN;
    }
  }

  private frames(
    type: 'subscribe' | 'unsubscribe',
    subs: readonly Subscription[],
    withHeartbeat: boolean,
  ): string[] {
    if (subs.length === 0) return [];
    const out: string[] = [];
    // One frame per channel, products chunked so no single frame gets large.
    const groups = byChannel(subs);
    if (withHeartbeat && !groups.has('heartbeat')) {
      groups.set('heartbeat', [...new Set(subs.map((s) => s.symbol))]);
    }
    for (const [name, symbols] of groups) {
      for (const part of chunk([...new Set(symbols)], 100)) {
        const product_ids = part.map((s) => fromCanonical(s, 'dash'));
        out.push(JSON.stringify({ type, channels: [{ name, product_ids }] }));
      }
    }
    return out;
  }
}
