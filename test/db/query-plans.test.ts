import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../db/handle';
import { appendAudit, auditForRecord, listAudit } from '../../db/repositories/audit';
import { listChildren, listEpisodes } from '../../db/repositories/children';
import { getFosterHome, listCandidateHouseholds } from '../../db/repositories/constellations';
import { listOffers } from '../../db/repositories/placements';
import { listSearchRuns } from '../../db/repositories/policies';
import { listReferralLines, referralHistory } from '../../db/repositories/referrals';
import { listVacancies } from '../../db/repositories/vacancies';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { tempStore } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;
let s: Store;

beforeAll(() => {
  s = tempStore({ kind: 'demo' });
  for (let n = 1; n <= 50; n++) {
    appendAudit(s.db, {
      at: '2026-11-25T10:00:00.000Z',
      userId: 1,
      username: 'demo.officer',
      role: 'placement_officer',
      method: 'children.get',
      action: 'view',
      recordType: 'child',
      recordId: String(n % 7),
      outcome: 'ok',
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
          const runWith =
            (name: 'all' | 'get' | 'iterate') =>
            (...params: unknown[]) => {
              statements.push({ sql, params });
              return (stmt[name] as (...p: unknown[]) => unknown)(...params);
            };
          const proxy: Database.Statement = new Proxy(stmt, {
            get(st, p) {
              if (p === 'all' || p === 'get' || p === 'iterate') return runWith(p);
              // pluck() and its kind return the statement itself: hand back the proxy, or the run that follows goes unrecorded.
              if (p === 'pluck' || p === 'raw' || p === 'expand' || p === 'safeIntegers' || p === 'bind') {
                return (...args: unknown[]) => {
                  (st[p] as (...a: unknown[]) => unknown).apply(st, args);
                  return proxy;
                };
              }
              const value = Reflect.get(st, p, st) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(st) : value;
            },
          });
          return proxy;
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
  it("the audit trail's filters by person, child and action search their indexes, for the page and for its count", () => {
    const cases: [Parameters<typeof listAudit>[1], RegExp][] = [
      [{ username: 'DEMO.officer' }, /^SEARCH a USING (COVERING )?INDEX audit_by_user \(username=\?/],
      [{ childId: 3 }, /^SEARCH a USING (COVERING )?INDEX audit_by_record \(record_type=\? AND record_id=\?/],
      [{ actions: ['view'] }, /^SEARCH a USING (COVERING )?INDEX audit_by_action \(action=\?/],
      [{ fromAt: '2026-11-25T00:00:00.000Z', beforeAt: '2026-11-26T00:00:00.000Z' }, /^SEARCH a USING (COVERING )?INDEX audit_by_at \(at>\? AND at<\?/],
    ];
    for (const [query, expected] of cases) {
      const { result, statements } = captureStatements((db) => listAudit(db, query, { offset: 0, limit: 50 }));
      expect(result.total, JSON.stringify(query)).toBeGreaterThan(0);
      expect(statements).toHaveLength(2);
      for (const statement of statements) {
        const plan = planOf(s.db, statement);
        expect(
          plan.some((l) => expected.test(l)),
          `${JSON.stringify(query)}\n${plan.join('\n')}`,
        ).toBe(true);
        expect(scansOf(plan, 'a'), plan.join('\n')).toEqual([]);
      }
    }
  });

  it('listVacancies by status searches vacancies_by_status, for the page and for its count', () => {
    const { result, statements } = captureStatements((db) => listVacancies(db, { status: 'open', limit: 100, offset: 0 }));
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((v) => v.status === 'open')).toBe(true);
    // The page, then the count: the count is answered from the index alone.
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const plan = planOf(s.db, statement);
      expect(
        plan.some((l) => /^SEARCH v USING (COVERING )?INDEX vacancies_by_status \(status=\?/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(scansOf(plan, 'v'), plan.join('\n')).toEqual([]);
    }
    expect(planOf(s.db, statements[1]!)).toEqual(['SEARCH v USING COVERING INDEX vacancies_by_status (status=?)']);
  });

  it('listVacancies by council reaches vacancies through homes_by_council and vacancies_by_home, for the page and for its count', () => {
    const councilId = (s.db.prepare("SELECT id FROM councils WHERE name = 'Manchester'").get() as { id: number }).id;
    const { result, statements } = captureStatements((db) => listVacancies(db, { councilId, limit: 100, offset: 0 }));
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((v) => v.councilId === councilId)).toBe(true);
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const plan = planOf(s.db, statement);
      expect(
        plan.some((l) => /^SEARCH h USING (COVERING )?INDEX homes_by_council \(council_id=\?/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(
        plan.some((l) => /^SEARCH v USING (COVERING )?INDEX vacancies_by_home \(home_id=\?/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect([...scansOf(plan, 'v'), ...scansOf(plan, 'h')], plan.join('\n')).toEqual([]);
    }
  });

  it('listChildren by council searches children_by_council, already in ref order, for the page and for its count', () => {
    const councilId = (s.db.prepare("SELECT id FROM councils WHERE name = 'Bolton'").get() as { id: number }).id;
    const { result, statements } = captureStatements((db) => listChildren(db, { councilId, text: null, limit: 100, offset: 0 }));
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.total).toBe(s.db.prepare('SELECT count(*) FROM children WHERE council_id = ?').pluck().get(councilId));
    expect(result.rows.every((c) => c.councilId === councilId)).toBe(true);
    expect(result.rows.map((c) => c.ref)).toEqual([...result.rows.map((c) => c.ref)].sort());
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const plan = planOf(s.db, statement);
      expect(
        plan.some((l) => /^SEARCH ch USING (COVERING )?INDEX children_by_council \(council_id=\?/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(scansOf(plan, 'ch'), plan.join('\n')).toEqual([]);
      expect(
        plan.some((l) => l.includes('TEMP B-TREE')),
        plan.join('\n'),
      ).toBe(false);
    }
  });

  it('listChildren for the whole region walks a reference-ordered index for its page (no sort), and counts without joining councils', () => {
    const { result, statements } = captureStatements((db) => listChildren(db, { councilId: null, text: null, limit: 50, offset: 100 }));
    expect(result.rows).toHaveLength(50);
    expect(statements).toHaveLength(2);
    const [page, count] = statements.map((st) => planOf(s.db, st));
    expect(
      page!.some((l) => /^SCAN ch USING (COVERING )?INDEX (sqlite_autoindex_children_1|children_search)/.test(l)),
      page!.join('\n'),
    ).toBe(true);
    expect(
      page!.some((l) => l.includes('TEMP B-TREE')),
      page!.join('\n'),
    ).toBe(false);
    expect(
      count!.some((l) => /USING (COVERING )?INDEX/.test(l)),
      count!.join('\n'),
    ).toBe(true);
    expect(count!.join('\n')).not.toMatch(/councils|\bc\b/);
  });

  it('auditForRecord searches audit_by_record', () => {
    const { result, statements } = captureStatements((db) => auditForRecord(db, 'child', '3'));
    expect(result.length).toBe(7);
    const plan = planOf(s.db, onlyStatement(statements));
    expect(
      plan.some((l) => /^SEARCH audit_log USING (COVERING )?INDEX audit_by_record \(record_type=\? AND record_id=\?\)/.test(l)),
      plan.join('\n'),
    ).toBe(true);
    expect(scansOf(plan, 'audit_log'), plan.join('\n')).toEqual([]);
  });
});

/** Plans of every statement a repository function runs, one string per statement. */
function plansOfAll(run: (db: ReadableDB) => unknown): { sql: string; plan: string[] }[] {
  const { statements } = captureStatements(run);
  expect(statements.length).toBeGreaterThan(0);
  return statements.map((c) => ({ sql: c.sql.replace(/\s+/g, ' ').trim(), plan: planOf(s.db, c) }));
}

/** A step that reads a whole table, or an index SQLite had to build for the statement. */
const UNINDEXED = (table: string) => new RegExp(`^SCAN ${table}\\b|AUTOMATIC (COVERING )?INDEX`);

describe('the queries behind the referral, child and constellation screens use their indexes', () => {
  const one = (sql: string) => s.db.prepare(sql).pluck().get() as number;

  it('the referrals inbox reaches open referrals through an index, for the region and for one council', () => {
    for (const councilId of [null, one("SELECT id FROM councils WHERE name = 'Bolton'")]) {
      const { result, statements } = captureStatements((db) =>
        listReferralLines(db, { councilId, statuses: OPEN_REFERRAL_STATUSES, text: null, assignedUserId: null }),
      );
      expect(result.length).toBeGreaterThan(0);
      const plan = planOf(s.db, onlyStatement(statements));
      expect(
        plan.some((l) => /^SEARCH r USING INDEX referrals_by_(status|council) \((status|council_id)=\?/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(
        plan.filter((l) => UNINDEXED('(r|ch)').test(l)),
        plan.join('\n'),
      ).toEqual([]);
    }
  });

  it('the inbox searched by text, and "My referrals", reach referrals through an index and match text only on the rows it leaves', () => {
    const officerId = one('SELECT assigned_user_id FROM referrals WHERE assigned_user_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const runs: [string, (db: ReadableDB) => unknown[], RegExp][] = [
      [
        'search',
        (db) => listReferralLines(db, { councilId: null, statuses: REFERRAL_STATUSES, text: 'ol', assignedUserId: null }),
        /^SEARCH r USING INDEX referrals_by_status \(status=\?/,
      ],
      [
        'mine',
        (db) => listReferralLines(db, { councilId: null, statuses: OPEN_REFERRAL_STATUSES, text: null, assignedUserId: officerId }),
        /^SEARCH r USING INDEX referrals_by_(assignee|status) \((assigned_user_id|status)=\?/,
      ],
      [
        'mine, searched',
        (db) => listReferralLines(db, { councilId: null, statuses: OPEN_REFERRAL_STATUSES, text: 'a', assignedUserId: officerId }),
        /^SEARCH r USING INDEX referrals_by_(assignee|status) \((assigned_user_id|status)=\?/,
      ],
    ];
    for (const [name, run, expected] of runs) {
      const { result, statements } = captureStatements(run);
      expect(result.length, name).toBeGreaterThan(0);
      const plan = planOf(s.db, onlyStatement(statements));
      expect(
        plan.some((l) => expected.test(l)),
        `${name}\n${plan.join('\n')}`,
      ).toBe(true);
      expect(
        plan.filter((l) => UNINDEXED('(r|ch|c|u)').test(l)),
        `${name}\n${plan.join('\n')}`,
      ).toEqual([]);
    }
  });

  it('a children search walks the narrow children_search index in reference order (no sort), or one council through children_by_council', () => {
    const { result, statements } = captureStatements((db) => listChildren(db, { councilId: null, text: 'ol', limit: 50, offset: 0 }));
    expect(result.total).toBeGreaterThan(0);
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const plan = planOf(s.db, statement);
      expect(
        plan.some((l) => /^SCAN ch USING (COVERING )?INDEX children_search/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(
        plan.some((l) => l.includes('TEMP B-TREE') || /AUTOMATIC/.test(l)),
        plan.join('\n'),
      ).toBe(false);
    }
    const councilId = one("SELECT id FROM councils WHERE name = 'Bolton'");
    const scoped = captureStatements((db) => listChildren(db, { councilId, text: 'a', limit: 50, offset: 0 }));
    for (const statement of scoped.statements) {
      const plan = planOf(s.db, statement);
      expect(
        plan.some((l) => /^SEARCH ch USING (COVERING )?INDEX children_by_council \(council_id=\?/.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(scansOf(plan, 'ch'), plan.join('\n')).toEqual([]);
    }
  });

  it('a referral’s history, offers and search runs are read by referral id', () => {
    const referralId = one('SELECT referral_id FROM offers ORDER BY id LIMIT 1');
    const expectations: [(db: ReadableDB) => unknown, RegExp][] = [
      [(db) => referralHistory(db, referralId), /^SEARCH h USING INDEX referral_history_by_referral \(referral_id=\?/],
      [(db) => listOffers(db, referralId), /^SEARCH o USING INDEX offers_by_referral \(referral_id=\?/],
      [(db) => listSearchRuns(db, referralId), /^SEARCH s USING INDEX search_runs_by_referral \(referral_id=\?/],
    ];
    for (const [run, expected] of expectations) {
      const [{ plan }] = plansOfAll(run) as [{ sql: string; plan: string[] }];
      expect(
        plan.some((l) => expected.test(l)),
        plan.join('\n'),
      ).toBe(true);
      expect(
        plan.filter((l) => UNINDEXED('(h|o|s|v|u)').test(l)),
        plan.join('\n'),
      ).toEqual([]);
    }
  });

  it('a child’s profile reads their episodes through episodes_by_child, already in date order', () => {
    const childId = one('SELECT child_id FROM episodes GROUP BY child_id ORDER BY count(*) DESC LIMIT 1');
    const [{ plan }] = plansOfAll((db) => listEpisodes(db, childId)) as [{ sql: string; plan: string[] }];
    expect(
      plan.some((l) => /^SEARCH e USING INDEX episodes_by_child \(child_id=\?/.test(l)),
      plan.join('\n'),
    ).toBe(true);
    expect(
      plan.filter((l) => UNINDEXED('e').test(l)),
      plan.join('\n'),
    ).toEqual([]);
  });

  it('a household’s hub status is found through constellations_by_hub, never a scan or a throwaway index', () => {
    const constellationId = one('SELECT id FROM constellations ORDER BY id LIMIT 1');
    const hubHomeId = one(`SELECT hub_home_id FROM constellations WHERE id = ${constellationId}`);
    for (const run of [(db: ReadableDB) => getFosterHome(db, hubHomeId), (db: ReadableDB) => listCandidateHouseholds(db, constellationId, null)]) {
      for (const { sql, plan } of plansOfAll(run)) {
        expect(
          plan.some((l) => /USING (COVERING )?INDEX constellations_by_hub \(hub_home_id=\?\)/.test(l)),
          `${sql}\n${plan.join('\n')}`,
        ).toBe(true);
        expect(
          plan.filter((l) => UNINDEXED('(hub|x|c|constellations)').test(l)),
          `${sql}\n${plan.join('\n')}`,
        ).toEqual([]);
      }
    }
  });
});
