import type Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { checkBackup, listBackups, pruneBackups, takeBackup, type BackupCheck, type BackupFile, type StoreLocation } from '../db/backup';
import { describeStorageFault } from '../db/errors';
import { BACKUP_REASON_LABELS, DEFAULT_BACKUP_INTERVAL_HOURS, DEFAULT_BACKUPS_KEPT, type BackupReason } from '../shared/domain/backups';
import type { AppLog } from './log';
import { BACKUP_SETTINGS_FILE, DEFAULT_BACKUP_FOLDER } from './paths';

export interface BackupSettings {
  folder: string;
  keep: number;
  intervalHours: number;
}

export class BackupProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupProblem';
  }
}

/** Checks an administrator's folder: it must exist, be a folder and take a file. */
export function checkBackupFolder(folder: string): string | null {
  if (!isAbsolute(folder)) return `${folder} is not a full path (start it from a drive or /).`;
  if (!existsSync(folder)) return `The folder ${folder} does not exist. Create it first, or choose another.`;
  if (!statSync(folder).isDirectory()) return `${folder} is a file, not a folder.`;
  const probe = join(folder, `.rcc-write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'x');
    rmSync(probe);
  } catch (error) {
    return describeStorageFault(error, 'the check', folder)?.message ?? `Files cannot be written to ${folder}.`;
  }
  return null;
}

/**
 * Backups of one store: taken online (see takeBackup), each checked with the key as soon as it is
 * written, old ones pruned only once a new one has passed its check, and a daily timer.
 */
export class BackupKeeper {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: StoreLocation,
    private readonly dataDir: string,
    private readonly now: () => Date,
    private readonly log: AppLog,
  ) {}

  settings(): BackupSettings {
    const defaults: BackupSettings = {
      folder: join(this.dataDir, DEFAULT_BACKUP_FOLDER),
      keep: DEFAULT_BACKUPS_KEPT,
      intervalHours: DEFAULT_BACKUP_INTERVAL_HOURS,
    };
    const file = join(this.dataDir, BACKUP_SETTINGS_FILE);
    if (!existsSync(file)) return defaults;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<BackupSettings>;
      return { ...defaults, ...saved };
    } catch {
      this.log.warn('backup settings unreadable; using the defaults', { file });
      return defaults;
    }
  }

  saveSettings(change: { folder: string; keep: number }): BackupSettings {
    const problem = checkBackupFolder(change.folder);
    if (problem) throw new BackupProblem(problem);
    const next = { ...this.settings(), ...change };
    writeFileSync(join(this.dataDir, BACKUP_SETTINGS_FILE), JSON.stringify(next, null, 2), { mode: 0o600 });
    return next;
  }

  /** Takes a backup, checks that it opens with the key, and only then prunes older ones. */
  take(reason: BackupReason, from?: Database.Database): BackupFile & { check: BackupCheck } {
    const { folder, keep } = this.settings();
    const started = Date.now();
    try {
      if (folder === join(this.dataDir, DEFAULT_BACKUP_FOLDER)) mkdirSync(folder, { recursive: true, mode: 0o700 });
      const problem = checkBackupFolder(folder);
      if (problem) throw new BackupProblem(problem);
      const file = takeBackup(from ?? this.store, folder, reason, this.now());
      const check = checkBackup(file.path, this.store.key, this.store.nativeBinding);
      const removed = check.ok ? pruneBackups(folder, keep, file.fileName) : [];
      this.log.info('backup taken', { reason, file: file.fileName, bytes: file.sizeBytes, ms: Date.now() - started, check: check.ok, pruned: removed.length });
      return { ...file, check };
    } catch (error) {
      const fault = describeStorageFault(error, 'the backup', folder);
      const message = error instanceof BackupProblem ? error.message : (fault?.message ?? `The backup could not be written to ${folder}.`);
      this.log.error('backup failed', { reason, problem: message, code: String((error as { code?: unknown }).code ?? '') });
      throw new BackupProblem(`${BACKUP_REASON_LABELS[reason]} could not be taken: ${message}`);
    }
  }

  list(): (BackupFile & { check: BackupCheck })[] {
    return listBackups(this.settings().folder).map((b) => ({ ...b, check: checkBackup(b.path, this.store.key, this.store.nativeBinding) }));
  }

  /** The backup by file name, only from the backup folder: a name is never a path. */
  find(fileName: string): BackupFile | null {
    return listBackups(this.settings().folder).find((b) => b.fileName === fileName) ?? null;
  }

  /** Every hour, takes the scheduled backup if the newest backup is older than the interval. */
  startSchedule(): void {
    const tick = () => {
      const { folder, intervalHours } = this.settings();
      const newest = listBackups(folder)[0];
      const age = newest ? this.now().getTime() - Date.parse(newest.takenAt) : Infinity;
      if (age < intervalHours * 3_600_000) return;
      try {
        this.take('scheduled');
      } catch {
        // Logged by take(); the next tick tries again.
      }
    };
    this.timer = setInterval(tick, 3_600_000);
    this.timer.unref();
    setTimeout(tick, 60_000).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
