import type { HomeKind } from '../../shared/domain/homes';
import type { ProviderType, Price } from './model';
import type { SeededRandom } from './random';
import { yearsBetween } from '../../shared/domain/calendar';

/**
 * Weekly prices in realistic bands (pence), from the CMA market study and councils' published unit
 * costs: in-house fostering about £450 a week, IFAs £820-1,200, children's homes £3,800-8,000 with
 * a tail above £10,000, supported accommodation £900-2,000.
 */

const POUND = 100;

/** In-house fee bands 1-4 (allowance plus fee for one child). */
const IN_HOUSE_TIER_PENCE = [0, 35_000, 42_000, 49_500, 60_000] as const;
/** IFA bands 1-4. */
const IFA_TIER_PENCE = [0, 86_000, 95_000, 106_000, 118_000] as const;

function toPounds(pence: number): number {
  return Math.round(pence / POUND) * POUND;
}

export function fosterWeeklyPence(rng: SeededRandom, type: ProviderType, feeTier: 1 | 2 | 3 | 4, kinship: boolean, parentAndChild: boolean): number {
  if (kinship) return toPounds(rng.int(26_000, 32_000));
  if (type === 'ifa') return toPounds(parentAndChild ? rng.int(150_000, 190_000) : IFA_TIER_PENCE[feeTier] + rng.int(-4_000, 4_000));
  const base = IN_HOUSE_TIER_PENCE[feeTier] + rng.int(-3_000, 3_000);
  return toPounds(type === 'rcc' ? base * 1.05 : base);
}

export function residentialWeeklyPence(rng: SeededRandom, places: number, secure: boolean): number {
  if (secure) return toPounds(rng.int(750_000, 950_000));
  // A few solo and two-to-one arrangements cost far more than the rest: the market's outliers.
  if (rng.chance(places === 1 ? 0.45 : 0.03)) return toPounds(rng.int(1_000_000, 1_450_000));
  const median = places === 1 ? 700_000 : 520_000;
  return toPounds(Math.min(880_000, Math.max(380_000, rng.logNormal(median, 0.18))));
}

/**
 * A children's home's fee tier from its weekly price: homes price by the level of need they are
 * set up for, so the demo's tiers follow its prices (under £5,000 a week mainstream, then
 * enhanced to £6,500, specialist to £8,500, complex above). No random draw: the demo stays as it was.
 */
export function residentialFeeTier(weeklyPence: number): 1 | 2 | 3 | 4 {
  return weeklyPence < 500_000 ? 1 : weeklyPence < 650_000 ? 2 : weeklyPence < 850_000 ? 3 : 4;
}

export function supportedWeeklyPence(rng: SeededRandom, kind: 'solo' | 'shared' | 'lodgings'): number {
  if (kind === 'solo') return toPounds(rng.int(150_000, 200_000));
  if (kind === 'shared') return toPounds(rng.int(95_000, 140_000));
  return toPounds(rng.int(90_000, 105_000));
}

/** A total split as the Placements Standard asks: core, support, education and other. */
export function splitPrice(rng: SeededRandom, kind: HomeKind, type: ProviderType, total: number, educationOnSite: boolean): Price {
  let support = 0;
  let education = 0;
  let other: number;
  if (kind === 'foster') {
    if (type === 'ifa') support = total * rng.float(0.08, 0.16);
    other = rng.chance(0.3) ? rng.int(10, 40) * POUND : 0;
  } else if (kind === 'residential') {
    support = total * rng.float(0.04, 0.14);
    if (educationOnSite) education = total * rng.float(0.08, 0.14);
    other = total * rng.float(0, 0.04);
  } else {
    support = total * rng.float(0.18, 0.3);
    other = rng.chance(0.4) ? rng.int(15, 60) * POUND : 0;
  }
  support = toPounds(support);
  education = toPounds(education);
  other = Math.min(toPounds(other), Math.max(0, total - support - education));
  return { core: total - support - education - other, support, education, other };
}

/** What the same home charged `yearsAgo` years before today, given its provider's yearly rise. */
export function priceOn(todayPence: number, growth: number, date: string, today: string): number {
  const years = Math.max(0, yearsBetween(date, today));
  return toPounds(todayPence / (1 + growth) ** years);
}

export function totalOf(p: Price): number {
  return p.core + p.support + p.education + p.other;
}
