import type { Migration } from './types';

/** A row per heavy recompute: the headline figures for history charts and reports, the rest as JSON. */
export const migration: Migration = {
  version: 100,
  name: 'risk-snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE risk_snapshots (
        ts          INTEGER PRIMARY KEY,
        equity      REAL NOT NULL,
        var95       REAL NOT NULL,
        cvar95      REAL NOT NULL,
        var99       REAL NOT NULL,
        cvar99      REAL NOT NULL,
        risk_score  REAL NOT NULL,
        regime      TEXT NOT NULL,
        avg_corr    REAL NOT NULL,
        greeks      TEXT NOT NULL CHECK (json_valid(greeks)),
        stress_worst REAL NOT NULL
      ) STRICT;
      CREATE TABLE stress_results (
        ts       INTEGER NOT NULL,
        scenario TEXT NOT NULL,
        pnl      REAL NOT NULL,
        PRIMARY KEY (ts, scenario)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
