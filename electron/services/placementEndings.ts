import {
  endPlacementRow,
  getOpenPlacement,
  getPlacementHome,
  openEpisodeStart,
  openPlacementsOf,
  recordLeavingCare,
  type OpenPlacement,
} from '../../db/repositories/placements';
import { getReferral, setReferralStatus } from '../../db/repositories/referrals';
import { giveBedBack } from '../../db/repositories/vacancies';
import { ApiError } from '../../shared/contract';
import { formatIsoDate, localIsoDate } from '../../shared/domain/calendar';
import { EPISODE_CEASED_CLASS, type EndingClass } from '../../shared/domain/endings';
import { episodeCeasedProblem } from '../../shared/domain/placing';
import { REASON_EPISODE_CEASED_CODES } from '../../shared/domain/ssda903';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';

/** How a placement ends: a move names the reason for the change, leaving care the reason the episode ceased. */
export interface PlacementEnd {
  date: string;
  reasonPlaceChange: string | null;
  rec: string | null;
  note: string;
  /** For the referral's history: "Moved to Elm Lodge (Child requests placement end)". */
  words: string;
}

/**
 * What ending a placement changes besides the child's history: the placement row, the bed (back to
 * the vacancy the child was placed from, if the home still takes children) and the referral that
 * placed them (closed: its work is done). Used by ending and by a move. Answers the vacancy's status
 * now, or null when no vacancy changed.
 */
export function leavePlacement(ctx: ServiceContext<true>, placement: OpenPlacement, end: PlacementEnd): 'open' | 'held' | null {
  const actor = requireActor(ctx);
  const at = ctx.now().toISOString();
  endPlacementRow(ctx.db, placement.id, { endDate: end.date, endReason: end.reasonPlaceChange, endRec: end.rec, note: end.note });
  let vacancyStatus: 'open' | 'held' | null = null;
  const home = getPlacementHome(ctx.db, placement.homeId);
  // A connected-person carer is approved for their named child only, and an inactive household
  // takes no one: neither bed goes back to the region's list.
  if (placement.vacancyId !== null && home && home.active && !home.kinship) {
    const status = giveBedBack(ctx.db, placement.vacancyId, end.date, at, actor.id);
    if (status === 'open' || status === 'held') {
      vacancyStatus = status;
      ctx.emit('vacancy.changed', { vacancyId: placement.vacancyId, status });
    }
  }
  if (placement.referralId !== null) {
    const referral = getReferral(ctx.db, placement.referralId);
    if (referral?.status === 'placed') setReferralStatus(ctx.db, referral.id, 'closed', at, actor.id, end.words);
  }
  return vacancyStatus;
}

/** The placement named by id, or the child's one open placement; refused in the field's words when there is none, or more than one. */
function placementToEnd(ctx: ServiceContext, input: { placementId?: number | undefined; childId?: number | undefined }): OpenPlacement {
  if ((input.placementId === undefined) === (input.childId === undefined)) {
    throw new ApiError('BAD_INPUT', 'Name the placement to end, or the child whose placement it is, but not both', 'placementId');
  }
  if (input.placementId !== undefined) {
    const placement = getOpenPlacement(ctx.db, input.placementId);
    if (!placement) throw new ApiError('NOT_FOUND', `There is no current placement ${input.placementId}; it may have ended already.`, 'placementId');
    return placement;
  }
  const open = openPlacementsOf(ctx.db, input.childId!);
  if (open.length === 0) throw new ApiError('NOT_FOUND', `Child ${input.childId} has no current placement in the region's homes.`, 'childId');
  if (open.length > 1) {
    throw new ApiError('CONFLICT', `Child ${input.childId} has ${open.length} current placements; end one by its placementId.`, 'childId');
  }
  return open[0]!;
}

export const placementEndingHandlers: Handlers<'placement.end'> = {
  'placement.end': (ctx, input) => {
    requireActor(ctx);
    const placement = placementToEnd(ctx, input);
    requireCouncilInScope(ctx, placement.councilId);
    const today = localIsoDate(ctx.now());
    if (input.endDate > today) throw new ApiError('BAD_INPUT', 'Record an ending on or after the day it happens, not before', 'endDate');
    if (input.endDate < placement.startDate) {
      throw new ApiError('BAD_INPUT', `This placement began on ${formatIsoDate(placement.startDate)}, so it cannot end before then`, 'endDate');
    }
    const episodeStart = openEpisodeStart(ctx.db, placement.childId);
    if (episodeStart !== null && input.endDate < episodeStart) {
      throw new ApiError(
        'BAD_INPUT',
        `The child's current episode of care (SSDA903) began on ${formatIsoDate(episodeStart)}, so their care cannot end before then`,
        'endDate',
      );
    }
    const rec = input.reasonEpisodeCeased.toUpperCase();
    const problem = episodeCeasedProblem(rec, input.endDate);
    if (problem) throw new ApiError('BAD_INPUT', problem, 'reasonEpisodeCeased');
    const ending = EPISODE_CEASED_CLASS[rec] as EndingClass;
    const words = `Placement at ${placement.homeName} ended ${formatIsoDate(input.endDate)}: ${REASON_EPISODE_CEASED_CODES[rec]!.label} (${rec}, ${ending})`;
    const vacancyStatus = leavePlacement(ctx, placement, { date: input.endDate, reasonPlaceChange: null, rec, note: input.note, words });
    recordLeavingCare(ctx.db, placement.childId, input.endDate, rec);
    ctx.audit('end', 'child', String(placement.childId));
    return { placementId: placement.id, ending, vacancyStatus };
  },
};
