import { loadOpenVacancies, loadReferralForMatching, loadVacancyForMatching, type VacancyDisplay } from '../../db/repositories/matching';
import { currentPolicy, ensurePolicyStored, getSearchRun, insertSearchRun, listSearchRuns, policyVersion } from '../../db/repositories/policies';
import {
  bedsHeldByReferral,
  childHomePostcode,
  getPlacementHome,
  insertOffer,
  insertPlacement,
  latestOffer,
  listOffers,
  openEpisodeStart,
  openPlacementsOf,
  recordMoveInHistory,
} from '../../db/repositories/placements';
import { getReferral, setReferralStatus, type ReferralRow } from '../../db/repositories/referrals';
import { getVacancy, setVacancyBeds, setVacancyStatus, type VacancyRow } from '../../db/repositories/vacancies';
import { ApiError } from '../../shared/contract';
import { SEARCH_PAGE, type RankedHome, type SearchResult } from '../../shared/contract/matching';
import { REFERRAL_TRANSITIONS } from '../../shared/domain/referrals';
import { groupPrice, splitGroupPrice } from '../../shared/domain/money';
import {
  DEFAULT_POLICY,
  FACTORS,
  lawBarsHome,
  milesBetween,
  rankVacanciesForReferral,
  roomInHome,
  approvalGaps,
  wideningReport,
  type ChildForMatching,
  type MatchingPolicy,
  type RankResult,
} from '../../shared/scoring';
import type { Handlers, ServiceContext } from '../rpc/context';
import { getStoreKind } from '../../db/repositories/meta';
import { exportFileName } from '../../shared/domain/demo';
import { requireActor, requireCouncilInScope } from './scope';
import { withRegionBenchmarks } from './costBenchmarks';
import { shortlistPdf, shortlistXlsx } from './reports/shortlist';
import { formatIsoDate, localIsoDate } from '../../shared/domain/calendar';
import { placeChangeReasonProblem, placeCodeFor, placeCodeProblem, placeProviderFor, placePurposeOf } from '../../shared/domain/placing';
import { REASON_PLACE_CHANGE_CODES } from '../../shared/domain/ssda903';
import { leavePlacement } from './placementEndings';

const today = (ctx: ServiceContext) => localIsoDate(ctx.now());
/** Homes in a shortlist when the officer chose none: the panel reads the top of the ranking. */
const SHORTLIST_TOP = 10;

function openReferral(ctx: ServiceContext, referralId: number): ReferralRow {
  const referral = getReferral(ctx.db, referralId);
  if (!referral) throw new ApiError('NOT_FOUND', `There is no referral ${referralId}.`, 'referralId');
  requireCouncilInScope(ctx, referral.councilId);
  if (referral.status === 'placed' || referral.status === 'closed' || referral.status === 'draft') {
    throw new ApiError('CONFLICT', `This referral is ${referral.status}; searching and placing are for referrals the team is working on.`);
  }
  return referral;
}

/**
 * Refuses a hold or a placement the home has no room for now: beds, approval places (children
 * placed there and beds held for others at any of its vacancies) and who lives there. However the
 * officer came to the home, a second vacancy row never takes it past what it may care for.
 */
function requireRoom(ctx: ServiceContext, child: ChildForMatching, vacancy: VacancyRow, t: string): void {
  const home = loadVacancyForMatching(ctx.db, vacancy.id, t)!;
  const barred = lawBarsHome(child, home, currentPolicy(ctx.db));
  if (barred.length > 0) {
    throw new ApiError('CONFLICT', `${vacancy.homeName} cannot take this child: ${barred.map((p) => p.reason).join(' ')}`, 'vacancyId');
  }
  const problems = roomInHome(child, home, currentPolicy(ctx.db));
  if (problems.length > 0) {
    throw new ApiError('CONFLICT', `${vacancy.homeName} has no room for this referral now: ${problems.map((p) => p.reason).join(' ')}`, 'vacancyId');
  }
  const unapproved = approvalGaps(child, home, currentPolicy(ctx.db));
  if (unapproved.length > 0) {
    throw new ApiError('CONFLICT', `${vacancy.homeName} is not approved for this referral: ${unapproved.map((p) => p.reason).join(' ')}`, 'vacancyId');
  }
}

/** Moves the referral on when the workflow allows it; a referral already further on stays put. */
function advance(ctx: ServiceContext<true>, referral: ReferralRow, to: ReferralRow['status'], note: string): void {
  const actor = requireActor(ctx);
  if (referral.status !== to && REFERRAL_TRANSITIONS[referral.status].includes(to)) {
    setReferralStatus(ctx.db, referral.id, to, ctx.now().toISOString(), actor.id, note);
    referral.status = to;
  }
}

/** A search as it is kept: every ranked and every excluded home, whatever the answer carries. */
type KeptSearch = Omit<SearchResult, 'runId' | 'at' | 'by' | 'rankedTotal' | 'excludedTotal'>;

/** What a call answers with: the first SEARCH_PAGE of each list unless every home was asked for, and how many there are in all. */
function answerWith(kept: KeptSearch, run: { runId: number; at: string; by: string }, all: boolean): SearchResult {
  return {
    ...kept,
    ranked: all ? kept.ranked : kept.ranked.slice(0, SEARCH_PAGE),
    excluded: all ? kept.excluded : kept.excluded.slice(0, SEARCH_PAGE),
    rankedTotal: kept.ranked.length,
    excludedTotal: kept.excluded.length,
    ...run,
  };
}

/** The engine's answer with what an officer needs beside each home: name, phone, price split, place. */
export function toSearchView(result: RankResult, child: ChildForMatching, display: ReadonlyMap<string, VacancyDisplay>, policy: MatchingPolicy): KeptSearch {
  const ranked: RankedHome[] = result.ranked.map((r) => {
    const d = display.get(r.vacancyId)!;
    return {
      rank: r.rank,
      vacancyId: d.vacancyId,
      homeId: d.homeId,
      homeName: d.homeName,
      providerName: d.providerName,
      phone: d.providerPhone,
      kind: d.kind,
      ownership: r.ownership,
      councilName: d.councilName,
      ofstedGrade: d.ofstedGrade,
      lat: d.lat,
      lon: d.lon,
      beds: d.beds,
      availableFrom: d.availableFrom,
      total: r.total,
      factors: Object.fromEntries(
        FACTORS.map((f) => {
          const share = result.weightShares[f];
          return [
            f,
            {
              score: r.scores[f],
              weightShare: share,
              points: Math.round(r.scores[f] * share * 10) / 10,
              lines: [...(r.explanation?.factors[f] ?? [])],
              scored: !result.notScored.includes(f),
            },
          ];
        }),
      ) as RankedHome['factors'],
      stability: (r.explanation?.stability ?? []).map((s) => ({ ...s })),
      inHouseBonus: r.inHouseBonus,
      homeMiles: r.distance.homeMiles,
      schoolMiles: r.distance.schoolMiles ?? null,
      withinTwentyMiles: r.distance.withinTwentyMiles,
      insideHomeCouncil: r.distance.insideHomeCouncil,
      weeklyPence: r.weeklyPence,
      annualPence: r.annualPence,
      // The group's price, as weeklyPence is: what the provider quotes and the officer agrees for all the children.
      priceSplit: groupPrice(d.priceSplitPence, child.siblings.length + 1),
      explanation: [...(r.explanation?.summary ?? [])],
    };
  });
  return {
    referralId: Number(result.referralId),
    policyVersion: result.policyVersion,
    distanceLineMiles: policy.distance.twentyMileLine,
    childWishes: result.childWishes,
    childHome: { lat: child.home.lat, lon: child.home.lon },
    childSchool: child.school ? { lat: child.school.lat, lon: child.school.lon } : null,
    ranked,
    excluded: result.excluded.map((e) => {
      const d = display.get(e.vacancyId)!;
      return {
        vacancyId: d.vacancyId,
        homeName: d.homeName,
        providerName: d.providerName,
        kind: d.kind,
        councilName: d.councilName,
        reasons: e.reasons.map((x) => x.reason),
      };
    }),
  };
}

const PLACEMENT_TYPES = { foster: 'Foster', residential: 'Residential', supported: 'Supported Accommodation' } as const;

export const matchingHandlers: Handlers<
  | 'matching.search'
  | 'matching.runs'
  | 'matching.run'
  | 'matching.shortlist'
  | 'placement.hold'
  | 'placement.recordResponse'
  | 'placement.place'
  | 'placement.offers'
> = {
  'matching.search': (ctx, input) => {
    const actor = requireActor(ctx);
    const referral = openReferral(ctx, input.referralId);
    const t = today(ctx);
    const child = loadReferralForMatching(ctx.db, referral.id, t)!;
    const { engine, display, table } = loadOpenVacancies(ctx.db, t);
    const stored = currentPolicy(ctx.db);
    const at = ctx.now().toISOString();
    ensurePolicyStored(ctx.db, stored, at, null);
    const policy = withRegionBenchmarks(ctx.db, stored, t);
    const result = rankVacanciesForReferral(child, table, policy);
    // Worked out on copies of the policy and referral: what widening would add, never a change to either.
    const widening = result.ranked.length === 0 ? wideningReport(child, engine, policy, result) : null;
    const view = { ...toSearchView(result, child, display, policy), widening: widening && { excludedBy: widening.excludedBy, widenings: widening.widenings } };
    const runId = insertSearchRun(ctx.db, {
      referralId: referral.id,
      at,
      userId: actor.id,
      policyVersion: policy.version,
      input: { child, vacancies: engine, benchmarks: policy.benchmarks },
      result: view,
      ranked: view.ranked.length,
      excluded: view.excluded.length,
    });
    advance(ctx, referral, 'searching', 'Search run');
    ctx.audit('search', 'referral', String(referral.id));
    return answerWith(view, { runId, at, by: actor.displayName }, false);
  },

  'matching.runs': (ctx, input) => {
    const referral = getReferral(ctx.db, input.referralId);
    if (!referral) throw new ApiError('NOT_FOUND', `There is no referral ${input.referralId}.`, 'referralId');
    requireCouncilInScope(ctx, referral.councilId);
    ctx.audit('view', 'referral', String(referral.id));
    return listSearchRuns(ctx.db, referral.id);
  },

  'matching.run': (ctx, input) => {
    const run = getSearchRun(ctx.db, input.runId);
    if (!run) throw new ApiError('NOT_FOUND', `There is no search ${input.runId}.`, 'runId');
    const referral = getReferral(ctx.db, run.referralId)!;
    requireCouncilInScope(ctx, referral.councilId);
    ctx.audit('view', 'referral', String(referral.id));
    const stored = JSON.parse(run.result) as Omit<KeptSearch, 'distanceLineMiles'> & { distanceLineMiles?: number };
    // Searches saved before the line was kept with them take it from the policy version they ran under.
    const distanceLineMiles = stored.distanceLineMiles ?? (policyVersion(ctx.db, run.policyVersion) ?? DEFAULT_POLICY).distance.twentyMileLine;
    return answerWith({ ...stored, distanceLineMiles }, { runId: run.id, at: run.at, by: run.by }, input.all);
  },

  'matching.shortlist': (ctx, input) => {
    const run = getSearchRun(ctx.db, input.runId);
    if (!run) throw new ApiError('NOT_FOUND', `There is no search ${input.runId}.`, 'runId');
    const referral = getReferral(ctx.db, run.referralId)!;
    requireCouncilInScope(ctx, referral.councilId);
    // The export reads the whole kept search: a chosen home may be below the first page.
    const search = answerWith(JSON.parse(run.result) as KeptSearch, { runId: run.id, at: run.at, by: run.by }, true);
    const chosen = new Set(input.vacancyIds);
    const missing = input.vacancyIds.filter((id) => !search.ranked.some((r) => r.vacancyId === id));
    if (missing.length > 0) throw new ApiError('BAD_INPUT', `Vacancy ${missing.join(', ')} is not among this search's ranked homes.`, 'vacancyIds');
    const homes = chosen.size > 0 ? search.ranked.filter((r) => chosen.has(r.vacancyId)) : search.ranked.slice(0, SHORTLIST_TOP);
    if (homes.length === 0) throw new ApiError('CONFLICT', 'This search ranked no homes, so there is no shortlist to export.', 'runId');
    const storeKind = getStoreKind(ctx.db);
    const meta = { referralId: referral.id, childRef: referral.childRef, at: ctx.now().toISOString(), demo: storeKind === 'demo' };
    const file = input.format === 'pdf' ? shortlistPdf(search, homes, meta) : shortlistXlsx(search, homes, meta);
    // Exporting a child's search is reading the child's record, as the search itself is.
    ctx.audit('export', 'referral', String(referral.id));
    return {
      filename: exportFileName(file.fileName, storeKind),
      mimeType: file.mimeType,
      base64: file.content.toString('base64'),
      bytes: file.content.length,
      homes: homes.length,
    };
  },

  'placement.hold': (ctx, input) => {
    const actor = requireActor(ctx);
    const referral = openReferral(ctx, input.referralId);
    const vacancy = getVacancy(ctx.db, input.vacancyId);
    if (!vacancy) throw new ApiError('NOT_FOUND', `There is no vacancy ${input.vacancyId}.`, 'vacancyId');
    if (vacancy.status !== 'open') throw new ApiError('CONFLICT', `${vacancy.homeName} is ${vacancy.status}, so it cannot be held.`, 'vacancyId');
    // One bed at a time for a child: a second hold would keep a bed from another child, and moving
    // the referral on from it would undo the offer already made.
    const holding = bedsHeldByReferral(ctx.db, [referral.id]).get(referral.id);
    if (holding) {
      throw new ApiError(
        'CONFLICT',
        `A bed at ${holding[0]!.homeName} is already held for this referral. Record the provider's answer there, or release that bed, before holding another.`,
        'vacancyId',
      );
    }
    const t = today(ctx);
    requireRoom(ctx, loadReferralForMatching(ctx.db, referral.id, t)!, vacancy, t);
    const at = ctx.now().toISOString();
    setVacancyStatus(ctx.db, vacancy.id, 'held', at, actor.id);
    insertOffer(ctx.db, {
      referralId: referral.id,
      vacancyId: vacancy.id,
      status: 'requested',
      price: { core: 0, support: 0, education: 0, other: 0 },
      reason: input.note,
      at,
      userId: actor.id,
    });
    // A hold straight from the region plan may come before any search on the referral.
    advance(ctx, referral, 'searching', 'Search started');
    advance(ctx, referral, 'shortlisted', `Held ${vacancy.homeName}${input.note ? `: ${input.note}` : ''}`);
    ctx.emit('vacancy.changed', { vacancyId: vacancy.id, status: 'held' });
    ctx.audit('hold', 'referral', String(referral.id));
    return { done: true };
  },

  'placement.recordResponse': (ctx, input) => {
    const actor = requireActor(ctx);
    const referral = openReferral(ctx, input.referralId);
    const vacancy = getVacancy(ctx.db, input.vacancyId);
    if (!vacancy) throw new ApiError('NOT_FOUND', `There is no vacancy ${input.vacancyId}.`, 'vacancyId');
    if (input.response === 'offered' && input.price === null) throw new ApiError('BAD_INPUT', 'An offer needs the weekly price the provider quoted', 'price');
    if (input.response === 'refused' && input.reason === '') throw new ApiError('BAD_INPUT', 'Record why the provider said no', 'reason');
    // A bed held for another child's referral is that referral's to answer: recording a refusal
    // here would release their hold.
    const heldForThis = (bedsHeldByReferral(ctx.db, [referral.id]).get(referral.id) ?? []).some((h) => h.vacancyId === vacancy.id);
    if (vacancy.status === 'held' && !heldForThis) {
      throw new ApiError(
        'CONFLICT',
        `${vacancy.homeName} is held for another child's referral, so its answer is recorded on that referral. Nothing was changed.`,
        'vacancyId',
      );
    }
    const at = ctx.now().toISOString();
    insertOffer(ctx.db, {
      referralId: referral.id,
      vacancyId: vacancy.id,
      status: input.response,
      price: input.price ?? { core: 0, support: 0, education: 0, other: 0 },
      reason: input.reason,
      at,
      userId: actor.id,
    });
    if (input.response === 'refused' && heldForThis) {
      setVacancyStatus(ctx.db, vacancy.id, 'open', at, actor.id);
      ctx.emit('vacancy.changed', { vacancyId: vacancy.id, status: 'open' });
    }
    if (input.response === 'offered') advance(ctx, referral, 'offered', `${vacancy.homeName} offered a place`);
    else setReferralStatus(ctx.db, referral.id, referral.status, at, actor.id, `${vacancy.homeName} said no: ${input.reason}`);
    ctx.audit(input.response === 'offered' ? 'offer' : 'refusal', 'referral', String(referral.id));
    return { done: true };
  },

  'placement.place': (ctx, input) => {
    const actor = requireActor(ctx);
    const referral = openReferral(ctx, input.referralId);
    const vacancy = getVacancy(ctx.db, input.vacancyId);
    if (!vacancy) throw new ApiError('NOT_FOUND', `There is no vacancy ${input.vacancyId}.`, 'vacancyId');
    if (vacancy.status !== 'open' && !(vacancy.status === 'held' && latestOffer(ctx.db, referral.id, vacancy.id))) {
      throw new ApiError('CONFLICT', `${vacancy.homeName} is ${vacancy.status} and not held for this child.`, 'vacancyId');
    }
    const t = today(ctx);
    if (input.startDate < t) throw new ApiError('BAD_INPUT', 'A placement cannot start in the past', 'startDate');
    const child = loadReferralForMatching(ctx.db, referral.id, t)!;
    const groupIds = [Number(child.childId), ...child.siblings.map((s) => Number(s.id))];
    requireRoom(ctx, child, vacancy, t);
    const home = getPlacementHome(ctx.db, vacancy.homeId)!;
    const location = {
      lat: home.lat,
      lon: home.lon,
      ...(home.easting !== null && home.northing !== null ? { grid: { easting: home.easting, northing: home.northing } } : {}),
    };
    const miles = milesBetween(child.home, location);
    const schoolMiles = child.school ? milesBetween(child.school, location) : null;
    const policy = currentPolicy(ctx.db);
    const place = input.place ? input.place.toUpperCase() : placeCodeFor(home, input.startDate, placePurposeOf(child.purpose));
    const placeProblem = placeCodeProblem(home, place, input.startDate);
    if (placeProblem) throw new ApiError('BAD_INPUT', placeProblem, 'place');
    const placeProvider = placeProviderFor(home, referral.councilId);
    // A child already looked after moves: the episode they leave needs the reason for the change (never assumed to be the care plan).
    const moving = groupIds.filter((id) => openEpisodeStart(ctx.db, id) !== null || openPlacementsOf(ctx.db, id).length > 0);
    const reasonPlaceChange = input.reasonPlaceChange ? input.reasonPlaceChange.toUpperCase() : null;
    if (moving.length > 0 && reasonPlaceChange === null) {
      throw new ApiError(
        'BAD_INPUT',
        'This child already lives somewhere in care, so say why their placement changes (SSDA903 reason for placement change)',
        'reasonPlaceChange',
      );
    }
    if (moving.length === 0 && reasonPlaceChange !== null) {
      throw new ApiError('BAD_INPUT', 'Give a reason for placement change only when the child moves within care', 'reasonPlaceChange');
    }
    const reasonProblem = reasonPlaceChange && placeChangeReasonProblem(reasonPlaceChange, input.startDate);
    if (reasonProblem) throw new ApiError('BAD_INPUT', reasonProblem, 'reasonPlaceChange');
    for (const id of moving) {
      const started = openEpisodeStart(ctx.db, id);
      if (started !== null && started > input.startDate) {
        throw new ApiError(
          'BAD_INPUT',
          `The child's current episode of care began on ${formatIsoDate(started)}, so a move cannot start before then`,
          'startDate',
        );
      }
    }
    const at = ctx.now().toISOString();
    let firstId = 0;
    // The agreed price is the group's; each child's placement records its share, so every figure reads per child.
    const shares = splitGroupPrice(input.price, groupIds.length);
    for (const [i, id] of groupIds.entries()) {
      for (const leaving of openPlacementsOf(ctx.db, id)) {
        leavePlacement(ctx, leaving, {
          date: input.startDate,
          reasonPlaceChange,
          rec: null,
          note: '',
          words: `Moved to ${vacancy.homeName} on ${formatIsoDate(input.startDate)}: ${REASON_PLACE_CHANGE_CODES[reasonPlaceChange!]!.label} (${reasonPlaceChange})`,
        });
      }
      const placementId = insertPlacement(ctx.db, {
        childId: id,
        referralId: referral.id,
        vacancyId: vacancy.id,
        homeId: home.id,
        councilId: referral.councilId,
        placementType: PLACEMENT_TYPES[home.kind],
        startDate: input.startDate,
        price: shares[i]!,
        locationLabel: home.label,
        locationPreferable: miles <= policy.distance.twentyMileLine,
        educationContinuity: schoolMiles !== null && schoolMiles <= policy.distance.schoolKeptMiles,
        siblingsTogether: groupIds.length - 1,
        providerUrn: home.urn,
        distanceMiles: miles,
        distanceReason: input.distanceReason,
        rationale: input.rationale,
        referralOfficerName: '',
        placementOfficerName: actor.displayName,
        referralDate: referral.receivedAt.slice(0, 10),
        placementDate: t,
      });
      firstId ||= placementId;
      recordMoveInHistory(ctx.db, {
        childId: id,
        homeId: home.id,
        startDate: input.startDate,
        place,
        placeProvider,
        urn: home.urn || null,
        distanceMiles: miles,
        reasonPlaceChange,
        homePost: childHomePostcode(ctx.db, id),
        plPost: home.postcode,
      });
      ctx.audit('place', 'child', String(id));
    }
    const bedsLeft = vacancy.beds - groupIds.length;
    if (bedsLeft === 0) setVacancyStatus(ctx.db, vacancy.id, 'filled', at, actor.id);
    else {
      setVacancyBeds(ctx.db, vacancy.id, bedsLeft, at);
      if (vacancy.status === 'held') setVacancyStatus(ctx.db, vacancy.id, 'open', at, actor.id);
    }
    insertOffer(ctx.db, {
      referralId: referral.id,
      vacancyId: vacancy.id,
      status: 'accepted',
      price: input.price,
      reason: input.rationale,
      at,
      userId: actor.id,
    });
    setReferralStatus(ctx.db, referral.id, 'placed', at, actor.id, `Placed at ${vacancy.homeName} from ${input.startDate}: ${input.rationale}`);
    ctx.emit('vacancy.changed', { vacancyId: vacancy.id, status: bedsLeft === 0 ? 'filled' : 'open' });
    ctx.audit('place', 'referral', String(referral.id));
    return { placementId: firstId };
  },

  'placement.offers': (ctx, input) => {
    const referral = getReferral(ctx.db, input.referralId);
    if (!referral) throw new ApiError('NOT_FOUND', `There is no referral ${input.referralId}.`, 'referralId');
    requireCouncilInScope(ctx, referral.councilId);
    ctx.audit('view', 'referral', String(referral.id));
    return listOffers(ctx.db, referral.id);
  },
};
