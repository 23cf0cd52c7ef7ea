/**
 * Secrets at rest: one row per named secret in `secrets`, AES-256-GCM under the master key. Only a
 * hint (the last 4 characters) is kept in clear for views; values leave this class only through
 * `reveal`, which the channel senders call at delivery time. Nothing here journals or logs.
 *
 * The master key is resolved lazily (first use), so a bad key file refuses secret operations with
 * a clear error without stopping the engine from starting.
 */
import type { Database, Statement } from 'better-sqlite3';
import { open, seal, SecretError } from './cipher';
import { decodeKey, loadOrCreateKeyFile } from './key-file';

interface Row {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
  hint: string;
}

export interface SecretHint {
  hasSecret: boolean;
  /** `••••` and the last 4 characters (fewer for short values), or null when unset. */
  hint: string | null;
}

export const maskHint = (value: string): string => `••••${value.length > 8 ? value.slice(-4) : ''}`;

export type KeySource = { secretKey: string } | { dataDir: string };

export class SecretStore {
  private key: Buffer | undefined;
  private readonly getStmt: Statement;
  private readonly putStmt: Statement;
  private readonly delStmt: Statement;
  private readonly hintStmt: Statement;

  constructor(
    db: Database,
    private readonly source: KeySource,
    private readonly now: () => number,
  ) {
    this.getStmt = db.prepare('SELECT iv, tag, ciphertext, hint FROM secrets WHERE name = ?');
    this.putStmt = db.prepare(
      'INSERT INTO secrets (name, iv, tag, ciphertext, hint, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, ciphertext = excluded.ciphertext, hint = excluded.hint, updated_at = excluded.updated_at',
    );
    this.delStmt = db.prepare('DELETE FROM secrets WHERE name = ? OR name LIKE ? ESCAPE \'\\\'');
    this.hintStmt = db.prepare('SELECT hint FROM secrets WHERE name = ?').pluck();
  }

  /** The master key (desktop: handed over by main; headless: the key file). Throws SecretError. */
  private masterKey(): Buffer {
    this.key ??= 'secretKey' in this.source ? decodeKey(this.source.secretKey, 'secretKey') : loadOrCreateKeyFile(this.source.dataDir);
    return this.key;
  }

  set(name: string, value: string): void {
    const s = seal(this.masterKey(), name, value);
    this.putStmt.run(name, s.iv, s.tag, s.ciphertext, maskHint(value), this.now());
  }

  /** The clear value, or undefined when unset. Throws SecretError on a wrong key or an altered row. */
  reveal(name: string): string | undefined {
    const r = this.getStmt.get(name) as Row | undefined;
    return r ? open(this.masterKey(), name, r) : undefined;
  }

  hint(name: string): SecretHint {
    const h = this.hintStmt.get(name) as string | undefined;
    return h === undefined ? { hasSecret: false, hint: null } : { hasSecret: true, hint: h };
  }

  /** Deletes `name` and every secret under `name:` (a channel's fields). */
  delete(name: string): void {
    this.delStmt.run(name, `${name.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`);
  }
}

export { SecretError };
