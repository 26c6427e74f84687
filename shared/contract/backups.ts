import { z } from 'zod';
import { method } from './method';
import { NoInput, Ok } from './common';
import { BACKUP_REASONS } from '../domain/backups';

export const BackupView = z.object({
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  takenAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  /** It opened with this store's key and passed SQLite's quick_check. */
  opens: z.boolean(),
  /** Why it does not open, in words. */
  problem: z.string().nullable(),
  /** The schema it was written with; older ones are brought up to date when restored. */
  schemaVersion: z.number().int().nullable(),
});
export type BackupView = z.infer<typeof BackupView>;

export const BackupSettingsView = z.object({
  folder: z.string(),
  keep: z.number().int().positive(),
  intervalHours: z.number().positive(),
});

const ADMIN = ['administrator'] as const;

/**
 * Caring for the store itself: the first run's choice, backups, restore, the recovery key and the
 * app log. (Declared after every other domain's methods, so adding these moved no method's place.)
 */
export const backupsContract = {
  'system.chooseStore': method({
    doc: "First run only (a store with no kind yet): opens the demo region, or sets up the council's real, empty store.",
    input: z.object({ kind: z.enum(['demo', 'real']).meta({ label: 'kind of store' }) }).strict(),
    output: z.object({ storeKind: z.enum(['demo', 'real']) }),
    access: 'public',
    writes: true,
    sensitivity: 'none',
  }),
  'backups.list': method({
    doc: 'The backup folder and its settings, and every backup in it, newest first, each opened with the key and checked.',
    input: NoInput,
    output: BackupSettingsView.extend({ backups: z.array(BackupView) }),
    access: ADMIN,
    writes: false,
    sensitivity: 'none',
  }),
  'backups.create': method({
    doc: 'Takes an encrypted backup of the store now, while it stays open, checks it and prunes the oldest beyond the number kept.',
    input: NoInput,
    output: BackupView,
    access: ADMIN,
    // VACUUM INTO cannot run inside a transaction; the backup is a copy, the store is not changed.
    writes: false,
    sensitivity: 'none',
  }),
  'backups.settings': method({
    doc: 'Chooses the backup folder (it must exist and be writable) and how many backups to keep.',
    input: z
      .object({
        folder: z.string().trim().min(1, 'Choose a folder').max(4096, 'That path is too long').meta({ label: 'backup folder' }),
        keep: z.number().int().min(2, 'Keep at least 2 backups').max(365, 'Keep at most 365 backups').meta({ label: 'number of backups to keep' }),
      })
      .strict(),
    output: BackupSettingsView,
    access: ADMIN,
    writes: false,
    sensitivity: 'none',
  }),
  'backups.restore': method({
    doc: 'Replaces the store with a checked backup, after backing up the current store; everyone is signed out.',
    input: z
      .object({
        fileName: z.string().min(1, 'Choose a backup').max(200).meta({ label: 'backup' }),
        /** The administrator confirmed that changes since the backup will be lost. */
        confirm: z.literal(true, 'Confirm that changes made since this backup will be lost').meta({ label: 'confirmation' }),
      })
      .strict(),
    output: Ok,
    access: ADMIN,
    writes: false,
    sensitivity: 'none',
  }),
  'recovery.reveal': method({
    doc: 'The recovery key made when this real store was set up, once (null afterwards), and whether a recovery file exists.',
    input: NoInput,
    output: z.object({ recoveryKey: z.string().nullable() }),
    access: ADMIN,
    writes: false,
    sensitivity: 'none',
  }),
  'recovery.renew': method({
    doc: 'Makes a new recovery key, shown once; the previous key stops working.',
    input: NoInput,
    output: z.object({ recoveryKey: z.string() }),
    access: ADMIN,
    writes: false,
    sensitivity: 'none',
  }),
  'log.tail': method({
    doc: "Where the app log is and its last lines (method names, outcomes, timings; no child's details), for IT.",
    input: z.object({ lines: z.number().int().min(1).max(1000).default(200).meta({ label: 'number of log lines' }) }).strict(),
    output: z.object({ file: z.string().nullable(), lines: z.array(z.string()) }),
    access: ADMIN,
    writes: false,
    sensitivity: 'none',
  }),
};
