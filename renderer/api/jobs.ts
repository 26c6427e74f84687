import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import type { JobProgress } from '../../shared/contract/jobs';
import { call, onEvent } from './client';

/** The methods that run as a job (contract `job`), known by the jobId each takes from its caller. */
type JobMethod = { [K in MethodName]: 'jobId' extends keyof MethodInput<K> ? K : never }[MethodName];

/**
 * Runs long work as a job: the call answers with the result when the job ends, its progress comes
 * as 'job.progress' events for the id this window chose, and cancel() stops it (the call then fails
 * with CANCELLED: "Cancelled — nothing was changed."). Nothing is polled.
 */
export function useJob<M extends JobMethod>(method: M) {
  const current = useRef<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(
    () =>
      onEvent('job.progress', (p) => {
        if (p.jobId === current.current) setProgress(p);
      }),
    [],
  );

  const run = useCallback(
    async (input: Omit<MethodInput<M>, 'jobId'>): Promise<MethodOutput<M>> => {
      const id = crypto.randomUUID();
      current.current = id;
      setJobId(id);
      setProgress(null);
      setCancelling(false);
      try {
        return await call(method, { ...input, jobId: id } as MethodInput<M>);
      } finally {
        current.current = null;
        setJobId(null);
        setCancelling(false);
      }
    },
    [method],
  );

  const cancel = useCallback(async () => {
    const id = current.current;
    if (!id) return;
    setCancelling(true);
    try {
      await call('jobs.cancel', { jobId: id });
    } catch {
      // Too late (it is committing) or already over: the call itself answers with what happened.
      setCancelling(false);
    }
  }, []);

  /**
   * For a window that opens while its user's job of this kind is still running (a reload, a second
   * visit): follows that job's events and answers with its result when it ends, or null when none
   * is running. One call to list, one to read the result: no polling.
   */
  const resume = useCallback(async (): Promise<MethodOutput<M> | null> => {
    const finished = new Set<string>();
    const waiting = new Map<string, () => void>();
    // Subscribed before asking, so an end between the answer and the subscription is not missed.
    const stop = onEvent('job.finished', (f) => {
      finished.add(f.jobId);
      waiting.get(f.jobId)?.();
    });
    try {
      const open = (await call('jobs.mine', {})).find((j) => j.method === method && (j.state === 'running' || j.state === 'waiting'));
      if (!open) return null;
      current.current = open.jobId;
      setJobId(open.jobId);
      setProgress(open.progress);
      if (!finished.has(open.jobId)) await new Promise<void>((resolve) => waiting.set(open.jobId, resolve));
      const view = await call('jobs.get', { jobId: open.jobId });
      if (view.state === 'succeeded') return view.result as MethodOutput<M>;
      throw new ApiError(view.state === 'cancelled' ? 'CANCELLED' : 'INTERNAL', view.message);
    } finally {
      stop();
      current.current = null;
      setJobId(null);
    }
  }, [method]);

  return { run, cancel, resume, running: jobId !== null, progress, cancelling };
}

/** "Checking rows: 1,200 of 5,000" or just the phase when it cannot be counted. */
export function describeProgress(progress: JobProgress | null, before: string): string {
  if (!progress) return before;
  return progress.total > 0 ? `${progress.phase}: ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}` : progress.phase;
}
