import type { WritableDB } from '../handle';
import type { Migration } from '../migrate';

/**
 * SSDA903 returns of different years, as councils send them:
 * - a child's sex may be U (unknown or indeterminate), coded in returns from 2024-25;
 * - each imported record remembers the collection year of the return it came from, so an older
 *   return imported after a newer one never overwrites the newer history;
 * - the council's own child identifier (SSDA903 CHILD) is kept, apart from the children table the
 *   screens read, so the council's return can be exported with its own identifiers.
 */
export const m0110Ssda903Years: Migration = {
  version: 110,
  name: 'ssda903-years',
  up(db) {
    allowUnknownSex(db);
    db.exec(`
      -- Years are the calendar year a collection year starts in (2019 for 2019-20).
      CREATE TABLE ssda903_children (
        child_id         INTEGER PRIMARY KEY REFERENCES children(id) ON DELETE CASCADE,
        council_child_id TEXT NOT NULL,
        header_year      INTEGER,
        uasc_year        INTEGER
      ) STRICT;
      ALTER TABLE episodes ADD COLUMN ssda903_year INTEGER;
      ALTER TABLE missing_episodes ADD COLUMN ssda903_year INTEGER;
    `);
  },
};

const OLD_CHECK = "CHECK (sex IN ('F', 'M'))";
const NEW_CHECK = "CHECK (sex IN ('F', 'M', 'U'))";

/**
 * Widens the CHECK on children.sex. SQLite cannot alter a CHECK in place, and rebuilding the table
 * would cascade-delete every child's episodes (foreign keys are on, and cannot be turned off inside
 * the migration's transaction). A looser CHECK changes nothing stored, so the table's definition is
 * rewritten in the schema, as SQLite's ALTER TABLE documentation describes for such changes, and the
 * schema version bumped so every connection reads it again. Defensive mode forbids this, so it is
 * lifted for these few statements only.
 */
function allowUnknownSex(db: WritableDB): void {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'children'").pluck().get() as string;
  if (sql.split(OLD_CHECK).length !== 2)
    throw new Error(`The children table's definition does not hold ${OLD_CHECK} exactly once; the migration cannot widen it`);
  const version = Number(db.pragma('schema_version', { simple: true }));
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'children'").run(sql.replace(OLD_CHECK, NEW_CHECK));
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
  const problems = db.pragma('quick_check', { simple: true });
  if (problems !== 'ok') throw new Error(`The store failed its check after widening children.sex: ${String(problems)}`);
}
