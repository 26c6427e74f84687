import { getChild, getChildNeeds, listChildren, listEpisodes, listSiblings, type ChildRow } from '../../db/repositories/children';
import { riskLabels, stabilityIndicators, episodeView } from './childProfile';
import { CATEGORY_OF_NEED_CODES, ETHNIC_CODES, LEGAL_STATUS_CODES } from '../../shared/domain/ssda903';
import { ApiError } from '../../shared/contract';
import { ageOn } from '../../shared/domain/calendar';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';
import { openEpisodeStart, openPlacementsOf } from '../../db/repositories/placements';
import { isCalendarDate, localIsoDate } from '../../shared/domain/calendar';

/** The child's current placement in one of the region's homes (the newest, should a damaged record hold two); null when none. */
function currentPlacementOf(ctx: ServiceContext, childId: number) {
  const open = openPlacementsOf(ctx.db, childId)[0];
  return open && isCalendarDate(open.startDate) ? { placementId: open.id, homeName: open.homeName, startDate: open.startDate } : null;
}

function summary(ctx: ServiceContext, child: ChildRow) {
  return {
    id: child.id,
    ref: child.ref,
    firstName: child.firstName,
    // A bad stored birth date gives no age rather than a wrong one, or a failed list.
    age: isCalendarDate(child.birthDate) ? ageOn(child.birthDate, localIsoDate(ctx.now())) : null,
    sex: child.sex,
    councilId: child.councilId,
    councilName: child.councilName,
  };
}

export const childHandlers: Handlers<'children.list' | 'children.get' | 'children.profile'> = {
  'children.list': (ctx, input) => {
    const actor = requireActor(ctx);
    const page = listChildren(ctx.db, { councilId: actor.councilId, text: input.search || null, limit: input.limit, offset: input.offset });
    // One entry for the page as a whole: who looked, at which scope, which records of how many.
    ctx.audit(
      'list',
      'child',
      `scope=${actor.councilId ?? 'region'};count=${page.rows.length};offset=${input.offset};total=${page.total}${input.search ? ';search' : ''}`,
    );
    return { rows: page.rows.map((c) => summary(ctx, c)), total: page.total };
  },
  'children.get': (ctx, input) => {
    const child = getChild(ctx.db, input.childId);
    if (!child) throw new ApiError('NOT_FOUND', `There is no child record ${input.childId}.`, 'childId');
    requireCouncilInScope(ctx, child.councilId);
    ctx.audit('view', 'child', String(child.id));
    return { ...summary(ctx, child), birthDate: isCalendarDate(child.birthDate) ? child.birthDate : null, placeLabel: child.placeLabel };
  },
  'children.profile': (ctx, input) => {
    const child = getChild(ctx.db, input.childId);
    const needs = getChildNeeds(ctx.db, input.childId);
    if (!child || !needs) throw new ApiError('NOT_FOUND', `There is no child record ${input.childId}.`, 'childId');
    requireCouncilInScope(ctx, child.councilId);
    ctx.audit('view', 'child', String(child.id));
    const today = localIsoDate(ctx.now());
    const episodes = listEpisodes(ctx.db, child.id);
    const unreadableDates: { field: string; label: string; value: string }[] = [];
    const readable = (value: string | null, field: string, label: string): string | null => {
      if (value === null || isCalendarDate(value)) return value;
      unreadableDates.push({ field, label, value });
      return null;
    };
    const birthDate = readable(child.birthDate, 'child.birthDate', 'Date of birth');
    const history = episodes.map((e, i) => {
      const view = episodeView(e);
      return {
        ...view,
        start: readable(view.start, `history.${i}.start`, `Start of placement ${i + 1}`),
        end: readable(view.end, `history.${i}.end`, `End of placement ${i + 1}`),
      };
    });
    // Stability counts only episodes whose dates can be read, so one bad value cannot make them nonsense.
    const datedEpisodes = episodes.filter((e) => isCalendarDate(e.decom) && (e.dec === null || isCalendarDate(e.dec)));
    const list = (json: string) => (JSON.parse(json) as unknown[]).map(String);
    return {
      child: {
        ...summary(ctx, child),
        birthDate,
        placeLabel: child.placeLabel,
        ethnicity: ETHNIC_CODES[needs.ethnicity]?.label ?? needs.ethnicity,
        legalStatus: LEGAL_STATUS_CODES[needs.legalStatus]?.label ?? needs.legalStatus,
        categoryOfNeed: CATEGORY_OF_NEED_CODES[needs.categoryOfNeed]?.label ?? needs.categoryOfNeed,
        uasc: needs.uasc === 1,
        disability: needs.disability === 1,
        wheelchair: needs.wheelchair === 1,
        send: needs.send,
        communication: list(needs.communication),
        languages: list(needs.languages),
        religion: needs.religion,
        culturalNeeds: needs.culturalNeeds,
        schoolLabel: needs.schoolLabel,
        livingCompanions: needs.livingCompanions,
        pets: needs.pets,
        risks: riskLabels(needs.risks),
        wishes: needs.wishes,
      },
      siblings: needs.siblingGroup
        ? listSiblings(ctx.db, needs.siblingGroup, child.id).map((s) => ({
            id: s.id,
            ref: s.ref,
            age: isCalendarDate(s.birthDate) ? ageOn(s.birthDate, today) : null,
            currentHome: s.currentHome,
          }))
        : [],
      history,
      unreadableDates,
      stability: { ...stabilityIndicators(datedEpisodes, today), currentHomeName: needs.currentHomeName },
      currentPlacement: currentPlacementOf(ctx, child.id),
      inCare: openEpisodeStart(ctx.db, child.id) !== null,
    };
  },
};
