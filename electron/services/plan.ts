/**
 * The whole-region plan, run as a job (electron/jobs): its thread reads the open referrals and
 * vacancies on its own connection, then the optimal plan (HiGHS) and first come, first served run
 * on the same data while other calls are answered. The call that starts it answers with the result.
 */
import type { ReadableDB } from '../../db/handle';
import { loadOpenVacancies, loadReferralsForMatching, type VacancyDisplay } from '../../db/repositories/matching';
import { currentPolicy } from '../../db/repositories/policies';
import { bedsHeldByReferral } from '../../db/repositories/placements';
import { listReferrals } from '../../db/repositories/referrals';
import type { PlanFigures, PlanResult, ProposedMatch } from '../../shared/contract/plan';
import { OPEN_REFERRAL_STATUSES } from '../../shared/domain/referrals';
import {
  comparePlans,
  greedyPlan,
  loadSolver,
  planRegion,
  urgencyInWords,
  type ChildForMatching,
  type MatchingPolicy,
  type RegionPlan,
  type VacancyForMatching,
} from '../../shared/scoring';
import type { Handlers } from '../rpc/context';
import { requireActor } from './scope';
import { withRegionBenchmarks } from './costBenchmarks';
import { localIsoDate } from '../../shared/domain/calendar';

function figures(c: ReturnType<typeof comparePlans>[number]): PlanFigures {
  return {
    method: c.method,
    childrenPlaced: c.childrenPlaced,
    childrenWithinTwentyMiles: c.childrenWithinTwentyMiles,
    siblingGroupsKeptTogether: c.siblingGroupsKeptTogether,
    siblingGroupsUnplaced: c.siblingGroupsUnplaced,
    weeklyCostPence: c.weeklyCostPence,
    totalScore: c.totalScore,
    meanScore: c.meanScore,
    childrenUnplaced: c.childrenUnplaced,
    referralsUnplaced: c.referralsUnplaced,
    urgentChildren: c.urgentChildren,
    urgentChildrenPlaced: c.urgentChildrenPlaced,
    schoolsKept: c.schoolsKept,
    meanStability: c.meanStability,
  };
}

interface PlanInput {
  referrals: ChildForMatching[];
  /** Open referrals left out because a bed is already held for them. */
  holdingBeds: number;
  refs: Map<string, string>;
  statuses: Map<string, string>;
  vacancies: readonly VacancyForMatching[];
  display: ReadonlyMap<string, VacancyDisplay>;
  policy: MatchingPolicy;
  /** The plan's day: urgency counts from it. */
  today: string;
}

/** Both plans on the same data, compared, with the optimal plan's matches named for the screen. */
export async function runRegionPlan(input: PlanInput, onPhase: (phase: string) => void = () => undefined): Promise<PlanResult> {
  const t0 = performance.now();
  onPhase('Loading the solver');
  await loadSolver();
  onPhase(`Planning ${input.referrals.length} referrals against ${input.vacancies.length} vacancies`);
  const optimal: RegionPlan = await planRegion(input.referrals, input.vacancies, input.policy, { method: 'auto', today: input.today });
  onPhase('Working out first come, first served');
  const greedy = greedyPlan(input.referrals, input.vacancies, input.policy, input.today);
  onPhase('Comparing the plans');
  const [o, g] = comparePlans([optimal, greedy]) as [ReturnType<typeof comparePlans>[number], ReturnType<typeof comparePlans>[number]];
  const greedyAt = new Map(greedy.placements.map((p) => [p.referralId, p.vacancyId]));
  const matches: ProposedMatch[] = optimal.placements.map((p) => {
    const d = input.display.get(p.vacancyId);
    const other = greedyAt.get(p.referralId);
    return {
      referralId: Number(p.referralId),
      childRef: input.refs.get(p.referralId) ?? '',
      referralStatus: input.statuses.get(p.referralId) ?? '',
      children: p.childIds.length,
      vacancyId: Number(p.vacancyId),
      homeName: d?.homeName ?? `Vacancy ${p.vacancyId}`,
      councilName: d?.councilName ?? '',
      score: p.score,
      weeklyPence: p.weeklyPence,
      miles: Math.round(p.homeMiles * 10) / 10,
      withinTwentyMiles: p.withinTwentyMiles,
      urgent: p.urgent,
      schoolKept: p.schoolKept ?? null,
      stability: p.stability,
      greedyHomeName: other && other !== p.vacancyId ? (input.display.get(other)?.homeName ?? `Vacancy ${other}`) : null,
    };
  });
  matches.sort((a, b) => b.score - a.score || a.referralId - b.referralId);
  return {
    policyVersion: input.policy.version,
    distanceLineMiles: input.policy.distance.twentyMileLine,
    referrals: input.referrals.length,
    referralsHoldingBeds: input.holdingBeds,
    vacancies: input.vacancies.length,
    optimal: figures(o),
    greedy: figures(g),
    optimality: { status: optimal.optimality.status, statement: optimal.optimality.statement },
    urgency: urgencyInWords(input.policy),
    matches,
    unplaced: optimal.unplaced.map((u) => ({
      referralId: Number(u.referralId),
      childRef: input.refs.get(u.referralId) ?? '',
      reason: u.reason,
      urgent: u.urgent,
    })),
    solveMs: Math.round(performance.now() - t0),
  };
}

/** Reads what the plan needs, on the job's own connection. */
export function loadPlanInput(db: ReadableDB, councilId: number | null, today: string): PlanInput {
  // A referral with a bed already held for it is being placed by its officer: planning it again
  // would offer the child a second bed (and accepting that would hold two).
  const held = bedsHeldByReferral(db);
  const open = listReferrals(db, { councilId, statuses: OPEN_REFERRAL_STATUSES, text: null, assignedUserId: null });
  const rows = open.filter((r) => !held.has(r.id));
  // Every open referral's child in a few set-based reads, as the sufficiency count reads them.
  const referrals = loadReferralsForMatching(db, rows, today);
  const refs = new Map<string, string>();
  const statuses = new Map<string, string>();
  rows.forEach((row, i) => {
    refs.set(referrals[i]!.referralId, row.childRef);
    statuses.set(referrals[i]!.referralId, row.status);
  });
  const { engine, display } = loadOpenVacancies(db, today);
  // Costs are scored against the region's own agreed prices, as a search scores them.
  const policy = withRegionBenchmarks(db, currentPolicy(db), today);
  return { referrals, holdingBeds: open.length - rows.length, refs, statuses, vacancies: engine, display, policy, today };
}

export const planHandlers: Handlers<'plan.start'> = {
  'plan.start': (ctx, input) => {
    const actor = requireActor(ctx);
    // A council-scoped officer plans their council's referrals; the job's audit entry names the scope.
    return ctx.jobs.run({ kind: 'plan', method: 'plan.start', councilId: actor.councilId, today: localIsoDate(ctx.now()) }, input.jobId) as Promise<PlanResult>;
  },
};
