import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration } from '../../../src/engine/db/migrations/0070-equity-snapshots';
import { EquityHistoryQuery } from '../../../src/engine/portfolio/equity-history';

const DD = [0, 0.01, 0.03, 0.02, 0, 0.05, 0.01, 0.02, 0.04, 0];
const T0 = 1_700_000_000_000;

function db(): Database.Database {
  const d = new Database(':memory:');
  migration.up(d);
  const ins = d.prepare('INSERT INTO equity_snapshots (resolution, ts, equity, daily_pnl, drawdown, hwm) VALUES (?, ?, ?, ?, ?, ?)');
  DD.forEach((dd, i) => ins.run('1s', T0 + i * 1000, 1000 * (1 - dd), 0, dd, 1000));
  ins.run('1m', T0 - 2 * 86_400_000, 990, 0, 0.01, 1000);
  ins.run('1m', T0, 1000, 0, 0, 1000);
  return d;
}

describe('portfolio.equityHistory query', () => {
  const q = new EquityHistoryQuery(db());
  const now = T0 + 60_000;

  it('returns every row when they fit in maxPoints (1 s rows for a window up to a day)', () => {
    const h = q.run({ maxPoints: 600 }, now);
    expect(h.resolution).toBe('1s');
    expect(h).toMatchObject({ from: now - 86_400_000, to: now, rows: 10 });
    expect(h.points.map((p) => p.drawdown)).toEqual(DD);
    expect(h.points[3]).toEqual({ ts: T0 + 3000, equity: 980, drawdown: 0.02, hwm: 1000, dailyPnl: 0 });
  });

  it('downsamples to maxPoints keeping each bucket\'s deepest drawdown and the newest row', () => {
    // lo = T0, hi = T0 + 9 s: 2 buckets of ⌈9,001 / 2⌉ = 4,501 ms → rows 0-4 (worst 3 % at +2 s) and
    // rows 5-9 (worst 5 % at +5 s), then the newest row (+9 s) appended.
    const h = q.run({ maxPoints: 3 }, now);
    expect(h.rows).toBe(10);
    expect(h.points.map((p) => [p.ts - T0, p.drawdown])).toEqual([
      [2000, 0.03],
      [5000, 0.05],
      [9000, 0],
    ]);
  });

  it('uses 1 min rows beyond a day, and an empty window is empty', () => {
    const h = q.run({ from: T0 - 3 * 86_400_000, to: now, maxPoints: 100 }, now);
    expect(h.resolution).toBe('1m');
    expect(h.points.map((p) => p.equity)).toEqual([990, 1000]);
    expect(q.run({ from: 0, to: 1000, maxPoints: 10 }, now)).toEqual({ resolution: '1m', from: 0, to: 1000, rows: 0, points: [] });
  });
});
