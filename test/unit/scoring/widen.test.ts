import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/scoring/policy';
import { wideningReport } from '../../../shared/scoring/widen';
import { child, placeAt, vacancy } from './fixtures';

/**
 * Issue 14, point 4: when no home passes, the officer sees which rules excluded most homes and
 * what one step of widening each would add, worked out on copies: the policy is never changed.
 */
describe('widening a search that leaves no home', () => {
  // Each home breaks one rule, except the last, which breaks two (and so no single widening frees it).
  const homes = [
    vacancy({ vacancyId: 'far80a', location: placeAt(80) }),
    vacancy({ vacancyId: 'far80b', location: placeAt(-80) }),
    vacancy({ vacancyId: 'far90', location: placeAt(0, 90) }),
    vacancy({ vacancyId: 'far110', location: placeAt(110) }),
    vacancy({ vacancyId: 'dear', weeklyPrice: { core: 1_300_000, support: 0, education: 0, other: 0 } }),
    vacancy({ vacancyId: 'inadequate', ofstedGrade: 'inadequate' }),
    vacancy({ vacancyId: 'late', availableFrom: '2026-03-20' }),
    vacancy({ vacancyId: 'farAndInadequate', location: placeAt(85), ofstedGrade: 'inadequate' }),
  ];

  it('counts homes by excluding rule, most first, and what one step of each widening adds', () => {
    const policy = structuredClone(DEFAULT_POLICY);
    const report = wideningReport(child(), homes, policy);
    expect(report.passing).toBe(0);
    expect(report.excluded).toBe(8);
    expect(report.excludedBy.map((e) => [e.rule, e.homes])).toEqual([
      ['distanceCap', 5],
      ['ofstedInadequate', 2],
      ['availability', 1],
      ['priceCap', 1],
    ]);
    expect(report.excludedBy[0]!.label).toBe('Beyond the policy’s distance limit');
    expect(report.widenings.map((w) => [w.rule, w.changes, w.moreHomes])).toEqual([
      ['distanceCap', 'policy', 3],
      ['availability', 'referral', 1],
      ['ofstedInadequate', 'policy', 1],
      ['priceCap', 'policy', 1],
    ]);
    expect(report.widenings[0]!.words).toBe('3 more homes within 100.0 miles (the policy’s limit is 75.0 miles)');
    expect(report.widenings[1]!.words).toBe('1 more home if the child could wait until 23 Mar 2026 (needed by 16 Mar 2026)');
    expect(report.widenings[2]!.words).toBe('1 more home if homes rated Inadequate were allowed (the policy excludes them)');
    expect(report.widenings[3]!.words).toBe('1 more home up to £14,000 a week (the policy’s limit is £12,000 a week)');
    // Worked out on copies: the policy passed in is as it was.
    expect(policy).toEqual(DEFAULT_POLICY);
  });

  it('a referral budget is widened by a tenth, rounded up to £10, and a rule that excluded nothing is not offered', () => {
    const report = wideningReport(
      child({ budgetCeilingWeeklyPence: 40_000 }),
      [
        vacancy({ vacancyId: 'a', weeklyPrice: { core: 43_000, support: 0, education: 0, other: 0 } }),
        vacancy({ vacancyId: 'b', weeklyPrice: { core: 46_000, support: 0, education: 0, other: 0 } }),
        vacancy({ vacancyId: 'ok', weeklyPrice: { core: 39_000, support: 0, education: 0, other: 0 } }),
      ],
      DEFAULT_POLICY,
    );
    expect(report.passing).toBe(1);
    expect(report.excludedBy).toEqual([{ rule: 'budgetCeiling', label: 'Over the referral’s budget', homes: 2 }]);
    expect(report.widenings).toEqual([
      { rule: 'budgetCeiling', changes: 'referral', moreHomes: 1, words: '1 more home with a budget of £440 a week (the referral’s budget is £400 a week)' },
    ]);
  });

  it('a widening that frees no home says so, rather than being left out', () => {
    const report = wideningReport(child(), [vacancy({ vacancyId: 'veryFar', location: placeAt(140) })], DEFAULT_POLICY);
    expect(report.widenings).toEqual([
      { rule: 'distanceCap', changes: 'policy', moreHomes: 0, words: '0 more homes within 100.0 miles (the policy’s limit is 75.0 miles)' },
    ]);
  });

  it('the physical-harm age gap is widened one year for a child who presents that risk', () => {
    const report = wideningReport(
      child({ age: 12, risksToOthers: ['riskToOthersPhysical'] }),
      [vacancy({ vacancyId: 'young', otherChildren: [{ age: 9, sex: 'F' }] }), vacancy({ vacancyId: 'younger', otherChildren: [{ age: 5, sex: 'F' }] })],
      DEFAULT_POLICY,
    );
    expect(report.excludedBy).toEqual([{ rule: 'riskToOthers', label: 'A risk the child presents to others', homes: 2 }]);
    expect(report.widenings[0]).toMatchObject({ rule: 'riskToOthers', moreHomes: 1 });
    expect(report.widenings[0]!.words).toBe('1 more home if only housemates 4 or more years younger counted for the risk of physical harm (the policy says 3)');
  });
});
