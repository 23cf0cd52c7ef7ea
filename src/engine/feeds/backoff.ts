/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * delay = random(0, min(maxMs, baseMs · factor^attempt)). Full jitter spreads a crowd of clients
 * reconnecting after the same venue outage, which plain exponential backoff would synchronise.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 30_000, factor: 2 };

export class Backoff {
  private attempt = 0;
  private readonly opts: BackoffOptions;

  constructor(
    opts: Partial<BackoffOptions> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.opts = { ...DEFAULT_BACKOFF, ...opts };
    if (!(this.opts.baseMs >= 0) || !(this.opts.maxMs >= this.opts.baseMs) || !(this.opts.factor >= 1)) {
      throw new RangeError('backoff: need 0 <= baseMs <= maxMs and factor >= 1');
    }
  }

  /** Upper bound of the next delay (before jitter). */
  ceiling(): number {
    return Math.min(this.opts.maxMs, this.opts.baseMs * this.opts.factor ** this.attempt);
  }

  /** Next delay in ms; advances the attempt counter. */
  next(): number {
    const d = this.random() * this.ceiling();
    this.attempt++;
    return d;
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
