import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from './migrations/index';
import { FutureDatabaseError, migrate, userVersion } from './migrate';

export const DB_FILE = 'bulwark.db';

export interface OpenOptions {
  dataDir: string;
  /** Path to an Electron-ABI better_sqlite3.node when running under Electron. */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the store in `dataDir`.
 *
 * - WAL: readers never block the single writer (the worker), and a commit is one append.
 * - synchronous=NORMAL: in WAL mode every commit is atomic and survives a crash of the process
 *   (kill -9, a crash of Bulwark); only an OS crash or power loss can roll back the last commits
 *   since the previous checkpoint, never corrupt the file. FULL would add an fsync per commit
 *   on the tick-driven write path for protection against power loss only; we checkpoint on
 *   clean shutdown instead.
 * - A database whose user_version is above what this build knows is refused before any write
 *   (not even the WAL switch), so it is left byte-for-byte untouched.
 */
export function openDatabase(opts: OpenOptions): Database {
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, DB_FILE);
  const db = opts.nativeBinding ? new BetterSqlite3(file, { nativeBinding: opts.nativeBinding }) : new BetterSqlite3(file);
  try {
    const latest = migrations[migrations.length - 1].version;
    const found = userVersion(db);
    if (found > latest) throw new FutureDatabaseError(found, latest, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
