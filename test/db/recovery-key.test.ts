import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../db/errors';
import { openStore } from '../../db/open';
import { loadOrCreatePlainKey, recordStoreKind, refuseLostRealStore } from '../../electron/keyfile';
import { PLAIN_KEY_FILE, RECOVERY_FILE, STORE_FILE } from '../../electron/paths';
import { newRecoveryKey, normaliseRecoveryKey, recoverStoreKey, writeRecoveryFile } from '../../electron/recoveryKey';
import { tempStore } from '../helpers/store';

/**
 * The bad thing done for real: the loopback key file is deleted from beside a real store. The
 * app must refuse to make a new key, and the recovery key must bring the old one back. The
 * desktop host (a lost safeStorage entry) calls the same recoverStoreKey.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function realStoreWithKeyFile() {
  const s = tempStore({ kind: 'empty' });
  cleanups.push(s.remove);
  s.db.close();
  rmSync(s.file);
  const { key, created } = loadOrCreatePlainKey(s.dir);
  expect(created).toBe(true);
  const db = openStore({ file: join(s.dir, STORE_FILE), key });
  db.exec("INSERT INTO meta (key, value) VALUES ('store_kind', 'real')");
  db.close();
  recordStoreKind(s.dir, 'real');
  return { dir: s.dir, key };
}

describe('the recovery key', () => {
  it('is eight groups of four base32 characters and survives careless typing', () => {
    const key = newRecoveryKey();
    expect(key).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(normaliseRecoveryKey(` ${key.toLowerCase().replace(/-/g, ' ')} `)).toBe(key.replace(/-/g, ''));
    expect(normaliseRecoveryKey('ABCD-EFGH')).toBeNull();
    expect(newRecoveryKey()).not.toBe(key);
  });

  it('unwraps the store key after the key file is lost, and the store opens with it', () => {
    const { dir, key } = realStoreWithKeyFile();
    const recovery = newRecoveryKey();
    writeRecoveryFile(dir, key, recovery);
    expect(readFileSync(join(dir, RECOVERY_FILE), 'utf8')).not.toContain(key.toString('hex'));

    rmSync(join(dir, PLAIN_KEY_FILE));
    expect(() => loadOrCreatePlainKey(dir)).toThrow(/is missing, but a store was set up .* npm start -- --recover/);
    expect(existsSync(join(dir, PLAIN_KEY_FILE))).toBe(false);

    const recovered = recoverStoreKey(dir, recovery.toLowerCase());
    expect(recovered.equals(key)).toBe(true);
    const db = openStore({ file: join(dir, STORE_FILE), key: recovered });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'store_kind'").pluck().get()).toBe('real');
    db.close();
  });

  it('a wrong recovery key or a missing recovery file is refused in words', () => {
    const { dir, key } = realStoreWithKeyFile();
    expect(() => recoverStoreKey(dir, newRecoveryKey())).toThrow(/no recovery file/);
    writeRecoveryFile(dir, key, newRecoveryKey());
    expect(() => recoverStoreKey(dir, newRecoveryKey())).toThrow(/does not unlock this store/);
    expect(() => recoverStoreKey(dir, 'hello')).toThrow(/That is not a recovery key/);
  });
});

describe('a lost store or key is never silently replaced', () => {
  it('a store file without its key file stops the app, even with no marker', () => {
    const { dir } = realStoreWithKeyFile();
    rmSync(join(dir, 'store.kind'));
    rmSync(join(dir, PLAIN_KEY_FILE));
    let error: unknown;
    try {
      loadOrCreatePlainKey(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).kind).toBe('key-missing');
  });

  it('a real store whose file is missing or emptied is not re-created: restore it', () => {
    const { dir } = realStoreWithKeyFile();
    refuseLostRealStore(dir);
    writeFileSync(join(dir, STORE_FILE), '');
    expect(() => refuseLostRealStore(dir)).toThrow(/missing or empty. Nothing was created in its place.*--restore/);
    rmSync(join(dir, STORE_FILE));
    expect(() => refuseLostRealStore(dir)).toThrow(/A real store was set up/);
  });
});
