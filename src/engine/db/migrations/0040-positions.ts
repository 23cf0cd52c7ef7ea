import type { Migration } from './types';

/** Current positions, so a restart does not replay every fill. Fills remain the record. */
export const migration: Migration = {
  version: 40,
  name: 'positions',
  up(db) {
    db.exec(`
      CREATE TABLE positions (
        symbol     TEXT PRIMARY KEY REFERENCES instruments(symbol),
        qty        REAL NOT NULL,
        avg_cost   REAL NOT NULL CHECK (avg_cost >= 0),
        realized   REAL NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
