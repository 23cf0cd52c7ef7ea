/**
 * Token bucket: holds at most `capacity` tokens and refills `perMinute` per minute continuously.
 * A full bucket lets a burst of `capacity` through, then one every 60/perMinute seconds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private perMinute: number,
    private capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    this.last = Math.max(this.last, now);
  }

  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** New rate from edited settings; keeps the tokens already earned (capped). */
  reconfigure(perMinute: number, capacity: number, now: number): void {
    this.refill(now);
    this.perMinute = perMinute;
    this.capacity = capacity;
    this.tokens = Math.min(this.tokens, capacity);
  }
}
