import type { Migration } from './types';

export const migration: Migration = {
  version: 50,
  name: 'fills',
  up(db) {
    db.exec(`
      CREATE TABLE fills (
        id       INTEGER PRIMARY KEY,
        ts       INTEGER NOT NULL,
        symbol   TEXT NOT NULL REFERENCES instruments(symbol),
        side     TEXT NOT NULL CHECK (side IN ('buy','sell')),
        qty      REAL NOT NULL CHECK (qty > 0),
        price    REAL NOT NULL CHECK (price > 0),
        fee      REAL NOT NULL CHECK (fee >= 0),
        order_id TEXT NOT NULL,
        source   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fills_symbol_id ON fills (symbol, id);
      CREATE INDEX fills_ts ON fills (ts);
    `);
  },
};
