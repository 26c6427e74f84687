/**
 * The one job mechanism: every long piece of work (region plan, file imports, the postcode
 * directory, the summary PDF) is started here, runs in its own thread with its own connection to
 * the store, reports progress as 'job.progress' events to the windows following it, ends with one
 * 'job.finished' and one audit entry, and can be cancelled. The starting call's promise settles
 * with the job's result, so other calls are answered while it runs and no window polls.
 *
 * A store in memory (tests) cannot be opened a second time, so there the body runs on the call
 * thread instead, after the starting call has returned to the event loop: the same body, events
 * and audit, but other calls wait for it.
 */
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { StoreLocation } from '../../db/backup';
import type { WritableDB } from '../../db/handle';
import { appendAudit } from '../../db/repositories/audit';
import { ApiError } from '../../shared/contract';
import { CANCELLED_MESSAGE, type JobKind, type JobProgress, type JobState, type JobView } from '../../shared/contract/jobs';
import type { Role } from '../../shared/domain/roles';
import type { AppLog } from '../log';
import type { EventBus } from '../rpc/events';
import { auditOfRequest, runJobBody, type JobAudit, type JobOutcome, type JobRequest } from './bodies';
import { CancelledJob, CommitGate } from './gate';
import type { FromJobThread } from './messages';
import { bundleDir, startThread } from '../threads';
import type { JobThreadData } from './thread';

/** Who started a job (or asks about one): the signed-in user and the window they asked from. */
export interface JobCaller {
  userId: number;
  username: string;
  role: Role;
  /** The user's council scope; null for the whole region. */
  councilId: number | null;
  connectionId: string;
}

/** A job's end as the starting call sees it. */
type Ending = { state: 'succeeded'; outcome: JobOutcome } | { state: 'failed'; error: ApiError | Error } | { state: 'cancelled' };

interface Job {
  id: string;
  kind: JobKind;
  request: JobRequest;
  owner: JobCaller;
  /** Windows that receive this job's events: the starting one, and any that asked about it since. */
  followers: Set<string>;
  state: JobState;
  progress: JobProgress | null;
  startedAt: string;
  finishedAt: string | null;
  message: string;
  result: unknown;
  gate: CommitGate;
  worker: Worker | null;
  /** Ends the wait of a job still waiting for its turn (a cancel). */
  stopWaiting: () => void;
  /** Settles when the job ends; the starting call (and a caller sharing it) awaits it. */
  ended: Promise<unknown>;
}

export interface JobRunnerDeps {
  /** The open store (a restore replaces it). */
  db: () => WritableDB;
  /** The store's file and key for job threads; null for a store in memory. */
  store: StoreLocation | null;
  events: EventBus;
  now: () => Date;
  log: AppLog;
}

/** Finished jobs kept so a window that reopens can still read their outcome. */
const KEEP_FINISHED_JOBS = 20;

/** Imports take turns: each holds SQLite's one write lock while it commits, and two at once gain nothing. */
const WRITING_KINDS: ReadonlySet<JobKind> = new Set(['import', 'postcodes']);

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  /** The end of the last writing job started: the next one waits for it. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: JobRunnerDeps) {}

  /**
   * Starts a job and answers with its result when it ends. A region plan already running for the
   * same user and scope is shared rather than started twice.
   */
  run(request: JobRequest, caller: JobCaller, jobId?: string): Promise<unknown> {
    if (request.kind === 'plan') {
      const same = [...this.jobs.values()].find(
        (j) => j.request.kind === 'plan' && j.owner.userId === caller.userId && j.request.councilId === request.councilId && !isFinished(j.state),
      );
      if (same) {
        same.followers.add(caller.connectionId);
        return same.ended;
      }
    }
    const id = jobId ?? randomUUID();
    if (this.jobs.has(id)) throw new ApiError('CONFLICT', `There is already a job with the id ${id}; start it with a new one.`, 'jobId');
    const job: Job = {
      id,
      kind: request.kind,
      request,
      owner: caller,
      followers: new Set([caller.connectionId]),
      state: 'waiting',
      progress: null,
      startedAt: this.deps.now().toISOString(),
      finishedAt: null,
      message: 'Waiting to start',
      result: undefined,
      gate: new CommitGate(),
      worker: null,
      stopWaiting: () => undefined,
      ended: Promise.resolve(),
    };
    this.jobs.set(id, job);
    this.forgetOldJobs();

    const writes = WRITING_KINDS.has(job.kind);
    const turn = writes ? this.writing : Promise.resolve();
    if (writes && this.isWritingBusy(job)) this.progress(job, 'Waiting for another import to finish', 0, 0);
    const cancelledWhileWaiting = new Promise<void>((resolve) => (job.stopWaiting = resolve));
    job.ended = Promise.race([turn, cancelledWhileWaiting])
      .then(() => (job.gate.cancelled ? ({ state: 'cancelled' } as Ending) : this.execute(job)))
      .then((ending) => this.finish(job, ending));
    // The next import waits for this one and for every one before it (a cancelled one ends early).
    if (writes) this.writing = Promise.all([turn, job.ended.catch(() => undefined)]);
    return job.ended;
  }

  get(jobId: string, caller: JobCaller): JobView {
    const job = this.visible(jobId, caller);
    job.followers.add(caller.connectionId);
    // The result can name children (a plan's matches): only the person who ran the job reads it back.
    const own = job.owner.userId === caller.userId;
    return { ...this.view(job), ...(own && job.state === 'succeeded' ? { result: job.result } : {}) };
  }

  mine(caller: JobCaller): Omit<JobView, 'result'>[] {
    const mine = [...this.jobs.values()].filter((j) => j.owner.userId === caller.userId).reverse();
    for (const job of mine) if (!isFinished(job.state)) job.followers.add(caller.connectionId);
    return mine.map((j) => this.view(j));
  }

  /** Stops a job that has not committed; a job already committing finishes, and the answer says so. */
  cancel(jobId: string, caller: JobCaller): Omit<JobView, 'result'> {
    const job = this.visible(jobId, caller);
    if (isFinished(job.state)) throw new ApiError('CONFLICT', `That job has already ended (${job.state}): ${job.message}`, 'jobId');
    if (!job.gate.cancel()) {
      throw new ApiError('CONFLICT', 'Too late to cancel: the job is saving its changes now, and they will stand.', 'jobId');
    }
    job.message = 'Cancelling…';
    // A job still waiting for its turn ends now without starting; a running thread is stopped.
    if (job.state === 'waiting') job.stopWaiting();
    if (job.worker) void job.worker.terminate();
    return this.view(job);
  }

  /** What is running or waiting now, in words (e.g. before a restore, which must not pull the store from under a job). */
  unfinished(): string[] {
    return [...this.jobs.values()].filter((j) => !isFinished(j.state)).map((j) => `${j.request.method} (started by ${j.owner.username})`);
  }

  /** Ends every running job (the app is closing); nothing they had not committed is kept. */
  stopAll(): void {
    for (const job of this.jobs.values()) {
      if (isFinished(job.state)) continue;
      job.gate.cancel();
      if (job.worker) void job.worker.terminate();
    }
  }

  private isWritingBusy(except: Job): boolean {
    return [...this.jobs.values()].some((j) => j !== except && WRITING_KINDS.has(j.kind) && !isFinished(j.state));
  }

  /** A job the caller may see: their own, or any in an administrator's scope. Others are "not found". */
  private visible(jobId: string, caller: JobCaller): Job {
    const job = this.jobs.get(jobId);
    const allowed =
      job !== undefined &&
      (job.owner.userId === caller.userId || (caller.role === 'administrator' && (caller.councilId === null || caller.councilId === job.owner.councilId)));
    if (!allowed) throw new ApiError('NOT_FOUND', 'There is no job of yours with that id (jobs are kept until the app restarts).', 'jobId');
    return job;
  }

  private view(job: Job): Omit<JobView, 'result'> {
    return {
      jobId: job.id,
      kind: job.kind,
      method: job.request.method,
      state: job.state,
      progress: job.progress,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      message: job.message,
    };
  }

  private progress(job: Job, phase: string, done: number, total: number): void {
    job.progress = { jobId: job.id, kind: job.kind, phase, done: Math.max(0, Math.round(done)), total: Math.max(0, Math.round(total)) };
    job.message = phase;
    for (const connectionId of job.followers) this.deps.events.emit('job.progress', job.progress, connectionId);
  }

  private execute(job: Job): Promise<Ending> {
    job.state = 'running';
    this.progress(job, 'Starting', 0, 0);
    return this.deps.store ? this.inThread(job, this.deps.store) : this.onCallThread(job);
  }

  private inThread(job: Job, store: StoreLocation): Promise<Ending> {
    return new Promise<Ending>((resolve) => {
      const workerData: JobThreadData = { request: job.request, store, gate: job.gate.buffer, solverDir: bundleDir() };
      let ending: Ending | null = null;
      let worker: Worker;
      try {
        worker = startThread('job', { workerData });
      } catch (error) {
        resolve({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
        return;
      }
      job.worker = worker;
      worker.on('message', (message: FromJobThread) => {
        if (message.type === 'progress') {
          if (!ending) this.progress(job, message.phase, message.done, message.total);
        } else if (message.type === 'done') ending = { state: 'succeeded', outcome: message.outcome };
        else if (message.type === 'refused') ending = { state: 'failed', error: new ApiError(message.error.code, message.error.message, message.error.field) };
        else if (message.type === 'cancelled') ending = { state: 'cancelled' };
        else ending = { state: 'failed', error: Object.assign(new Error(message.problem), message.code ? { code: message.code } : {}) };
      });
      worker.on('error', (error) => {
        ending ??= { state: 'failed', error };
      });
      worker.on('exit', () => {
        job.worker = null;
        // Terminated by a cancel before it could answer: the gate guarantees it did not commit.
        resolve(ending ?? (job.gate.cancelled ? { state: 'cancelled' } : { state: 'failed', error: new Error('The job thread stopped without an answer.') }));
      });
    });
  }

  private async onCallThread(job: Job): Promise<Ending> {
    // After the starting call has returned to the event loop, so nothing runs inside its transaction.
    await new Promise((resolve) => setImmediate(resolve));
    if (job.gate.cancelled) return { state: 'cancelled' };
    try {
      const outcome = await runJobBody(this.deps.db(), job.request, {
        progress: (phase, done, total) => this.progress(job, phase, done, total),
        beforeCommit: () => job.gate.passBeforeCommit(),
      });
      return { state: 'succeeded', outcome };
    } catch (error) {
      if (error instanceof CancelledJob) return { state: 'cancelled' };
      return { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** Writes the one audit entry, tells the followers, and settles the starting call. */
  private finish(job: Job, ending: Ending): unknown {
    job.state = ending.state;
    job.finishedAt = this.deps.now().toISOString();
    const request = auditOfRequest(job.request);
    if (ending.state === 'succeeded') {
      job.result = ending.outcome.value;
      job.message = describeSuccess(job.kind, ending.outcome.value);
      this.audit(job, ending.outcome.audits, 'ok');
      for (const e of ending.outcome.events) this.deps.events.emit(e.event, e.payload as never);
    } else if (ending.state === 'cancelled') {
      job.message = CANCELLED_MESSAGE;
      this.audit(job, [{ ...request, recordId: `${request.recordId};ended=cancelled` }], 'failed');
    } else {
      const error = ending.error;
      if (error instanceof ApiError) job.message = error.message;
      else {
        job.message = 'The job stopped on an unexpected error; nothing was changed. The details are in the app log.';
        this.deps.log.error('job failed', { kind: job.kind, method: job.request.method, problem: error.stack ?? error.message });
      }
      this.audit(job, [{ ...request, recordId: `${request.recordId};ended=failed` }], 'failed');
    }
    const finished = { jobId: job.id, kind: job.kind, state: ending.state, message: job.message };
    for (const connectionId of job.followers) this.deps.events.emit('job.finished', finished, connectionId);
    if (ending.state === 'succeeded') return ending.outcome.value;
    if (ending.state === 'cancelled') throw new ApiError('CANCELLED', CANCELLED_MESSAGE);
    throw ending.error;
  }

  private audit(job: Job, entries: JobAudit[], outcome: 'ok' | 'failed'): void {
    const db = this.deps.db();
    const at = job.finishedAt ?? this.deps.now().toISOString();
    try {
      db.transaction(() => {
        for (const e of entries) {
          appendAudit(db, {
            at,
            userId: job.owner.userId,
            username: job.owner.username,
            role: job.owner.role,
            method: job.request.method,
            action: e.action,
            recordType: e.recordType,
            recordId: e.recordId,
            outcome,
          });
        }
      }).immediate();
      // Written before the starting call answers, so the dispatcher's seal after that call covers it.
    } catch (error) {
      // The job's own work stands or fell on its own; a full disk must not also lose the answer.
      this.deps.log.error('job not audited', { kind: job.kind, method: job.request.method, problem: error instanceof Error ? error.message : String(error) });
    }
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => isFinished(j.state));
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS))) this.jobs.delete(job.id);
  }
}

function isFinished(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled';
}

function describeSuccess(kind: JobKind, value: unknown): string {
  const v = value as Record<string, unknown>;
  switch (kind) {
    case 'plan':
      return `Done: ${String((v.optimal as { childrenPlaced: number }).childrenPlaced)} children placed.`;
    case 'import':
      return String(v.summary);
    case 'postcodes':
      return String(v.message);
    case 'pdf':
      return `The summary is ready (${String(v.pages)} pages).`;
  }
}
