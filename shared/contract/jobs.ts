import { z } from 'zod';
import { method } from './method';

/**
 * Long work (the region plan, file imports, the postcode directory, the summary PDF) runs as a job
 * in its own thread, so other calls are answered meanwhile. The method that starts one (plan.start,
 * imports.ssda903, ...) answers with the job's result when it ends; while it runs, the window that
 * started it receives 'job.progress' events and one 'job.finished'. jobs.cancel stops it.
 */
export const JOB_KINDS = ['plan', 'import', 'postcodes', 'pdf'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATES = ['waiting', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Chosen by the caller, so its window can match the job's events to the call and cancel it. */
export const JobIdInput = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use letters, digits, - and _ (at most 64)')
  .meta({ label: 'job' });

/** The words a cancelled job ends with, everywhere: a cancelled job never leaves a change behind. */
export const CANCELLED_MESSAGE = 'Cancelled — nothing was changed.';

export const JobProgress = z.object({
  jobId: z.string(),
  kind: z.enum(JOB_KINDS),
  /** In words: 'Checking rows', 'Planning 40 referrals against 95 vacancies'. */
  phase: z.string(),
  /** Units done of total in this phase; total 0 when the phase cannot be measured. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobFinished = z.object({
  jobId: z.string(),
  kind: z.enum(JOB_KINDS),
  state: z.enum(['succeeded', 'failed', 'cancelled']),
  /** What happened, in words (a failure's message names the problem). */
  message: z.string(),
});
export type JobFinished = z.infer<typeof JobFinished>;

export const JobView = z.object({
  jobId: z.string(),
  kind: z.enum(JOB_KINDS),
  /** The method that started it, e.g. imports.ssda903. */
  method: z.string(),
  state: z.enum(JOB_STATES),
  progress: JobProgress.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string(),
  /** The starting method's answer, once it succeeded (kept for a while after the job ends). */
  result: z.unknown().optional(),
});
export type JobView = z.infer<typeof JobView>;

const JOB_USERS = ['placement_officer', 'commissioner', 'administrator'] as const;

export const jobsContract = {
  'jobs.get': method({
    doc: "One of the caller's jobs (an administrator's: anyone's) as it stands; its further events come to this window too.",
    input: z.object({ jobId: JobIdInput }).strict(),
    output: JobView,
    access: JOB_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'jobs.mine': method({
    doc: "The caller's jobs of this run, newest first (a window that reopens finds its running job here); their events come to this window too.",
    input: z.object({}).strict(),
    output: z.array(JobView.omit({ result: true })),
    access: JOB_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'jobs.cancel': method({
    doc: "Stops one of the caller's jobs (an administrator: anyone's); a job cancelled before it committed changes nothing.",
    input: z.object({ jobId: JobIdInput }).strict(),
    output: JobView.omit({ result: true }),
    access: JOB_USERS,
    writes: false,
    sensitivity: 'none',
  }),
};
