import type { ReadableDB, WritableDB } from './handle';
import { StoreError } from './errors';
import { MIGRATIONS } from './migrations';
import { LEDGER_TABLE, m0180AppliedMigrations } from './migrations/0180-applied-migrations';

export interface Migration {
  /** Numbered in tens so a fix can slot in between two released migrations. */
  version: number;
  name: string;
  up(db: WritableDB): void;
}

export function latestSchemaVersion(): number {
  return MIGRATIONS.at(-1)?.version ?? 0;
}

/** "0170 (find-and-assign)": how messages name a migration. */
function named(m: { version: number; name: string }): string {
  return `${String(m.version).padStart(4, '0')} (${m.name})`;
}

function hasLedger(db: ReadableDB): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(LEDGER_TABLE) !== undefined;
}

function tooNew(what: string): StoreError {
  return new StoreError(
    'too-new',
    `This data store was written by a newer version of RCC Placements (${what}; this app knows up to ${latestSchemaVersion()}). Install the newer version to open it; nothing was changed.`,
  );
}

/**
 * The migrations this store has applied, which must be exactly the first N of the app's list.
 * A fix slotted in between two released migrations would otherwise be skipped for good by every
 * store already past it, so a gap is refused rather than silently passed over (Actual's
 * checkDatabaseValidity). Stores from before the ledger (0180) hold only user_version: every
 * migration up to it counts as applied, as the ledger's own back-fill records them.
 * Reads only; throws a StoreError saying which migration is missing or unknown.
 */
export function appliedMigrations(db: ReadableDB): readonly Migration[] {
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  if (!hasLedger(db)) {
    if (userVersion > latestSchemaVersion()) throw tooNew(`schema ${userVersion}`);
    if (userVersion === 0) return [];
    const last = MIGRATIONS.findIndex((m) => m.version === userVersion);
    if (last < 0) throw tooNew(`schema ${userVersion}, which this app does not know`);
    if (userVersion >= m0180AppliedMigrations.version) {
      throw new StoreError(
        'damaged',
        `The data store says it is at schema ${userVersion} but has no record of its applied migrations, which every store past ${named(m0180AppliedMigrations)} has. Nothing was changed; restore the store from a backup.`,
      );
    }
    return MIGRATIONS.slice(0, last + 1);
  }
  const recorded = db.prepare(`SELECT version, name FROM ${LEDGER_TABLE} ORDER BY version`).all() as { version: number; name: string }[];
  recorded.forEach((row, i) => {
    if (!MIGRATIONS.some((m) => m.version === row.version)) throw tooNew(`it has migration ${named(row)} applied, which this app does not know`);
    // Both lists are in order and the row is known, so a differing version means the app's is missing.
    const expected = MIGRATIONS[i]!;
    if (expected.version !== row.version) {
      throw new StoreError(
        'migration-gap',
        `The data store is missing migration ${named(expected)}, though it already has the later ${named(row)}: migrations must run in order, and running this one now could damage the data, so the store was not opened and nothing was changed. Keep the file as it is and ask your IT support for an update of RCC Placements that repairs this store, or restore a backup taken before ${named(row)} was applied.`,
      );
    }
  });
  if (userVersion > latestSchemaVersion()) throw tooNew(`schema ${userVersion}`);
  const lastRecorded = recorded.at(-1)?.version ?? 0;
  if (lastRecorded !== userVersion) {
    throw new StoreError(
      'damaged',
      `The data store's schema version (${userVersion}) does not match its record of applied migrations (last ${lastRecorded}); another program may have changed it. Nothing was changed; restore the store from a backup.`,
    );
  }
  return MIGRATIONS.slice(0, recorded.length);
}

/**
 * Applies every pending migration in one transaction, records each in the ledger (from the
 * migration that creates it on) and the last in user_version, and returns the schema version.
 */
export function migrate(db: WritableDB, upTo: number = latestSchemaVersion()): number {
  const applied = appliedMigrations(db);
  const current = applied.at(-1)?.version ?? 0;
  const pending = MIGRATIONS.slice(applied.length).filter((m) => m.version <= upTo);
  if (pending.length === 0) return current;
  const appliedAt = new Date().toISOString();
  db.transaction(() => {
    // Migrations run before the ledger exists (on a new store, all up to 0180) are recorded once it does.
    const unrecorded: Migration[] = [];
    for (const m of pending) {
      m.up(db);
      unrecorded.push(m);
      if (!hasLedger(db)) continue;
      const record = db.prepare(`INSERT INTO ${LEDGER_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`);
      for (const u of unrecorded.splice(0)) record.run(u.version, u.name, appliedAt);
    }
    db.pragma(`user_version = ${pending.at(-1)!.version}`);
  })();
  return pending.at(-1)!.version;
}
