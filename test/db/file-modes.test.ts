import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open';
import { AuditSeal, plainSealKeyFile } from '../../electron/auditSeal';
import { loadOrCreatePlainKey } from '../../electron/keyfile';
import { AUDIT_CHECKPOINT_FILE, AUDIT_SEAL_KEY_FILE, PLAIN_KEY_FILE, STORE_FILE } from '../../electron/paths';

/** The store, its WAL files and every key file are readable by this user only, whatever the umask. */

const posix = process.platform !== 'win32';
const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
let dir: string;
let previousUmask: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rcc-modes-'));
  // A permissive umask, as on many desktops: files would be 0644 unless created 0600 on purpose.
  previousUmask = process.umask(0o022);
});
afterEach(() => {
  process.umask(previousUmask);
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(posix)('file modes of the data folder', () => {
  it('creates store.db, its -wal and -shm files, the store key and the audit seal files as 0600', () => {
    const { key } = loadOrCreatePlainKey(dir);
    const file = join(dir, STORE_FILE);
    const db = openStore({ file, key });
    try {
      db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
      AuditSeal.open(dir, plainSealKeyFile(dir)).seal({ lastId: 1, hash: 'a'.repeat(64) });
      const files = [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`, PLAIN_KEY_FILE, AUDIT_SEAL_KEY_FILE, AUDIT_CHECKPOINT_FILE];
      expect(Object.fromEntries(files.map((f) => [f, modeOf(join(dir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, '600'])));
    } finally {
      db.close();
    }
  });

  it('tightens a store file left readable by others (0644) when it is opened', () => {
    const { key } = loadOrCreatePlainKey(dir);
    const file = join(dir, STORE_FILE);
    openStore({ file, key }).close();
    // Someone copied the store with a loose mode.
    chmodSync(file, 0o644);
    expect(modeOf(file)).toBe('644');
    openStore({ file, key }).close();
    expect(modeOf(file)).toBe('600');
  });
});
