/**
 * Issue 13, points 1 and 2, on a real encrypted demo store: a secure accommodation order and a
 * Deprivation of Liberty order lead to different homes, and a home Ofsted has suspended has its
 * vacancies withdrawn (with the reason on the board) and is left out of every search with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOfsted } from '../../db/importers/ofsted';
import { loadOpenVacancies, loadReferralForMatching } from '../../db/repositories/matching';
import { getVacancy, vacancyHistory } from '../../db/repositories/vacancies';
import { DEFAULT_POLICY } from '../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../shared/scoring/rank';
import { tempStore } from '../helpers/store';
import { fileOf } from './importers/ssda903-generator';

const TODAY = '2026-11-25';
const NATIONAL = /secure welfare beds are allocated nationally by the Secure Welfare Coordination Unit, not from the region’s vacancies/;
let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'demo', today: TODAY });
});
afterAll(() => store?.remove());

const ids = (sql: string, ...params: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .all(...params) as number[];

function search(referralId: number) {
  const child = loadReferralForMatching(store.db, referralId, TODAY)!;
  const { engine } = loadOpenVacancies(store.db, TODAY);
  return { child, engine, result: rankVacanciesForReferral(child, engine, DEFAULT_POLICY, { explainTop: 50 }) };
}

describe('a secure accommodation order is not a Deprivation of Liberty order', () => {
  it('the demo has one secure-order child and DoL children who have no secure order', () => {
    expect(ids('SELECT id FROM referrals WHERE secure_order = 1')).toHaveLength(1);
    expect(ids('SELECT id FROM referrals WHERE secure_order = 1 AND deprivation_of_liberty = 1')).toEqual([]);
    expect(
      ids("SELECT id FROM referrals WHERE deprivation_of_liberty = 1 AND status IN ('new', 'searching', 'shortlisted', 'offered')").length,
    ).toBeGreaterThan(1);
    expect(ids('SELECT id FROM homes WHERE dol_capable = 1').length).toBeGreaterThanOrEqual(3);
  });

  it('a secure-order referral is offered only secure homes, and every other home says secure beds are allocated nationally', () => {
    const [referralId] = ids('SELECT id FROM referrals WHERE secure_order = 1');
    const { child, engine, result } = search(referralId!);
    expect(child.legal).toEqual({ secureOrder: true, deprivationOfLiberty: false });
    const secure = new Set(engine.filter((v) => v.secure).map((v) => v.vacancyId));
    for (const r of result.ranked) {
      expect(secure.has(r.vacancyId)).toBe(true);
      expect(r.explanation!.summary.join(' ')).toMatch(/allocated nationally by the Secure Welfare Coordination Unit/);
    }
    const open = result.excluded.filter((e) => !secure.has(e.vacancyId));
    expect(open.length).toBeGreaterThan(0);
    for (const e of open) expect(e.reasons.find((r) => r.rule === 'secure')?.reason).toMatch(NATIONAL);
  });

  it('a DoL-only referral is offered only homes able to meet the order, never a secure home, and no reason says it has a secure order', () => {
    const dolReferrals = ids(
      "SELECT id FROM referrals WHERE deprivation_of_liberty = 1 AND secure_order = 0 AND status IN ('new', 'searching', 'shortlisted', 'offered') ORDER BY id",
    );
    let offered = 0;
    for (const referralId of dolReferrals) {
      const { child, engine, result } = search(referralId);
      expect(child.legal).toEqual({ secureOrder: false, deprivationOfLiberty: true });
      const byId = new Map(engine.map((v) => [v.vacancyId, v]));
      for (const r of result.ranked) {
        expect(byId.get(r.vacancyId)).toMatchObject({ secure: false, dolCapable: true });
        offered++;
      }
      for (const e of result.excluded) {
        for (const reason of e.reasons) expect(reason.reason).not.toMatch(/child is subject to a secure accommodation order/);
        const v = byId.get(e.vacancyId)!;
        if (!v.secure && !v.dolCapable) expect(e.reasons.map((r) => r.rule)).toContain('deprivationOfLiberty');
      }
    }
    // Not vacuous: some DoL child in the demo has a home that can meet the order.
    expect(offered).toBeGreaterThan(0);
  });
});

describe('a home whose Ofsted registration is suspended', () => {
  it('in the demo: its vacancies are withdrawn with the reason the board shows', () => {
    const [homeId] = ids("SELECT id FROM homes WHERE registration_status = 'suspended'");
    expect(homeId).toBeDefined();
    const withdrawn = ids('SELECT id FROM vacancies WHERE home_id = ? AND withdrawn_reason IS NOT NULL', homeId);
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(ids("SELECT id FROM vacancies WHERE home_id = ? AND status IN ('open', 'held')", homeId)).toEqual([]);
    expect(getVacancy(store.db, withdrawn[0]!)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Ofsted registration suspended on 18 Nov 2026' });
  });

  it('on import of an Ofsted list saying Suspended: open vacancies withdrawn with the reason, in the import, and the home left out of search', () => {
    const row = store.db
      .prepare(
        `SELECT h.id AS homeId, h.ofsted_urn AS urn, c.name AS council, v.id AS vacancyId FROM homes h
           JOIN councils c ON c.id = h.council_id JOIN vacancies v ON v.home_id = h.id
           JOIN residential_homes r ON r.home_id = h.id
         WHERE v.status = 'open' AND h.ofsted_urn IS NOT NULL AND r.secure = 0 AND h.registration_status = 'registered'
           AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.vacancy_id = v.id)
         ORDER BY h.id LIMIT 1`,
      )
      .get() as { homeId: number; urn: string; council: string; vacancyId: number };
    const openAtHome = ids("SELECT id FROM vacancies WHERE home_id = ? AND status = 'open' ORDER BY id", row.homeId);
    // A referral this home would suit before the suspension: it is in the ranking.
    const referralId = ids("SELECT id FROM referrals WHERE status IN ('new', 'searching') ORDER BY id").find((id) =>
      search(id).result.ranked.some((r) => Number(r.homeId) === row.homeId),
    );

    const csv = [
      'Local authority,URN,Provider type,Sector,Registration status,Deregistration date',
      `${row.council},${row.urn},Children's home,Private,Suspended,01/12/2026`,
    ].join('\r\n');
    const withdrawnEvents: number[] = [];
    const outcome = importOfsted(store.db, [fileOf('suspended.csv', csv)], {
      skipBadRows: false,
      dryRun: false,
      today: '2026-12-08',
      now: '2026-12-08T09:30:00.000Z',
      onVacancyWithdrawn: (id) => withdrawnEvents.push(id),
    });
    expect(outcome.imported, JSON.stringify(outcome.problems)).toBe(true);
    expect(store.db.prepare('SELECT registration_status AS s, registration_status_date AS d FROM homes WHERE id = ?').get(row.homeId)).toEqual({
      s: 'suspended',
      d: '2026-12-01',
    });
    expect(withdrawnEvents).toEqual(openAtHome);
    for (const id of openAtHome) {
      expect(getVacancy(store.db, id)).toMatchObject({
        status: 'withdrawn',
        withdrawnReason: 'Ofsted registration suspended on 1 Dec 2026',
        homeBarred: 'Ofsted registration suspended on 1 Dec 2026',
      });
      expect(vacancyHistory(store.db, id).at(-1)).toEqual({ status: 'withdrawn', at: '2026-12-08T09:30:00.000Z', userId: null });
    }

    // Not in any search now; and were a vacancy of it open again, the search would say why not.
    if (referralId !== undefined) expect(search(referralId).result.ranked.some((r) => Number(r.homeId) === row.homeId)).toBe(false);
    store.db.prepare("UPDATE vacancies SET status = 'open' WHERE id = ?").run(row.vacancyId);
    const anyReferral = ids("SELECT id FROM referrals WHERE status IN ('new', 'searching') ORDER BY id")[0]!;
    const excluded = search(anyReferral).result.excluded.find((e) => e.vacancyId === String(row.vacancyId));
    expect(excluded?.reasons).toContainEqual({ rule: 'registration', reason: 'Ofsted registration suspended on 1 Dec 2026; the home cannot take a child.' });
    store.db.prepare("UPDATE vacancies SET status = 'withdrawn' WHERE id = ?").run(row.vacancyId);
  });
});
