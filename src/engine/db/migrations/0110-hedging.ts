import type { Migration } from './types';

/**
 * Hedging: its configuration (one JSON row; the narrative API key lives here until the encrypted
 * secret store exists), every proposal with its numbers and decision, and every hedge leg opened.
 */
export const migration: Migration = {
  version: 110,
  name: 'hedging',
  up(db) {
    db.exec(`
      CREATE TABLE hedging_config (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE hedge_proposals (
        id          TEXT PRIMARY KEY,
        created_at  INTEGER NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('pending','approved','executed','rejected','expired','failed')),
        detected_at INTEGER NOT NULL,
        executed_at INTEGER,
        body        TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      CREATE INDEX hedge_proposals_status_created ON hedge_proposals (status, created_at);
      CREATE INDEX hedge_proposals_created ON hedge_proposals (created_at);
      CREATE TABLE hedges (
        id          TEXT PRIMARY KEY,
        proposal_id TEXT NOT NULL REFERENCES hedge_proposals (id),
        status      TEXT NOT NULL CHECK (status IN ('active','closed','rolled')),
        opened_at   INTEGER NOT NULL,
        body        TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      CREATE INDEX hedges_status ON hedges (status, opened_at);
    `);
  },
};
