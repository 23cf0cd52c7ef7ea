/**
 * Outgoing frame pacing. Venues disconnect (and may ban) clients that send too fast — Binance
 * allows 5 incoming messages per second per connection, pings and pongs included — so every
 * frame we originate (subscribe, unsubscribe, keep-alive) goes through this FIFO.
 *
 * Frames are spaced evenly, perMs/messages apart, rather than sent in bursts of `messages` per
 * window: the venue counts arrivals, and network jitter can squeeze two back-to-back bursts into
 * one of its windows, whereas evenly spaced frames need a jitter of a whole interval to do so.
 */
import type { Clock, TimerHandle, Timers } from './clock';

export class SendQueue {
  private readonly queue: string[] = [];
  private readonly spacingMs: number;
  private lastSentAt = -Infinity;
  private timer: TimerHandle | undefined;
  sent = 0;

  constructor(
    limit: { messages: number; perMs: number },
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly write: (frame: string) => void,
  ) {
    if (!(limit.messages >= 1) || !(limit.perMs > 0))
      throw new RangeError('send rate must be >= 1 per window');
    this.spacingMs = limit.perMs / limit.messages;
  }

  get pending(): number {
    return this.queue.length;
  }

  push(...frames: string[]): void {
    this.queue.push(...frames);
    this.pump();
  }

  /** Drop everything queued (the socket is gone; a reconnect rebuilds its own frames). */
  clear(): void {
    this.queue.length = 0;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    while (this.queue.length > 0) {
      const now = this.clock.now();
      const wait = this.lastSentAt + this.spacingMs - now;
      if (wait > 0) {
        this.timer = this.timers.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(wait));
        return;
      }
      this.lastSentAt = now;
      this.sent++;
      this.write(this.queue.shift()!);
    }
  }
}
