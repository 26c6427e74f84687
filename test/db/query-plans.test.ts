import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../db/handle';
import { appendAudit, auditForRecord } from '../../db/repositories/audit';
import { listChildren } from '../../db/repositories/children';
import { listVacancies } from '../../db/repositories/vacancies';
import { tempStore } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;
let s: Store;

beforeAll(() => {
  s = tempStore({ kind: 'demo' });
  for (let n = 1; n <= 50; n++) {
    appendAudit(s.db, {
      at: '2026-11-25T10:00:00.000Z', userId: 1, username: 'demo.officer', role: 'placement_officer', method: 'children.get',
      action: 'view', recordType: 'child', recordId: String(n % 7), outcome: 'ok',
    });
  }
});
afterAll(() => s.remove());

interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * Runs a repository function against the real store while noting the SQL and parameters it runs,
 * so the plan checked is the plan of the exact statement the app executes (not a copy of it).
 */
function captureStatements<T>(run: (db: ReadableDB) => T): { result: T; statements: Captured[] } {
  const statements: Captured[] = [];
  const real = s.db;
  const recording = new Proxy(real, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const runWith = (name: 'all' | 'get' | 'iterate') => (...params: unknown[]) => {
            statements.push({ sql, params });
            return (stmt[name] as (...p: unknown[]) => unknown)(...params);
          };
          return new Proxy(stmt, {
            get(st, p) {
              if (p === 'all' || p === 'get' || p === 'iterate') return runWith(p);
              const value = Reflect.get(st, p, st) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(st) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as ReadableDB;
  const result = run(recording);
  return { result, statements };
}

function planOf(db: Database.Database, c: Captured): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { detail: string }[]).map((r) => r.detail);
}

function onlyStatement(statements: Captured[]): Captured {
  expect(statements).toHaveLength(1);
  return statements[0]!;
}

/** A full scan of the table (by alias or name), through an index or not. */
function scansOf(plan: string[], alias: string): string[] {
  return plan.filter((line) => new RegExp(`^SCAN ${alias}\\b`).test(line));
}

describe('hot queries use their indexes', () => {
  it('listVacancies by status searches vacancies_by_status', () => {
    const { result, statements } = captureStatements((db) => listVacancies(db, { status: 'open' }));
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((v) => v.status === 'open')).toBe(true);
    const plan = planOf(s.db, onlyStatement(statements));
    expect(plan.some((l) => /^SEARCH v USING (COVERING )?INDEX vacancies_by_status \(status=\?/.test(l)), plan.join('\n')).toBe(true);
    expect(scansOf(plan, 'v'), plan.join('\n')).toEqual([]);
  });

  it('listVacancies by council reaches vacancies through homes_by_council and vacancies_by_home', () => {
    const councilId = (s.db.prepare("SELECT id FROM councils WHERE name = 'Manchester'").get() as { id: number }).id;
    const { result, statements } = captureStatements((db) => listVacancies(db, { councilId }));
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((v) => v.councilId === councilId)).toBe(true);
    const plan = planOf(s.db, onlyStatement(statements));
    expect(plan.some((l) => /^SEARCH h USING (COVERING )?INDEX homes_by_council \(council_id=\?/.test(l)), plan.join('\n')).toBe(true);
    expect(plan.some((l) => /^SEARCH v USING (COVERING )?INDEX vacancies_by_home \(home_id=\?/.test(l)), plan.join('\n')).toBe(true);
    expect([...scansOf(plan, 'v'), ...scansOf(plan, 'h')], plan.join('\n')).toEqual([]);
  });

  it('listChildren by council searches children_by_council, already in ref order', () => {
    const councilId = (s.db.prepare("SELECT id FROM councils WHERE name = 'Bolton'").get() as { id: number }).id;
    const { result, statements } = captureStatements((db) => listChildren(db, councilId, null));
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((c) => c.councilId === councilId)).toBe(true);
    expect(result.map((c) => c.ref)).toEqual([...result.map((c) => c.ref)].sort());
    const plan = planOf(s.db, onlyStatement(statements));
    expect(plan.some((l) => /^SEARCH ch USING (COVERING )?INDEX children_by_council \(council_id=\?/.test(l)), plan.join('\n')).toBe(true);
    expect(scansOf(plan, 'ch'), plan.join('\n')).toEqual([]);
    expect(plan.some((l) => l.includes('TEMP B-TREE')), plan.join('\n')).toBe(false);
  });

  it('auditForRecord searches audit_by_record', () => {
    const { result, statements } = captureStatements((db) => auditForRecord(db, 'child', '3'));
    expect(result.length).toBe(7);
    const plan = planOf(s.db, onlyStatement(statements));
    expect(plan.some((l) => /^SEARCH audit_log USING (COVERING )?INDEX audit_by_record \(record_type=\? AND record_id=\?\)/.test(l)), plan.join('\n')).toBe(true);
    expect(scansOf(plan, 'audit_log'), plan.join('\n')).toEqual([]);
  });
});
