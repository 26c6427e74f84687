import type { z } from 'zod';
import type { WritableDB } from '../../db/handle';
import { appendAudit, auditHead, type AuditEntry } from '../../db/repositories/audit';
import { getUserById, type UserRow } from '../../db/repositories/users';
import { ApiError, contract, isMethodName, type ApiResult, type MethodName, type MethodSpec } from '../../shared/contract';
import type { EventName, EventPayload } from '../../shared/contract/events';
import { issueField, issueMessage, parseInWords } from '../../shared/contract/issues';
import { mayCall } from '../../shared/contract/access';
import { IDLE_TIMEOUT_MINUTES } from '../../shared/domain/session';
import { describeStorageFault } from '../../db/errors';
import type { AppFacts, CallerJobs, Connection, Handler, Handlers, HostControls, ServiceContext } from './context';
import type { JobCaller, JobRunner } from '../jobs/runner';
import type { EventBus } from './events';
import type { AuditSeal } from '../auditSeal';
import { noLog } from '../log';
import { SignInThrottle } from './signInThrottle';

const detachedHost: HostControls = {
  backups: null,
  log: noLog,
  restore: () => {
    throw new ApiError('CONFLICT', 'This backend has no store file to restore into.');
  },
  takePendingRecoveryKey: () => null,
  hasPendingRecoveryKey: () => false,
  storeKindChosen: () => {},
  renewRecoveryKey: () => {
    throw new ApiError('CONFLICT', 'This backend has no store file, so it has no recovery key.');
  },
};

export interface DispatcherDeps {
  db: WritableDB;
  handlers: Handlers<MethodName>;
  facts: AppFacts;
  events: EventBus;
  now?: () => Date;
  /** Signs the audit chain's head after each call; pluggable so the key can be wrapped per host. */
  auditSeal?: AuditSeal | null;
  /** Backups, restore and the log; a host with none of them when left out (tests). */
  host?: HostControls;
  /** Read at every call: a restore replaces db and moves this on, which ends every session. */
  storeEpoch?: number;
  /** Runs long work as jobs; without it (dispatcher tests with stub services) a job method fails. */
  jobs?: JobRunner;
}

/** The job runner as one signed-in caller in one window sees it. */
function callerJobs(runner: JobRunner | undefined, actor: UserRow | null, connection: Connection): CallerJobs {
  const caller = (): JobCaller => {
    if (!runner) throw new Error('This backend runs no jobs');
    if (!actor) throw new ApiError('UNAUTHENTICATED', 'Please sign in again.');
    return { userId: actor.id, username: actor.username, role: actor.role, councilId: actor.councilId, connectionId: connection.id };
  };
  return {
    run: (request, jobId) => runner!.run(request, caller(), jobId),
    get: (jobId) => runner!.get(jobId, caller()),
    mine: () => runner!.mine(caller()),
    cancel: (jobId) => runner!.cancel(jobId, caller()),
  };
}

/** What a user with a temporary password may still do: change it, see who they are, leave. */
const BEFORE_PASSWORD_CHANGE = new Set<string>(['auth.changePassword', 'auth.me', 'auth.signOut']);

/** The username a failed sign-in tried (never the password), cut short: it may be a mistyped password. */
function usernameTried(payload: unknown): string {
  const value = payload && typeof payload === 'object' ? (payload as Record<string, unknown>).username : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 64) : '(none given)';
}

/**
 * Answers one call. A promise, so a service may await (long work handed to a job) while other calls
 * are answered; a service that answers synchronously still runs start to finish in one go.
 */
export type Dispatch = (method: string, payload: unknown, connection: Connection) => Promise<ApiResult<unknown>>;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The first problem with the input, in words that name the field (worded in shared/contract/issues.ts), and its dotted path. */
function badInput(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  return new ApiError('BAD_INPUT', issueMessage(issue), issueField(issue) || undefined);
}

/** Which record a refused or failed call was about, from the id fields of its input. */
function recordIdOf(payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '*';
  const ids = Object.entries(payload as Record<string, unknown>)
    .filter(([k, v]) => k.endsWith('Id') && typeof v === 'number')
    .map(([k, v]) => `${k}=${String(v)}`);
  return ids.join(',') || '*';
}

/**
 * The single door into the backend: validates input, checks the session, role and (through the
 * services) scope, runs the service in one transaction, audits access to children's records and
 * answers {ok, value} | {ok:false, error}. Both transports call this and nothing else.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const now = deps.now ?? (() => new Date());
  const idleMs = IDLE_TIMEOUT_MINUTES * 60_000;
  const seal = deps.auditSeal ?? null;
  const host = deps.host ?? detachedHost;
  const signInThrottle = new SignInThrottle();
  /** Connections with a live session, so an administrator's change can end a user's sessions at once. */
  const live = new Set<Connection>();

  function endSession(connection: Connection, reason: EventPayload<'session.ended'>['reason']): void {
    connection.session = null;
    live.delete(connection);
    deps.events.emit('session.ended', { reason }, connection.id);
  }

  for (const name of Object.keys(contract)) {
    if (typeof (deps.handlers as Record<string, unknown>)[name] !== 'function') throw new Error(`No service handles ${name}`);
  }

  function currentActor(connection: Connection): UserRow | null {
    const session = connection.session;
    if (!session) return null;
    if ((session.storeEpoch ?? 0) !== (deps.storeEpoch ?? 0)) {
      connection.session = null;
      live.delete(connection);
      return null;
    }
    const nowMs = now().getTime();
    if (nowMs - session.lastActiveMs > idleMs) {
      endSession(connection, 'idle');
      return null;
    }
    const user = getUserById(deps.db, session.userId);
    if (!user || user.disabledAt !== null) {
      endSession(connection, 'account-disabled');
      return null;
    }
    session.lastActiveMs = nowMs;
    return user;
  }

  function auditEntry(actor: UserRow | null, method: string, action: string, recordType: string, recordId: string, outcome: AuditEntry['outcome']): AuditEntry {
    return {
      at: now().toISOString(),
      userId: actor?.id ?? null,
      username: actor?.username ?? 'anonymous',
      role: actor?.role ?? 'none',
      method,
      action,
      recordType,
      recordId,
      outcome,
    };
  }

  /** Every call: dispatched, logged for IT (no child data: method, outcome, timing, ids), then sealed. */
  async function dispatchLogAndSeal(method: string, payload: unknown, connection: Connection): Promise<ApiResult<unknown>> {
    const started = Date.now();
    try {
      const result = await dispatch(method, payload, connection);
      const facts: Record<string, string | number> = { method, ms: Date.now() - started, outcome: result.ok ? 'ok' : result.error.code };
      // BAD_INPUT messages can quote what was typed, so only the field is logged.
      if (!result.ok && result.error.field) facts.field = result.error.field;
      if (!result.ok && result.error.code !== 'BAD_INPUT') facts.message = result.error.message;
      const id = recordIdOf(payload);
      if (id !== '*') facts.record = id;
      if (!result.ok && result.error.code === 'INTERNAL') host.log.error('call failed', facts);
      else host.log.info('call', facts);
      return result;
    } finally {
      // After the commit (or the refusal's own entry), never inside the transaction: a checkpoint
      // must never name an entry that a rollback took back. Other calls may have run meanwhile (this
      // one awaited); the head sealed then is theirs too, and every transaction is closed at any
      // await, since better-sqlite3's transactions are synchronous.
      if (seal && deps.db.inTransaction) {
        host.log.error('audit checkpoint not written', { method, problem: 'a transaction was left open across an await' });
      } else if (seal) {
        try {
          seal.seal(auditHead(deps.db));
        } catch (error) {
          host.log.error('audit checkpoint not written', { method, problem: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }

  /**
   * Transactions: better-sqlite3's cannot span an await, so there are two kinds of service.
   * - Most answer synchronously, and a write or a child's record runs in one transaction the
   *   dispatcher holds: the service's writes, its audit entries and the output check commit
   *   together or not at all. A promise returned there is a programming error (the service would
   *   go on writing after the commit, outside it): it is refused as INTERNAL and the transaction
   *   rolled back, so a test of the method shows it at once.
   * - A method whose contract says ownTransactions (long work handed to a job) runs with no
   *   transaction held; it makes each write in a transaction of its own and may await. When it
   *   ends, its output check and audit entries are one more transaction. Reads of no child's
   *   record hold no transaction either, so they may await without the flag.
   * All the checks (session, role, password gate, input, backup) run before the service, at the call.
   */
  async function dispatch(method: string, payload: unknown, connection: Connection): Promise<ApiResult<unknown>> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API method called ${method}` } };
    const spec: MethodSpec = contract[method];
    const actor = currentActor(connection);
    const refuse = (error: ApiError): ApiResult<never> => {
      // Refused access to a child's record, and every refused sign-in or role check, is on the record.
      if (method === 'auth.signIn') {
        // A failed sign-in names the username tried, so guessing shows up in the trail.
        const entry = auditEntry(null, method, 'sign-in', 'user', '*', 'refused');
        appendAudit(deps.db, { ...entry, username: usernameTried(payload) });
      } else if (spec.sensitivity === 'child' || ['UNAUTHENTICATED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'].includes(error.code)) {
        const recordType = spec.sensitivity === 'child' ? 'child' : 'method';
        try {
          appendAudit(deps.db, auditEntry(actor, method, 'attempt', recordType, recordIdOf(payload), 'refused'));
        } catch (auditError) {
          // A full or read-only disk cannot take the entry either; the user still gets the answer in words.
          const fault = describeStorageFault(auditError, 'the audit entry', deps.facts.dataDir);
          if (!fault) throw auditError;
          host.log.error('refusal not audited', { method, kind: fault.kind });
        }
      }
      return { ok: false, error: error.toBody() };
    };

    if (spec.access !== 'public') {
      if (!actor) return refuse(new ApiError('UNAUTHENTICATED', 'Please sign in again: there is no live session (signed out, or idle too long).'));
      if (!mayCall(actor.role, method)) {
        return refuse(new ApiError('FORBIDDEN', `Your role (${actor.role.replace('_', ' ')}) cannot use ${method}.`));
      }
      if (actor.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(method)) {
        return refuse(new ApiError('PASSWORD_CHANGE_REQUIRED', 'You are signed in with a temporary password: choose your own password first.'));
      }
    }

    const parsed = parseInWords(spec.input, payload ?? {}, 'away');
    if (!parsed.success) return refuse(badInput(parsed.error));

    if (spec.backupFirst && (parsed.data as { dryRun?: boolean }).dryRun !== true && host.backups) {
      try {
        // Taken on its own read connection before the import's transaction opens (db/backup.ts).
        host.backups.take('before-import');
      } catch (error) {
        return refuse(new ApiError('CONFLICT', `Nothing was imported. ${error instanceof Error ? error.message : String(error)}`));
      }
    }

    const db = deps.db;
    const audits: { action: string; recordType: string; recordId: string }[] = [];
    const queued: { event: EventName; payload: unknown }[] = [];
    const sessionEnds: { userId: number; reason: 'account-disabled' | 'password-reset' }[] = [];
    let sessionChange: Connection['session'] | undefined;
    let signedIn: UserRow | null = null;
    const ctx: ServiceContext = {
      db,
      now,
      actor,
      facts: deps.facts,
      host,
      audit: (action, recordType, recordId) => audits.push({ action, recordType, recordId }),
      emit: <E extends EventName>(event: E, eventPayload: EventPayload<E>) => queued.push({ event, payload: eventPayload }),
      jobs: callerJobs(deps.jobs, actor, connection),
      startSession: (userId) => {
        sessionChange = { userId, lastActiveMs: now().getTime(), storeEpoch: deps.storeEpoch ?? 0 };
        signedIn = getUserById(deps.db, userId);
      },
      endSession: () => (sessionChange = null),
      endSessionsOf: (userId, reason) => sessionEnds.push({ userId, reason }),
      signInThrottle,
      auditSeal: seal,
    };
    const handler = deps.handlers[method] as Handler<MethodName>;

    const sessionAtStart = connection.session;
    try {
      /** The output check and the audit entries, after the service answered. */
      const finish = (output: unknown) => {
        const value = spec.output.parse(output);
        if (spec.sensitivity === 'child' && audits.length === 0 && spec.job === undefined) {
          throw new Error(`${method} reads a child's record but its service wrote no audit entry`);
        }
        // A sign-in's entries name the person who just signed in, not "anonymous".
        const who = signedIn ?? actor;
        // deps.db, not the call's db: a restore replaced the store during this call, and its entries go in the new one.
        for (const a of audits) appendAudit(deps.db, auditEntry(who, method, a.action, a.recordType, a.recordId, 'ok'));
        return value;
      };
      // A job (MethodSpec.job) writes in its own thread and transactions, and its one audit entry itself.
      const ownTransactions = spec.ownTransactions === true || spec.job !== undefined;
      const holdsTransaction = (spec.writes || spec.sensitivity === 'child') && !ownTransactions;
      let value: unknown;
      // IMMEDIATE takes the write lock at BEGIN: a job thread may commit between this call's first
      // read and its first write, and a deferred transaction would then fail with SQLITE_BUSY
      // instead of waiting its turn (better-sqlite3's busy timeout) as this one does.
      if (holdsTransaction) {
        value = db
          .transaction(() => {
            const output = handler(ctx, parsed.data as never);
            if (isThenable(output)) {
              // Its later rejection is nobody's to handle: this call has already failed.
              Promise.resolve(output).catch(() => {});
              throw new Error(
                `${method}'s service returned a promise inside the dispatcher's transaction: answer synchronously, or mark the method ownTransactions and write in transactions of its own`,
              );
            }
            return finish(output);
          })
          .immediate();
      } else {
        const output = handler(ctx, parsed.data as never);
        if (isThenable(output)) {
          // Only a service that awaited reaches here; a synchronous one never yields mid-call.
          const outcome = await Promise.resolve(output).then(
            (answer) => ({ answer }),
            (failure: unknown) => ({ failure }),
          );
          // A restore while it awaited closed the store it was writing to: its answer is void.
          if (deps.db !== db)
            throw new ApiError('CONFLICT', 'The store was restored from a backup while this ran, so its result was set aside. Please start it again.');
          if ('failure' in outcome) {
            // A job's failure (cancelled, refused, unexpected) is on the trail already as its one entry.
            if (spec.job !== undefined) return jobFailure(method, outcome.failure);
            throw outcome.failure;
          }
          const settled = outcome.answer;
          value = audits.length > 0 ? db.transaction(() => finish(settled)).immediate() : finish(settled);
          // Waiting on its own call is not idleness: the idle clock restarts when the answer comes.
          if (connection.session !== null && connection.session === sessionAtStart) connection.session.lastActiveMs = now().getTime();
        } else {
          value = finish(output);
        }
      }
      if (sessionChange !== undefined) {
        connection.session = sessionChange;
        if (sessionChange) live.add(connection);
        else live.delete(connection);
      }
      for (const end of sessionEnds) {
        for (const other of [...live]) if (other.session?.userId === end.userId) endSession(other, end.reason);
      }
      for (const e of queued) deps.events.emit(e.event, e.payload as never);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return refuse(error);
      const what = method.startsWith('imports.') ? 'this import' : 'this change';
      const fault = describeStorageFault(error, what, deps.facts.dataDir);
      if (fault) {
        host.log.error('storage fault', { method, kind: fault.kind, code: String((error as { code?: unknown }).code) });
        return refuse(new ApiError('STORAGE', `${fault.message} ${logHint()}`));
      }
      host.log.error('unexpected failure', { method, problem: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return refuse(new ApiError('INTERNAL', `Something went wrong on our side; nothing was changed. ${logHint()}`));
    }
  }

  /** A job's failure as the caller's answer, without a second audit entry (the job wrote its own). */
  function jobFailure(method: string, failure: unknown): ApiResult<never> {
    if (failure instanceof ApiError) return { ok: false, error: failure.toBody() };
    const fault = describeStorageFault(failure, method.startsWith('imports.') ? 'this import' : 'this job', deps.facts.dataDir);
    if (fault) {
      // Named by kind and code for IT, as a fault outside a job is.
      host.log.error('storage fault', { method, kind: fault.kind, code: String((failure as { code?: unknown }).code) });
      return { ok: false, error: { code: 'STORAGE', message: `${fault.message} ${logHint()}` } };
    }
    // The runner logged the details when the job failed.
    return { ok: false, error: { code: 'INTERNAL', message: `The job stopped on an unexpected error; nothing was changed. ${logHint()}` } };
  }

  function logHint(): string {
    return host.log.file ? `The details are in the app log: ${host.log.file}.` : 'The details are in the app log.';
  }

  return dispatchLogAndSeal;
}
