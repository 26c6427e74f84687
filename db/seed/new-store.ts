import type { WritableDB } from '../handle';
import { getStoreKind } from '../repositories/meta';
import { seedDemoRegion } from './demo';

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
