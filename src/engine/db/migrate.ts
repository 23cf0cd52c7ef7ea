import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/types';

export class FutureDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
    readonly file: string,
  ) {
    super(
      `The database ${file} has schema version ${found}, newer than this version of Bulwark understands ` +
        `(${supported}). It was left untouched. Run a newer Bulwark, or point --data-dir at another folder.`,
    );
    this.name = 'FutureDatabaseError';
  }
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the current `user_version` in ONE transaction: a failure in any step
 * leaves the database exactly as it was. Returns the versions applied.
 */
export function migrate(db: Database, all: readonly Migration[], file: string): number[] {
  for (let i = 1; i < all.length; i++) {
    if (all[i].version <= all[i - 1].version) throw new Error(`migrations out of order at ${all[i].name}`);
  }
  const latest = all.length ? all[all.length - 1].version : 0;
  const current = userVersion(db);
  if (current > latest) throw new FutureDatabaseError(current, latest, file);
  const pending = all.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) m.up(db);
    // PRAGMA cannot be bound; the value is our own integer.
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return pending.map((m) => m.version);
}
