import { describe, expect, it } from 'vitest';
import { formatPence } from '../../../shared/domain/money';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { pounds, ukDate } from '../../../shared/scoring/format';
import { DEFAULT_POLICY, deriveBenchmarks, validatePolicy } from '../../../shared/scoring/policy';
import { costScoreFromRatio } from '../../../shared/scoring/scores/cost';
import { milesScore, schoolKeptValue } from '../../../shared/scoring/scores/distance';
import { syntheticRegion, syntheticVacancies } from '../../generators/synthetic-region';
import { vacancy } from './fixtures';

const d = DEFAULT_POLICY.distance;

describe('soft score curves', () => {
  it('cost: 100 at half the benchmark, 66.7 at it, 0 at twice it; neutral 50 without one', () => {
    expect(costScoreFromRatio(0.3)).toBe(100);
    expect(costScoreFromRatio(0.5)).toBe(100);
    expect(costScoreFromRatio(1)).toBeCloseTo(66.67, 2);
    expect(costScoreFromRatio(2)).toBe(0);
    expect(costScoreFromRatio(3)).toBe(0);
    expect(costScoreFromRatio(undefined)).toBe(50);
  });

  it('distance: full marks when near, 60 at the 20-mile line, a step down beyond it, 0 when far', () => {
    expect(milesScore(0, d)).toBe(100);
    expect(milesScore(2, d)).toBe(100);
    expect(milesScore(20, d)).toBe(60);
    expect(milesScore(20.1, d)).toBeLessThan(40);
    expect(milesScore(60, d)).toBe(0);
    for (let m = 0; m < 70; m += 0.1) expect(milesScore(m + 0.1, d)).toBeLessThanOrEqual(milesScore(m, d));
  });

  it('school: kept within 5 miles, lost beyond 15', () => {
    expect(schoolKeptValue(5, d)).toBe(1);
    expect(schoolKeptValue(10, d)).toBe(0.5);
    expect(schoolKeptValue(15, d)).toBe(0);
  });
});

describe('the policy is data', () => {
  it('the default policy is valid', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
  });

  it('names what is wrong with a bad policy', () => {
    const bad = {
      ...DEFAULT_POLICY,
      version: 0,
      weights: { cost: 0, distance: 0, stability: 0, needs: 0, wishes: 0 },
      inHouseBonus: 40,
      distance: { ...d, twentyMileLine: 80 },
      plan: { ...DEFAULT_POLICY.plan, candidatesPerReferral: 0 },
    };
    expect(validatePolicy(bad)).toEqual([
      'The version must be a whole number from 1.',
      'At least one score weight must be above zero.',
      'An in-house bonus over 20 points would let ownership outweigh the child’s needs.',
      'Distance bands must satisfy near < 20-mile line < far.',
      'Candidates per referral must be a whole number from 1.',
    ]);
  });

  it('derives regional benchmarks as medians by kind and tier, keeping the fallback elsewhere', () => {
    const homes = [45_000, 50_000, 61_000, 70_000].map((p, i) => vacancy({ vacancyId: `V${i}`, weeklyPrice: { core: p - 1_000, support: 1_000 } }));
    const benchmarks = deriveBenchmarks(homes);
    expect(benchmarks.find((b) => b.kind === 'foster' && b.tier === 'mainstream')!.weeklyPence).toBe(55_500);
    expect(benchmarks.find((b) => b.kind === 'residential' && b.tier === 'mainstream')!.weeklyPence).toBe(383_000);
    expect(benchmarks).toHaveLength(12);
  });
});

describe('text helpers agree with the app’s formatters', () => {
  it('pounds() matches formatPence()', () => {
    for (const pence of [0, 49, 50, 99_99, 100_000, 123_456_78, 1_000_000_00, 45_050, 45_049]) expect(pounds(pence)).toBe(formatPence(pence));
  });

  it('ukDate() matches formatIsoDate()', () => {
    for (const iso of ['2026-03-02', '2026-12-31', '2027-01-09']) expect(ukDate(iso)).toBe(formatIsoDate(iso));
  });
});

describe('synthetic data', () => {
  it('is the same for the same seed and differs between seeds', () => {
    expect(syntheticRegion(20, 50, { seed: 1 })).toEqual(syntheticRegion(20, 50, { seed: 1 }));
    expect(syntheticVacancies(50, { seed: 1 })).not.toEqual(syntheticVacancies(50, { seed: 2 }));
  });

  it('keeps singles-only regions free of siblings and housemate rules', () => {
    const { referrals } = syntheticRegion(200, 1, { seed: 5, singlesOnly: true });
    expect(referrals.every((r) => r.siblings.length === 0 && r.risksToOthers.length === 0 && r.livingCompanions === 'No preference')).toBe(true);
  });
});
