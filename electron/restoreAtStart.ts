import { existsSync, renameSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { checkBackup, replaceStoreFile, type StoreLocation } from '../db/backup';
import { StoreError } from '../db/errors';
import { BackupKeeper } from './backups';
import type { AppLog } from './log';

/**
 * `--restore FILE` at start, for when the store cannot be opened from the app: checks the backup
 * with the key, keeps a copy of the current store (an encrypted backup when it still opens, else
 * the file itself set aside), then puts the backup in its place. Both hosts use it.
 */
export function restoreAtStart(file: string, store: StoreLocation, dataDir: string, log: AppLog): void {
  if (!existsSync(file)) throw new StoreError('store-missing', `There is no backup file at ${file}.`);
  const check = checkBackup(file, store.key, store.nativeBinding);
  if (!check.ok) throw new StoreError('damaged', `${file} cannot be restored: ${check.problem} Nothing was changed.`);
  if (existsSync(store.file) && statSync(store.file).size > 0) {
    const keeper = new BackupKeeper(store, dataDir, () => new Date(), log);
    try {
      const kept = keeper.take('before-restore');
      console.log(`[rcc] The current store was backed up first: ${kept.path}`);
    } catch {
      const aside = `${store.file}.before-restore-${Date.now()}`;
      renameSync(store.file, aside);
      console.log(`[rcc] The current store could not be opened; it was set aside as ${aside}.`);
    }
  }
  replaceStoreFile(file, store.file);
  log.info('store restored at start', { file: basename(file) });
  console.log(`[rcc] Restored the store from ${file}.`);
}
