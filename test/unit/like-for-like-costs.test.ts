import { describe, expect, it } from 'vitest';
import { dfeDistanceExclusion, dfeDistanceFigure, dfeDistanceWords, type DfeDistanceRow } from '../../shared/domain/dfeDistance';
import { groupPrice, priceTotal, splitGroupPrice } from '../../shared/domain/money';
import { benchmarkWindow, regionBenchmarks, type AgreedPrice } from '../../shared/scoring/benchmarks';
import { DEFAULT_BENCHMARKS, DEFAULT_POLICY } from '../../shared/scoring/policy';
import { rankVacanciesForReferral } from '../../shared/scoring/rank';
import { child, vacancy } from './scoring/fixtures';

/*
 * Issue 13, points 7 and 8, with worked cases recomputed by hand here: the cost benchmark from the
 * region's own agreed prices, a sibling group's price shared across its children, and DfE's
 * distance share without UASC, short breaks or guessed locations.
 */

const TODAY = '2026-11-30';

const agreed = (kind: AgreedPrice['kind'], tier: AgreedPrice['tier'], weeklyPence: number, startDate = '2026-06-01'): AgreedPrice => ({
  kind,
  tier,
  weeklyPence,
  startDate,
});

const PRICES: AgreedPrice[] = [
  // Enhanced foster care: six prices in the window, one the day before it opens, one a sibling's zero share from an old record.
  ...[80_000, 82_000, 85_000, 90_000, 100_000, 120_000].map((p) => agreed('foster', 'enhanced', p)),
  agreed('foster', 'enhanced', 10_000, '2025-11-30'),
  agreed('foster', 'enhanced', 0, '2026-07-01'),
  // Specialist children's homes (tier 3): only three, too few to rely on.
  ...[600_000, 700_000, 800_000].map((p) => agreed('residential', 'specialist', p)),
];

describe('the cost benchmark from the region’s own agreed prices', () => {
  it('is the twelve months to today, both ends counted', () => {
    expect(benchmarkWindow(TODAY)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });

  it('takes the median by kind and tier where there are at least 5 prices, else keeps the published figure and says how few', () => {
    const list = regionBenchmarks(PRICES, TODAY, DEFAULT_BENCHMARKS);
    // By hand: 80, 82, 85, 90, 100, 120 (£ hundreds); the middle two are 85 and 90, so £875. The old and zero prices are left out.
    expect(list.find((b) => b.kind === 'foster' && b.tier === 'enhanced')).toEqual({
      kind: 'foster',
      tier: 'enhanced',
      weeklyPence: 87_500,
      basis: { source: 'region', prices: 6, from: '2025-12-01', to: '2026-11-30' },
    });
    expect(list.find((b) => b.kind === 'residential' && b.tier === 'specialist')).toEqual({
      kind: 'residential',
      tier: 'specialist',
      weeklyPence: 650_000,
      basis: { source: 'published', prices: 3, from: '2025-12-01', to: '2026-11-30' },
    });
    expect(list.find((b) => b.kind === 'supported' && b.tier === 'mainstream')!.basis).toMatchObject({ source: 'published', prices: 0 });
    expect(list).toHaveLength(12);
  });

  it('is what the engine scores and explains against: sample, dates, or why the published figure stands in', () => {
    const policy = { ...DEFAULT_POLICY, benchmarks: regionBenchmarks(PRICES, TODAY, DEFAULT_BENCHMARKS) };
    const foster = vacancy({ vacancyId: 'F', feeTier: 'enhanced', weeklyPrice: { core: 95_000 } });
    const home = vacancy({ vacancyId: 'R', kind: 'residential', feeTier: 'specialist', weeklyPrice: { core: 600_000, support: 100_000 } });
    const ranked = rankVacanciesForReferral(child(), [foster, home], policy).ranked;
    const f = ranked.find((r) => r.vacancyId === 'F')!;
    // £950 against £875: 8.6% above, shown as 9%; score 100 × (2 − 950/875) / 1.5 = 60.95, kept to one decimal.
    expect(f.scores.cost).toBe(61);
    expect(f.explanation!.factors.cost).toEqual([
      '£950 a week (£49,400 a year).',
      '£950 a week per child, 9% above the region’s median of £875 for enhanced foster care, tier 2 (6 agreed prices, 1 Dec 2025 to 30 Nov 2026).',
    ]);
    const r = ranked.find((x) => x.vacancyId === 'R')!;
    // 100 × (2 − 7,000/6,500) / 1.5 = 61.54.
    expect(r.scores.cost).toBe(61.5);
    expect(r.explanation!.factors.cost[1]).toBe(
      '£7,000 a week per child, 8% above the published figure of £6,500 for specialist children’s homes, tier 3: the region has only 3 agreed prices of this kind from 1 Dec 2025 to 30 Nov 2026, fewer than the 5 a median needs to be relied on.',
    );
  });

  it('prices a sibling group per child against the same benchmark', () => {
    const policy = { ...DEFAULT_POLICY, benchmarks: regionBenchmarks(PRICES, TODAY, DEFAULT_BENCHMARKS) };
    const siblings = child({ siblings: [{ id: 'C2', age: 8, sex: 'M' }] });
    const foster = vacancy({ vacancyId: 'F', feeTier: 'enhanced', bedsFree: 2, weeklyPrice: { core: 87_500 } });
    const f = rankVacanciesForReferral(siblings, [foster], policy).ranked[0]!;
    expect(f.weeklyPence).toBe(175_000);
    expect(f.explanation!.factors.cost).toEqual([
      '£1,750 a week for 2 children, £875 each (£91,000 a year).',
      '£875 a week per child, the same as the region’s median of £875 for enhanced foster care, tier 2 (6 agreed prices, 1 Dec 2025 to 30 Nov 2026).',
    ]);
  });
});

describe('a sibling group’s price shared across its children', () => {
  it('splits each part equally, the odd pence to the first child, adding back to the group’s price exactly', () => {
    const group = { core: 300_001, support: 20_000, education: 0, other: 1 };
    const shares = splitGroupPrice(group, 3);
    // By hand: 300,001 = 3 × 100,000 + 1; 20,000 = 3 × 6,666 + 2; 1 = 3 × 0 + 1.
    expect(shares).toEqual([
      { core: 100_001, support: 6_668, education: 0, other: 1 },
      { core: 100_000, support: 6_666, education: 0, other: 0 },
      { core: 100_000, support: 6_666, education: 0, other: 0 },
    ]);
    expect(shares.reduce((n, s) => n + priceTotal(s), 0)).toBe(priceTotal(group));
    expect(splitGroupPrice(group, 1)).toEqual([group]);
    expect(groupPrice(shares[1]!, 3)).toEqual({ core: 300_000, support: 19_998, education: 0, other: 0 });
    expect(() => splitGroupPrice(group, 0)).toThrow(/one child or more/);
  });
});

describe('DfE’s distance figure', () => {
  const row = (miles: number | null, legalStatus = 'C2', uasc = false): DfeDistanceRow => ({ miles, legalStatus, uasc });

  it('leaves out UASC and short breaks (LS V3, V4) and counts unknown distances apart, never as near or far', () => {
    expect(dfeDistanceExclusion({ uasc: true, legalStatus: 'V3' })).toBe('uasc');
    expect(dfeDistanceExclusion({ uasc: false, legalStatus: 'V4' })).toBe('shortBreaks');
    expect(dfeDistanceExclusion({ uasc: false, legalStatus: 'V2' })).toBeNull();
    const rows = [
      row(3),
      row(12.4),
      row(20), // on the line: not over it
      row(20.1),
      row(45),
      row(60, 'C2', true), // UASC, far: left out
      row(35, 'V3'), // short breaks, far: left out
      row(2, 'V4'),
      row(null), // no home location recorded
      row(null, 'E1'),
    ];
    // By hand: 10 placements; 1 UASC and 2 short breaks out; 2 unknown; 5 counted, 2 over 20 miles: 40%.
    expect(dfeDistanceFigure(rows, 20)).toEqual({
      placements: 10,
      excludedUasc: 1,
      excludedShortBreaks: 2,
      noHomeLocation: 2,
      counted: 5,
      overLine: 2,
      overLinePct: 40,
    });
    expect(dfeDistanceFigure(rows, 10)).toMatchObject({ counted: 5, overLine: 4, overLinePct: 80 });
    expect(dfeDistanceWords({ countedForDistance: 5, excludedUasc: 1, excludedShortBreaks: 2, noHomeLocation: 12 })).toBe(
      'Of 5 children with a known distance; 1 unaccompanied asylum-seeking child and 2 children on short breaks left out, as DfE leaves them out; 12 placements with no home location recorded, counted apart.',
    );
    expect(dfeDistanceFigure([row(null)], 20)).toMatchObject({ counted: 0, noHomeLocation: 1, overLinePct: 0 });
  });
});
