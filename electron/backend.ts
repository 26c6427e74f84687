import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { StoreLocation } from '../db/backup';
import { checkBackup, replaceStoreFile } from '../db/backup';
import type { WritableDB } from '../db/handle';
import { openStore } from '../db/open';
import { ApiError } from '../shared/contract';
import { BackupKeeper, BackupProblem } from './backups';
import { noLog, type AppLog } from './log';
import { recordStoreKind } from './keyfile';
import { hasRecoveryFile, newRecoveryKey, writeRecoveryFile } from './recoveryKey';
import { createDispatcher, type Dispatch, type DispatcherDeps } from './rpc/dispatch';
import { EventBus } from './rpc/events';
import type { AppFacts, Connection, HostControls } from './rpc/context';
import { auditHead } from '../db/repositories/audit';
import type { AuditSeal } from './auditSeal';
import { allHandlers } from './services';
import { JobRunner } from './jobs/runner';

export interface Backend {
  dispatch: Dispatch;
  events: EventBus;
  newConnection(): Connection;
  /** The open store; a restore replaces it. */
  db(): WritableDB;
  host: HostControls;
  /** Stops the backup timer (the host closes the store and the log). */
  stop(): void;
}

export interface HostOptions {
  /** The store's file and key, for backups and restore; without it (':memory:' tests) there are none. */
  store?: StoreLocation;
  log?: AppLog;
  /** Shown once to the first administrator of a real store just set up. */
  pendingRecoveryKey?: string | null;
  /** Takes the daily backup while the app runs. */
  schedule?: boolean;
  /**
   * Signs the audit chain's head after each call; each host keeps its key its own way. Without one,
   * "check the chain" can rely only on the store.
   */
  auditSeal?: AuditSeal | null;
  /**
   * Where job threads open their own connection to the store: `store` when left out. Tests give a
   * temp store's file here without `store`, so that jobs run in threads without backups being taken.
   */
  jobStore?: StoreLocation;
  /**
   * False runs long jobs on the call thread, as for a store in memory: for tests that inject a
   * fault into the call thread's own connection (a job thread's connection is its own).
   */
  jobThreads?: boolean;
  /**
   * Told each time the recovery key still to be shown changes (null once shown), so a host that
   * starts the backend again after a crash can hand the key to the new one.
   */
  onPendingRecoveryKey?: (key: string | null) => void;
}

/** Writes the marker file and, for a real store, its recovery key; returns that key. */
export function recordNewStore(dataDir: string, storeKey: Buffer, kind: 'demo' | 'real'): string | null {
  recordStoreKind(dataDir, kind);
  return kind === 'real' && !hasRecoveryFile(dataDir) ? setUpRecoveryKey(dataDir, storeKey) : null;
}

/** The one backend both hosts (Electron and the loopback server) run. */
export function createBackend(db: WritableDB, facts: AppFacts, now?: () => Date, options: HostOptions = {}): Backend {
  const events = new EventBus();
  const log = options.log ?? noLog;
  const clock = now ?? (() => new Date());
  const store = options.store;
  const keeper = store ? new BackupKeeper(store, facts.dataDir, clock, log) : null;
  let pendingRecoveryKey = options.pendingRecoveryKey ?? null;
  const setPendingRecoveryKey = (key: string | null) => {
    if (key === pendingRecoveryKey) return;
    pendingRecoveryKey = key;
    options.onPendingRecoveryKey?.(key);
  };

  const host: HostControls = {
    backups: keeper,
    log,
    takePendingRecoveryKey() {
      const key = pendingRecoveryKey;
      setPendingRecoveryKey(null);
      return key;
    },
    hasPendingRecoveryKey: () => pendingRecoveryKey !== null,
    storeKindChosen(kind) {
      if (!store) return;
      setPendingRecoveryKey(recordNewStore(facts.dataDir, store.key, kind) ?? pendingRecoveryKey);
      log.info('store kind chosen', { kind });
    },
    renewRecoveryKey() {
      if (!store) throw new ApiError('CONFLICT', 'This store has no file (a test store in memory), so it has no recovery key.');
      const key = newRecoveryKey();
      writeRecoveryFile(dirname(store.file), store.key, key);
      setPendingRecoveryKey(null);
      log.info('recovery key renewed');
      return key;
    },
    restore(fileName) {
      if (!store || !keeper) throw new ApiError('CONFLICT', 'This store has no file (a test store in memory), so it cannot be restored.');
      // A job thread holds its own connection to the store file: replacing the file under it could lose its work.
      const unfinished = jobs.unfinished();
      if (unfinished.length > 0) {
        throw new ApiError('CONFLICT', `Nothing was restored: wait for ${unfinished.join(', ')} to finish, or cancel it, then restore.`);
      }
      const backup = keeper.find(fileName);
      if (!backup) throw new ApiError('NOT_FOUND', `There is no backup called ${fileName} in ${keeper.settings().folder}.`, 'fileName');
      const check = checkBackup(backup.path, store.key, store.nativeBinding);
      if (!check.ok) throw new ApiError('CONFLICT', `${fileName} cannot be restored: ${check.problem} Choose another backup.`);
      let safety: string;
      try {
        safety = keeper.take('before-restore', deps.db).path;
      } catch (error) {
        if (error instanceof BackupProblem) throw new ApiError('CONFLICT', `Nothing was restored: ${error.message}`);
        throw error;
      }
      deps.db.close();
      try {
        replaceStoreFile(backup.path, store.file);
        deps.db = openStore({ ...store, beforeMigrate: (opened) => void keeper.take('before-migration', opened) });
      } catch (error) {
        // Put the store back as it was: the copy taken a moment ago opened with the key.
        replaceStoreFile(safety, store.file);
        deps.db = openStore(store);
        log.error('restore failed; the store was put back', { file: fileName, problem: error instanceof Error ? error.message : String(error) });
        throw new ApiError(
          'CONFLICT',
          `The backup ${fileName} could not be opened as the store, so the store was put back as it was. ${error instanceof Error ? error.message : ''}`,
        );
      }
      // The restored store's audit chain is older than the last checkpoint: a signed restore line
      // says so, so "check the chain" judges the store from here rather than calling it truncated.
      options.auditSeal?.restored(auditHead(deps.db), fileName);
      // Accounts in the restored store may differ: everyone signs in again.
      deps.storeEpoch = (deps.storeEpoch ?? 0) + 1;
      events.emit('session.ended', { reason: 'restored' });
      log.info('store restored', { file: fileName, safetyCopy: safety });
    },
  };

  const jobStore = options.jobStore ?? store ?? null;
  const jobs = new JobRunner({
    db: () => deps.db,
    store: jobStore && jobStore.file !== ':memory:' && options.jobThreads !== false ? jobStore : null,
    events,
    now: clock,
    log,
  });
  const deps: DispatcherDeps = {
    db,
    handlers: allHandlers,
    facts,
    events,
    host,
    storeEpoch: 0,
    auditSeal: options.auditSeal ?? null,
    jobs,
    ...(now ? { now } : {}),
  };
  const dispatch = createDispatcher(deps);
  if (keeper && options.schedule) keeper.startSchedule();
  return {
    dispatch,
    events,
    newConnection: () => ({ id: randomBytes(16).toString('hex'), session: null }),
    db: () => deps.db,
    host,
    stop: () => {
      keeper?.stop();
      jobs.stopAll();
    },
  };
}

export { DEMO_SEED, prepareNewStore } from '../db/seed/new-store';

/**
 * Sets up a real store's recovery key when it has none: writes the wrapped store key beside the
 * store and returns the recovery key, to be shown once to the first administrator.
 */
export function setUpRecoveryKey(dataDir: string, storeKey: Buffer): string {
  const key = newRecoveryKey();
  writeRecoveryFile(dataDir, storeKey, key);
  return key;
}
