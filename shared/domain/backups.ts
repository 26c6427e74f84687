/** Why a backup was taken; part of its file name and shown in the backups list. */
export const BACKUP_REASONS = ['scheduled', 'manual', 'before-migration', 'before-import', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  scheduled: 'Daily backup',
  manual: 'Taken by an administrator',
  'before-migration': 'Before an app update changed the store',
  'before-import': 'Before an import',
  'before-restore': 'Before a restore',
};

/** Defaults an administrator can change: keep two weeks of daily backups. */
export const DEFAULT_BACKUPS_KEPT = 14;
export const DEFAULT_BACKUP_INTERVAL_HOURS = 24;
