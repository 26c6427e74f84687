import type { Migration } from '../migrate';

/**
 * Indexes the screens' queries were missing (found by test/bench/screen-queries.bench.ts and
 * checked in test/db/query-plans.test.ts): which constellation a home is the hub of. The
 * constellation screens ask it of every household they list (is it a hub? may it join?), and
 * without an index SQLite scanned the constellations, or built a throwaway index, every time.
 */
export const m0090ScreenIndexes: Migration = {
  version: 90,
  name: 'screen-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX constellations_by_hub ON constellations(hub_home_id);
    `);
  },
};
