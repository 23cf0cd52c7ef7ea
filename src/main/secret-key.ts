/**
 * Desktop half of the secret store: the 32-byte master key is kept in `<dataDir>/secret.key.safe`,
 * encrypted with Electron safeStorage (macOS Keychain, Windows DPAPI, Linux kwallet/libsecret), and
 * decrypted here in main to be handed to the engine worker (`EngineWorkerData.secretKey`).
 *
 * - First run: a new random key is sealed and written (mode 0600).
 * - A plain `secret.key` left by headless runs on the same data folder is imported (so existing
 *   secrets still decrypt) and then deleted, so the key no longer sits in clear on disk.
 * - When safeStorage cannot encrypt (no keyring on Linux, or only its "basic_text" fallback,
 *   which is obfuscation, not encryption) nothing is written and undefined is returned: the
 *   engine then uses the owner-only key file, as in headless mode, and `reason` says why.
 *
 * `safeStorage` is injected so a unit test can drive this with a fake.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

export const SAFE_KEY_FILE = 'secret.key.safe';
const PLAIN_KEY_FILE = 'secret.key';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: () => string;
}

export type DesktopKey = { secretKey: string; source: 'safe-storage' | 'imported' | 'created' } | { secretKey: undefined; reason: string };

const isKey = (b64: string): boolean => /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && Buffer.from(b64, 'base64').length === 32;

function writeOwnerOnly(path: string, data: Buffer): void {
  writeFileSync(path, data, { mode: 0o600 });
  chmodSync(path, 0o600); // writeFileSync keeps an existing file's mode; make sure.
}

export function desktopSecretKey(dataDir: string, safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): DesktopKey {
  const safePath = join(dataDir, SAFE_KEY_FILE);
  const plainPath = join(dataDir, PLAIN_KEY_FILE);
  if (!safe.isEncryptionAvailable()) return { secretKey: undefined, reason: 'safeStorage: encryption is not available on this system; using the owner-only key file' };
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    return { secretKey: undefined, reason: 'safeStorage: no system keyring (basic_text backend); using the owner-only key file' };
  }
  if (existsSync(safePath)) {
    let b64: string;
    try {
      b64 = safe.decryptString(readFileSync(safePath)).trim();
    } catch (err) {
      throw new Error(`${safePath}: safeStorage could not decrypt the master key (${(err as Error).message}); was the data folder copied from another user or machine?`, { cause: err });
    }
    if (!isKey(b64)) throw new Error(`${safePath}: decrypted master key is not 32 bytes of base64`);
    return { secretKey: b64, source: 'safe-storage' };
  }
  let source: 'imported' | 'created' = 'created';
  let b64 = randomBytes(32).toString('base64');
  if (existsSync(plainPath)) {
    const old = readFileSync(plainPath, 'utf8').trim();
    if (!isKey(old)) throw new Error(`${plainPath}: not a 32-byte base64 master key; move it away to start a new one`);
    b64 = old;
    source = 'imported';
  }
  writeOwnerOnly(safePath, safe.encryptString(b64));
  // Only delete the clear key once the sealed copy is on disk and reads back.
  if (source === 'imported' && safe.decryptString(readFileSync(safePath)).trim() === b64) unlinkSync(plainPath);
  return { secretKey: b64, source };
}

/**
 * For main's start-up path: never throws. A sealed key that no longer opens (data folder copied
 * from another account) is reported, and the engine falls back to the key file; secrets sealed
 * under the lost key then fail to decrypt with a clear "set it again" instead of the app not starting.
 */
export function desktopSecretKeyOrReason(dataDir: string, safe: SafeStorageLike): DesktopKey {
  try {
    return desktopSecretKey(dataDir, safe);
  } catch (err) {
    return { secretKey: undefined, reason: (err as Error).message };
  }
}
