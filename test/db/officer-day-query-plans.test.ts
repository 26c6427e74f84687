import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../db/handle';
import { chasingLines, insertNote, lastSearchAt, listNotes, placementOfReferral } from '../../db/repositories/referralDay';
import { tempStore } from '../helpers/store';

/**
 * The referral screen and every inbox line read notes, offers, placements and searches by
 * referral: each statement reaches its rows through an index, never a scan of the whole table.
 * The plans are of the exact statements the repository runs, noted as it runs them.
 */
let s: ReturnType<typeof tempStore>;
beforeAll(() => {
  s = tempStore({ kind: 'demo' });
  const referralId = s.db.prepare('SELECT id FROM referrals ORDER BY id LIMIT 1').pluck().get() as number;
  const userId = s.db.prepare('SELECT id FROM users ORDER BY id LIMIT 1').pluck().get() as number;
  insertNote(s.db, { referralId, kind: 'call', text: 'Rang the provider.', providerId: null, at: '2026-11-25T10:00:00.000Z', userId });
});
afterAll(() => s.remove());

function plansOf(run: (db: ReadableDB) => unknown): { sql: string; plan: string[] }[] {
  const seen: { sql: string; params: unknown[] }[] = [];
  const recording = new Proxy(s.db, {
    get(target, prop) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (sql: string) => {
        const stmt = target.prepare(sql);
        const wrap = {
          pluck: () => (stmt.pluck(), wrap),
          all: (...params: unknown[]) => (seen.push({ sql, params }), stmt.all(...params)),
          get: (...params: unknown[]) => (seen.push({ sql, params }), stmt.get(...params)),
        };
        return wrap;
      };
    },
  }) as ReadableDB;
  run(recording);
  expect(seen.length).toBeGreaterThan(0);
  return seen.map((c) => ({
    sql: c.sql.replace(/\s+/g, ' ').trim(),
    plan: (s.db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as { detail: string }[]).map((r) => r.detail),
  }));
}

const scans = (plan: string[], tables: string) => plan.filter((l) => new RegExp(`^SCAN (${tables})\\b|AUTOMATIC (COVERING )?INDEX`).test(l));

describe("the officer's day queries use their indexes", () => {
  it('notes of a referral come from referral_notes_by_referral', () => {
    const { plan } = plansOf((db) => listNotes(db, 1))[0]!;
    expect(
      plan.some((l) => /^SEARCH n USING INDEX referral_notes_by_referral \(referral_id=\?/.test(l)),
      plan.join('\n'),
    ).toBe(true);
    expect(scans(plan, 'n'), plan.join('\n')).toEqual([]);
  });

  it('the chasing list of many referrals (the inbox) reaches offers by referral, not by reading every offer', () => {
    const ids = s.db.prepare('SELECT DISTINCT referral_id FROM offers LIMIT 20').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(0);
    const plans = plansOf((db) => chasingLines(db, ids));
    const offers = plans.find((p) => p.sql.includes('json_each'))!;
    expect(
      offers.plan.some((l) => /^SEARCH o USING INDEX offers_by_referral \(referral_id=\?/.test(l)),
      offers.plan.join('\n'),
    ).toBe(true);
    expect(scans(offers.plan, 'o|v|h|p'), offers.plan.join('\n')).toEqual([]);
  });

  it("a referral's placement and its last search are found by referral", () => {
    const [placed] = plansOf((db) => placementOfReferral(db, 1));
    expect(
      placed!.plan.some((l) => /^SEARCH pl USING INDEX placements_by_referral \(referral_id=\?/.test(l)),
      placed!.plan.join('\n'),
    ).toBe(true);
    const [search] = plansOf((db) => lastSearchAt(db, 1));
    expect(
      search!.plan.some((l) => /^SEARCH search_runs USING COVERING INDEX search_runs_by_referral \(referral_id=\?/.test(l)),
      search!.plan.join('\n'),
    ).toBe(true);
  });
});
