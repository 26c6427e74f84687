/**
 * Cost: the weekly price against the region's benchmark for the same kind of home and fee tier, so
 * a specialist home is compared with specialist homes, not with mainstream foster care.
 */
import { HOME_KINDS, type HomeKind } from '../../domain/homes';
import { FEW_TO_RELY_ON } from '../../domain/stats';
import type { BenchmarkTable } from '../context';
import { percent, plural, pounds, ukDate } from '../format';
import type { BenchmarkBasis } from '../policy';
import { FEE_TIERS } from '../types';
import type { VacancyTable } from '../vacancyTable';

const KIND_TEXT: Record<HomeKind, string> = { foster: 'foster care', residential: 'children’s homes', supported: 'supported accommodation' };
const WEEKS_PER_YEAR = 52;

/**
 * 100 at half the benchmark or less, 66.7 at the benchmark, 0 at twice it or more; linear between,
 * so a cheaper home never scores lower. Without a benchmark every home scores a neutral 50.
 */
export function costScoreFromRatio(ratio: number | undefined): number {
  if (ratio === undefined) return 50;
  const s = (100 * (2 - ratio)) / 1.5;
  return s < 0 ? 0 : s > 100 ? 100 : s;
}

/** The region's weekly benchmark for row `i`'s kind and fee tier, pence; 0 where there is none. */
function benchmarkOf(t: VacancyTable, i: number, benchmarks: BenchmarkTable): number {
  return benchmarks[t.kind[i]! * FEE_TIERS.length + t.feeTier[i]!]!;
}

/** Cost score of row `i` of a vacancy table. */
export function costScore(t: VacancyTable, i: number, benchmarks: BenchmarkTable): number {
  const benchmark = benchmarkOf(t, i, benchmarks);
  return costScoreFromRatio(benchmark > 0 ? t.weekly[i]! / benchmark : undefined);
}

/** "enhanced foster care, tier 2": the kind and fee tier a benchmark is for. */
function likeFor(kind: HomeKind, tierIndex: number): string {
  return `${FEE_TIERS[tierIndex]!} ${KIND_TEXT[kind]}, tier ${tierIndex + 1}`;
}

/** Where a benchmark came from, in the officer's words: the sample and its dates, or why the published figure stands in. */
function basisWords(basis: BenchmarkBasis | undefined): { figure: string; note: string } {
  if (!basis) return { figure: 'the policy’s benchmark', note: '' };
  const window = `${ukDate(basis.from)} to ${ukDate(basis.to)}`;
  if (basis.source === 'region') return { figure: 'the region’s median', note: ` (${plural(basis.prices, 'agreed price')}, ${window})` };
  const few = basis.prices === 0 ? 'no agreed prices' : `only ${plural(basis.prices, 'agreed price')}`;
  return {
    figure: 'the published figure',
    note: `: the region has ${few} of this kind from ${window}, fewer than the ${FEW_TO_RELY_ON} a median needs to be relied on`,
  };
}

/** The cost lines an officer reads for row `i`. */
export function costLines(
  t: VacancyTable,
  i: number,
  groupSize: number,
  benchmarks: BenchmarkTable,
  bases: readonly (BenchmarkBasis | undefined)[],
  lines: string[],
): void {
  const weeklyPerChild = t.weekly[i]!;
  const benchmark = benchmarkOf(t, i, benchmarks);
  const kind = HOME_KINDS[t.kind[i]!]!;
  const what = likeFor(kind, t.feeTier[i]!);
  const weekly = weeklyPerChild * groupSize;
  const group = groupSize > 1 ? ` for ${groupSize} children, ${pounds(weeklyPerChild)} each` : '';
  lines.push(`${pounds(weekly)} a week${group} (${pounds(weekly * WEEKS_PER_YEAR)} a year).`);
  if (benchmark > 0) {
    const { figure, note } = basisWords(bases[t.kind[i]! * FEE_TIERS.length + t.feeTier[i]!]);
    const diff = weeklyPerChild / benchmark - 1;
    const where = Math.abs(diff) < 0.005 ? 'the same as' : diff < 0 ? `${percent(-diff)} below` : `${percent(diff)} above`;
    lines.push(`${pounds(weeklyPerChild)} a week per child, ${where} ${figure} of ${pounds(benchmark)} for ${what}${note}.`);
  } else {
    lines.push(`No benchmark for ${what}; cost is scored as neutral.`);
  }
}
