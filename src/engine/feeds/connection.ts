/**
 * One venue WebSocket connection that stays up: reconnects with exponential backoff + full
 * jitter, resubscribes everything after every reconnect (including the venue's own 24 h cut),
 * paces outgoing frames to the venue's rate limit, sends the venue's keep-alive, drops a silent
 * socket (idle watchdog), and exposes health. Market data flows through a FeedPipeline.
 *
 * Keep-alive by venue: Binance pings us (protocol ping every 20 s; `ws` auto-pongs with the same
 * payload), Bybit wants {"op":"ping"} every 20 s, OKX the text `ping` every < 30 s, Coinbase and
 * Kraken stream heartbeat messages. In every case, silence longer than `idleTimeoutMs` means the
 * connection is dead even if TCP has not noticed yet.
 */
import WebSocket, { type RawData } from 'ws';
import type { Subscription, VenueAdapter } from './adapter';
import { Backoff, type BackoffOptions } from './backoff';
import { RateMeter, systemClock, systemTimers, type Clock, type TimerHandle, type Timers } from './clock';
import { FeedPipeline, type PipelineOptions } from './pipeline';
import { SendQueue } from './send-queue';
import type { ControlEvent, DropCounts, Venue } from './tick';

export type FeedState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface FeedHealth {
  venue: Venue;
  state: FeedState;
  msgsPerSec: number;
  /** Age of the last data frame (null before the first one). */
  lastMessageAgeMs: number | null;
  /** Successful re-opens after the first connection. */
  reconnects: number;
  dropped: DropCounts;
  accepted: number;
  gaps: number;
  staleSymbols: string[];
  subscriptions: number;
  pendingSends: number;
  lastError: string | undefined;
  lastClose: { code: number; reason: string } | undefined;
}

export interface FeedConnectionOptions extends PipelineOptions {
  adapter: VenueAdapter;
  /** Endpoint override (default: the adapter's production URL). */
  url?: string;
  /** Initial subscriptions; a bare symbol gets the adapter's default channels. */
  subscriptions?: readonly (Subscription | string)[];
  onState?: (state: FeedState) => void;
  clock?: Clock;
  timers?: Timers;
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  /** No frame (data, heartbeat or protocol ping) for this long → drop the socket. Default 60 s. */
  idleTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** A connection must stay open this long before the backoff resets (avoids tight loops). */
  stableMs?: number;
  createSocket?: (url: string) => WebSocket;
}

const subKey = (s: Subscription): string => `${s.channel}|${s.symbol}`;

export class FeedConnection {
  readonly pipeline: FeedPipeline;
  readonly adapter: VenueAdapter;
  private state: FeedState = 'idle';
  private ws: WebSocket | undefined;
  private queue: SendQueue | undefined;
  private readonly subs = new Map<string, Subscription>();
  /** Subscription keys the current socket was (or is being) subscribed to. */
  private planned = new Set<string>();
  private readonly backoff: Backoff;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly meter = new RateMeter();
  private readonly idleTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly stableMs: number;
  private readonly baseUrl: string;
  private readonly createSocket: (url: string) => WebSocket;
  private reconnects = 0;
  private opens = 0;
  private openedAt: number | undefined;
  private lastFrameAt: number | undefined;
  private lastDataAt: number | undefined;
  private lastError: string | undefined;
  private lastClose: { code: number; reason: string } | undefined;
  private reconnectTimer: TimerHandle | undefined;
  private connectTimer: TimerHandle | undefined;
  private keepAliveTimer: TimerHandle | undefined;
  private houseTimer: TimerHandle | undefined;
  private closeWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly opts: FeedConnectionOptions) {
    this.adapter = opts.adapter;
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
    this.backoff = new Backoff(opts.backoff, opts.random);
    this.idleTimeoutMs = opts.idleTimeoutMs ?? 60_000;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    this.stableMs = opts.stableMs ?? 10_000;
    this.baseUrl = opts.url ?? opts.adapter.defaultUrl;
    // skipUTF8Validation: `ws` would otherwise close the whole connection (1007) on one frame with
    // invalid UTF-8; decoding with replacement characters lets the parser count and drop it instead.
    this.createSocket =
      opts.createSocket ??
      ((url) => new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true }));
    this.pipeline = new FeedPipeline(opts.adapter, { ...opts, onControl: (e) => this.onControl(e) });
    if (opts.subscriptions) this.subscribe(opts.subscriptions);
  }

  start(): void {
    if (this.state !== 'idle' && this.state !== 'closed') return;
    this.stopped = false;
    const period = Math.max(5, Math.min(250, (this.opts.staleMs ?? 5000) / 4, this.idleTimeoutMs / 4));
    this.houseTimer = this.timers.setInterval(() => this.housekeeping(), period);
    this.connect();
  }

  /** Closes the socket and stops reconnecting; resolves once the socket is closed. */
  stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer('reconnectTimer');
    this.clearTimer('connectTimer');
    this.clearTimer('keepAliveTimer');
    if (this.houseTimer !== undefined) this.timers.clearInterval(this.houseTimer);
    this.houseTimer = undefined;
    this.queue?.clear();
    const ws = this.ws;
    if (!ws) {
      this.emitState('closed');
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.closeWaiters.push(resolve);
      try {
        ws.terminate();
      } catch {
        this.onClose(ws, 1006, 'terminate failed');
      }
    });
  }

  /** Adds subscriptions; bare symbols get the adapter's default channels. Sent now if open. */
  subscribe(items: readonly (Subscription | string)[]): void {
    const added: Subscription[] = [];
    const now = this.clock.now();
    for (const s of this.expand(items)) {
      const k = subKey(s);
      if (this.subs.has(k)) continue;
      this.subs.set(k, s);
      added.push(s);
      this.pipeline.staleness.track(s.symbol, now);
    }
    if (added.length && this.state === 'open' && this.queue) {
      for (const s of added) this.planned.add(subKey(s));
      this.queue.push(...this.adapter.subscribeMessages(added));
    }
  }

  unsubscribe(items: readonly (Subscription | string)[]): void {
    const removed: Subscription[] = [];
    for (const s of this.expand(items)) {
      if (this.subs.delete(subKey(s))) removed.push(s);
    }
    const still = new Set([...this.subs.values()].map((s) => s.symbol));
    for (const s of removed) if (!still.has(s.symbol)) this.pipeline.staleness.untrack(s.symbol);
    if (removed.length && this.state === 'open' && this.queue) {
      for (const s of removed) this.planned.delete(subKey(s));
      this.queue.push(...this.adapter.unsubscribeMessages(removed));
    }
  }

  subscriptions(): Subscription[] {
    return [...this.subs.values()];
  }

  health(): FeedHealth {
    const now = this.clock.now();
    const p = this.pipeline;
    return {
      venue: this.adapter.venue,
      state: this.state,
      msgsPerSec: this.meter.rate(now),
      lastMessageAgeMs: this.lastDataAt === undefined ? null : now - this.lastDataAt,
      reconnects: this.reconnects,
      dropped: { ...p.validator.dropped },
      accepted: p.validator.accepted,
      gaps: p.sequences.gaps,
      staleSymbols: p.staleness.stale(),
      subscriptions: this.subs.size,
      pendingSends: this.queue?.pending ?? 0,
      lastError: this.lastError,
      lastClose: this.lastClose,
    };
  }

  private expand(items: readonly (Subscription | string)[]): Subscription[] {
    const out: Subscription[] = [];
    for (const it of items) {
      if (typeof it === 'string')
        for (const channel of this.adapter.defaultChannels) out.push({ symbol: it, channel });
      else out.push(it);
    }
    return out;
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    if (this.stopped) return;
    this.emitState('connecting');
    this.openedAt = undefined;
    const plan = this.adapter.plan(this.baseUrl, [...this.subs.values()]);
    this.planned = new Set(this.subs.keys());
    let ws: WebSocket;
    try {
      ws = this.createSocket(plan.url);
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.connectTimer = this.timers.setTimeout(() => {
      this.connectTimer = undefined;
      if (this.ws === ws && ws.readyState !== WebSocket.OPEN) {
        this.lastError = 'connect timeout';
        ws.terminate();
      }
    }, this.connectTimeoutMs);
    ws.on('open', () => this.onOpen(ws, plan.messages));
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(ws, data, isBinary));
    // Protocol pings (Binance) prove liveness; `ws` answers them itself with the same payload.
    ws.on('ping', () => this.sawFrame(ws));
    ws.on('pong', () => this.sawFrame(ws));
    ws.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    ws.on('close', (code: number, reason: Buffer) => this.onClose(ws, code, reason.toString()));
  }

  private onOpen(ws: WebSocket, initial: string[]): void {
    if (this.ws !== ws) return;
    this.clearTimer('connectTimer');
    const now = this.clock.now();
    this.openedAt = now;
    this.lastFrameAt = now;
    if (++this.opens > 1) this.reconnects++;
    this.pipeline.resetSession();
    const queue = new SendQueue(this.adapter.sendRate, this.clock, this.timers, (f) => this.write(ws, f));
    this.queue = queue;
    queue.push(...initial);
    // Reconcile changes made while the socket was connecting.
    const add = [...this.subs].filter(([k]) => !this.planned.has(k)).map(([, s]) => s);
    const drop = [...this.planned].filter((k) => !this.subs.has(k));
    if (add.length) queue.push(...this.adapter.subscribeMessages(add));
    if (drop.length) {
      const gone = drop.map((k) => {
        const i = k.indexOf('|');
        return { channel: k.slice(0, i), symbol: k.slice(i + 1) };
      });
      queue.push(...this.adapter.unsubscribeMessages(gone));
    }
    this.planned = new Set(this.subs.keys());
    const ka = this.adapter.keepAlive;
    if (ka) this.keepAliveTimer = this.timers.setInterval(() => queue.push(ka.message), ka.intervalMs);
    this.emitState('open');
  }

  private onMessage(ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (this.ws !== ws) return;
    const now = this.clock.now();
    this.lastFrameAt = now;
    this.lastDataAt = now;
    this.meter.add(now);
    if (isBinary) {
      // No venue we speak sends binary market data on these endpoints.
      this.pipeline.frames++;
      this.pipeline.validator.count('malformed');
      return;
    }
    const raw = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    this.pipeline.ingest(raw, now);
  }

  private onControl(e: ControlEvent): void {
    if (e.type === 'ping') this.queue?.push(e.reply);
    else if (e.type === 'venue_error') this.lastError = `venue: ${e.message}`;
    else if (e.type === 'shutdown_notice') {
      // The venue will drop us shortly; reconnecting now keeps the gap short and controlled.
      this.lastError = 'venue announced server shutdown';
      this.ws?.terminate();
    }
    this.opts.onControl?.(e);
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    this.lastClose = { code, reason };
    this.clearTimer('connectTimer');
    this.clearTimer('keepAliveTimer');
    this.queue?.clear();
    this.queue = undefined;
    ws.removeAllListeners();
    // Late 'error' events from a dead socket must still find a listener.
    ws.on('error', () => {});
    if (this.stopped) {
      this.emitState('closed');
      const waiters = this.closeWaiters;
      this.closeWaiters = [];
      for (const w of waiters) w();
      return;
    }
    if (this.openedAt !== undefined && this.clock.now() - this.openedAt >= this.stableMs)
      this.backoff.reset();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) {
      this.emitState('closed');
      return;
    }
    this.emitState('reconnecting');
    this.reconnectTimer = this.timers.setTimeout(() => this.connect(), this.backoff.next());
  }

  private housekeeping(): void {
    const now = this.clock.now();
    this.pipeline.staleness.sweep(now);
    const ws = this.ws;
    if (
      ws &&
      this.state === 'open' &&
      this.lastFrameAt !== undefined &&
      now - this.lastFrameAt > this.idleTimeoutMs
    ) {
      this.lastError = `idle for ${now - this.lastFrameAt} ms`;
      ws.terminate();
    }
  }

  private sawFrame(ws: WebSocket): void {
    if (this.ws === ws) this.lastFrameAt = this.clock.now();
  }

  private write(ws: WebSocket, frame: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    try {
      ws.send(frame, (err) => {
        if (err) this.lastError = err.message;
      });
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
    }
  }

  private emitState(s: FeedState): void {
    if (this.state === s) return;
    this.state = s;
    try {
      this.opts.onState?.(s);
    } catch {
      this.pipeline.callbackErrors++;
    }
  }

  private clearTimer(name: 'reconnectTimer' | 'connectTimer' | 'keepAliveTimer'): void {
    const h = this[name];
    if (h === undefined) return;
    if (name === 'keepAliveTimer') this.timers.clearInterval(h);
    else this.timers.clearTimeout(h);
    this[name] = undefined;
  }
}
