/**
 * Readings about the book that the controls need every second and that carry state: the loss
 * streak (consecutive losing trading days) and the live volatility/correlation monitor.
 */
import type { PositionView } from '../../shared/contract/portfolio';
import type { Ledger } from '../portfolio/ledger';
import { LiveMonitor, type LiveMonitorOptions } from './live-monitor';

export interface StreakState {
  count: number;
  day: { key: number; pnl: number } | null;
}

export class BookReadings {
  private readonly live: LiveMonitor;
  private reading: { volRatio: number; avgCorrelation: number } | null = null;
  private streak: StreakState;

  constructor(opts: LiveMonitorOptions | undefined, saved: unknown) {
    this.live = new LiveMonitor(opts);
    const s = saved as Partial<StreakState> | undefined;
    this.streak = { count: typeof s?.count === 'number' ? s.count : 0, day: s?.day ?? null };
  }

  get lossStreak(): number {
    return this.streak.count;
  }

  /**
   * A losing trading day (P&L < 0 at the day's end) extends the streak; any other day ends it.
   * Returns the new count when a day rolled, else null.
   */
  trackDay(dailyPnl: number, dayStartEquity: number, now: number): { count: number; lastDayPnl: number } | null {
    const key = Math.floor(now / 86_400_000);
    let rolled: { count: number; lastDayPnl: number } | null = null;
    const day = this.streak.day;
    if (day && key !== day.key) {
      this.streak.count = day.pnl < 0 ? this.streak.count + 1 : 0;
      rolled = { count: this.streak.count, lastDayPnl: day.pnl };
    }
    this.streak.day = { key, pnl: dayStartEquity > 0 ? dailyPnl : 0 };
    return rolled;
  }

  /** One-second sample of the held underlyings (exposure-weighted) for the live readings. */
  sample(positions: readonly PositionView[], ledger: Pick<Ledger, 'quote'>): void {
    const weights = new Map<string, number>();
    for (const p of positions) {
      const u = p.underlying ?? p.symbol;
      weights.set(u, (weights.get(u) ?? 0) + p.exposure);
    }
    const prices = new Map<string, number>();
    for (const u of weights.keys()) {
      const q = ledger.quote(u);
      if (q && q.last > 0) prices.set(u, q.last);
    }
    this.live.sample(prices);
    this.reading = this.live.read(weights);
  }

  /** The live readings, null while warming up. */
  get live1s(): { volRatio: number; avgCorrelation: number } | null {
    return this.reading;
  }

  toJSON(): StreakState {
    return { ...this.streak };
  }
}
