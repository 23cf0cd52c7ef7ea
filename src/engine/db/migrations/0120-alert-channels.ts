import type { Migration } from './types';

/**
 * Alert channels and the encrypted secret store. `secrets` holds AES-256-GCM records (iv, tag,
 * ciphertext) and a masked hint; clear values are never stored. A channel's secret fields live in
 * `secrets` under `channel:<id>:<field>`, its other settings as JSON in `alert_channels.config`.
 */
export const migration: Migration = {
  version: 120,
  name: 'alert-channels',
  up(db) {
    db.exec(`
      CREATE TABLE secrets (
        name       TEXT PRIMARY KEY,
        iv         BLOB NOT NULL,
        tag        BLOB NOT NULL,
        ciphertext BLOB NOT NULL,
        hint       TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE alert_channels (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('webhook', 'discord', 'slack', 'telegram', 'twilio', 'email')),
        name       TEXT NOT NULL,
        enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        min_level  TEXT NOT NULL CHECK (min_level IN ('info', 'warning', 'critical', 'emergency')),
        config     TEXT NOT NULL CHECK (json_valid(config)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
