import type { Handlers } from '../rpc/context';

/** A caller's own jobs (electron/jobs/runner.ts decides who may see which). */
export const jobHandlers: Handlers<'jobs.get' | 'jobs.mine' | 'jobs.cancel'> = {
  'jobs.get': (ctx, input) => ctx.jobs.get(input.jobId),
  'jobs.mine': (ctx) => ctx.jobs.mine(),
  'jobs.cancel': (ctx, input) => ctx.jobs.cancel(input.jobId),
};
