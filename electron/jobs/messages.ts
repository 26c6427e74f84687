import type { ApiErrorBody } from '../../shared/contract';
import type { JobOutcome } from './bodies';

/** What a job's thread tells the call thread; the last message is done, refused, cancelled or failed. */
export type FromJobThread =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; outcome: JobOutcome }
  | { type: 'refused'; error: ApiErrorBody }
  | { type: 'cancelled' }
  /** An unexpected error: its details go to the app log, never to the user. */
  | { type: 'failed'; problem: string; code: string };
