import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../db/errors';
import { PLAIN_KEY_FILE, WRAPPED_KEY_FILE } from './paths';

/**
 * Loopback mode has no OS secure storage, so the store key lives in a file readable only by
 * this user. The terminal warns about it at every start.
 */
export function loadOrCreatePlainKey(dataDir: string): { key: Buffer; created: boolean } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, PLAIN_KEY_FILE);
  if (existsSync(file)) {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new StoreError('key-unavailable', `The key file ${file} is damaged (it must hold 64 hex digits).`);
    return { key, created: false };
  }
  if (existsSync(join(dataDir, WRAPPED_KEY_FILE))) {
    throw new StoreError(
      'key-unavailable',
      `The store in ${dataDir} was created by the desktop app and its key is held by the operating system's secure storage. Open it with the desktop app, or set RCC_DATA_DIR to another folder for loopback mode.`,
    );
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}
