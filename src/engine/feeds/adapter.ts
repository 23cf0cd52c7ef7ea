/**
 * The contract every venue adapter implements. Adapters are pure protocol translators: they build
 * URLs and subscribe frames and turn raw frames into ticks / control events / drop reasons. All
 * socket lifecycle, validation and bookkeeping lives in the pipeline and connection manager.
 */
import type { ParseResult, TickKind, Venue } from './tick';

/** One subscription: a canonical symbol on a venue channel (channel names are the venue's). */
export interface Subscription {
  symbol: string;
  channel: string;
}

/**
 * How `Tick.seq` behaves on a venue for one tick kind:
 *  contiguous     every message is seq+1 (gaps are detectable); equal = duplicate, lower = out of order
 *  increasing     strictly increasing with holes allowed; equal = duplicate, lower = out of order
 *  nondecreasing  equal allowed (several prints share one matching sequence), lower = out of order
 *  none           not sequenced
 */
export type SeqMode = 'contiguous' | 'increasing' | 'nondecreasing' | 'none';

export interface ConnectPlan {
  url: string;
  /** Frames to send once the socket is open (subscriptions the URL does not already carry). */
  messages: string[];
}

export interface VenueAdapter {
  readonly venue: Venue;
  readonly defaultUrl: string;
  /** Channels subscribed when the caller names only symbols. */
  readonly defaultChannels: readonly string[];
  /** Outgoing frame budget: at most `messages` frames per `perMs` (venue rate limit, with headroom). */
  readonly sendRate: { messages: number; perMs: number };
  /** Application-level keep-alive the client must send; undefined when the venue pings us. */
  readonly keepAlive?: { intervalMs: number; message: string };
  seqMode(kind: TickKind): SeqMode;
  /** URL + initial frames for a (re)connect carrying all current subscriptions. */
  plan(baseUrl: string, subs: readonly Subscription[]): ConnectPlan;
  /** Frames that add subscriptions on an already open socket. */
  subscribeMessages(subs: readonly Subscription[]): string[];
  unsubscribeMessages(subs: readonly Subscription[]): string[];
  /** Never throws. `recvTs` is the local receive time (ms). */
  parse(raw: string, recvTs: number): ParseResult;
  /** Forget per-connection parse state (e.g. Bybit ticker snapshots) after a reconnect. */
  reset(): void;
}

/** Splits `items` into chunks of at most `size` (venues cap arguments per subscribe frame). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Groups subscriptions by channel, preserving first-seen order. */
export function byChannel(subs: readonly Subscription[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const s of subs) {
    const list = m.get(s.channel);
    if (list) list.push(s.symbol);
    else m.set(s.channel, [s.symbol]);
  }
  return m;
}
