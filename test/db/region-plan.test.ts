import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpenVacancies } from '../../db/repositories/matching';
import { currentPolicy } from '../../db/repositories/policies';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { loadPlanInput } from '../../electron/services/plan';
import type { SearchResult } from '../../shared/contract/matching';
import { DEFAULT_URGENCY, greedyPlan, loadSolver, planRegion, vacancyTable, type RegionPlan, type VacancyForMatching } from '../../shared/scoring';
import { bestPairs, buildPlanProblem } from '../../shared/scoring/problem';
import { signInAs } from '../helpers/as-user';
import { tempStore, testBackend } from '../helpers/store';

/*
 * The region plan on a real encrypted demo store: a home listed twice is still one home (the
 * issue's copy of the demo with one extra vacancy row), for the plan, a search, a hold and a
 * placement alike; a household's own children use no approval place; and a policy saved before
 * urgency existed still loads.
 */

const TODAY = '2026-11-25';
let store: ReturnType<typeof tempStore>;

beforeAll(async () => {
  store = tempStore({ kind: 'demo', today: TODAY });
  await loadSolver();
});
afterAll(() => store?.remove());

const one = (sql: string, ...params: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** Children each home is given by a plan, by home id. */
function childrenPerHome(plan: RegionPlan): Map<string, number> {
  const per = new Map<string, number>();
  for (const p of plan.placements) per.set(p.homeId, (per.get(p.homeId) ?? 0) + p.childIds.length);
  return per;
}

/** Approval places a home has left now (approved number less children in care there and beds held), by the store's own rows. */
function placesLeft(homeId: number): number {
  return one(
    `SELECT COALESCE(f.approval_max_children, r.places, s.places)
            - (SELECT count(*) FROM children c WHERE c.current_home_id = h.id)
            - (SELECT COALESCE(sum(beds), 0) FROM vacancies v WHERE v.home_id = h.id AND v.status = 'held')
     FROM homes h LEFT JOIN foster_households f ON f.home_id = h.id LEFT JOIN residential_homes r ON r.home_id = h.id LEFT JOIN supported_homes s ON s.home_id = h.id
     WHERE h.id = ?`,
    homeId,
  );
}

describe('approvals count fostered children, not the carers’ own', () => {
  it('every open foster bed the demo posts is one a child can take under the approval, households with their own children included', () => {
    const { engine } = loadOpenVacancies(store.db, TODAY);
    const t = vacancyTable(engine);
    const withOwn = engine.filter((v) => v.kind === 'foster' && v.household.length > 0);
    // A household's own children are housemates, not approval places.
    expect(withOwn.length).toBeGreaterThan(10);
    expect(withOwn.some((v) => v.household.some((h) => h.age >= 18))).toBe(true);
    for (let i = 0; i < t.size; i++) {
      expect(t.placesTaken[i]! + 1, `vacancy ${engine[i]!.vacancyId}`).toBeLessThanOrEqual(t.maxChildren[i]!);
    }
  });
});

describe('a home with a second vacancy row is one home', () => {
  let homeId: number;
  let first: number;
  let second: number;
  let wanting: string[];

  it('the plan never gives a home more children than its approval allows, and stays proven optimal', async () => {
    const before = loadPlanInput(store.db, null, TODAY);
    // The home the issue describes: a foster household whose approval has room for one more
    // child, with a one-bed vacancy that is the best home of two or more referrals.
    const p = buildPlanProblem(before.referrals, before.vacancies, before.policy, TODAY);
    const firstChoiceOf = new Map<number, string[]>();
    for (let r = 0; r < p.referrals.length; r++) {
      const best = bestPairs(p, r, 1)[0];
      if (best === undefined) continue;
      const v = p.pairVacancy[best]!;
      firstChoiceOf.set(v, [...(firstChoiceOf.get(v) ?? []), p.referrals[r]!.referralId]);
    }
    const candidates = [...firstChoiceOf.entries()]
      .filter(([v, who]) => {
        const home = p.vacancies[v]!;
        return who.length >= 2 && home.kind === 'foster' && home.bedsFree === 1 && placesLeft(Number(home.homeId)) === 1;
      })
      .sort((a, b) => b[1].length - a[1].length || Number(p.vacancies[a[0]]!.vacancyId) - Number(p.vacancies[b[0]]!.vacancyId));
    expect(candidates.length).toBeGreaterThan(0);
    const [row, who] = candidates[0]!;
    first = Number(p.vacancies[row]!.vacancyId);
    homeId = Number(p.vacancies[row]!.homeId);
    wanting = who;

    // A provider's feed adds a second vacancy row for the same home: same bed, same price.
    store.db
      .prepare(
        `INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence, price_other_pence, updated_at, source)
         SELECT home_id, 1, available_from, 'open', price_core_pence, price_support_pence, price_education_pence, price_other_pence, updated_at, 'feed' FROM vacancies WHERE id = ?`,
      )
      .run(first);
    second = one('SELECT max(id) FROM vacancies');
    store.db.prepare("INSERT INTO vacancy_status_history (vacancy_id, status, at) VALUES (?, 'open', ?)").run(second, `${TODAY}T08:00:00.000Z`);

    const input = loadPlanInput(store.db, null, TODAY);
    expect(input.vacancies.filter((v) => v.homeId === String(homeId))).toHaveLength(2);
    // Not a vacuous check: were the two rows two homes, the plan would fill both of them.
    const apart: VacancyForMatching[] = input.vacancies.map((v) => (v.vacancyId === String(second) ? { ...v, homeId: 'another home' } : v));
    const naive = await planRegion(input.referrals, apart, input.policy, { today: TODAY });
    expect((childrenPerHome(naive).get(String(homeId)) ?? 0) + (childrenPerHome(naive).get('another home') ?? 0)).toBe(2);

    const plan = await planRegion(input.referrals, input.vacancies, input.policy, { today: TODAY });
    const greedy = greedyPlan(input.referrals, input.vacancies, input.policy, TODAY);
    expect(plan.optimality.status).toBe('optimal');
    for (const made of [plan, greedy]) {
      expect(childrenPerHome(made).get(String(homeId)) ?? 0, made.method).toBeLessThanOrEqual(1);
      for (const [home, children] of childrenPerHome(made)) expect(children, `${made.method}: home ${home}`).toBeLessThanOrEqual(placesLeft(Number(home)));
    }
  });

  it('a hold on one row uses the home’s place: a search then excludes the other row, and hold and place refuse it, saying why', async () => {
    const backend = testBackend(store.db, () => new Date(`${TODAY}T11:00:00.000Z`));
    const officer = await signInAs(backend, 'demo.officer', DEMO_PASSWORD);
    const [a, b] = wanting.map(Number) as [number, number];
    await officer.ok('placement.hold', { referralId: a, vacancyId: first, note: 'Home listed twice' });

    const search = (await officer.ok('matching.search', { referralId: b })) as SearchResult;
    const excluded = search.excluded.find((e) => e.vacancyId === second);
    expect(
      excluded?.reasons.filter((r) =>
        /^Approved for \d+ fostered child(ren)?, with (\d+ placed here and )?1 bed held for a child on the way; the child needs 1\.$/.test(r),
      ),
    ).toHaveLength(1);
    expect(search.ranked.some((r) => r.vacancyId === second)).toBe(false);

    const refused = await officer.fails('placement.hold', { referralId: b, vacancyId: second, note: '' });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(
      /has no room for this referral now: Approved for \d+ fostered child(ren)?, with (\d+ placed here and )?1 bed held for a child on the way/,
    );
    expect(one('SELECT status FROM vacancies WHERE id = ?', second) as unknown).toBe('open');

    const price = { core: 50_000, support: 0, education: 0, other: 0 };
    const place = { startDate: TODAY, price, rationale: 'Closest home that can meet her needs.', distanceReason: 'Not applicable' as const };
    expect((await officer.fails('placement.place', { referralId: b, vacancyId: second, ...place })).message).toMatch(/1 bed held for a child on the way/);
    await officer.ok('placement.place', { referralId: a, vacancyId: first, ...place, reasonPlaceChange: 'CARPL' }); // she moves from a home in care
    // Now the child lives there: the second row is refused for the approval, not the hold.
    expect((await officer.fails('placement.place', { referralId: b, vacancyId: second, ...place })).message).toMatch(
      /Approved for (\d+) fostered child(ren)?, with \1 already placed here; the child needs 1\./,
    );
    expect(placesLeft(homeId)).toBe(0);
  });
});

describe('policies saved before urgency was part of them', () => {
  it('load with the default urgency, and the plan runs on them', async () => {
    const old = JSON.parse(JSON.stringify(currentPolicy(store.db))) as { version: number; plan: Record<string, unknown> };
    delete old.plan.urgency;
    const version = one('SELECT COALESCE(max(version), 1) + 1 FROM policies');
    old.version = version;
    store.db
      .prepare("INSERT INTO policies (version, policy, note, created_at) VALUES (?, ?, 'saved by an older app', ?)")
      .run(version, JSON.stringify(old), `${TODAY}T09:00:00.000Z`);
    const policy = currentPolicy(store.db);
    expect(policy.version).toBe(version);
    expect(policy.plan.urgency).toEqual(DEFAULT_URGENCY);
    const input = loadPlanInput(store.db, null, TODAY);
    expect((await planRegion(input.referrals, input.vacancies, input.policy, { today: TODAY })).optimality.status).toBe('optimal');
  });
});
