import { describe, expect, it } from 'vitest';
import { prepareChild } from '../../../shared/scoring/context';
import { milesBetween } from '../../../shared/scoring/distance';
import { totalScore } from '../../../shared/scoring/evaluate';
import { whyNot } from '../../../shared/scoring/explain';
import { DEFAULT_POLICY, deriveBenchmarks } from '../../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../../shared/scoring/rank';
import { STABILITY_CAVEAT } from '../../../shared/scoring/scores/stability';
import { syntheticRegion } from '../../generators/synthetic-region';
import { vacancyTable } from '../../../shared/scoring/vacancyTable';
import { child, placeAt, vacancy } from './fixtures';

describe('rankVacanciesForReferral', () => {
  const { referrals, vacancies } = syntheticRegion(12, 400, { seed: 3 });
  const policy = { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(vacancies) };
  const table = vacancyTable(vacancies);

  it('records the policy, the referral and the child’s own words with the result', () => {
    const result = rankVacanciesForReferral(referrals[0]!, vacancies, policy);
    expect(result.policyId).toBe(policy.id);
    expect(result.policyVersion).toBe(policy.version);
    expect(result.referralId).toBe(referrals[0]!.referralId);
    expect(result.childWishes).toBe(referrals[0]!.wishes.text);
    const shares = Object.values(result.weightShares);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('explains the first 50 homes by default, every home on request, and the words match whyNot', () => {
    for (const c of referrals) {
      const result = rankVacanciesForReferral(c, vacancies, policy);
      result.ranked.forEach((r, i) => expect(r.explanation !== undefined).toBe(i < 50));
      const all = rankVacanciesForReferral(c, vacancies, policy, { explainTop: Infinity });
      expect(all.ranked.every((r) => r.explanation !== undefined)).toBe(true);
      for (const r of all.ranked.slice(0, 5)) {
        const answer = whyNot(
          c,
          vacancies.find((v) => v.vacancyId === r.vacancyId)!,
          policy,
        );
        expect(answer.excluded).toBe(false);
        if (!answer.excluded) expect({ ...answer.match, rank: r.rank }).toEqual(r);
      }
      for (const e of result.excluded.slice(0, 5)) {
        const answer = whyNot(
          c,
          vacancies.find((v) => v.vacancyId === e.vacancyId)!,
          policy,
        );
        expect(answer.reasons).toEqual(e.reasons);
      }
    }
  });

  it('scores every home the same whether explained or not, and as the planner’s number-only path does', () => {
    for (const c of referrals) {
      const ctx = prepareChild(c, policy);
      const result = rankVacanciesForReferral(c, vacancies, policy, { explainTop: 0 });
      const explained = rankVacanciesForReferral(c, vacancies, policy, { explainTop: Infinity });
      expect(explained.ranked.map((r) => [r.vacancyId, r.total])).toEqual(result.ranked.map((r) => [r.vacancyId, r.total]));
      for (const r of result.ranked) {
        const i = vacancies.findIndex((x) => x.vacancyId === r.vacancyId);
        const v = vacancies[i]!;
        const schoolMiles = c.school ? milesBetween(c.school, v.location) : undefined;
        expect(totalScore(ctx, table, i, milesBetween(c.home, v.location), schoolMiles)).toBe(r.total);
      }
    }
  });

  it('breaks ties by the policy’s keys, then by vacancy id', () => {
    const c = child();
    const same = [vacancy({ vacancyId: 'V-B' }), vacancy({ vacancyId: 'V-A' }), vacancy({ vacancyId: 'V-C' })];
    expect(rankVacanciesForReferral(c, same, DEFAULT_POLICY).ranked.map((r) => r.vacancyId)).toEqual(['V-A', 'V-B', 'V-C']);
    // Only needs fit weighted, and every home meets the (empty) needs: all totals tie at 100, so
    // the policy's tie-break keys decide, in order.
    const tied = { ...DEFAULT_POLICY, weights: { cost: 0, distance: 0, stability: 0, needs: 1, wishes: 0 }, inHouseBonus: 0 };
    const a = vacancy({ vacancyId: 'V-A', carer: { yearsApproved: 0, skillsTier: 2 }, weeklyPrice: { core: 40_000 } });
    const b = vacancy({ vacancyId: 'V-B', carer: { yearsApproved: 5, skillsTier: 2 }, weeklyPrice: { core: 50_000 } });
    const order = (tieBreak: typeof DEFAULT_POLICY.tieBreak) =>
      rankVacanciesForReferral(c, [a, b], { ...tied, tieBreak }).ranked.map((r) => [r.vacancyId, r.total]);
    expect(order(['stability'])).toEqual([
      ['V-B', 100],
      ['V-A', 100],
    ]);
    expect(order(['cost', 'stability'])).toEqual([
      ['V-A', 100],
      ['V-B', 100],
    ]);
    expect(order(['distance'])).toEqual([
      ['V-A', 100],
      ['V-B', 100],
    ]);
  });

  it('adds the in-house nudge to the RCC’s own homes only, and says so', () => {
    const c = child();
    const result = rankVacanciesForReferral(
      c,
      [vacancy({ vacancyId: 'V-IN', ownership: 'in_house' }), vacancy({ vacancyId: 'V-IFA', ownership: 'ifa' })],
      DEFAULT_POLICY,
    );
    const [inHouse, ifa] = result.ranked;
    expect(inHouse!.vacancyId).toBe('V-IN');
    expect(inHouse!.inHouseBonus).toBe(3);
    expect(ifa!.inHouseBonus).toBe(0);
    expect(inHouse!.total - ifa!.total).toBeCloseTo(3, 5);
    expect(inHouse!.explanation!.summary.join(' ')).toContain('3.0 points for being one of the RCC’s own homes (policy rcc-default v1)');
  });

  it('shows every stability factor’s contribution, adding up to the stability score, with the evidence caveat', () => {
    const c = child({
      age: 14,
      siblings: [{ id: 'C2', age: 12, sex: 'M' }],
      kinshipHomeIds: ['H-KIN'],
      history: { movesLast12Months: 3, priorResidential: true },
    });
    const homes = [
      vacancy({ vacancyId: 'V-KIN', homeId: 'H-KIN', bedsFree: 2, mockingbird: true }),
      vacancy({ vacancyId: 'V-OTHER', homeId: 'H-OTHER', bedsFree: 2, location: placeAt(25) }),
    ];
    const result = rankVacanciesForReferral(c, homes, DEFAULT_POLICY);
    for (const r of result.ranked) {
      const parts = r.explanation!.stability;
      expect(parts.map((p) => p.factor)).toEqual([
        'carerSkills',
        'kinship',
        'carerExperience',
        'endingsRecord',
        'siblingsTogether',
        'schoolKept',
        'mockingbird',
      ]);
      expect(parts.reduce((sum, p) => sum + p.points, 0)).toBeCloseTo(r.scores.stability, 0);
      expect(parts.reduce((sum, p) => sum + p.maxPoints, 0)).toBeCloseTo(100, 0);
      expect(r.explanation!.factors.stability).toContain(STABILITY_CAVEAT);
      for (const line of r.explanation!.factors.stability) expect(line).not.toMatch(/\bwill\b/);
    }
    const [kin, other] = result.ranked;
    expect(kin!.vacancyId).toBe('V-KIN');
    expect(kin!.explanation!.stability.find((p) => p.factor === 'kinship')!.points).toBeGreaterThan(0);
    expect(other!.explanation!.stability.find((p) => p.factor === 'kinship')!.points).toBe(0);
    expect(other!.explanation!.stability.find((p) => p.factor === 'schoolKept')!.points).toBe(0);
  });

  it('ranks 10,000 homes without explaining more than asked', () => {
    const big = syntheticRegion(1, 10_000, { seed: 9 });
    const result = rankVacanciesForReferral(big.referrals[0]!, big.vacancies, { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(big.vacancies) });
    expect(result.ranked.length + result.excluded.length).toBe(10_000);
    expect(result.ranked.filter((r) => r.explanation).length).toBe(Math.min(50, result.ranked.length));
  });
});
