import type { Migration } from './types';

/** Every capital-preservation level change with its trigger, metrics, orders and measured outcome. */
export const migration: Migration = {
  version: 90,
  name: 'preservation-events',
  up(db) {
    db.exec(`
      CREATE TABLE preservation_events (
        id         INTEGER PRIMARY KEY,
        ts         INTEGER NOT NULL,
        from_level INTEGER NOT NULL CHECK (from_level BETWEEN 0 AND 3),
        to_level   INTEGER NOT NULL CHECK (to_level BETWEEN 0 AND 3),
        direction  TEXT NOT NULL CHECK (direction IN ('escalate','recover')),
        trigger    TEXT,
        metrics    TEXT NOT NULL CHECK (json_valid(metrics)),
        orders     TEXT NOT NULL CHECK (json_valid(orders)),
        removed    TEXT NOT NULL CHECK (json_valid(removed)),
        outcome    REAL,
        outcome_at INTEGER
      ) STRICT;
      CREATE INDEX preservation_events_trigger_id ON preservation_events (trigger, id);
      CREATE INDEX preservation_events_pending ON preservation_events (ts) WHERE outcome IS NULL;
    `);
  },
};
