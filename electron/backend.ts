import { randomBytes } from 'node:crypto';
import type { WritableDB } from '../db/handle';
import { getStoreKind } from '../db/repositories/meta';
import { seedDemoRegion } from '../db/seed/demo';
import { createDispatcher, type Dispatch } from './rpc/dispatch';
import { EventBus } from './rpc/events';
import type { AppFacts, Connection } from './rpc/context';
import type { AuditSeal } from './auditSeal';
import { allHandlers } from './services';

export interface Backend {
  dispatch: Dispatch;
  events: EventBus;
  newConnection(): Connection;
}

/**
 * The one backend both hosts (Electron and the loopback server) run. The hosts pass the audit
 * seal, whose key each keeps its own way; without one, "check the chain" can rely only on the store.
 */
export function createBackend(db: WritableDB, facts: AppFacts, now?: () => Date, extras: { auditSeal?: AuditSeal | null } = {}): Backend {
  const events = new EventBus();
  const dispatch = createDispatcher({ db, handlers: allHandlers, facts, events, auditSeal: extras.auditSeal ?? null, ...(now ? { now } : {}) });
  return {
    dispatch,
    events,
    newConnection: () => ({ id: randomBytes(16).toString('hex'), session: null }),
  };
}

/** The demo region's seed; the same seed gives the same region on every machine. */
export const DEMO_SEED = 20251;

/** A new store is either the demo region or a real, empty one waiting for its first administrator. */
export function prepareNewStore(db: WritableDB, kind: 'demo' | 'real', today: string): void {
  if (getStoreKind(db) !== null) return;
  if (kind === 'demo') {
    seedDemoRegion(db, { seed: DEMO_SEED, today });
  } else {
    db.prepare("INSERT INTO meta (key, value) VALUES ('store_kind', 'real')").run();
  }
}
