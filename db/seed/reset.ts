import type { WritableDB } from '../handle';
import { getMeta, getStoreKind } from '../repositories/meta';
import { REGION_SIZES, type RegionSize } from './model';
import { countRegion, REGION_TABLES, seedDemoRegion } from './demo';
import { tableExists } from './write';

/**
 * Wipes a demo store's region and generates it afresh from the seed and size it was made with, for
 * a new day, in one transaction. Accounts, the audit trail, settings (meta) and imported postcodes
 * stay; so do the demo accounts' ids, so the administrator who asked stays signed in. Any table
 * holding rows that point at the region (saved searches, notes) is wiped with it.
 */

/** Tables that are never wiped: who may sign in, what happened, settings and reference data. */
const KEPT = new Set(['users', 'audit_log', 'meta', 'postcodes']);

export class NotADemoStoreError extends Error {
  constructor() {
    super('Only a demo store can be reset; this store holds real records.');
  }
}

/** The region tables plus every table that references one of them, directly or through another. */
export function tablesToWipe(db: WritableDB): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const wipe = new Set<string>(REGION_TABLES.filter((t) => tableExists(db, t)));
  for (let grew = true; grew;) {
    grew = false;
    for (const t of tables) {
      if (wipe.has(t) || KEPT.has(t)) continue;
      const refs = db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(t) as string[];
      if (refs.some((r) => wipe.has(r))) {
        wipe.add(t);
        grew = true;
      }
    }
  }
  return [...wipe];
}

export interface ResetResult {
  seed: number;
  size: RegionSize;
  today: string;
  counts: Record<string, number>;
}

export function resetDemoRegion(db: WritableDB, today: string): ResetResult {
  if (getStoreKind(db) !== 'demo') throw new NotADemoStoreError();
  const seed = Number(getMeta(db, 'demo_seed'));
  if (!Number.isInteger(seed)) throw new Error('This demo store does not record the seed it was generated from.');
  const storedSize = getMeta(db, 'demo_size');
  const size: RegionSize = (REGION_SIZES as readonly string[]).includes(storedSize ?? '') ? (storedSize as RegionSize) : 'demo';
  return db.transaction(() => {
    // Accounts point at councils and constellations that are about to be written again with the
    // same ids; checking foreign keys at commit rather than per statement allows the gap.
    db.pragma('defer_foreign_keys = ON');
    for (const t of tablesToWipe(db)) db.prepare(`DELETE FROM ${t}`).run();
    seedDemoRegion(db, { seed, today, size });
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`Resetting the demo region left ${broken.length} rows pointing at nothing; nothing was changed.`);
    return { seed, size, today, counts: countRegion(db) };
  })();
}
