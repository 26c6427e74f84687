import type { Worker } from 'node:worker_threads';
import { StoreError } from '../db/errors';
import { BackendClient } from './backendClient';
import type { BackendMessage, BackendStart } from './backendProtocol';
import type { AppLog } from './log';
import { startThread } from './threads';

/** What the user reads when the backend stopped and a new one took over. */
export const BACKEND_RESTARTED =
  "The app's backend stopped unexpectedly and was started again. Everything saved before then is kept; " +
  'if you were saving something at that moment, check that it is there. Please sign in again.';
/** Past this many restarts within RESTART_WINDOW_MS the host stops trying: something is wrong at every start. */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;
const STOP_LIMIT_MS = 10_000;

export function backendGaveUp(logFile: string | null): string {
  return (
    `The app's backend stopped unexpectedly ${MAX_RESTARTS} times within a minute, so it was not started again. ` +
    `Everything saved before then is kept. Close the app and open it again; if this keeps happening, send the app log to IT${logFile ? ` (${logFile})` : ''}.`
  );
}

/**
 * The host's side of the backend thread, shared by the Electron main process and the loopback
 * server: starts the thread, relays its log lines, and when it stops unexpectedly answers the calls
 * it left waiting, starts a new one on the same store (WAL with synchronous=FULL: every
 * acknowledged write is on disk), tells every window, and gives up after too many restarts.
 */
export interface BackendHost {
  /** What the transports call. */
  readonly client: BackendClient;
  /** The running thread (tests stop it from outside to play a crash). */
  readonly thread: Worker;
  /** Restarts after crashes so far. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export async function startBackendHost(start: BackendStart, log: AppLog): Promise<BackendHost> {
  const client = new BackendClient();
  const restartTimes: number[] = [];
  let restarts = 0;
  let stopping = false;
  /** The thread last started, and whether it has ended (a crash not recovered from leaves none running). */
  let current: Worker | null = null;
  let ended = false;
  let onStopped: (() => void) | null = null;
  // Only the first start restores a backup; a recovery key not yet shown passes to the next thread.
  let next: BackendStart = start;

  client.onOther = (message) => {
    if (message.type === 'log') log[message.level](message.message, message.facts);
    else if (message.type === 'pending-recovery-key') next = { ...next, pendingRecoveryKey: message.key };
    else if (message.type === 'stopped') onStopped?.();
  };

  /** Starts a thread and resolves once it has opened the store, or rejects with its own words. */
  function launch(): Promise<Worker> {
    const worker = startThread('backend', { workerData: next });
    current = worker;
    ended = false;
    let started = false;
    worker.on('error', (error) => log.error('backend thread failed', { problem: error.stack ?? error.message }));
    worker.once('exit', (code) => {
      if (worker !== current) return;
      ended = true;
      if (!stopping && started) void recover(code);
    });
    // Calls made while it opens the store wait in its queue.
    client.attach(worker);
    return new Promise((resolve, reject) => {
      const onStartMessage = (message: BackendMessage) => {
        if (message.type !== 'ready' && message.type !== 'failed') return;
        worker.off('message', onStartMessage);
        worker.off('exit', onEarlyExit);
        if (message.type === 'ready') {
          started = true;
          next = { ...next, restoreFrom: null };
          resolve(worker);
        } else {
          void worker.terminate();
          reject(message.storeProblem ? new StoreError(message.storeProblem, message.message) : new Error(message.message));
        }
      };
      const onEarlyExit = (code: number) => reject(new Error(`The app's backend stopped while starting (exit code ${code}).`));
      worker.on('message', onStartMessage);
      worker.once('exit', onEarlyExit);
    });
  }

  /** Tells every window; the sessions were in the thread that stopped, so everyone signs in again. */
  function announce(restarted: boolean, message: string): void {
    client.events.emit('backend.stopped', { restarted, message });
    client.endAllSessions();
  }

  async function recover(code: number): Promise<void> {
    log.error('backend stopped unexpectedly', { exitCode: code });
    client.detach();
    const nowMs = Date.now();
    while (restartTimes.length > 0 && restartTimes[0]! <= nowMs - RESTART_WINDOW_MS) restartTimes.shift();
    if (restartTimes.length >= MAX_RESTARTS) {
      const message = backendGaveUp(log.file);
      log.error('backend not started again', { restartsWithinAMinute: restartTimes.length });
      client.refuseAll(message);
      announce(false, message);
      return;
    }
    restartTimes.push(nowMs);
    client.failInFlight(BACKEND_RESTARTED);
    try {
      await launch();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error('backend could not start again', { problem: message });
      client.refuseAll(message);
      announce(false, message);
      return;
    }
    restarts++;
    log.warn('backend started again', { restarts });
    announce(true, BACKEND_RESTARTED);
  }

  await launch();
  return {
    client,
    get thread() {
      return current!;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      const worker = current!;
      if (!ended) {
        const stopped = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, STOP_LIMIT_MS);
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          onStopped = done;
          worker.once('exit', done);
        });
        client.send({ type: 'stop' });
        await stopped;
      }
      client.refuseAll('The app is closing.');
      client.detach();
      await worker.terminate();
    },
  };
}
