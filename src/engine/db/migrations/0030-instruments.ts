import type { Migration } from './types';

export const migration: Migration = {
  version: 30,
  name: 'instruments',
  up(db) {
    db.exec(`
      CREATE TABLE instruments (
        symbol     TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('spot','perp','future','option')),
        spec       TEXT NOT NULL CHECK (json_valid(spec)),
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
