import type { Migration } from './types';

/** Equity curve at two resolutions: 1 s kept for a day, 1 min for a year (configurable). */
export const migration: Migration = {
  version: 70,
  name: 'equity-snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE equity_snapshots (
        resolution TEXT NOT NULL CHECK (resolution IN ('1s','1m')),
        ts         INTEGER NOT NULL,
        equity     REAL NOT NULL,
        daily_pnl  REAL NOT NULL,
        drawdown   REAL NOT NULL,
        hwm        REAL NOT NULL,
        PRIMARY KEY (resolution, ts)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
