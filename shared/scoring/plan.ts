/**
 * Planning the whole region: every open referral against every open vacancy at once, so that one
 * child taking the only home another could use is weighed rather than decided by who asked first.
 *
 * What is optimised. A plan gives each referral (a child, or a sibling group placed together) at
 * most one vacancy the hard rules allow, never more children to a vacancy than its beds, never
 * more to a home than its approval allows however many vacancies it lists, and never two
 * referrals who must not live together to the same home. Each placed pair earns
 * k * perChild + weight (problem.ts): perChild outweighs any difference in weights, so the plan
 * first places as many children as possible, then maximises total match quality plus urgency
 * (tenths of a point per child) or, under minimiseCostAboveFloor, minimises weekly cost less
 * urgency among homes above the floor. Urgency is the policy's weight per day of need (policy.ts).
 * Plans of equal value are settled by the stated rule: the longest wait, then the lower referral
 * id (preferLongestWaiting), never by input order.
 *
 * How, at 500 referrals x 5,000 vacancies (several hundred thousand allowed pairs):
 * - start from each referral's best `candidatesPerReferral` pairs;
 * - every referral one child, no clashes and no home whose vacancies offer more beds than it may
 *   take: a pure assignment, solved by linear-sum-assignment (solve/assignment.ts); otherwise
 *   HiGHS over per-home configurations (solve/configurations.ts);
 * - price every left-out pair (or configuration) with the duals and add any that could improve the
 *   plan, until none can; weak duality then bounds every plan over *all* allowed pairs, so the
 *   pruning loses nothing. Every coefficient is an integer, so a plan reaching floor(bound) is
 *   optimal for the whole region. Where pricing runs out of rounds or the MIP out of time the
 *   plan says so ('bounded', 'time-limit') and reports the bound instead of claiming optimality.
 * The plain formulation (solve/plain.ts: every pair in one MIP) is kept as the baseline.
 */
import loadHighs, { type Highs, type InitOptions } from 'highs';
import { urgencyOf } from '../domain/referrals';
import { milesToPacked } from './distance';
import { Housemates, buildPlanProblem, type PlanProblem } from './problem';
import { stabilityScore } from './scores/stability';
import { solveAssignmentRound } from './solve/assignment';
import { anyClash, columnsOf, flooredBound, objectiveOf, proven, topPairs } from './solve/bounds';
import { solveByConfigurations } from './solve/configurations';
import { solvePlain } from './solve/plain';
import type { MatchingPolicy, PlanObjective } from './policy';
import type { ChildForMatching, VacancyForMatching } from './types';

export type PlanMethod = 'assignment' | 'mip' | 'plain-mip' | 'greedy';

export interface PlannedPlacement {
  referralId: string;
  childIds: readonly string[];
  vacancyId: string;
  homeId: string;
  /** Total score 0-100 of this home for this referral. */
  score: number;
  /** Weekly price for the whole group, pence. */
  weeklyPence: number;
  homeMiles: number;
  withinTwentyMiles: boolean;
  /** The home's stability score for this referral, 0-100 (scores/stability.ts). */
  stability: number;
  /** Whether the child can keep their school from this home (within the policy's school-kept miles); undefined with no school recorded. */
  schoolKept: boolean | undefined;
  /** Needed today or within five days of the plan's day (shared/domain/referrals urgencyOf). */
  urgent: boolean;
}

export interface UnplacedReferral {
  referralId: string;
  childIds: readonly string[];
  reason: string;
  urgent: boolean;
}

export type OptimalityStatus = 'optimal' | 'bounded' | 'time-limit' | 'heuristic';

export interface PlanOptimality {
  status: OptimalityStatus;
  /** What the claim covers, in words for a report. */
  statement: string;
  objectiveValue: number;
  /** A proven upper bound on the objective over every feasible pair; absent for greedy. */
  upperBound: number | undefined;
  pricingRounds: number;
  /** Columns the solver saw: pairs for the assignment and the plain MIP, home configurations for the MIP. */
  columns: number;
  feasiblePairs: number;
}

export interface RegionPlan {
  policyId: string;
  policyVersion: number;
  objective: PlanObjective;
  method: PlanMethod;
  /** Sorted by referral id. */
  placements: readonly PlannedPlacement[];
  unplaced: readonly UnplacedReferral[];
  optimality: PlanOptimality;
}

/** Wall-clock phases, filled in when a sink is passed; kept out of the plan so plans stay reproducible. */
export interface PlanTimings {
  problemMs?: number;
  solveMs?: number;
  /** Inside solveMs: LP relaxations, MIPs, assignment solves and pricing, summed over rounds. */
  lpMs?: number;
  mipMs?: number;
  assignmentMs?: number;
  pricingMs?: number;
}

function clock(timings: PlanTimings | undefined, key: 'lpMs' | 'mipMs' | 'assignmentMs' | 'pricingMs', since: number): void {
  if (timings) timings[key] = (timings[key] ?? 0) + (performance.now() - since);
}

export interface PlanOptions {
  /** 'auto' (default): pruned, priced and solved as above. 'plain': every feasible pair in one MIP, the baseline. */
  method?: 'auto' | 'plain';
  /** Overrides the policy's candidatesPerReferral. */
  candidatesPerReferral?: number;
  maxPricingRounds?: number;
  /** Per HiGHS MIP solve. */
  timeLimitSeconds?: number;
  /** A loaded solver; by default the shared one from loadSolver(). */
  highs?: Highs;
  /** Forces the MIP even for a pure assignment (to compare the two solvers in tests). */
  forceMip?: boolean;
  /** The day the plan is made for (ISO): urgency counts days from it. Default: the earliest needed-by date. */
  today?: string;
  timings?: PlanTimings;
}

let solver: Promise<Highs> | undefined;

/**
 * Loads HiGHS's WebAssembly once per process and shares it: the load is asynchronous and takes
 * tens of milliseconds, a solve is synchronous. The first call's options count: a bundle's host
 * passes `locateFile` at start (electron/solver.ts), browsers `locateFile` or `wasmBinary`. A load
 * that failed is forgotten, so the next call tries again.
 */
export function loadSolver(options?: InitOptions): Promise<Highs> {
  solver ??= loadHighs(options).catch((error: unknown) => {
    solver = undefined;
    throw error;
  });
  return solver;
}

/** The best plan for the region under the policy; see the top of this file for what "best" means. */
export async function planRegion(
  referrals: readonly ChildForMatching[],
  vacancies: readonly VacancyForMatching[],
  policy: MatchingPolicy,
  options: PlanOptions = {},
): Promise<RegionPlan> {
  const highs = options.highs ?? (await loadSolver());
  const t0 = performance.now();
  const problem = buildPlanProblem(referrals, vacancies, policy, options.today);
  const t1 = performance.now();
  const plan =
    problem.pairVacancy.length === 0
      ? nothingToPlace(problem)
      : options.method === 'plain'
        ? solvePlainPlan(problem, highs, options)
        : solvePriced(problem, highs, options);
  if (options.timings) {
    options.timings.problemMs = t1 - t0;
    options.timings.solveMs = performance.now() - t1;
  }
  return plan;
}

/** No referral has any allowed home (a solver would be handed an empty model). */
function nothingToPlace(p: PlanProblem): RegionPlan {
  return finishPlan(p, new Int32Array(p.referrals.length).fill(-1), 'mip', {
    status: 'optimal',
    statement: 'No home passes the hard rules for any referral, so no child can be placed.',
    objectiveValue: 0,
    upperBound: 0,
    pricingRounds: 0,
    columns: 0,
    feasiblePairs: 0,
  });
}

/**
 * The assignment package works on a dense matrix (a row per bed slot and per "unplaced", a column
 * per referral) and scans whole rows at every step. Past about half a million cells HiGHS's sparse
 * simplex on the same pairs is faster: at 500 single referrals with 4,561 candidate pairs the
 * assignment took 565-810 ms over three pricing rounds and HiGHS 220-390 ms (2026-12-03), for the
 * same optimal value. Both are proven optimal the same way, so the choice changes only the time.
 */
const ASSIGNMENT_MAX_CELLS = 500_000;

function solvePriced(p: PlanProblem, highs: Highs, options: PlanOptions): RegionPlan {
  const k = options.candidatesPerReferral ?? p.policy.plan.candidatesPerReferral;
  const maxRounds = options.maxPricingRounds ?? 30;
  const timeLimit = options.timeLimitSeconds ?? 30;
  const mates = new Housemates(p);
  const inModel = topPairs(p, k);
  const feasiblePairs = p.pairVacancy.length;

  // One bed slot per vacancy bed holds a home's limit only when no home's vacancies offer more than it may take.
  if (p.groupSize.every((g) => g === 1) && !p.homesBind && !options.forceMip) {
    let bound = Infinity;
    let rounds = 0;
    let result: ReturnType<typeof solveAssignmentRound>;
    for (;;) {
      const cols = columnsOf(inModel);
      // A clash between candidates sharing a home is a side constraint an assignment cannot hold.
      if (anyClash(p, mates, cols)) break;
      if ((cols.length + p.referrals.length) * p.referrals.length > ASSIGNMENT_MAX_CELLS) break;
      const t = performance.now();
      result = solveAssignmentRound(p, inModel, cols, k);
      clock(options.timings, 'assignmentMs', t);
      if (!result) break;
      rounds++;
      bound = Math.min(bound, result.bound);
      if (result.entering.length === 0 || rounds >= maxRounds) {
        const isProven = proven(result.value, bound);
        preferLongestWaiting(p, result.chosen, mates);
        return finishPlan(p, result.chosen, 'assignment', {
          status: isProven ? 'optimal' : 'bounded',
          statement: isProven
            ? `Optimal over every pair the hard rules allow (${feasiblePairs}); ${cols.length} were given to the assignment solver and its duals proved no other pair could improve the plan.`
            : `Best assignment over ${cols.length} of ${feasiblePairs} allowed pairs; no plan can exceed the stated bound.`,
          objectiveValue: result.value,
          upperBound: flooredBound(bound),
          pricingRounds: rounds,
          columns: cols.length,
          feasiblePairs,
        });
      }
      for (const pair of result.entering) inModel[pair] = 1;
    }
  }

  const outcome = solveByConfigurations(p, highs, mates, columnsOf(inModel), { maxRounds, timeLimitSeconds: timeLimit });
  if (options.timings) {
    options.timings.lpMs = (options.timings.lpMs ?? 0) + outcome.lpMs;
    options.timings.mipMs = (options.timings.mipMs ?? 0) + outcome.mipMs;
    options.timings.pricingMs = (options.timings.pricingMs ?? 0) + outcome.pricingMs;
  }
  const statement =
    outcome.status === 'optimal'
      ? `Optimal over every pair the hard rules allow (${feasiblePairs}): ${outcome.configurations} home configurations were given to the MIP, and ${outcome.provedByFixing ? 'pricing with reduced-cost fixing' : 'pricing'} proved no other could improve the plan.`
      : outcome.status === 'bounded'
        ? `Best plan found over ${outcome.configurations} home configurations; no plan over the ${feasiblePairs} allowed pairs can exceed the stated bound.`
        : `Stopped at the ${timeLimit} s time limit; not proven optimal. No plan can exceed the stated bound.`;
  preferLongestWaiting(p, outcome.chosen, mates);
  return finishPlan(p, outcome.chosen, 'mip', {
    status: outcome.status,
    statement,
    objectiveValue: outcome.value,
    upperBound: outcome.bound,
    pricingRounds: outcome.rounds,
    columns: outcome.configurations,
    feasiblePairs,
  });
}

function solvePlainPlan(p: PlanProblem, highs: Highs, options: PlanOptions): RegionPlan {
  const timeLimit = options.timeLimitSeconds ?? 60;
  const t = performance.now();
  let solved: ReturnType<typeof solvePlain>;
  try {
    solved = solvePlain(p, highs, new Housemates(p), timeLimit);
  } catch (error) {
    // At full regional size the single MIP can outgrow HiGHS's 2 GB WebAssembly heap; say so plainly.
    const aborted = error instanceof Error && error.message.startsWith('Aborted');
    // An aborted WebAssembly instance is dead; forget the shared one so the next plan loads afresh.
    if (aborted && !options.highs) solver = undefined;
    throw new Error(
      aborted
        ? `HiGHS aborted on the plain formulation (${p.pairVacancy.length} columns): its WebAssembly heap (2 GB at most) is the likely limit.`
        : `The plain formulation failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const { chosen, optimal } = solved;
  clock(options.timings, 'mipMs', t);
  preferLongestWaiting(p, chosen, new Housemates(p));
  return finishPlan(p, chosen, 'plain-mip', {
    status: optimal ? 'optimal' : 'time-limit',
    statement: optimal
      ? `Optimal over every pair the hard rules allow (${p.pairVacancy.length}), all given to one MIP.`
      : `Stopped at the ${timeLimit} s time limit with every allowed pair in one MIP; not proven optimal.`,
    objectiveValue: objectiveOf(p, chosen),
    upperBound: undefined,
    pricingRounds: 0,
    columns: p.pairVacancy.length,
    feasiblePairs: p.pairVacancy.length,
  });
}

// ------------------------------------------------------------------ ties

/**
 * Settles ties by the stated rule rather than by the solver's path: where a referral left out could
 * take a placed referral's bed for exactly the same gain (same children, same weight), the one who
 * has waited longer gets it (earlier referral date, then lower referral id). A swap keeps the
 * plan's value and its validity (the same beds, and the newcomer is checked against everyone else
 * in the home) and moves a bed to someone earlier in the queue, so the loop ends.
 */
export function preferLongestWaiting(p: PlanProblem, chosen: Int32Array, mates: Housemates): void {
  const inHome: number[][] = Array.from({ length: p.homeCount }, () => []);
  for (let r = 0; r < chosen.length; r++) if (chosen[r]! >= 0) inHome[p.home[p.pairVacancy[chosen[r]!]!]!]!.push(r);
  const waiting = (a: number, b: number) => p.waitOrder[a]! - p.waitOrder[b]!;
  for (let swapped = true; swapped;) {
    swapped = false;
    const left = [];
    for (let r = 0; r < chosen.length; r++) if (chosen[r]! < 0 && p.pairStart[r + 1]! > p.pairStart[r]!) left.push(r);
    left.sort(waiting);
    search: for (const b of left) {
      for (let pair = p.pairStart[b]!; pair < p.pairStart[b + 1]!; pair++) {
        const v = p.pairVacancy[pair]!;
        const there = inHome[p.home[v]!]!;
        for (const a of there) {
          const held = chosen[a]!;
          if (p.pairVacancy[held] !== v || p.pairCoef[held] !== p.pairCoef[pair] || p.waitOrder[a]! < p.waitOrder[b]!) continue;
          if (!there.every((o) => o === a || mates.compatible(b, o))) continue;
          chosen[a] = -1;
          chosen[b] = pair;
          there[there.indexOf(a)] = b;
          swapped = true;
          break search;
        }
      }
    }
  }
}

// ------------------------------------------------------------------ result

const NO_HOME = 'No home in the region passes the hard rules for this referral.';
const TAKEN = 'Every home this referral could use was needed for other children: the plan places as many children as possible first, then the best matches.';

export function finishPlan(p: PlanProblem, chosen: Int32Array, method: PlanMethod, optimality: PlanOptimality): RegionPlan {
  const placements: PlannedPlacement[] = [];
  const unplaced: UnplacedReferral[] = [];
  const line = p.policy.distance.twentyMileLine;
  for (let r = 0; r < p.referrals.length; r++) {
    const child = p.referrals[r]!;
    const childIds = [child.childId, ...child.siblings.map((s) => s.id)];
    const urgent = urgencyOf(child.neededByDate, p.today) !== 'later';
    const pair = chosen[r]!;
    if (pair < 0) {
      const hasPairs = p.pairStart[r + 1]! > p.pairStart[r]!;
      unplaced.push({ referralId: child.referralId, childIds, reason: hasPairs ? TAKEN : NO_HOME, urgent });
      continue;
    }
    const row = p.pairVacancy[pair]!;
    const v = p.vacancies[row]!;
    const miles = p.pairMiles[pair]!;
    const schoolMiles = child.school ? milesToPacked(child.school, p.table.places, row) : undefined;
    placements.push({
      referralId: child.referralId,
      childIds,
      vacancyId: v.vacancyId,
      homeId: v.homeId,
      score: p.pairScore[pair]!,
      weeklyPence: p.pairWeekly[pair]!,
      homeMiles: miles,
      withinTwentyMiles: miles <= line,
      stability: Math.round(stabilityScore(p.contexts[r]!, p.table, row, schoolMiles) * 10) / 10,
      schoolKept: schoolMiles === undefined ? undefined : schoolMiles <= p.policy.distance.schoolKeptMiles,
      urgent,
    });
  }
  assertPlanValid(p, chosen);
  return {
    policyId: p.policy.id,
    policyVersion: p.policy.version,
    objective: p.objective,
    method,
    placements,
    unplaced,
    optimality,
  };
}

/**
 * A last check on every plan before it leaves the engine: only allowed pairs, no vacancy given more
 * children than its beds, no home more than its approval and beds allow (however many vacancies
 * it lists), and no clashing children in one home. A failure here is a bug, never a data problem.
 */
export function assertPlanValid(p: PlanProblem, chosen: Int32Array): void {
  const usedBeds = new Int32Array(p.vacancies.length);
  const usedPlaces = new Int32Array(p.homeCount);
  const mates = new Housemates(p);
  const at = new Map<number, number[]>();
  for (let r = 0; r < chosen.length; r++) {
    const pair = chosen[r]!;
    if (pair < 0) continue;
    if (p.pairReferral[pair] !== r) throw new Error(`Plan bug: referral ${p.referrals[r]!.referralId} given another referral's pair.`);
    const v = p.pairVacancy[pair]!;
    const h = p.home[v]!;
    usedBeds[v] = usedBeds[v]! + p.groupSize[r]!;
    usedPlaces[h] = usedPlaces[h]! + p.groupSize[r]!;
    if (usedBeds[v]! > p.capacity[v]!) throw new Error(`Plan bug: vacancy ${p.vacancies[v]!.vacancyId} given more children than beds.`);
    if (usedPlaces[h]! > p.homeCapacity[h]!) throw new Error(`Plan bug: home ${p.vacancies[v]!.homeId} given more children than its approval and beds allow.`);
    const there = at.get(h) ?? [];
    for (const other of there) {
      if (!mates.compatible(r, other)) throw new Error(`Plan bug: clashing referrals placed together in home ${p.vacancies[v]!.homeId}.`);
    }
    there.push(r);
    at.set(h, there);
  }
}
