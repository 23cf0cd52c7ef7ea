/**
 * The master key for headless / plain-Node runs: 32 random bytes, base64, in `<dataDir>/secret.key`,
 * created once with mode 0600. On POSIX a key file that the group or others can read is refused
 * (with the chmod that fixes it) rather than silently used: anyone who can read it can read every secret.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_BYTES, SecretError } from './cipher';

export const KEY_FILE = 'secret.key';

/** Decodes a base64 master key and checks its length; `what` names the source in the error. */
export function decodeKey(b64: string, what: string): Buffer {
  const text = b64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new SecretError(`${what}: not base64`);
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) throw new SecretError(`${what}: must hold ${KEY_BYTES} bytes, holds ${key.length}`);
  return key;
}

/** Throws when a POSIX file is readable or writable by the group or others. */
export function assertOwnerOnly(path: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return; // NTFS ACLs of the user profile folder apply; mode bits mean nothing there.
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new SecretError(`${path}: mode ${mode.toString(8).padStart(4, '0')} lets other users read the master key; refusing to use it (run: chmod 600 '${path}')`);
  }
}

/** Reads `<dataDir>/secret.key`, creating it (0600) the first time. */
export function loadOrCreateKeyFile(dataDir: string, platform: NodeJS.Platform = process.platform): Buffer {
  const path = join(dataDir, KEY_FILE);
  let fd: number | undefined;
  try {
    // 'wx' fails if the file exists, so two starts racing never overwrite each other's key.
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new SecretError(`${path}: cannot create the key file (${(err as Error).message})`);
  }
  if (fd !== undefined) {
    const key = randomBytes(KEY_BYTES);
    try {
      writeSync(fd, `${key.toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return key;
  }
  assertOwnerOnly(path, platform);
  return decodeKey(readFileSync(path, 'utf8'), path);
}
