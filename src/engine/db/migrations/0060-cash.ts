import type { Migration } from './types';

export const migration: Migration = {
  version: 60,
  name: 'cash',
  up(db) {
    db.exec(`
      CREATE TABLE cash (
        currency   TEXT PRIMARY KEY,
        amount     REAL NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
