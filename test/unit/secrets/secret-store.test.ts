import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migration } from '../../../src/engine/db/migrations/0120-alert-channels';
import { open, seal, SecretError } from '../../../src/engine/secrets/cipher';
import { KEY_FILE, loadOrCreateKeyFile } from '../../../src/engine/secrets/key-file';
import { SecretStore } from '../../../src/engine/secrets/store';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bulwark-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function db(): Database.Database {
  const d = new Database(':memory:');
  migration.up(d);
  return d;
}
const KEY_A = Buffer.alloc(32, 7);
const KEY_B = Buffer.alloc(32, 9);

describe('AES-256-GCM cipher', () => {
  it('round-trips, uses a fresh IV each time, and never stores the clear text', () => {
    const a = seal(KEY_A, 'n', 'xoxb-secret-token');
    const b = seal(KEY_A, 'n', 'xoxb-secret-token');
    expect(a.iv.length).toBe(12);
    expect(a.tag.length).toBe(16);
    expect(a.ciphertext.length).toBe('xoxb-secret-token'.length); // GCM is a stream mode: no padding
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.toString('utf8')).not.toContain('secret');
    expect(open(KEY_A, 'n', a)).toBe('xoxb-secret-token');
  });

  it('detects a flipped ciphertext byte, a flipped tag, a moved row and a wrong key with a clear error', () => {
    const s = seal(KEY_A, 'channel:ch-1:url', 'https://hooks.example/abc');
    const flip = (b: Buffer): Buffer => {
      const c = Buffer.from(b);
      c[0] ^= 1;
      return c;
    };
    const msg = /secret "channel:ch-1:url": cannot be decrypted \(wrong master key, or the stored value was altered\)/;
    expect(() => open(KEY_A, 'channel:ch-1:url', { ...s, ciphertext: flip(s.ciphertext) })).toThrow(msg);
    expect(() => open(KEY_A, 'channel:ch-1:url', { ...s, tag: flip(s.tag) })).toThrow(msg);
    expect(() => open(KEY_B, 'channel:ch-1:url', s)).toThrow(msg);
    // Same ciphertext under another name: the name is authenticated data.
    expect(() => open(KEY_A, 'channel:ch-2:url', s)).toThrow(/secret "channel:ch-2:url": cannot be decrypted/);
    expect(() => open(KEY_A, 'n', { ...s, iv: s.iv.subarray(0, 8) })).toThrow(/malformed record \(iv 8 B, tag 16 B\)/);
    expect(() => seal(Buffer.alloc(16), 'n', 'x')).toThrow(/master key: must be 32 bytes, got 16/);
  });
});

describe('key file (headless)', () => {
  it('creates secret.key once with mode 0600 and reads the same key afterwards', () => {
    const dir = tmp();
    const k1 = loadOrCreateKeyFile(dir);
    const path = join(dir, KEY_FILE);
    expect(k1.length).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(k1)).toBe(true);
    const k2 = loadOrCreateKeyFile(dir);
    expect(k2.equals(k1)).toBe(true);
  });

  it('refuses a group/world-readable key file and says how to fix it; Windows skips the mode check', () => {
    const dir = tmp();
    loadOrCreateKeyFile(dir);
    const path = join(dir, KEY_FILE);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateKeyFile(dir)).toThrow(new RegExp(`mode 0644 lets other users read the master key; refusing to use it \\(run: chmod 600 '${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'\\)`));
    chmodSync(path, 0o640);
    expect(() => loadOrCreateKeyFile(dir)).toThrow(/mode 0640/);
    expect(loadOrCreateKeyFile(dir, 'win32').length).toBe(32);
    chmodSync(path, 0o600);
    expect(loadOrCreateKeyFile(dir).length).toBe(32);
  });

  it('refuses a key file of the wrong length or not base64', () => {
    const dir = tmp();
    const path = join(dir, KEY_FILE);
    writeFileSync(path, Buffer.alloc(16, 1).toString('base64'), { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(dir)).toThrow(/must hold 32 bytes, holds 16/);
    writeFileSync(path, 'not base64 at all!', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(dir)).toThrow(/not base64/);
  });
});

describe('SecretStore', () => {
  it('stores only ciphertext, shows a masked hint, reveals the value, deletes a channel’s fields', () => {
    const d = db();
    const s = new SecretStore(d, { secretKey: KEY_A.toString('base64') }, () => 1000);
    s.set('channel:ch-1:botToken', '123456:ABCdefGHIjkl');
    s.set('channel:ch-1:url', 'short');
    s.set('channel:ch-10:url', 'https://other.example/xyz9');
    const raw = d.prepare('SELECT * FROM secrets').all() as { name: string; ciphertext: Buffer; hint: string }[];
    expect(raw.map((r) => r.name).sort()).toEqual(['channel:ch-10:url', 'channel:ch-1:botToken', 'channel:ch-1:url']);
    for (const r of raw) expect(r.ciphertext.toString('latin1')).not.toMatch(/ABCdef|short|other\.example/);
    expect(s.hint('channel:ch-1:botToken')).toEqual({ hasSecret: true, hint: '••••Ijkl' });
    expect(s.hint('channel:ch-1:url')).toEqual({ hasSecret: true, hint: '••••' }); // short values: no characters shown
    expect(s.hint('channel:ch-9:url')).toEqual({ hasSecret: false, hint: null });
    expect(s.reveal('channel:ch-1:botToken')).toBe('123456:ABCdefGHIjkl');
    expect(s.reveal('nope')).toBeUndefined();
    s.delete('channel:ch-1');
    expect(s.hint('channel:ch-1:botToken').hasSecret).toBe(false);
    expect(s.hint('channel:ch-10:url').hasSecret).toBe(true); // ch-1 must not take ch-10 with it
  });

  it('with the wrong master key: a clear SecretError, and the store keeps working for other rows', () => {
    const d = db();
    new SecretStore(d, { secretKey: KEY_A.toString('base64') }, () => 1).set('a', 'value-a-12345');
    const wrong = new SecretStore(d, { secretKey: KEY_B.toString('base64') }, () => 1);
    expect(() => wrong.reveal('a')).toThrow(SecretError);
    expect(() => wrong.reveal('a')).toThrow(/secret "a": cannot be decrypted/);
    wrong.set('b', 'value-b-67890');
    expect(wrong.reveal('b')).toBe('value-b-67890');
    expect(() => new SecretStore(d, { secretKey: 'AAAA' }, () => 1).reveal('b')).toThrow(/secretKey: must hold 32 bytes, holds 3/);
  });

  it('headless: creates the key file lazily on first use, not on construction', () => {
    const dir = tmp();
    const s = new SecretStore(db(), { dataDir: dir }, () => 1);
    expect(() => statSync(join(dir, KEY_FILE))).toThrow();
    s.set('x', 'hello-world');
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(s.reveal('x')).toBe('hello-world');
  });
});
