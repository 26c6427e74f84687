import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { WritableDB } from './handle';
import { StoreError } from './errors';
import { appliedMigrations, latestSchemaVersion, migrate } from './migrate';

export interface OpenStoreOptions {
  /** A file path, or ':memory:' for tests. */
  file: string;
  /** 32 random bytes; never written next to the store in the clear on the desktop. */
  key: Buffer;
  /** Path of a native binding built for a different runtime (Electron); Node's own build otherwise. */
  nativeBinding?: string;
  /** Stop at this schema version (migration tests). */
  migrateTo?: number;
  /**
   * Runs when an existing store is about to be migrated, before anything changes: the host takes
   * a backup here, so an update that goes wrong can be undone. Throwing stops the open.
   */
  beforeMigrate?: (db: WritableDB, fromVersion: number) => void;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * How long a connection waits for another's write transaction before giving up. A job's import
 * holds the write lock while it writes (seconds for a large return on a busy laptop), and every
 * call that audits writes: it should wait for the import, not fail (better-sqlite3's default is 5 s).
 */
export const BUSY_WAIT_MS = 30_000;
/** True when the first bytes of a file are SQLite's plaintext header, i.e. it is not encrypted. */
export function looksUnencrypted(firstBytes: Buffer): boolean {
  return firstBytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

/**
 * The store is readable by this user only (0600), like its key. SQLite gives the -wal and -shm
 * files the database file's own mode, so creating it 0600 before SQLite opens it covers all three.
 */
function ownerOnly(file: string): void {
  if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  else if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

/**
 * Opens the store: keys it before any other statement, then sets the durability pragmas, checks
 * the file and brings the schema up to date. Throws StoreError with a clear message otherwise.
 */
export function openStore(options: OpenStoreOptions): WritableDB {
  if (options.key.length !== 32) throw new Error('The store key must be 32 bytes');
  if (options.file !== ':memory:') ownerOnly(options.file);
  const db = new Database(options.file, { timeout: BUSY_WAIT_MS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // The key must be the first statement: anything earlier would read the file unkeyed.
    db.pragma(`key = '${options.key.toString('hex')}'`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new StoreError(
        'wrong-key',
        'The data store could not be unlocked: the key does not match this file, or the file is not an RCC Placements store. Nothing was changed.',
      );
    }
    if (options.file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    if (db.pragma('foreign_keys', { simple: true }) !== 1) {
      throw new StoreError('not-enforcing', 'SQLite refused to enforce foreign keys; the store was not opened.');
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new StoreError('damaged', `The data store failed its integrity check (${String(check)}). Restore it from a backup.`);
    }
    const handle = db as WritableDB;
    // Checked before the host's backup: a store that skipped a migration, or is too new, is refused untouched.
    const fromVersion = appliedMigrations(handle).at(-1)?.version ?? 0;
    const target = options.migrateTo ?? latestSchemaVersion();
    if (options.beforeMigrate && fromVersion > 0 && fromVersion < target) options.beforeMigrate(handle, fromVersion);
    migrate(handle, options.migrateTo);
    return handle;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A second connection to a store that the app already opened (and so checked and migrated): a job
 * thread's own (electron/jobs). Keyed first, the same pragmas, no integrity check or migration --
 * the owning connection did both -- but a schema other than this code's is refused. WAL lets the
 * call thread read while this one writes; the busy timeout (BUSY_WAIT_MS) makes a writer wait
 * for the other's transaction rather than fail.
 */
export function openStoreConnection(options: Pick<OpenStoreOptions, 'file' | 'key' | 'nativeBinding'>): WritableDB {
  if (options.key.length !== 32) throw new Error('The store key must be 32 bytes');
  if (options.file === ':memory:') throw new Error('A store in memory has no second connection');
  const db = new Database(options.file, {
    fileMustExist: true,
    timeout: BUSY_WAIT_MS,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`key = '${options.key.toString('hex')}'`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new StoreError('wrong-key', 'The data store could not be unlocked for a background job: the key does not match this file.');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version !== latestSchemaVersion()) {
      throw new StoreError('damaged', `The data store is at schema version ${version}, not ${latestSchemaVersion()}, so a background job cannot use it.`);
    }
    return db as WritableDB;
  } catch (error) {
    db.close();
    throw error;
  }
}
