import type { Migration } from './types';

/**
 * The append-only journal: every breach, override, preservation event, alert and note lands here.
 * Triggers refuse UPDATE and DELETE so no code path can rewrite history.
 */
export const migration: Migration = {
  version: 20,
  name: 'events',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id       INTEGER PRIMARY KEY,
        ts       INTEGER NOT NULL,
        kind     TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('debug','info','warning','critical','emergency')),
        source   TEXT NOT NULL,
        payload  TEXT NOT NULL CHECK (json_valid(payload))
      ) STRICT;
      CREATE INDEX events_kind_id ON events (kind, id);
      CREATE INDEX events_severity_id ON events (severity, id);
      CREATE INDEX events_ts ON events (ts);
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events is append-only'); END;
    `);
  },
};
