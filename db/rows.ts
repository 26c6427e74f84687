import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Every row of a statement, each made by `build` from the row's values in column order.
 *
 * better-sqlite3 makes a row object one key at a time: for the wide rows the market and matching
 * read by the thousand, that cost twice what reading the rows did, and left objects V8 reads
 * slowly. An object literal in `build` does neither. `build` must name the statement's columns as
 * SQLite names them, in the same order; that is checked against the statement on every call, so
 * the SQL and the literal cannot drift apart.
 */
export function readRows<T extends object>(stmt: Database.Statement, build: (values: readonly unknown[]) => T, ...params: unknown[]): T[] {
  const columns = stmt.columns().map((c) => c.name);
  const keys = Object.keys(build(columns.map(() => null)));
  if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) {
    throw new Error(`Rows are built as ${keys.join(', ')} but the statement reads ${columns.join(', ')}`);
  }
  stmt.raw(true);
  return (stmt.all(...params) as unknown[][]).map(build);
}
