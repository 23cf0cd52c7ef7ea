import type { Migration } from './types';

/** Serialised control state (limits, trading state, breakers, preservation, alerts) so a restart restores it. */
export const migration: Migration = {
  version: 80,
  name: 'controls-state',
  up(db) {
    db.exec(`
      CREATE TABLE controls_state (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
