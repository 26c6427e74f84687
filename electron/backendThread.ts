/**
 * The backend thread's entry: opens the store, runs the one backend and answers the host's
 * messages (backendServer.ts). Started by backendHost.ts through threads.ts; never imports
 * 'electron', so it runs the same under Electron and plain Node.
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../db/errors';
import { openStore } from '../db/open';
import { getStoreKind } from '../db/repositories/meta';
import { localIsoDate } from '../shared/domain/calendar';
import { AuditSeal, heldSealKey } from './auditSeal';
import { createBackend, prepareNewStore, recordNewStore } from './backend';
import type { BackendMessage, BackendStart, MessagePortLike } from './backendProtocol';
import { serveBackend } from './backendServer';
import { BackupKeeper } from './backups';
import { recordStoreKind, refuseLostRealStore } from './keyfile';
import { tailOf, type AppLog } from './log';
import { STORE_FILE } from './paths';
import { restoreAtStart } from './restoreAtStart';
import { loadBundledSolver } from './solver';

/** The app log, written by the host: each line goes there as a message. */
function hostLog(post: (message: BackendMessage) => void, file: string | null): AppLog {
  const line = (level: 'info' | 'warn' | 'error') => (message: string, facts?: Record<string, string | number | boolean | null>) =>
    post({ type: 'log', level, message, facts: facts ?? {} });
  return { file, info: line('info'), warn: line('warn'), error: line('error'), tail: (lines) => (file ? tailOf(file, lines) : []), close: async () => {} };
}

function runBackendThread(port: MessagePortLike, start: BackendStart): void {
  const post = (message: BackendMessage) => port.postMessage(message);
  const log = hostLog(post, start.logFile);
  const key = Buffer.from(start.storeKeyHex, 'hex');
  const store = { file: join(start.dataDir, STORE_FILE), key, ...(start.nativeBinding ? { nativeBinding: start.nativeBinding } : {}) };
  const offset = start.clockOffsetMs;
  const now = () => new Date(Date.now() + offset);

  if (start.restoreFrom !== null) restoreAtStart(start.restoreFrom, store, start.dataDir, log);
  refuseLostRealStore(start.dataDir);
  if (start.solverDir) loadBundledSolver(start.solverDir);
  const keeper = new BackupKeeper(store, start.dataDir, now, log);
  const db = openStore({ ...store, beforeMigrate: (opened) => void keeper.take('before-migration', opened) });
  // A new store is set up here when the command line chose its kind; otherwise the first-run screen does.
  const existing = getStoreKind(db);
  let pendingRecoveryKey = start.pendingRecoveryKey;
  if (existing) recordStoreKind(start.dataDir, existing);
  else if (start.newStoreKind) {
    prepareNewStore(db, start.newStoreKind, localIsoDate(now()));
    // Shown once, to the first administrator of a store set up by this launch; an older store gets
    // one from Backups and recovery › Make a new recovery key.
    pendingRecoveryKey = recordNewStore(start.dataDir, key, start.newStoreKind);
    if (pendingRecoveryKey) {
      console.log('[rcc] A recovery key was made for this store; the first administrator is shown it once in the app.');
      post({ type: 'pending-recovery-key', key: pendingRecoveryKey });
    }
  }
  const backend = createBackend(db, { ...start.facts, dataDir: start.dataDir }, offset === 0 ? undefined : now, {
    store,
    log,
    pendingRecoveryKey,
    schedule: start.schedule,
    auditSeal: start.auditSealKeyBase64 ? AuditSeal.open(start.dataDir, heldSealKey(Buffer.from(start.auditSealKeyBase64, 'base64'))) : null,
    onPendingRecoveryKey: (pending) => post({ type: 'pending-recovery-key', key: pending }),
  });
  serveBackend(backend, port, () => {
    backend.stop();
    backend.db().close();
  });
  post({ type: 'ready' });
}

if (parentPort) {
  const port = parentPort;
  try {
    runBackendThread(port, workerData as BackendStart);
  } catch (error) {
    const storeProblem = error instanceof StoreError ? error.kind : null;
    const message =
      error instanceof StoreError
        ? error.message
        : `The app's backend could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    port.postMessage({ type: 'failed', message, storeProblem } satisfies BackendMessage);
  }
}
