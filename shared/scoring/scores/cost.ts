/**
 * Cost: the weekly price against the region's benchmark for the same kind of home and fee tier, so
 * a specialist home is compared with specialist homes, not with mainstream foster care.
 */
import type { HomeKind } from '../../domain/homes';
import type { BenchmarkTable } from '../context';
import { percent, pounds } from '../format';
import { FEE_TIERS } from '../types';
import { KIND_CODES, type VacancyTable } from '../vacancyTable';

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

/** Cost score of row `i` of a vacancy table; with `lines`, also what the officer reads. */
export function costScore(t: VacancyTable, i: number, groupSize: number, benchmarks: BenchmarkTable, lines?: string[]): number {
  const weeklyPerChild = t.weekly[i]!;
  const benchmark = benchmarks[t.kind[i]! * FEE_TIERS.length + t.feeTier[i]!]!;
  const ratio = benchmark > 0 ? weeklyPerChild / benchmark : undefined;
  const score = costScoreFromRatio(ratio);
  if (lines) {
    const kind = KIND_CODES[t.kind[i]!]!;
    const tier = FEE_TIERS[t.feeTier[i]!]!;
    const weekly = weeklyPerChild * groupSize;
    const group = groupSize > 1 ? ` for ${groupSize} children` : '';
    lines.push(`${pounds(weekly)} a week${group} (${pounds(weekly * WEEKS_PER_YEAR)} a year).`);
    if (ratio !== undefined) {
      const diff = ratio - 1;
      const where = Math.abs(diff) < 0.005 ? 'the same as' : diff < 0 ? `${percent(-diff)} below` : `${percent(diff)} above`;
      lines.push(
        `Per child, ${where} the regional benchmark of ${pounds(benchmark)} a week (${pounds(benchmark * WEEKS_PER_YEAR)} a year) for ${tier} ${KIND_TEXT[kind]}.`,
      );
    } else {
      lines.push(`No regional benchmark for ${tier} ${KIND_TEXT[kind]}; cost is scored as neutral.`);
    }
  }
  return score;
}
