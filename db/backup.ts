import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_REASONS, type BackupReason } from '../shared/domain/backups';

/** Where the store lives and how to unlock it, for connections other than the writer. */
export interface StoreLocation {
  file: string;
  key: Buffer;
  nativeBinding?: string;
}

export interface BackupFile {
  fileName: string;
  path: string;
  sizeBytes: number;
  /** When the copy was taken (from its name, so it survives being copied between folders). */
  takenAt: string;
  reason: BackupReason;
}

export type BackupCheck = { ok: true; schemaVersion: number; storeKind: 'demo' | 'real' | null } | { ok: false; problem: string };

const EXTENSION = '.rccbackup';
const NAME = /^rcc-(\d{8}T\d{9}Z)-([a-z-]+)\.rccbackup$/;

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

export function backupFileName(at: Date, reason: BackupReason): string {
  return `rcc-${stamp(at)}-${reason}${EXTENSION}`;
}

function open(location: StoreLocation, readonly: boolean): Database.Database {
  const db = new Database(location.file, { readonly, fileMustExist: true, ...(location.nativeBinding ? { nativeBinding: location.nativeBinding } : {}) });
  try {
    db.pragma(`key = '${location.key.toString('hex')}'`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes an encrypted copy of the live store without stopping it. VACUUM INTO on an SQLite3
 * Multiple Ciphers connection writes the copy under the same cipher and key (checked by
 * test/db/backup.test.ts: the copy has no plaintext header and opens with the key), whereas
 * better-sqlite3's db.backup() would write it unencrypted. A separate read connection sees the
 * last committed state, so a backup taken in the middle of a write transaction (before an
 * import) copies the store as it was. The copy is written under a temporary name and renamed
 * once it is on disk, so a backup folder never holds half a backup under a backup's name.
 */
export function takeBackup(source: StoreLocation | Database.Database, folder: string, reason: BackupReason, at: Date): BackupFile {
  // Two backups in one millisecond (a frozen test clock, or two quick imports) keep distinct names.
  let ms = at.getTime();
  while (existsSync(join(folder, backupFileName(new Date(ms), reason)))) ms++;
  const fileName = backupFileName(new Date(ms), reason);
  const target = join(folder, fileName);
  const partial = join(folder, `.${fileName}.partial`);
  rmSync(partial, { force: true });
  const db = source instanceof Database ? source : open(source, true);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    fsyncPath(partial);
    renameSync(partial, target);
    if (process.platform !== 'win32') fsyncPath(folder);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    if (!(source instanceof Database)) db.close();
  }
  return { fileName, path: target, sizeBytes: statSync(target).size, takenAt: new Date(ms).toISOString(), reason };
}

/** Opens a backup read-only with the key and runs quick_check; says in words what is wrong if anything is. */
export function checkBackup(file: string, key: Buffer, nativeBinding?: string): BackupCheck {
  let db: Database.Database;
  try {
    db = open({ file, key, ...(nativeBinding ? { nativeBinding } : {}) }, true);
  } catch {
    return { ok: false, problem: "It cannot be unlocked with this store's key (it belongs to another store, or it is damaged)." };
  }
  try {
    const check = String(db.pragma('quick_check', { simple: true }));
    if (check !== 'ok') return { ok: false, problem: `It fails SQLite's integrity check (${check}).` };
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
    const kind = hasMeta ? db.prepare("SELECT value FROM meta WHERE key = 'store_kind'").pluck().get() : undefined;
    return { ok: true, schemaVersion, storeKind: kind === 'demo' || kind === 'real' ? kind : null };
  } catch (error) {
    return { ok: false, problem: `It could not be read (${error instanceof Error ? error.message : String(error)}).` };
  } finally {
    db.close();
  }
}

/** The backups in a folder, newest first; files that are not ours are left alone. */
export function listBackups(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  const found: BackupFile[] = [];
  for (const fileName of readdirSync(folder)) {
    const m = NAME.exec(fileName);
    if (!m || !(BACKUP_REASONS as readonly string[]).includes(m[2]!)) continue;
    const path = join(folder, fileName);
    found.push({ fileName, path, sizeBytes: statSync(path).size, takenAt: parseStamp(m[1]!), reason: m[2] as BackupReason });
  }
  return found.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/**
 * Keeps the newest `keep` backups and deletes the rest, but only once `goodNewest` (a backup
 * just taken and checked) is among those kept: a failing backup never pushes out an older good one.
 */
export function pruneBackups(folder: string, keep: number, goodNewest: string): string[] {
  const all = listBackups(folder);
  const kept = all.slice(0, keep);
  if (!kept.some((b) => b.fileName === goodNewest)) return [];
  const removed = all.slice(keep);
  for (const b of removed) rmSync(b.path, { force: true });
  return removed.map((b) => b.fileName);
}

/**
 * Puts a checked backup in place of a closed store: copied beside it, flushed, then renamed over
 * it, so a crash part-way leaves either the old store or the restored one, never a mixture. The
 * old store's WAL and shared-memory files belong to the file being replaced and go with it.
 */
export function replaceStoreFile(backupFile: string, storeFile: string): void {
  const incoming = `${storeFile}.restoring`;
  copyFileSync(backupFile, incoming);
  fsyncPath(incoming);
  rmSync(`${storeFile}-wal`, { force: true });
  rmSync(`${storeFile}-shm`, { force: true });
  renameSync(incoming, storeFile);
}
