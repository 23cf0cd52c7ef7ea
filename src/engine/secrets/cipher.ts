/**
 * AES-256-GCM for secrets at rest. Each value gets a fresh 12-byte IV; the 16-byte tag authenticates
 * both the ciphertext and the secret's name (as additional authenticated data), so a ciphertext
 * copied onto another row, or any flipped byte, fails to decrypt instead of yielding garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** A secret could not be read: wrong master key, tampered row, or a bad key file. Never carries the value. */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SecretError(`master key: must be ${KEY_BYTES} bytes, got ${key.length}`);
}

export function seal(key: Buffer, name: string, plaintext: string): Sealed {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return { iv, tag: c.getAuthTag(), ciphertext };
}

export function open(key: Buffer, name: string, s: Sealed): string {
  checkKey(key);
  if (s.iv.length !== IV_BYTES || s.tag.length !== TAG_BYTES) throw new SecretError(`secret "${name}": malformed record (iv ${s.iv.length} B, tag ${s.tag.length} B)`);
  try {
    const d = createDecipheriv('aes-256-gcm', key, s.iv);
    d.setAAD(Buffer.from(name, 'utf8'));
    d.setAuthTag(s.tag);
    return Buffer.concat([d.update(s.ciphertext), d.final()]).toString('utf8');
  } catch {
    // GCM says only "unable to authenticate"; the two real causes are worth naming.
    throw new SecretError(`secret "${name}": cannot be decrypted (wrong master key, or the stored value was altered); set it again`);
  }
}
