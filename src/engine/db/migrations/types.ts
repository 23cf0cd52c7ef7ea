import type { Database } from 'better-sqlite3';

/** A numbered schema step. `version` is the number in the file name; `user_version` ends at the last one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
