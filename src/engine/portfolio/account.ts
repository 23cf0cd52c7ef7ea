/**
 * Account-level tracking on top of the ledger's equity: the high-water mark, drawdown from it, and
 * daily P&L from a configurable day start (00:00 UTC by default). O(1) per update.
 *
 * - Daily P&L = equity − equity at the day start, where the day-start equity is the last equity seen
 *   before the boundary (or the first seen after it when the engine was not running).
 * - Drawdown = 1 − equity / high-water mark, a non-negative fraction (0 at a new high).
 */
export interface AccountState {
  highWaterMark: number;
  dayStartEquity: number;
  /** Index of the trading day the day-start equity belongs to. */
  dayKey: number;
}

const DAY_MS = 86_400_000;

export class AccountTracker {
  private last = NaN;
  constructor(
    private state: AccountState | undefined,
    private readonly dayStartHourUtc = 0,
  ) {
    if (!(dayStartHourUtc >= 0 && dayStartHourUtc < 24)) throw new RangeError(`dayStartHourUtc: must be in [0, 24), got ${dayStartHourUtc}`);
  }

  dayKeyOf(ts: number): number {
    return Math.floor((ts - this.dayStartHourUtc * 3_600_000) / DAY_MS);
  }

  /** Feeds the current equity; returns true when a new trading day began. */
  update(equity: number, ts: number): boolean {
    if (!Number.isFinite(equity)) return false;
    const key = this.dayKeyOf(ts);
    let rolled = false;
    if (!this.state) {
      this.state = { highWaterMark: equity, dayStartEquity: equity, dayKey: key };
    } else if (key !== this.state.dayKey) {
      this.state.dayStartEquity = Number.isFinite(this.last) ? this.last : equity;
      this.state.dayKey = key;
      rolled = true;
    }
    if (equity > this.state.highWaterMark) this.state.highWaterMark = equity;
    this.last = equity;
    return rolled;
  }

  snapshot(equity: number): { highWaterMark: number; dayStartEquity: number; dailyPnl: number; dailyPnlPct: number; drawdown: number } {
    const s = this.state ?? { highWaterMark: equity, dayStartEquity: equity, dayKey: 0 };
    const dailyPnl = equity - s.dayStartEquity;
    return {
      highWaterMark: s.highWaterMark,
      dayStartEquity: s.dayStartEquity,
      dailyPnl,
      dailyPnlPct: s.dayStartEquity > 0 ? dailyPnl / s.dayStartEquity : 0,
      drawdown: s.highWaterMark > 0 ? Math.max(0, 1 - equity / s.highWaterMark) : 0,
    };
  }

  get current(): AccountState | undefined {
    return this.state && { ...this.state };
  }
}
