import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkBackup, listBackups, pruneBackups, replaceStoreFile, takeBackup } from '../../db/backup';
import { looksUnencrypted, openStore } from '../../db/open';
import { latestSchemaVersion } from '../../db/migrate';
import { BackupKeeper, checkBackupFolder } from '../../electron/backups';
import { noLog } from '../../electron/log';
import { tempStore } from '../helpers/store';

/**
 * Backups are real encrypted files taken from a live store: each test does the bad thing (a
 * backup in the middle of a write, a wrong key, a failing copy among good ones) and looks at the files.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function liveStore() {
  const store = tempStore({ kind: 'real' });
  cleanups.push(store.remove);
  const folder = join(store.dir, 'backups');
  mkdirSync(folder);
  store.db.exec("INSERT INTO meta (key, value) VALUES ('backup-test', 'before')");
  return { ...store, folder };
}

describe('an online backup', () => {
  it('is encrypted with the store key, opens with it, and holds only what was committed', () => {
    const s = liveStore();
    // A write transaction is open on the writer while the backup runs on its own connection.
    s.db.exec("BEGIN; UPDATE meta SET value = 'uncommitted' WHERE key = 'backup-test'");
    const b = takeBackup({ file: s.file, key: s.key }, s.folder, 'manual', new Date('2026-11-25T10:00:00Z'));
    s.db.exec('COMMIT');

    const bytes = readFileSync(b.path);
    expect(looksUnencrypted(bytes)).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(b.fileName).toBe('rcc-20261125T100000000Z-manual.rccbackup');
    expect(b.sizeBytes).toBe(bytes.length);

    const copy = openStore({ file: b.path, key: s.key });
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'backup-test'").pluck().get()).toBe('before');
    copy.close();
    expect(checkBackup(b.path, s.key)).toEqual({ ok: true, schemaVersion: latestSchemaVersion(), storeKind: 'real' });
  });

  it('does not open with another key, and a damaged copy fails its check in words', () => {
    const s = liveStore();
    const b = takeBackup({ file: s.file, key: s.key }, s.folder, 'manual', new Date());
    const wrong = checkBackup(b.path, randomBytes(32));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problem).toMatch(/cannot be unlocked with this store's key/);

    const bytes = readFileSync(b.path);
    bytes.fill(0x41, 4096, bytes.length); // every page after the first overwritten
    writeFileSync(b.path, bytes);
    expect(checkBackup(b.path, s.key).ok).toBe(false);
  });

  it('leaves no half-written backup behind when the copy fails', () => {
    const s = liveStore();
    const missing = join(s.folder, 'not-there');
    expect(() => takeBackup({ file: s.file, key: s.key }, missing, 'manual', new Date())).toThrow();
    expect(listBackups(s.folder)).toEqual([]);
  });
});

describe('retention', () => {
  it('keeps the newest N, and never prunes when the newest backup is not among the kept', () => {
    const s = liveStore();
    const names: string[] = [];
    for (let day = 1; day <= 5; day++) {
      names.push(takeBackup({ file: s.file, key: s.key }, s.folder, 'scheduled', new Date(`2026-11-0${day}T02:00:00Z`)).fileName);
    }
    // An older name than every kept one stands for a just-taken backup that failed its check.
    expect(pruneBackups(s.folder, 3, names[0]!)).toEqual([]);
    expect(listBackups(s.folder)).toHaveLength(5);
    expect(pruneBackups(s.folder, 3, names[4]!)).toEqual([names[1], names[0]]);
    expect(listBackups(s.folder).map((b) => b.fileName)).toEqual([names[4], names[3], names[2]]);
  });

  it('the keeper prunes only after a new backup has opened with the key', () => {
    const s = liveStore();
    let ms = Date.parse('2026-11-01T02:00:00Z');
    const keeper = new BackupKeeper({ file: s.file, key: s.key }, s.dir, () => new Date((ms += 86_400_000)), noLog);
    keeper.saveSettings({ folder: s.folder, keep: 2 });
    for (let i = 0; i < 4; i++) expect(keeper.take('scheduled').check.ok).toBe(true);
    const listed = keeper.list();
    expect(listed).toHaveLength(2);
    expect(listed.every((b) => b.check.ok)).toBe(true);
    expect(listed[0]!.takenAt > listed[1]!.takenAt).toBe(true);
  });
});

describe('the daily schedule', () => {
  it('takes a backup soon after start, then again once the newest is a day old', () => {
    const s = liveStore();
    let ms = Date.parse('2026-11-25T08:00:00Z');
    const keeper = new BackupKeeper({ file: s.file, key: s.key }, s.dir, () => new Date(ms), noLog);
    vi.useFakeTimers();
    try {
      keeper.startSchedule();
      vi.advanceTimersByTime(61_000);
      expect(listBackups(s.folder).map((b) => b.reason)).toEqual(['scheduled']);
      ms += 23 * 3_600_000;
      vi.advanceTimersByTime(3_600_000);
      expect(listBackups(s.folder)).toHaveLength(1);
      ms += 2 * 3_600_000;
      vi.advanceTimersByTime(3_600_000);
      expect(listBackups(s.folder).map((b) => b.takenAt)).toEqual(['2026-11-26T09:00:00.000Z', '2026-11-25T08:00:00.000Z']);
    } finally {
      keeper.stop();
      vi.useRealTimers();
    }
  });
});

describe('the backup folder', () => {
  it('must exist, be a folder and be a full path', () => {
    const s = liveStore();
    expect(checkBackupFolder('backups')).toMatch(/not a full path/);
    expect(checkBackupFolder(join(s.dir, 'nowhere'))).toMatch(/does not exist/);
    expect(checkBackupFolder(s.file)).toMatch(/is a file, not a folder/);
    expect(checkBackupFolder(s.folder)).toBeNull();
    const keeper = new BackupKeeper({ file: s.file, key: s.key }, s.dir, () => new Date(), noLog);
    expect(() => keeper.saveSettings({ folder: join(s.dir, 'nowhere'), keep: 5 })).toThrow(/does not exist/);
  });
});

describe('before a migration', () => {
  it('the store as it was is backed up before the schema changes', () => {
    const dir = tempStore({ kind: 'empty' });
    cleanups.push(dir.remove);
    dir.db.close();
    const file = join(dir.dir, 'old.db');
    const older = openStore({ file, key: dir.key, migrateTo: 10 });
    older.close();
    const folder = join(dir.dir, 'backups');
    mkdirSync(folder);
    const keeper = new BackupKeeper({ file, key: dir.key }, dir.dir, () => new Date('2026-11-25T09:00:00Z'), noLog);
    const db = openStore({ file, key: dir.key, beforeMigrate: (opened) => void keeper.take('before-migration', opened) });
    db.close();
    const [backup] = listBackups(folder);
    expect(backup?.reason).toBe('before-migration');
    expect(checkBackup(backup!.path, dir.key)).toMatchObject({ ok: true, schemaVersion: 10 });
  });
});

describe('putting a backup in place of the store', () => {
  it('replaces the closed store and its WAL, and the result opens with the key', () => {
    const s = liveStore();
    const b = takeBackup({ file: s.file, key: s.key }, s.folder, 'manual', new Date('2026-11-24T02:00:00Z'));
    s.db.exec("UPDATE meta SET value = 'after' WHERE key = 'backup-test'");
    s.db.close();
    replaceStoreFile(b.path, s.file);
    expect(existsSync(`${s.file}-wal`)).toBe(false);
    const raw = new Database(s.file);
    raw.pragma(`key = '${s.key.toString('hex')}'`);
    expect(raw.prepare("SELECT value FROM meta WHERE key = 'backup-test'").pluck().get()).toBe('before');
    raw.close();
    rmSync(b.path);
  });
});
