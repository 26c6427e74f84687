import { z } from 'zod';
import { Id } from './common';
import { VACANCY_STATUSES } from '../domain/homes';
import { JobFinished, JobProgress } from './jobs';

/** Events the backend pushes to every open window, over IPC or server-sent events. */
export const eventSchemas = {
  'vacancy.changed': z.object({ vacancyId: Id, status: z.enum(VACANCY_STATUSES) }),
  'session.ended': z.object({ reason: z.enum(['signed-out', 'idle', 'account-disabled', 'password-reset', 'restored']) }),
  /** Sent at once to the windows following a job (the one that started it), about fifty times a phase. */
  'job.progress': JobProgress,
  /** Sent once when a job ends, to the windows following it; the starting call answers with its result. */
  'job.finished': JobFinished,
  /**
   * The backend (store, dispatcher, services) stopped unexpectedly: restarted, every window signs in
   * again; or not restarted after too many stops in a row, and the message says what to do.
   */
  'backend.stopped': z.object({ restarted: z.boolean(), message: z.string() }),
};
export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export const EVENT_NAMES = Object.keys(eventSchemas) as EventName[];

/** Events about the app itself, not the region's data: every window gets them, signed in or not. */
export const APP_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['backend.stopped']);
