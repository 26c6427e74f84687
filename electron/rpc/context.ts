import type { ReadableDB, WritableDB } from '../../db/handle';
import type { BackupKeeper } from '../backups';
import type { AppLog } from '../log';
import type { UserRow } from '../../db/repositories/users';
import type { Contract, MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { AuditSeal } from '../auditSeal';
import type { SignInThrottle } from './signInThrottle';
import type { JobRequest } from '../jobs/bodies';
import type { JobView } from '../../shared/contract/jobs';

/** One window (IPC) or one browser tab (HTTP cookie); holds at most one signed-in session. */
export interface Connection {
  id: string;
  /** storeEpoch: the store this session signed in to; a restore starts a new epoch and ends it. */
  session: { userId: number; lastActiveMs: number; storeEpoch?: number } | null;
}

/** What the host (Electron or the loopback server) lets administrators' services do to the store itself. */
export interface HostControls {
  /** Null for a store with no file (tests in memory). */
  backups: BackupKeeper | null;
  log: AppLog;
  /** Replaces the store with a checked backup, after backing up the current one; ends every session. */
  restore(fileName: string): void;
  /** The recovery key made when this real store was set up, once; null after it has been shown. */
  takePendingRecoveryKey(): string | null;
  hasPendingRecoveryKey(): boolean;
  /** A new store's kind was chosen on the first-run screen: marks the folder, and makes a real store's recovery key. */
  storeKindChosen(kind: 'demo' | 'real'): void;
  /** Makes a new recovery key (the old one stops working) and returns it, to be shown once. */
  renewRecoveryKey(): string;
}

/** Facts about this launch that services report but never change. */
export interface AppFacts {
  version: string;
  mode: 'desktop' | 'loopback';
  dataDir: string;
  keyProtection: 'os-secure-storage' | 'key-file';
}

/**
 * The store handle a service gets: writable only for a method whose contract says it writes. A
 * read-only method that must audit (a child's record) still can: ctx.audit queues the entry and
 * the dispatcher appends it.
 */
export type StoreHandleFor<W extends boolean> = W extends true ? WritableDB : ReadableDB;

/** `ServiceContext<true>` for code that writes; plain `ServiceContext` for code any method may call. */
export interface ServiceContext<W extends boolean = boolean> {
  db: StoreHandleFor<W>;
  now: () => Date;
  /** The signed-in user; null only in public methods. */
  actor: UserRow | null;
  facts: AppFacts;
  host: HostControls;
  /** Records an access to a record; written in the same transaction as the change. */
  audit(action: string, recordType: string, recordId: string): void;
  /** Queues an event for every window, sent only if the call commits. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Long work as a job (electron/jobs), started for and visible to the signed-in caller in this window. */
  jobs: CallerJobs;
  startSession(userId: number): void;
  endSession(): void;
  /** Ends every live session of a user, on every window and tab, once the call commits. */
  endSessionsOf(userId: number, reason: 'account-disabled' | 'password-reset'): void;
  /** Failed sign-ins of this run, per username and overall. */
  signInThrottle: SignInThrottle;
  /** The signed checkpoints of the audit chain, when this run keeps them (null in some tests). */
  auditSeal: AuditSeal | null;
}

/** The job runner as one caller sees it (electron/jobs/runner.ts). */
export interface CallerJobs {
  /** Starts a job and answers with its result when it ends (see MethodSpec.job). */
  run(request: JobRequest, jobId: string | undefined): Promise<unknown>;
  get(jobId: string): JobView;
  mine(): Omit<JobView, 'result'>[];
  cancel(jobId: string): Omit<JobView, 'result'>;
}

/** Whether a method writes, as its contract declares it: the one source of its handler's handle type. */
export type MethodWrites<M extends MethodName> = Contract[M]['writes'];

/**
 * A service. It answers synchronously inside the dispatcher's transaction; it may return a promise
 * only where no transaction is held: a read of no child's record, or a method whose contract says
 * `job` or `ownTransactions` (see MethodSpec and electron/rpc/dispatch.ts).
 */
export type Handler<M extends MethodName> = (ctx: ServiceContext<MethodWrites<M>>, input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers<K extends MethodName> = { [M in K]: Handler<M> };
