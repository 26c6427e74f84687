/**
 * The whole-region plan as a background job. The dispatcher is synchronous, the solver is not: the
 * call that starts a plan reads the open referrals and vacancies inside its transaction, then the
 * optimal plan (HiGHS) and first come, first served run on the same data after the call has
 * returned. The screen polls plan.status. Jobs live in this process's memory only.
 */
import { randomUUID } from 'node:crypto';
import type { ReadableDB } from '../../db/handle';
import { loadOpenVacancies, loadReferralsForMatching, type VacancyDisplay } from '../../db/repositories/matching';
import { currentPolicy } from '../../db/repositories/policies';
import { bedsHeldByReferral } from '../../db/repositories/placements';
import { listReferrals } from '../../db/repositories/referrals';
import { ApiError } from '../../shared/contract';
import type { PlanFigures, PlanResult, PlanStatus, ProposedMatch } from '../../shared/contract/plan';
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
import { localIsoDate } from '../../shared/domain/calendar';

interface PlanJob {
  id: string;
  /** Which store the job read, so a restore's new store does not answer for it. */
  db: ReadableDB;
  /** The scope the plan was run for: a council, or null for the whole region. */
  councilId: number | null;
  state: PlanStatus['state'];
  phase: string;
  startedMs: number;
  finishedMs: number | null;
  result: PlanResult | undefined;
}

const jobs = new Map<string, PlanJob>();
const KEEP_FINISHED_JOBS = 10;

function forgetOldJobs(): void {
  const finished = [...jobs.values()].filter((j) => j.state !== 'running');
  for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS))) jobs.delete(job.id);
}

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
  vacancies: VacancyForMatching[];
  display: Map<string, VacancyDisplay>;
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
  // Yield once so a poll can see the phase before the (synchronous) solve starts.
  await new Promise((resolve) => setImmediate(resolve));
  const optimal: RegionPlan = await planRegion(input.referrals, input.vacancies, input.policy, { method: 'auto', today: input.today });
  onPhase('Working out first come, first served');
  await new Promise((resolve) => setImmediate(resolve));
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
    unplaced: optimal.unplaced.map((u) => ({ referralId: Number(u.referralId), childRef: input.refs.get(u.referralId) ?? '', reason: u.reason, urgent: u.urgent })),
    solveMs: Math.round(performance.now() - t0),
  };
}

/** Reads what the plan needs; synchronous, so it runs inside the calling transaction. */
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
  return { referrals, holdingBeds: open.length - rows.length, refs, statuses, vacancies: engine, display, policy: currentPolicy(db), today };
}

function view(job: PlanJob): PlanStatus {
  const elapsedMs = (job.finishedMs ?? Date.now()) - job.startedMs;
  return { jobId: job.id, state: job.state, phase: job.phase, elapsedMs, ...(job.result ? { result: job.result } : {}) };
}

export const planHandlers: Handlers<'plan.start' | 'plan.status'> = {
  'plan.start': (ctx) => {
    const actor = requireActor(ctx);
    const running = [...jobs.values()].find((j) => j.db === ctx.db && j.councilId === actor.councilId && j.state === 'running');
    ctx.audit('plan', 'region', actor.councilId === null ? 'region' : `council:${actor.councilId}`);
    if (running) return { jobId: running.id };
    const input = loadPlanInput(ctx.db, actor.councilId, localIsoDate(ctx.now()));
    const job: PlanJob = { id: randomUUID(), db: ctx.db, councilId: actor.councilId, state: 'running', phase: 'Starting', startedMs: Date.now(), finishedMs: null, result: undefined };
    jobs.set(job.id, job);
    forgetOldJobs();
    // On the next turn of the event loop, after this call's transaction has ended.
    setImmediate(() => {
      runRegionPlan(input, (phase) => (job.phase = phase))
        .then((result) => {
          job.result = result;
          job.state = 'done';
          job.phase = `Done: ${result.optimal.childrenPlaced} children placed`;
        })
        .catch((error: unknown) => {
          console.error('[plan] region plan failed:', error);
          job.state = 'failed';
          job.phase = 'The plan stopped on an unexpected error (details in the app log). Nothing was changed.';
        })
        .finally(() => (job.finishedMs = Date.now()));
    });
    return { jobId: job.id };
  },

  'plan.status': (ctx, input) => {
    const actor = requireActor(ctx);
    const job = jobs.get(input.jobId);
    if (!job || job.db !== ctx.db || (actor.councilId !== null && job.councilId !== actor.councilId)) {
      throw new ApiError('NOT_FOUND', 'There is no region plan with that id (plans are kept until the app restarts).', 'jobId');
    }
    ctx.audit('view', 'region-plan', job.id);
    return view(job);
  },
};
