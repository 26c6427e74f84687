/**
 * Placement purpose and connected-person carers on a real encrypted demo store (issue 13, points 3
 * and 4): the store feeds the engine's homes and children, so a family and friends carer's bed is
 * offered to their named child and that child's brothers and sisters only, the kinship stability
 * factor counts it, and a short-breaks carer is never offered for a long-term move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../db/handle';
import { homeApprovals } from '../../db/repositories/homeApprovals';
import { loadOpenVacancies, loadReferralForMatching } from '../../db/repositories/matching';
import { DEFAULT_POLICY, rankVacanciesForReferral, whyNot } from '../../shared/scoring';
import { DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS } from '../../db/seed/demo';
import { signInAs } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';

const TODAY = '2026-11-25';
let store: ReturnType<typeof tempStore>;
let db: WritableDB;

beforeAll(() => {
  store = tempStore({ today: TODAY });
  db = store.db;
});
afterAll(() => store.remove());

const rows = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];

describe('connected-person carers in the demo region', () => {
  it('names a child for every family and friends household with a child placed, and offers beds for a few waiting children', () => {
    const kinship = rows<{ homeId: number; named: number | null; placed: number }>(
      `SELECT h.id AS homeId, h.connected_child_id AS named, (SELECT count(*) FROM children c WHERE c.current_home_id = h.id) AS placed
       FROM homes h JOIN foster_households f ON f.home_id = h.id WHERE f.kinship = 1`,
    );
    expect(kinship.filter((k) => k.placed > 0).every((k) => k.named !== null)).toBe(true);
    expect(rows('SELECT id FROM homes WHERE connected_child_id IS NOT NULL AND kind <> ?', 'foster')).toEqual([]);
    const offered = rows<{ referralId: number; homeId: number; vacancyId: number }>(
      `SELECT r.id AS referralId, h.id AS homeId, v.id AS vacancyId FROM vacancies v JOIN homes h ON h.id = v.home_id
       JOIN referrals r ON r.child_id = h.connected_child_id AND r.status IN ('new', 'searching')
       WHERE v.status = 'open'`,
    );
    expect(offered.length).toBeGreaterThanOrEqual(1);
  });

  it("offers the relatives' bed to their named child, counts it as kinship care, and excludes it for another child with the reason", () => {
    const { referralId, homeId, vacancyId } = rows<{ referralId: number; homeId: number; vacancyId: number }>(
      `SELECT r.id AS referralId, h.id AS homeId, v.id AS vacancyId FROM vacancies v JOIN homes h ON h.id = v.home_id
       JOIN referrals r ON r.child_id = h.connected_child_id AND r.status IN ('new', 'searching')
       WHERE v.status = 'open' ORDER BY r.id LIMIT 1`,
    )[0]!;
    const vacancies = loadOpenVacancies(db, TODAY).engine;
    const bed = vacancies.find((v) => v.vacancyId === String(vacancyId))!;
    expect(bed.connectedChildId).toBeDefined();

    const named = loadReferralForMatching(db, referralId, TODAY)!;
    expect(named.kinshipHomeIds).toContain(String(homeId));
    const forNamed = rankVacanciesForReferral(named, vacancies, DEFAULT_POLICY, { explainTop: 500 });
    const ranked = forNamed.ranked.find((r) => r.vacancyId === String(vacancyId));
    expect(ranked, JSON.stringify(forNamed.excluded.find((e) => e.vacancyId === String(vacancyId)))).toBeDefined();
    expect(ranked!.explanation!.stability.find((s) => s.factor === 'kinship')!.points).toBeGreaterThan(0);

    // Any other open referral's child who is not the named child's brother or sister.
    const siblings = new Set([named.childId, ...(named.siblingIdsOnRecord ?? [])]);
    const other = rows<{ id: number; childId: number }>("SELECT id, child_id AS childId FROM referrals WHERE status IN ('new', 'searching') ORDER BY id")
      .map((r) => loadReferralForMatching(db, r.id, TODAY)!)
      .find((c) => !siblings.has(c.childId))!;
    const answer = whyNot(other, bed, DEFAULT_POLICY);
    expect(answer.reasons.map((r) => r.rule)).toContain('kinshipNamedChild');
    expect(answer.reasons.find((r) => r.rule === 'kinshipNamedChild')!.reason).toMatch(/approved for a named child .*reg 24/);
  });
});

describe('placement purposes in the demo region', () => {
  it('has short-breaks-only and parent-and-child-only households with open beds, and referrals asking for each main purpose', () => {
    const open = rows<{ homeId: number }>("SELECT DISTINCT home_id AS homeId FROM vacancies WHERE status = 'open'").map((r) => r.homeId);
    const approvals = [...homeApprovals(db, open).values()];
    expect(approvals.some((a) => a.approvedPurposes.join() === 'short_breaks')).toBe(true);
    expect(approvals.some((a) => a.approvedPurposes.join() === 'parent_and_child')).toBe(true);
    const purposes = new Set(rows<{ purpose: string }>('SELECT DISTINCT purpose FROM referrals').map((r) => r.purpose));
    for (const p of ['emergency', 'short_term', 'long_term']) expect(purposes.has(p), p).toBe(true);
  });

  it('never offers a short-breaks carer for a long-term move, and says why', () => {
    const vacancies = loadOpenVacancies(db, TODAY).engine;
    const shortBreaks = vacancies.filter((v) => v.approvedPurposes?.join() === 'short_breaks');
    expect(shortBreaks.length).toBeGreaterThan(0);
    const referralId = rows<{ id: number }>("SELECT id FROM referrals WHERE purpose = 'long_term' AND status IN ('new', 'searching') ORDER BY id LIMIT 1")[0]!
      .id;
    const child = loadReferralForMatching(db, referralId, TODAY)!;
    const result = rankVacanciesForReferral(child, vacancies, DEFAULT_POLICY, { explainTop: 0 });
    const ids = new Set(shortBreaks.map((v) => v.vacancyId));
    expect(result.ranked.filter((r) => ids.has(r.vacancyId))).toEqual([]);
    const reasons = result.excluded.filter((e) => ids.has(e.vacancyId)).flatMap((e) => e.reasons.filter((r) => r.rule === 'purpose'));
    expect(reasons).toHaveLength(shortBreaks.length);
    expect(reasons[0]!.reason).toBe('Approved for short breaks; the referral asks for a long-term (permanence) placement, which that approval does not cover.');
  });
});

describe('the vacancies board', () => {
  it("shows a connected-person carer's named child by reference only to officers and administrators in scope", async () => {
    const backend = testBackend(db, testClock(`${TODAY}T10:00:00.000Z`).now);
    const bed = rows<{ vacancyId: number; ref: string; councilId: number }>(
      `SELECT v.id AS vacancyId, c.ref, c.council_id AS councilId FROM vacancies v JOIN homes h ON h.id = v.home_id
       JOIN children c ON c.id = h.connected_child_id WHERE v.status = 'open' ORDER BY v.id LIMIT 1`,
    )[0]!;
    const elsewhere = rows<{ name: string }>('SELECT name FROM councils WHERE id <> ? ORDER BY id', bed.councilId).map((c) => c.name);
    const outsider = DEMO_SCOPED_ACCOUNTS.find((a) => a.role === 'placement_officer' && elsewhere.includes(a.council))!.username;
    const approvalOf = async (username: string) => {
      const user = await signInAs(backend, username, DEMO_PASSWORD);
      const page = await user.ok('vacancies.list', { status: 'open', limit: 500, offset: 0 });
      return page.rows.find((r) => r.id === bed.vacancyId)?.approval;
    };
    expect(await approvalOf('demo.officer')).toMatchObject({ connectedPerson: true, namedChildRef: bed.ref });
    expect(await approvalOf('demo.commissioner')).toMatchObject({ connectedPerson: true, namedChildRef: null });
    // A council-scoped officer sees the region's board, but not a reference to another council's child.
    expect(await approvalOf(outsider)).toMatchObject({ connectedPerson: true, namedChildRef: null });
  });
});

describe('hold and place keep the approval', () => {
  it("refuses to hold a family and friends carer's bed for another child, saying why, and holds it for the named child", async () => {
    const backend = testBackend(db, testClock(`${TODAY}T10:00:00.000Z`).now);
    const officer = await signInAs(backend, 'demo.officer', DEMO_PASSWORD);
    const bed = rows<{ vacancyId: number; referralId: number; childId: number; siblingGroup: string | null }>(
      `SELECT v.id AS vacancyId, r.id AS referralId, c.id AS childId, c.sibling_group AS siblingGroup FROM vacancies v
       JOIN homes h ON h.id = v.home_id JOIN children c ON c.id = h.connected_child_id
       JOIN referrals r ON r.child_id = c.id AND r.status IN ('new', 'searching')
       WHERE v.status = 'open' ORDER BY v.id LIMIT 1`,
    )[0]!;
    const other = rows<{ id: number }>(
      `SELECT r.id FROM referrals r JOIN children c ON c.id = r.child_id
       WHERE r.status IN ('new', 'searching') AND c.id <> ? AND (c.sibling_group IS NULL OR c.sibling_group IS NOT ?) ORDER BY r.id LIMIT 1`,
      bed.childId,
      bed.siblingGroup,
    )[0]!;
    const refused = await officer.fails('placement.hold', { referralId: other.id, vacancyId: bed.vacancyId, note: '' });
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'vacancyId' });
    expect(refused.message).toMatch(/is not approved for this referral: .*approved for a named child/);
    expect(db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(bed.vacancyId)).toBe('open');
    await officer.ok('placement.hold', { referralId: bed.referralId, vacancyId: bed.vacancyId, note: 'Aunt and uncle, approved for her' });
    expect(db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(bed.vacancyId)).toBe('held');
  });
});
