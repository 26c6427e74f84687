import { expect } from 'vitest';
import type { WritableDB } from '../../../db/handle';
import type { ImportOutcome, ImportProblem } from '../../../db/importers/report';

/**
 * What the invalid-code tests share: how a column of an import is classed, and the checks each
 * invalid value must pass (refused by row, column and value, in the field's words; store unchanged).
 *
 * Every importer's test lists each of the importer's own columns (read from the importer's exported
 * column list) as coded or not, with a reason; a column the importer gains later fails the listing
 * test until it is classed here, and a coded one then gets its invalid-value case by construction.
 */
export type ColumnRole = { coded: CodedColumn } | { notCoded: string };

export interface CodedColumn {
  /** A value the column accepts (the base file uses it). */
  valid: string;
  /** A value no year's list has. */
  invalid: string;
  /** The field's words in the message: the list's name as users know it. */
  words: RegExp;
}

export const coded = (valid: string, invalid: string, words: RegExp): ColumnRole => ({ coded: { valid, invalid, words } });
export const notCoded = (why: string): ColumnRole => ({ notCoded: why });

export function codedColumns<K extends string>(roles: Record<K, ColumnRole>): [K, CodedColumn][] {
  return (Object.entries(roles) as [K, ColumnRole][]).flatMap(([k, role]) => ('coded' in role ? [[k, role.coded] as [K, CodedColumn]] : []));
}

/** The listing must class exactly the importer's columns: none missing, none invented. */
export function expectClassesExactly(roles: Record<string, unknown>, importerColumns: readonly string[], what: string): void {
  expect(Object.keys(roles).sort(), `${what}: every column the importer reads is classed as coded or not`).toEqual([...new Set(importerColumns)].sort());
}

/**
 * Every row of every table in the store, as text: a refused import must leave all of it as it
 * was, not just the tables the importer is known to write.
 */
export function wholeStore(db: WritableDB): Record<string, string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
}

/** The error reported at this file, row and column, or a failure that lists what was reported. */
export function errorAt(o: ImportOutcome, file: string, row: number | null, column: string): ImportProblem {
  const hit = o.problems.find((p) => p.file === file && p.row === row && p.column === column && p.severity === 'error');
  if (!hit) throw new Error(`No error at ${file} row ${row} column ${column}; reported: ${JSON.stringify(o.problems, null, 1)}`);
  return hit;
}

/** The invalid value named in quotes, and the field in its own words. */
export function expectNamesValue(problem: { problem: string }, value: string, words: RegExp): void {
  expect(problem.problem).toContain(`'${value}'`);
  expect(problem.problem).toMatch(words);
}

/** Which (form, column, year) cases ran, so a case silently left out by a filter is noticed. */
export class Exercised {
  private readonly seen = new Set<string>();

  add(...parts: (string | number)[]): void {
    this.seen.add(parts.join(' · '));
  }

  expectAll(expected: (string | number)[][]): void {
    const missing = expected.map((p) => p.join(' · ')).filter((k) => !this.seen.has(k));
    expect(missing, 'invalid-code cases that never ran').toEqual([]);
  }
}
