import type { z } from 'zod';
import type { WritableDB } from '../../db/handle';
import { appendAudit, type AuditEntry } from '../../db/repositories/audit';
import { getUserById, type UserRow } from '../../db/repositories/users';
import { ApiError, contract, isMethodName, type ApiResult, type MethodName, type MethodSpec } from '../../shared/contract';
import type { EventName, EventPayload } from '../../shared/contract/events';
import { IDLE_TIMEOUT_MINUTES } from '../../shared/domain/session';
import { describeStorageFault } from '../../db/errors';
import type { AppFacts, Connection, Handler, Handlers, HostControls, ServiceContext } from './context';
import type { EventBus } from './events';
import { noLog } from '../log';

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
  /** Backups, restore and the log; a host with none of them when left out (tests). */
  host?: HostControls;
  /** Read at every call: a restore replaces db and moves this on, which ends every session. */
  storeEpoch?: number;
}

export type Dispatch = (method: string, payload: unknown, connection: Connection) => ApiResult<unknown>;

/** Turns the first zod issue into a message that names the field. */
function badInput(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  let path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') path = [path, issue.keys[0]].filter(Boolean).join('.');
  const message = issue.code === 'unrecognized_keys' ? `${path} is not a field of this request` : `${path || 'input'}: ${issue.message}`;
  return new ApiError('BAD_INPUT', message, path || undefined);
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
  const host = deps.host ?? detachedHost;

  for (const name of Object.keys(contract)) {
    if (typeof (deps.handlers as Record<string, unknown>)[name] !== 'function') throw new Error(`No service handles ${name}`);
  }

  function currentActor(connection: Connection): UserRow | null {
    const session = connection.session;
    if (!session) return null;
    if ((session.storeEpoch ?? 0) !== (deps.storeEpoch ?? 0)) {
      connection.session = null;
      return null;
    }
    const nowMs = now().getTime();
    if (nowMs - session.lastActiveMs > idleMs) {
      connection.session = null;
      deps.events.emit('session.ended', { reason: 'idle' }, connection.id);
      return null;
    }
    session.lastActiveMs = nowMs;
    return getUserById(deps.db, session.userId);
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

  return function dispatch(method, payload, connection) {
    const started = Date.now();
    const result = call(method, payload, connection);
    const facts: Record<string, string | number> = { method, ms: Date.now() - started, outcome: result.ok ? 'ok' : result.error.code };
    // BAD_INPUT messages can quote what was typed, so only the field is logged.
    if (!result.ok && result.error.field) facts.field = result.error.field;
    if (!result.ok && result.error.code !== 'BAD_INPUT') facts.message = result.error.message;
    const id = recordIdOf(payload);
    if (id !== '*') facts.record = id;
    if (!result.ok && result.error.code === 'INTERNAL') host.log.error('call failed', facts);
    else host.log.info('call', facts);
    return result;
  };

  function call(method: string, payload: unknown, connection: Connection): ApiResult<unknown> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API method called ${method}` } };
    const spec: MethodSpec = contract[method];
    const actor = currentActor(connection);
    const refuse = (error: ApiError): ApiResult<never> => {
      // Refused access to a child's record, and every refused sign-in or role check, is on the record.
      if (spec.sensitivity === 'child' || error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') {
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
      if (!spec.access.includes(actor.role)) {
        return refuse(new ApiError('FORBIDDEN', `Your role (${actor.role.replace('_', ' ')}) cannot use ${method}.`));
      }
    }

    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) return refuse(badInput(parsed.error));

    const audits: AuditEntry[] = [];
    const queued: { event: EventName; payload: unknown }[] = [];
    let sessionChange: Connection['session'] | undefined;
    if (spec.backupFirst && (parsed.data as { dryRun?: boolean }).dryRun !== true && host.backups) {
      try {
        // Taken on its own read connection before the import's transaction opens (db/backup.ts).
        host.backups.take('before-import');
      } catch (error) {
        return refuse(new ApiError('CONFLICT', `Nothing was imported. ${error instanceof Error ? error.message : String(error)}`));
      }
    }

    const db = deps.db;
    const ctx: ServiceContext = {
      db,
      now,
      actor,
      facts: deps.facts,
      host,
      audit: (action, recordType, recordId) => audits.push(auditEntry(actor, method, action, recordType, recordId, 'ok')),
      emit: <E extends EventName>(event: E, eventPayload: EventPayload<E>) => queued.push({ event, payload: eventPayload }),
      progress: (progressPayload) => deps.events.emit('import.progress', progressPayload, connection.id),
      startSession: (userId) => (sessionChange = { userId, lastActiveMs: now().getTime(), storeEpoch: deps.storeEpoch ?? 0 }),
      endSession: () => (sessionChange = null),
    };
    const handler = deps.handlers[method] as Handler<MethodName>;

    try {
      const run = () => {
        const value = spec.output.parse(handler(ctx, parsed.data as never));
        if (spec.sensitivity === 'child' && audits.length === 0) {
          throw new Error(`${method} reads a child's record but its service wrote no audit entry`);
        }
        for (const entry of audits) appendAudit(deps.db, entry);
        return value;
      };
      const value = spec.writes || spec.sensitivity === 'child' ? db.transaction(run)() : run();
      if (sessionChange !== undefined) connection.session = sessionChange;
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

  function logHint(): string {
    return host.log.file ? `The details are in the app log: ${host.log.file}.` : 'The details are in the app log.';
  }
}
