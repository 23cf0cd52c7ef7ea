/**
 * Delivers alerts to the configured channels without ever making the engine wait:
 *
 * - `dispatch()` only filters, rate-limits and enqueues; it returns at once. Each channel drains its
 *   own queue one message at a time, so a slow or dead channel delays nobody else.
 * - Level filter: a channel gets alerts at or above its `minLevel` (info < warning < critical < emergency).
 * - Rate limit: a token bucket per channel (`ratePerMinute`, burst of the same size). Alerts over the
 *   limit are dropped and counted; a single "N alerts suppressed" message follows once a token is free.
 * - Retries: up to `maxAttempts` per alert; before attempt k+1 the wait is d/2 + U·d/2 with
 *   d = min(maxDelay, base·2^(k−1)) ("equal jitter": grows, never collapses to 0, and spreads
 *   out channels failing together). A server's Retry-After is honoured up to maxDelay.
 *   Non-retryable failures (4xx other than 408/429, SMTP 5xx, bad secret) stop at once.
 * - Bounded queue: at most `queueLimit` waiting alerts per channel; beyond that the oldest is
 *   dropped (newer alerts matter more), so a dead channel never grows memory.
 */
import type { ChannelKind, ChannelStatus, ChannelTestResult } from '../../shared/contract/channels';
import { SENDERS } from './senders';
import { TokenBucket } from './token-bucket';
import { LEVEL_RANK, type AlertMessage, type AttemptOutcome, type ChannelRecord, type Sender } from './types';

export interface DispatcherOptions {
  /** First retry wait before jitter (default 1 s). */
  baseDelayMs?: number;
  /** Cap on one retry wait (default 60 s). */
  maxDelayMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Waiting alerts per channel (default 50). */
  queueLimit?: number;
  /** How often a pending "N suppressed" summary is tried (default 5 s). */
  summaryEveryMs?: number;
  random?: () => number;
}

export interface DispatcherDeps extends DispatcherOptions {
  channels: () => readonly ChannelRecord[];
  /** Clear secret for a channel field; may throw (bad key, altered row). */
  secret: (channelId: string, field: string) => string | undefined;
  now: () => number;
  senders?: Readonly<Record<ChannelKind, Sender>>;
  /** Called once per alert that could not be delivered after its attempts (error already redacted). */
  onFailure?: (ch: ChannelRecord, error: string, attempts: number) => void;
}

interface Runtime {
  queue: AlertMessage[];
  busy: boolean;
  bucket: TokenBucket;
  rate: number;
  suppressed: number;
  suppressedLevel: AlertMessage['level'];
  status: Omit<ChannelStatus, 'queued'>;
}

interface Delivery {
  ok: boolean;
  attempts: number;
  response: string | null;
  error: string | null;
}

/**
 * What to scrub from error text for one secret value: the value itself and, for URLs (webhook URLs
 * carry their key in the path or query), each path segment, query value and user-info part of 8+
 * characters, since a server may echo just the token.
 */
export function redactionTargets(v: string): string[] {
  const out = v.length >= 4 ? [v] : [];
  try {
    const u = new URL(v);
    const parts = [...u.pathname.split('/'), ...[...u.searchParams.values()], u.username, u.password].map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    for (const p of parts) if (p.length >= 8) out.push(p);
  } catch {
    // Not a URL: the whole value is enough.
  }
  return out.sort((a, b) => b.length - a.length); // longest first, so a part never splits the whole
}

const emptyStatus = (): Runtime['status'] => ({ sent: 0, failed: 0, dropped: 0, lastOkAt: null, lastErrorAt: null, lastError: null, lastAttempts: null });

export class ChannelDispatcher {
  private readonly rt = new Map<string, Runtime>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private readonly senders: Readonly<Record<ChannelKind, Sender>>;

  constructor(private readonly d: DispatcherDeps) {
    this.senders = d.senders ?? SENDERS;
    this.timer = setInterval(() => this.flushSummaries(), d.summaryEveryMs ?? 5000);
    this.timer.unref();
  }

  /** Filters, rate-limits and enqueues; never waits for a delivery. */
  dispatch(m: AlertMessage): void {
    if (this.closed) return;
    const now = this.d.now();
    for (const ch of this.d.channels()) {
      if (!ch.enabled || LEVEL_RANK[m.level] < LEVEL_RANK[ch.minLevel]) continue;
      const rt = this.runtime(ch, now);
      if (!rt.bucket.take(now)) {
        rt.suppressed += 1;
        rt.status.dropped += 1;
        if (LEVEL_RANK[m.level] > LEVEL_RANK[rt.suppressedLevel]) rt.suppressedLevel = m.level;
        continue;
      }
      this.enqueue(ch, rt, m);
    }
  }

  /** Sends one "N alerts suppressed" message per channel that dropped alerts, once its bucket allows. */
  flushSummaries(): void {
    if (this.closed) return;
    const now = this.d.now();
    for (const ch of this.d.channels()) {
      const rt = this.rt.get(ch.id);
      if (!rt || rt.suppressed === 0 || !rt.bucket.take(now)) continue;
      const n = rt.suppressed;
      this.enqueue(ch, rt, {
        id: `suppressed-${now}`,
        level: rt.suppressedLevel,
        message: `${n} alert${n === 1 ? '' : 's'} suppressed by this channel's rate limit (${ch.ratePerMinute}/min); see the Alerts page`,
        ts: now,
      });
      rt.suppressed = 0;
      rt.suppressedLevel = 'info';
    }
  }

  /** One attempt now, ignoring level and rate limit; counted in the channel's status. */
  async test(ch: ChannelRecord, m: AlertMessage): Promise<ChannelTestResult> {
    const t0 = performance.now();
    const r = await this.deliver(ch, m, 1);
    this.record(ch, this.runtime(ch, this.d.now()), r);
    return { ok: r.ok, attempts: r.attempts, durationMs: Math.round(performance.now() - t0), response: r.response, error: r.error };
  }

  status(id: string): ChannelStatus {
    const rt = this.rt.get(id);
    return rt ? { ...rt.status, queued: rt.queue.length } : { ...emptyStatus(), queued: 0 };
  }

  /** Forget a removed channel (its queue is dropped). */
  forget(id: string): void {
    const rt = this.rt.get(id);
    if (rt) rt.queue.length = 0;
    this.rt.delete(id);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const rt of this.rt.values()) rt.queue.length = 0;
  }

  private runtime(ch: ChannelRecord, now: number): Runtime {
    let rt = this.rt.get(ch.id);
    if (!rt) {
      rt = { queue: [], busy: false, bucket: new TokenBucket(ch.ratePerMinute, ch.ratePerMinute, now), rate: ch.ratePerMinute, suppressed: 0, suppressedLevel: 'info', status: emptyStatus() };
      this.rt.set(ch.id, rt);
    } else if (rt.rate !== ch.ratePerMinute) {
      rt.bucket.reconfigure(ch.ratePerMinute, ch.ratePerMinute, now);
      rt.rate = ch.ratePerMinute;
    }
    return rt;
  }

  private enqueue(ch: ChannelRecord, rt: Runtime, m: AlertMessage): void {
    if (rt.queue.length >= (this.d.queueLimit ?? 50)) {
      rt.queue.shift();
      rt.status.dropped += 1;
    }
    rt.queue.push(m);
    // Start draining on a later turn: the caller (the controls, mid-tick) never runs sender code.
    if (!rt.busy) setImmediate(() => void this.pump(ch.id, rt));
  }

  private async pump(id: string, rt: Runtime): Promise<void> {
    if (rt.busy) return;
    rt.busy = true;
    try {
      for (let m = rt.queue.shift(); m !== undefined && !this.closed; m = rt.queue.shift()) {
        // Re-read the channel: it may have been edited (new URL) or removed while this waited.
        const ch = this.d.channels().find((c) => c.id === id);
        if (!ch || !ch.enabled) {
          rt.queue.length = 0;
          break;
        }
        const r = await this.deliver(ch, m, ch.maxAttempts);
        if (!this.closed) this.record(ch, rt, r);
      }
    } finally {
      rt.busy = false;
    }
  }

  private record(ch: ChannelRecord, rt: Runtime, r: Delivery): void {
    const now = this.d.now();
    rt.status.lastAttempts = r.attempts;
    if (r.ok) {
      rt.status.sent += 1;
      rt.status.lastOkAt = now;
    } else {
      rt.status.failed += 1;
      rt.status.lastErrorAt = now;
      rt.status.lastError = r.error;
      try {
        this.d.onFailure?.(ch, r.error ?? 'failed', r.attempts);
      } catch {
        // Journaling the failure must not turn into an unhandled rejection in the delivery loop.
      }
    }
  }

  /** Wait before attempt `k + 1` (k ≥ 1), see the header. */
  backoffMs(k: number, retryAfterMs?: number): number {
    const max = this.d.maxDelayMs ?? 60_000;
    const d = Math.min(max, (this.d.baseDelayMs ?? 1000) * 2 ** (k - 1));
    const jittered = d / 2 + (this.d.random ?? Math.random)() * (d / 2);
    return Math.min(max, Math.max(jittered, retryAfterMs ?? 0));
  }

  private async deliver(ch: ChannelRecord, m: AlertMessage, maxAttempts: number): Promise<Delivery> {
    let last: AttemptOutcome = { ok: false, error: 'not attempted', retryable: false, response: null };
    for (let k = 1; k <= maxAttempts; k++) {
      last = await this.attempt(ch, m);
      if (last.ok) return { ok: true, attempts: k, response: last.response, error: null };
      if (!last.retryable || k === maxAttempts || this.closed) return { ok: false, attempts: k, response: last.response, error: last.error };
      const wait = this.backoffMs(k, last.retryAfterMs);
      await new Promise<void>((r) => setTimeout(r, wait).unref());
    }
    return { ok: false, attempts: maxAttempts, response: null, error: last.ok ? null : last.error };
  }

  private async attempt(ch: ChannelRecord, m: AlertMessage): Promise<AttemptOutcome> {
    const revealed: string[] = [];
    const secret = (field: string): string | undefined => {
      const v = this.d.secret(ch.id, field);
      if (v !== undefined) revealed.push(...redactionTargets(v));
      return v;
    };
    let out: AttemptOutcome;
    try {
      out = await this.senders[ch.kind](m, ch.config, secret, this.d.timeoutMs ?? 10_000);
    } catch (err) {
      // A bad secret (SecretError) cannot heal by retrying; anything else might.
      const e = err as Error;
      out = { ok: false, error: e.message, retryable: e.name !== 'SecretError', response: null };
    }
    if (out.ok) return out;
    // A secret must never reach a status line or the journal, even if some library echoed it.
    let error = out.error;
    for (const s of revealed) error = error.split(s).join('••••');
    return { ...out, error };
  }
}
