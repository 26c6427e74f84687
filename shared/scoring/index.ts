/**
 * The matching engine's public surface. Pure TypeScript: no database, no Node, no DOM, so the same
 * code ranks in the main process, in a worker or in a test.
 */
export * from './types';
export {
  DEFAULT_BENCHMARKS,
  DEFAULT_POLICY,
  DEFAULT_URGENCY,
  TIE_BREAK_KEYS,
  deriveBenchmarks,
  normalisePolicy,
  urgencyDays,
  urgencyInWords,
  validatePolicy,
  weeklyTotal,
  type BenchmarkBasis,
  type CostBenchmark,
  type MatchingPolicy,
  type PlanObjective,
  type TieBreakKey,
  type UrgencyPolicy,
} from './policy';
export { DFE_KM_PER_MILE, dfeMiles, gridMilesExact, greatCircleMilesExact, milesBetween, milesToPacked, tenthsToPacked, type Miles } from './distance';
export { vacancyTable, type VacancyTable } from './vacancyTable';
export { benchmarkWindow, feeTierOf, regionBenchmarks, type AgreedPrice } from './benchmarks';
export { hardRulesPass, housemateRulesPass } from './hardRules';
export { prepareChild, type ChildContext } from './context';
export { totalScore } from './evaluate';
export { scoreMatch, whyNot, type WhyNotAnswer } from './explain';
export { APPROVAL_RULES, LAW_RULES, ROOM_RULES, approvalGaps, lawBarsHome, roomInHome } from './room';
export { DEFAULT_EXPLAIN_TOP, rankVacanciesForReferral, type RankOptions } from './rank';
export {
  assertPlanValid,
  loadSolver,
  planRegion,
  type OptimalityStatus,
  type PlanMethod,
  type PlanOptimality,
  type PlanOptions,
  type PlanTimings,
  type PlannedPlacement,
  type RegionPlan,
  type UnplacedReferral,
} from './plan';
export { buildPlanProblem, type PlanProblem } from './problem';
export { greedyPlan } from './greedy';
export { comparePlans, type PlanComparison } from './compare';
export { HARD_RULE_LABELS, WIDENING_STEPS, wideningReport, type ExclusionCount, type Widening, type WideningReport } from './widen';
export { costScoreFromRatio } from './scores/cost';
export { milesScore, schoolKeptValue } from './scores/distance';
export { STABILITY_CAVEAT } from './scores/stability';
