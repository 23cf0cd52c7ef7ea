/**
 * Injectable time: the connection manager never calls Date.now or setTimeout directly, so tests
 * can drive reconnects, staleness and keep-alives deterministically.
 */
export interface Clock {
  now(): number;
}

/** Node returns Timeout objects, fake timers in tests return numbers. */
export type TimerHandle = object | number;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(h: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(h: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    // Feed timers must never keep a process (tests, CLI) alive on their own.
    h.unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => {
    const h = setInterval(fn, ms);
    h.unref?.();
    return h;
  },
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/** Messages per second over the last complete one-second window (cheap: two counters). */
export class RateMeter {
  private windowStart: number | undefined;
  private count = 0;
  private lastRate = 0;

  add(now: number, n = 1): void {
    if (this.windowStart === undefined) this.windowStart = now;
    else if (now - this.windowStart >= 1000) this.roll(now);
    this.count += n;
  }

  rate(now: number): number {
    if (this.windowStart !== undefined && now - this.windowStart >= 1000) this.roll(now);
    return this.lastRate;
  }

  private roll(now: number): void {
    const elapsed = now - this.windowStart!;
    // A window that ended long ago (no traffic since) means the current rate is zero.
    this.lastRate = elapsed < 2000 ? (this.count * 1000) / elapsed : 0;
    this.windowStart = now;
    this.count = 0;
  }
}
