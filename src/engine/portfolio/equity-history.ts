/**
 * `portfolio.equityHistory`: the stored equity curve (equity_snapshots), downsampled in SQL.
 *
 * Both queries are range scans on the table's primary key (resolution, ts), so the cost follows the
 * window, not the table. Downsampling groups rows into equal time buckets and keeps, per bucket, the
 * row with the deepest drawdown (SQLite returns the bare columns of the max() row; the bucket index is CAST to an integer because
 * better-sqlite3 binds JS numbers as REAL, which would make the division exact): a drawdown chart
 * must never smooth away a trough. The newest row is always the last point, so the chart ends at "now".
 */
import type { Database, Statement } from 'better-sqlite3';
import type { EquityHistory, EquityPoint } from '../../shared/contract/portfolio';

const DAY_MS = 86_400_000;

export class EquityHistoryQuery {
  private readonly range: Statement;
  private readonly all: Statement;
  private readonly bucketed: Statement;
  private readonly last: Statement;

  constructor(db: Database) {
    const cols = 'ts, equity, drawdown, hwm, daily_pnl AS dailyPnl';
    this.range = db.prepare('SELECT count(*) AS n, min(ts) AS lo, max(ts) AS hi FROM equity_snapshots WHERE resolution = ? AND ts BETWEEN ? AND ?');
    this.all = db.prepare(`SELECT ${cols} FROM equity_snapshots WHERE resolution = ? AND ts BETWEEN ? AND ? ORDER BY ts`);
    this.bucketed = db.prepare(
      `SELECT ts, equity, max(drawdown) AS drawdown, hwm, daily_pnl AS dailyPnl FROM equity_snapshots
       WHERE resolution = ? AND ts BETWEEN ? AND ? GROUP BY CAST((ts - ?) / ? AS INTEGER) ORDER BY ts`,
    );
    this.last = db.prepare(`SELECT ${cols} FROM equity_snapshots WHERE resolution = ? AND ts BETWEEN ? AND ? ORDER BY ts DESC LIMIT 1`);
  }

  /** `from`/`to` UTC ms (validated by the contract: from < to); defaults: the 24 h up to `now`. */
  run(p: { from?: number | undefined; to?: number | undefined; maxPoints: number }, now: number): EquityHistory {
    const to = p.to ?? now;
    const from = p.from ?? to - DAY_MS;
    // 1 s rows are kept for a day: use them when the window fits, else the 1 min rows.
    let resolution: '1s' | '1m' = to - from <= DAY_MS ? '1s' : '1m';
    let r = this.range.get(resolution, from, to) as { n: number; lo: number | null; hi: number | null };
    if (r.n === 0 && resolution === '1s') {
      resolution = '1m';
      r = this.range.get(resolution, from, to) as typeof r;
    }
    if (r.n === 0 || r.lo === null || r.hi === null) return { resolution, from, to, rows: 0, points: [] };
    if (r.n <= p.maxPoints) return { resolution, from, to, rows: r.n, points: this.all.all(resolution, from, to) as EquityPoint[] };
    // maxPoints − 1 buckets leaves room for the newest row appended below.
    const bucketMs = Math.max(1, Math.ceil((r.hi - r.lo + 1) / (p.maxPoints - 1)));
    const points = this.bucketed.all(resolution, r.lo, to, r.lo, bucketMs) as EquityPoint[];
    const newest = this.last.get(resolution, from, to) as EquityPoint;
    if (points.length === 0 || points[points.length - 1].ts !== newest.ts) points.push(newest);
    return { resolution, from, to, rows: r.n, points: points.slice(-p.maxPoints) };
  }
}
