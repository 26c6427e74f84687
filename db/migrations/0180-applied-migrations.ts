import type { Migration } from '../migrate';

export const LEDGER_TABLE = 'applied_migrations';

/**
 * The migrations released before this ledger, frozen here as they were: a store made by those
 * versions records only user_version, and every one of them up to it was applied in order.
 */
const RELEASED_BEFORE_LEDGER: readonly (readonly [number, string])[] = [
  [10, 'foundation'],
  [20, 'region-model'],
  [40, 'imports'],
  [60, 'constellation-life'],
  [70, 'market-indexes'],
  [80, 'matching'],
  [90, 'screen-indexes'],
  [100, 'referral-siblings'],
  [110, 'ssda903-years'],
  [120, 'council-codes'],
  [140, 'account-lifecycle'],
  [170, 'find-and-assign'],
];

/**
 * Each applied migration recorded by its version, so a store that skipped one (a fix slotted in
 * below a migration it already has) is refused at open rather than left without it for good.
 * An existing store is adopted: the migrations up to its user_version are back-filled, with no
 * applied_at, since when they ran was never recorded. The runner (db/migrate.ts) records this
 * migration and every later one, and on a new store the earlier ones too, as it applies them.
 */
export const m0180AppliedMigrations: Migration = {
  version: 180,
  name: 'applied-migrations',
  up(db) {
    db.exec(`
      CREATE TABLE ${LEDGER_TABLE} (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        -- NULL for migrations applied before this table existed (adopted from user_version).
        applied_at TEXT
      ) STRICT;
    `);
    // user_version is written once all pending migrations have run, so here it is still what the
    // store held before this open: on a new store 0, and nothing is back-filled.
    const before = Number(db.pragma('user_version', { simple: true }));
    const adopt = db.prepare(`INSERT INTO ${LEDGER_TABLE} (version, name, applied_at) VALUES (?, ?, NULL)`);
    for (const [version, name] of RELEASED_BEFORE_LEDGER) if (version <= before) adopt.run(version, name);
  },
};
