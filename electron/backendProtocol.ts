/**
 * The messages between a host (the Electron main process or the loopback server) and the backend
 * (store, dispatcher, services), which runs in its own thread. Every message is plain JSON-safe
 * data and nothing assumes shared memory: the same exchange could later run over a socket to a
 * backend shared by many laptops.
 */
import type { StoreError } from '../db/errors';
import type { ApiResult } from '../shared/contract';
import type { EventName } from '../shared/contract/events';

/** What a host asks of the backend. */
export type HostMessage =
  | {
      type: 'call';
      callId: number;
      method: string;
      payload: unknown;
      /** The host's name for the window or tab; the backend keeps that connection's session. */
      connectionId: string;
      /**
       * Give the connection a fresh id if this call starts a session (the HTTP transport's cookie
       * rotation: a cookie planted before sign-in must not carry the session).
       */
      renameOnSignIn: boolean;
    }
  /** The window closed or the tab's cookie was dropped: forget its session. */
  | { type: 'forget'; connectionId: string }
  /** Stop timers and close the store; the backend answers 'stopped'. */
  | { type: 'stop' };

/** How a call ended, and what the host needs to know about the connection afterwards. */
export interface CallAnswer {
  result: ApiResult<unknown>;
  /** The connection's new id when renameOnSignIn applied; null when it kept its id. */
  renamedTo: string | null;
  /** Whether the connection the call named has a live session after it (events to the region go only there). */
  signedIn: boolean;
}

/** What the backend tells its host. */
export type BackendMessage =
  /** The store is open and calls can be made. */
  | { type: 'ready' }
  /** The backend could not start (a damaged store, a wrong key): the words to show the user. */
  | { type: 'failed'; message: string; storeProblem: StoreError['kind'] | null }
  | ({ type: 'answer'; callId: number } & CallAnswer)
  /** onlyConnectionId: one window's event (e.g. "your session ended"), or null for every window. */
  | { type: 'event'; event: EventName; payload: unknown; onlyConnectionId: string | null }
  /** One line for the app log, which the host writes (one writer per log file). */
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; facts: Record<string, string | number | boolean | null> }
  /**
   * The recovery key still to be shown once to the first administrator, or null once shown. The host
   * keeps it so a backend started again after a crash still shows it.
   */
  | { type: 'pending-recovery-key'; key: string | null }
  | { type: 'stopped' };

/** The minimal port both a worker's parentPort, a Worker and a MessageChannel's ports provide. */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * What the backend thread is started with (its workerData), decided by the host. Keys travel as
 * text: the desktop's secure storage unwraps them in the main process, which alone may use it.
 */
export interface BackendStart {
  dataDir: string;
  /** The store key, 64 hex digits. */
  storeKeyHex: string;
  /** Electron's own build of the SQLite module; Node's build when absent. */
  nativeBinding?: string;
  /** A backup to put in place of the store before opening it (--restore); only at the first start. */
  restoreFrom: string | null;
  /** A new store's kind, when the command line chose it; null leaves it to the first-run screen. */
  newStoreKind: 'demo' | 'real' | null;
  /** The app's clock minus the computer's (--clock), in ms; 0 for the computer's clock. */
  clockOffsetMs: number;
  /** A recovery key made by an earlier start of this run and not yet shown. */
  pendingRecoveryKey: string | null;
  /** The audit seal's private key (PKCS#8 DER, base64); null runs without a seal. */
  auditSealKeyBase64: string | null;
  facts: { version: string; mode: 'desktop' | 'loopback'; keyProtection: 'os-secure-storage' | 'key-file' };
  /** The host's log file, which the backend reads for log.tail (the host alone writes it). */
  logFile: string | null;
  /** Where highs.wasm is (beside the bundles); null lets the solver find its own (running the sources). */
  solverDir: string | null;
  /** Takes the daily backup while the app runs. */
  schedule: boolean;
}
