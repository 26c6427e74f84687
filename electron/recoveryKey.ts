import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../db/errors';
import { RECOVERY_FILE } from './paths';

/**
 * The recovery key: 160 random bits a person can type, shown once when a real store is set up.
 * It unwraps the store key from a file beside the store, so losing the key file (loopback) or the
 * operating system's secure-storage entry (desktop) does not lose every record. Both hosts use
 * these functions. The key itself is never written anywhere by the app.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; // RFC 4648 base32: no 0/1/8, which are easily misread
const KEY_BYTES = 20;
// scrypt makes each guess cost memory; the 160-bit key is already out of reach of guessing.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Uppercases and drops spaces and dashes; misread 0/1/8 become O/I/B. Null when it cannot be a recovery key. */
export function normaliseRecoveryKey(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/0/g, 'O').replace(/1/g, 'I').replace(/8/g, 'B');
  return s.length === 32 && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** 32 base32 characters in eight groups of four, e.g. ABCD-EFGH-... */
export function newRecoveryKey(): string {
  return toBase32(randomBytes(KEY_BYTES)).match(/.{4}/g)!.join('-');
}

interface RecoveryFile {
  format: 'rcc-recovery-1';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  wrappedKey: string;
}

function derive(recoveryKey: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  const normal = normaliseRecoveryKey(recoveryKey);
  if (!normal) throw new StoreError('key-unavailable', 'That is not a recovery key: it has 32 letters and digits 2-7, in eight groups of four.');
  return scryptSync(normal, salt, 32, { ...params, maxmem: SCRYPT.maxmem });
}

/** Writes (or replaces) the store key wrapped by the recovery key, beside the store. */
export function writeRecoveryFile(dataDir: string, storeKey: Buffer, recoveryKey: string): void {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(recoveryKey, salt, SCRYPT), iv);
  const wrapped = Buffer.concat([cipher.update(storeKey), cipher.final()]);
  const file: RecoveryFile = {
    format: 'rcc-recovery-1',
    kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrapped.toString('base64'),
  };
  const path = join(dataDir, RECOVERY_FILE);
  writeFileSync(`${path}.new`, JSON.stringify(file, null, 2), { mode: 0o600 });
  renameSync(`${path}.new`, path);
}

export function hasRecoveryFile(dataDir: string): boolean {
  return existsSync(join(dataDir, RECOVERY_FILE));
}

/** The store key, unwrapped with a typed recovery key; a clear StoreError when it does not fit. */
export function recoverStoreKey(dataDir: string, recoveryKey: string): Buffer {
  const path = join(dataDir, RECOVERY_FILE);
  if (!existsSync(path)) {
    throw new StoreError(
      'key-unavailable',
      `There is no recovery file (${path}) in the data folder, so the store key cannot be recovered. Restore the folder from IT's copy of it.`,
    );
  }
  const file = JSON.parse(readFileSync(path, 'utf8')) as RecoveryFile;
  if (file.format !== 'rcc-recovery-1') throw new StoreError('key-unavailable', `${path} is not a recovery file this app understands.`);
  const key = derive(recoveryKey, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(file.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    throw new StoreError(
      'key-unavailable',
      'That recovery key does not unlock this store: check it against the printed copy (letters A-Z and digits 2-7) and try again.',
    );
  }
}
