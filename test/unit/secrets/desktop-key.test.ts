import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopSecretKey, desktopSecretKeyOrReason, SAFE_KEY_FILE, type SafeStorageLike } from '../../../src/main/secret-key';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bulwark-safe-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stand-in for Electron safeStorage: XOR with a per-"user" byte and a marker, so a foreign blob fails. */
function fakeSafe(user = 0x5a, available = true, backend?: string): SafeStorageLike & { calls: number } {
  const f = {
    calls: 0,
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => {
      f.calls += 1;
      return Buffer.concat([Buffer.from('v10'), Buffer.from(s, 'utf8').map((b) => b ^ user)]);
    },
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const out = Buffer.from(b.subarray(3).map((x) => x ^ user)).toString('utf8');
      if (!/^[A-Za-z0-9+/=]+$/.test(out)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return out;
    },
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
  return f;
}

describe('desktop master key (safeStorage)', () => {
  it('creates a sealed 0600 key once, then returns the same key; nothing in clear on disk', () => {
    const dir = tmp();
    const safe = fakeSafe();
    const a = desktopSecretKey(dir, safe, 'linux');
    expect(a.secretKey).toBeDefined();
    expect(a).toMatchObject({ source: 'created' });
    expect(Buffer.from(a.secretKey!, 'base64').length).toBe(32);
    const path = join(dir, SAFE_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path).toString('latin1')).not.toContain(a.secretKey!);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    const b = desktopSecretKey(dir, safe, 'linux');
    expect(b).toEqual({ secretKey: a.secretKey, source: 'safe-storage' });
    expect(safe.calls).toBe(1);
  });

  it('imports a headless secret.key (same key, so stored secrets still open) and deletes the clear copy', () => {
    const dir = tmp();
    const plain = Buffer.alloc(32, 3).toString('base64');
    writeFileSync(join(dir, 'secret.key'), `${plain}\n`, { mode: 0o600 });
    const r = desktopSecretKey(dir, fakeSafe(), 'darwin');
    expect(r).toEqual({ secretKey: plain, source: 'imported' });
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    expect(desktopSecretKey(dir, fakeSafe(), 'darwin')).toEqual({ secretKey: plain, source: 'safe-storage' });
  });

  it('without usable encryption writes nothing and says why (engine falls back to the key file)', () => {
    const dir = tmp();
    expect(desktopSecretKey(dir, fakeSafe(0x5a, false), 'linux')).toEqual({ secretKey: undefined, reason: expect.stringMatching(/encryption is not available/) as unknown });
    expect(desktopSecretKey(dir, fakeSafe(0x5a, true, 'basic_text'), 'linux')).toEqual({ secretKey: undefined, reason: expect.stringMatching(/basic_text/) as unknown });
    expect(existsSync(join(dir, SAFE_KEY_FILE))).toBe(false);
  });

  it('a sealed key from another account fails with a clear message; the start-up wrapper turns it into a reason', () => {
    const dir = tmp();
    desktopSecretKey(dir, fakeSafe(0x5a), 'linux');
    expect(() => desktopSecretKey(dir, fakeSafe(0x33), 'linux')).toThrow(/secret\.key\.safe: safeStorage could not decrypt the master key .*copied from another user or machine/);
    const r = desktopSecretKeyOrReason(dir, fakeSafe(0x33));
    expect(r.secretKey).toBeUndefined();
    expect('reason' in r && r.reason).toMatch(/could not decrypt/);
  });
});
