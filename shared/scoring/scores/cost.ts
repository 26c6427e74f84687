/**
 * Cost: the weekly price against the region's benchmark for the same kind of home and fee tier, so
 * a specialist home is compared with specialist homes, not with mainstream foster care.
 */
import type { HomeKind } from '../../domain/homes';
import type { BenchmarkTable } from '../context';
import { percent, pounds } from '../format';
import type { FeeTier } from '../types';

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

export function costScore(
  weeklyPerChild: number,
  groupSize: number,
  kind: HomeKind,
  tier: FeeTier,
  benchmarks: BenchmarkTable,
  lines?: string[],
): number {
  const benchmark = benchmarks[kind][tier];
  const ratio = benchmark ? weeklyPerChild / benchmark : undefined;
  const score = costScoreFromRatio(ratio);
  if (lines) {
    const weekly = weeklyPerChild * groupSize;
    const group = groupSize > 1 ? ` for ${groupSize} children` : '';
    lines.push(`${pounds(weekly)} a week${group} (${pounds(weekly * WEEKS_PER_YEAR)} a year).`);
    if (benchmark && ratio !== undefined) {
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
