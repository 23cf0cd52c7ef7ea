/**
 * Per-symbol staleness: a tracked symbol with no accepted tick for `staleMs` becomes stale; the
 * next accepted tick makes it fresh again. Only transitions are reported, so consumers (risk
 * marks, UI badges) get one event per change rather than a flag per tick.
 *
 * `touch` runs on every accepted tick and is O(1) with no allocation in the common case; `sweep`
 * runs from the connection's housekeeping timer.
 */
export type StaleListener = (symbol: string, stale: boolean, now: number) => void;

export class StalenessMonitor {
  private readonly lastSeen = new Map<string, number>();
  private readonly staleSet = new Set<string>();

  constructor(
    private readonly staleMs: number,
    private readonly onChange: StaleListener = () => {},
  ) {
    if (!(staleMs > 0)) throw new RangeError('staleMs must be > 0');
  }

  /** Start watching a symbol; the clock starts now (a symbol that never ticks goes stale). */
  track(symbol: string, now: number): void {
    if (!this.lastSeen.has(symbol)) this.lastSeen.set(symbol, now);
  }

  untrack(symbol: string): void {
    this.lastSeen.delete(symbol);
    this.staleSet.delete(symbol);
  }

  touch(symbol: string, now: number): void {
    this.lastSeen.set(symbol, now);
    if (this.staleSet.size !== 0 && this.staleSet.delete(symbol)) this.onChange(symbol, false, now);
  }

  sweep(now: number): void {
    for (const [symbol, seen] of this.lastSeen) {
      if (now - seen > this.staleMs && !this.staleSet.has(symbol)) {
        this.staleSet.add(symbol);
        this.onChange(symbol, true, now);
      }
    }
  }

  isStale(symbol: string): boolean {
    return this.staleSet.has(symbol);
  }

  stale(): string[] {
    return [...this.staleSet];
  }

  ageMs(symbol: string, now: number): number | undefined {
    const seen = this.lastSeen.get(symbol);
    return seen === undefined ? undefined : now - seen;
  }
}
