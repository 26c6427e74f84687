import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../db/errors';
import { PLAIN_KEY_FILE, STORE_FILE, STORE_KIND_FILE, WRAPPED_KEY_FILE } from './paths';

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
  if (storeWasSetUp(dataDir)) throw missingKey(dataDir, file);
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}

/** Writes the key the recovery key unwrapped, in place of a lost key file. */
export function savePlainKey(dataDir: string, key: Buffer): void {
  writeFileSync(join(dataDir, PLAIN_KEY_FILE), key.toString('hex'), { mode: 0o600 });
}

/** A store file with something in it, or the marker a set-up leaves: a new key would lock it out for good. */
export function storeWasSetUp(dataDir: string): boolean {
  const store = join(dataDir, STORE_FILE);
  return (existsSync(store) && statSync(store).size > 0) || existsSync(join(dataDir, STORE_KIND_FILE));
}

/** Never replace a lost key over an existing store: stop, and say how to get it back. */
export function missingKey(dataDir: string, keyFile: string): StoreError {
  return new StoreError(
    'key-missing',
    `The store key (${keyFile}) is missing, but a store was set up in ${dataDir}. A new key would not open it, so nothing was changed. ` +
      'Recover the key with the recovery key shown when the store was set up: npm start -- --recover (it asks you to type the key). ' +
      "Without the recovery key, put back the key file from IT's copy of this folder.",
  );
}

/** The kind of store a set-up recorded here, or null when none was. */
export function recordedStoreKind(dataDir: string): 'demo' | 'real' | null {
  const file = join(dataDir, STORE_KIND_FILE);
  if (!existsSync(file)) return null;
  const kind = readFileSync(file, 'utf8').trim();
  return kind === 'demo' || kind === 'real' ? kind : null;
}

export function recordStoreKind(dataDir: string, kind: 'demo' | 'real'): void {
  writeFileSync(join(dataDir, STORE_KIND_FILE), `${kind}\n`, { mode: 0o600 });
}

/**
 * A real store's file gone missing (or emptied) is never answered with a fresh demo region or an
 * empty store: the app stops and says to restore it from a backup.
 */
export function refuseLostRealStore(dataDir: string): void {
  const store = join(dataDir, STORE_FILE);
  const present = existsSync(store) && statSync(store).size > 0;
  if (!present && recordedStoreKind(dataDir) === 'real') {
    throw new StoreError(
      'store-missing',
      `A real store was set up in ${dataDir}, but its file (${store}) is missing or empty. Nothing was created in its place. ` +
        'Restore it from a backup: npm start -- --restore <backup file> (backups are in the backups folder of the data folder unless an administrator chose another).',
    );
  }
}
