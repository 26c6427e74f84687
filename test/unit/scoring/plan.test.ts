/**
 * Planning the region: every plan is valid (no bed used twice, sibling groups whole, hard rules
 * and housemate rules kept), the solver's plan is optimal (checked against brute force on small
 * regions and against the plain formulation), and both solver paths agree.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparePlans } from '../../../shared/scoring/compare';
import { whyNot } from '../../../shared/scoring/explain';
import { greedyPlan } from '../../../shared/scoring/greedy';
import { loadSolver, planRegion, type PlanTimings, type RegionPlan } from '../../../shared/scoring/plan';
import { DEFAULT_POLICY, deriveBenchmarks, type MatchingPolicy } from '../../../shared/scoring/policy';
import { Housemates, buildPlanProblem, pairCoefficient, type PlanProblem } from '../../../shared/scoring/problem';
import { syntheticRegion } from '../../../shared/scoring/synthetic';
import type { ChildForMatching, VacancyForMatching } from '../../../shared/scoring/types';
import { child, placeAt, vacancy } from './fixtures';

beforeAll(async () => {
  await loadSolver();
});

const COST_POLICY: MatchingPolicy = { ...DEFAULT_POLICY, id: 'cost-test', plan: { ...DEFAULT_POLICY.plan, objective: 'minimiseCostAboveFloor', qualityFloor: 60 } };

/** Checks a plan against the inputs directly, without trusting the engine's own bookkeeping. */
function expectValidPlan(plan: RegionPlan, referrals: readonly ChildForMatching[], vacancies: readonly VacancyForMatching[], policy: MatchingPolicy) {
  const byId = new Map(vacancies.map((v) => [v.vacancyId, v]));
  const byReferral = new Map(referrals.map((r) => [r.referralId, r]));
  const bedsUsed = new Map<string, number>();
  const seen = new Set<string>();
  const together = new Map<string, ChildForMatching[]>();
  for (const p of plan.placements) {
    const r = byReferral.get(p.referralId)!;
    const v = byId.get(p.vacancyId)!;
    expect(seen.has(p.referralId)).toBe(false);
    seen.add(p.referralId);
    // The whole sibling group, in one home.
    expect([...p.childIds].sort()).toEqual([r.childId, ...r.siblings.map((s) => s.id)].sort());
    // Allowed by every hard rule for this child.
    expect(whyNot(r, v, policy).excluded).toBe(false);
    bedsUsed.set(v.vacancyId, (bedsUsed.get(v.vacancyId) ?? 0) + p.childIds.length);
    together.set(v.vacancyId, [...(together.get(v.vacancyId) ?? []), r]);
  }
  for (const [id, used] of bedsUsed) {
    const v = byId.get(id)!;
    // No bed used twice, and no more children than the approval allows.
    expect(used).toBeLessThanOrEqual(v.bedsFree);
    expect(v.otherChildren.length + used).toBeLessThanOrEqual(v.approval.maxChildren);
  }
  // Children placed in the same home pass each other's rules about who they live with.
  for (const [id, group] of together) {
    if (group.length < 2) continue;
    for (const a of group) {
      const others = group.filter((b) => b !== a).flatMap((b) => [{ age: b.age, sex: b.sex }, ...b.siblings.map((s) => ({ age: s.age, sex: s.sex }))]);
      const v = byId.get(id)!;
      expect(whyNot(a, { ...v, otherChildren: [...v.otherChildren, ...others], bedsFree: 99, approval: { ...v.approval, maxChildren: 99 } }, policy).excluded).toBe(false);
    }
  }
  expect(plan.placements.length + plan.unplaced.length).toBe(referrals.length);
}

/** The best objective by exhaustive search: every referral either unplaced or in any allowed home with room. */
function bruteForce(p: PlanProblem): number {
  const mates = new Housemates(p);
  const used = new Int32Array(p.vacancies.length);
  const at: number[][] = p.vacancies.map(() => []);
  let best = 0;
  const search = (r: number, value: number): void => {
    if (r === p.referrals.length) {
      best = Math.max(best, value);
      return;
    }
    search(r + 1, value);
    for (let pair = p.pairStart[r]!; pair < p.pairStart[r + 1]!; pair++) {
      const v = p.pairVacancy[pair]!;
      if (used[v]! + p.groupSize[r]! > p.capacity[v]!) continue;
      if (!at[v]!.every((o) => mates.compatible(r, o))) continue;
      used[v] = used[v]! + p.groupSize[r]!;
      at[v]!.push(r);
      search(r + 1, value + pairCoefficient(p, pair));
      at[v]!.pop();
      used[v] = used[v]! - p.groupSize[r]!;
    }
  };
  search(0, 0);
  return best;
}

/** Pulls every home close to every child and makes it available, so most pairs are allowed and contested. */
function crowd(region: { referrals: ChildForMatching[]; vacancies: VacancyForMatching[] }) {
  const vacancies = region.vacancies.map(
    (v, i) => ({ ...v, location: placeAt((i % 5) * 2, 0), availableFrom: '2026-01-01', ofstedGrade: v.ofstedGrade === 'inadequate' ? 'good' : v.ofstedGrade }) as VacancyForMatching,
  );
  const referrals = region.referrals.map((c) => ({ ...c, home: placeAt(1, 1), avoidPlaces: [], avoidCouncilIds: [], budgetCeilingWeeklyPence: undefined }) as ChildForMatching);
  return { referrals, vacancies };
}

/** A small, crowded region: few homes for the children, so placements compete. */
const smallRegion = fc
  .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), referrals: fc.integer({ min: 2, max: 6 }), vacancies: fc.integer({ min: 2, max: 7 }) })
  .map((f) => crowd(syntheticRegion(f.referrals, f.vacancies, { seed: f.seed })));

describe('every plan is valid', () => {
  it('the solver’s plan, the plain formulation and greedy never use a bed twice, split siblings or break a rule', async () => {
    await fc.assert(
      fc.asyncProperty(smallRegion, async ({ referrals, vacancies }) => {
        for (const policy of [DEFAULT_POLICY, COST_POLICY]) {
          expectValidPlan(await planRegion(referrals, vacancies, policy), referrals, vacancies, policy);
          expectValidPlan(await planRegion(referrals, vacancies, policy, { method: 'plain' }), referrals, vacancies, policy);
          expectValidPlan(greedyPlan(referrals, vacancies, policy), referrals, vacancies, policy);
        }
      }),
      { numRuns: 25, seed: 4 },
    );
  });
});

describe('the plan is optimal', () => {
  it('matches exhaustive search on small crowded regions, for both objectives, and is proven so', async () => {
    let placedSomething = 0;
    await fc.assert(
      fc.asyncProperty(smallRegion, async ({ referrals, vacancies }) => {
        for (const policy of [DEFAULT_POLICY, COST_POLICY]) {
          const best = bruteForce(buildPlanProblem(referrals, vacancies, policy));
          const plan = await planRegion(referrals, vacancies, policy);
          expect(plan.optimality.objectiveValue).toBe(best);
          expect(plan.optimality.status).toBe('optimal');
          expect(plan.optimality.upperBound).toBe(best);
          const plain = await planRegion(referrals, vacancies, policy, { method: 'plain' });
          expect(plain.optimality.objectiveValue).toBe(best);
          const greedy = greedyPlan(referrals, vacancies, policy);
          expect(greedy.optimality.objectiveValue).toBeLessThanOrEqual(best);
          if (plan.placements.length > 0) placedSomething++;
        }
      }),
      { numRuns: 30, seed: 7 },
    );
    expect(placedSomething).toBeGreaterThan(20);
  });

  it('stays optimal when the starting candidates are cut to one per referral (pricing brings back the rest)', async () => {
    await fc.assert(
      fc.asyncProperty(smallRegion, async ({ referrals, vacancies }) => {
        const best = bruteForce(buildPlanProblem(referrals, vacancies, DEFAULT_POLICY));
        const plan = await planRegion(referrals, vacancies, DEFAULT_POLICY, { candidatesPerReferral: 1 });
        expect(plan.optimality.objectiveValue).toBe(best);
        expect(plan.optimality.status).toBe('optimal');
      }),
      { numRuns: 20, seed: 11 },
    );
  });

  it('where the LP relaxation is fractional, reduced-cost fixing still reaches the plain MIP’s optimum', async () => {
    // 14 children for 9 homes: crowded enough that the configuration LP often places children
    // fractionally, so the proof has to go through reduced-cost fixing rather than the bound alone.
    let fixed = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), async (seed) => {
        const { referrals, vacancies } = crowd(syntheticRegion(14, 9, { seed }));
        const plan = await planRegion(referrals, vacancies, DEFAULT_POLICY);
        const plain = await planRegion(referrals, vacancies, DEFAULT_POLICY, { method: 'plain' });
        expect(plan.optimality.status).toBe('optimal');
        expect(plan.optimality.objectiveValue).toBe(plain.optimality.objectiveValue);
        if (plan.optimality.statement.includes('reduced-cost fixing')) fixed++;
      }),
      { numRuns: 40, seed: 17 },
    );
    expect(fixed).toBeGreaterThan(3);
  });

  it('cut short after one pricing round, never claims more than it proves and its bound holds', async () => {
    let mipRuns = 0;
    await fc.assert(
      fc.asyncProperty(smallRegion, async ({ referrals, vacancies }) => {
        const best = bruteForce(buildPlanProblem(referrals, vacancies, DEFAULT_POLICY));
        const timings: PlanTimings = {};
        const plan = await planRegion(referrals, vacancies, DEFAULT_POLICY, { candidatesPerReferral: 1, maxPricingRounds: 1, forceMip: true, timings });
        if ((timings.mipMs ?? 0) > 0) mipRuns++;
        expectValidPlan(plan, referrals, vacancies, DEFAULT_POLICY);
        expect(plan.optimality.objectiveValue).toBeLessThanOrEqual(best);
        expect(plan.optimality.upperBound).toBeGreaterThanOrEqual(best);
        if (plan.optimality.status === 'optimal') expect(plan.optimality.objectiveValue).toBe(best);
        else expect(plan.optimality.status).toBe('bounded');
      }),
      { numRuns: 25, seed: 13 },
    );
    // The integer solve (not just the LP) must have been exercised.
    expect(mipRuns).toBeGreaterThan(5);
  });

  it('the assignment solver and the MIP agree where every referral is one child', async () => {
    const { referrals, vacancies } = syntheticRegion(60, 300, { seed: 5, singlesOnly: true });
    const policy = { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(vacancies) };
    const assignment = await planRegion(referrals, vacancies, policy, { candidatesPerReferral: 2 });
    const mip = await planRegion(referrals, vacancies, policy, { candidatesPerReferral: 2, forceMip: true });
    expect(assignment.method).toBe('assignment');
    expect(mip.method).toBe('mip');
    expect(assignment.optimality.status).toBe('optimal');
    expect(mip.optimality.status).toBe('optimal');
    expect(assignment.optimality.objectiveValue).toBe(mip.optimality.objectiveValue);
    expectValidPlan(assignment, referrals, vacancies, policy);
  });
});

describe('planning a mid-sized region', () => {
  const { referrals, vacancies } = syntheticRegion(80, 500, { seed: 21 });
  const policy = { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(vacancies) };

  it('is proven optimal over every allowed pair, never worse than greedy, and the same every time', async () => {
    const plan = await planRegion(referrals, vacancies, policy);
    expect(plan.optimality.status).toBe('optimal');
    expect(plan.optimality.columns).toBeLessThan(plan.optimality.feasiblePairs);
    expectValidPlan(plan, referrals, vacancies, policy);
    const greedy = greedyPlan(referrals, vacancies, policy);
    expect(plan.optimality.objectiveValue).toBeGreaterThanOrEqual(greedy.optimality.objectiveValue);
    const [ours, theirs] = comparePlans([plan, greedy]);
    expect(ours!.childrenPlaced).toBeGreaterThanOrEqual(theirs!.childrenPlaced);
    expect(await planRegion([...referrals].reverse(), [...vacancies].reverse(), policy)).toEqual(plan);
  });
});

describe('plan details', () => {
  it('keeps a sibling group together in the one home that can take them all, and explains who is left out', async () => {
    const siblings = child({ referralId: 'R-SIB', childId: 'C1', siblings: [{ id: 'C2', age: 7, sex: 'M' }, { id: 'C3', age: 4, sex: 'F' }] });
    const single = child({ referralId: 'R-ONE', childId: 'C9', age: 9 });
    const homes = [
      vacancy({ vacancyId: 'V-THREE', homeId: 'H3', bedsFree: 3, approval: { maxChildren: 4 } }),
      vacancy({ vacancyId: 'V-ONE', homeId: 'H1', bedsFree: 1, location: placeAt(4) }),
    ];
    const plan = await planRegion([siblings, single], homes, DEFAULT_POLICY);
    expect(plan.placements.map((p) => [p.referralId, p.vacancyId, p.childIds.length])).toEqual([
      ['R-ONE', 'V-ONE', 1],
      ['R-SIB', 'V-THREE', 3],
    ]);
    const comparison = comparePlans([plan])[0]!;
    expect(comparison.siblingGroupsKeptTogether).toBe(1);
    expect(comparison.childrenPlaced).toBe(4);

    const crowded = await planRegion([siblings, single], [homes[0]!], DEFAULT_POLICY);
    // Placing three children beats placing one: the sufficiency duty comes first.
    expect(crowded.placements.map((p) => p.referralId)).toEqual(['R-SIB']);
    expect(crowded.unplaced).toEqual([{ referralId: 'R-ONE', childIds: ['C9'], reason: expect.stringContaining('needed for other children') }]);
    const none = await planRegion([child({ referralId: 'R-X', age: 15 })], [vacancy({ approval: { maxAge: 11 } })], DEFAULT_POLICY);
    expect(none.unplaced[0]!.reason).toBe('No home in the region passes the hard rules for this referral.');
  });

  it('greedy takes referrals first come, first served', async () => {
    const first = child({ referralId: 'R-B', childId: 'CB', referralDate: '2026-02-01' });
    const later = child({ referralId: 'R-A', childId: 'CA', referralDate: '2026-02-20', siblings: [{ id: 'CA2', age: 9, sex: 'F' }] });
    const home = vacancy({ vacancyId: 'V1', bedsFree: 2 });
    // Greedy gives the only home to the earlier single child; the plan places both siblings.
    expect(greedyPlan([later, first], [home], DEFAULT_POLICY).placements.map((p) => p.referralId)).toEqual(['R-B']);
    expect((await planRegion([later, first], [home], DEFAULT_POLICY)).placements.map((p) => p.referralId)).toEqual(['R-A']);
  });
});
