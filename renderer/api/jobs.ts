import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
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

  return { run, cancel, running: jobId !== null, progress, cancelling };
}

/** "Checking rows: 1,200 of 5,000" or just the phase when it cannot be counted. */
export function describeProgress(progress: JobProgress | null, before: string): string {
  if (!progress) return before;
  return progress.total > 0 ? `${progress.phase}: ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}` : progress.phase;
}
