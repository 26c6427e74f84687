import { checkVacancyCells, findVacancyHome, insertVacancy, type VacancyCells } from '../../db/importers/vacancies';
import { loadVacancyForMatching } from '../../db/repositories/matching';
import { localIsoDate } from '../../shared/domain/calendar';
import {
  getVacancy,
  homeBarredReason,
  listVacancies,
  listVacancyHomes,
  setVacancyStatus,
  updateVacancy,
  type VacancyPageRows,
  type VacancyRow,
} from '../../db/repositories/vacancies';
import { homeApprovals } from '../../db/repositories/homeApprovals';
import { MAINSTREAM_APPROVAL } from '../../shared/domain/purposes';
import { ApiError } from '../../shared/contract';
import type { HomeApprovalView, VacancyAddInput } from '../../shared/contract/region';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';

/** The Add vacancy form's field for each of the feed template's columns, so a problem is shown by its field. */
const FIELD_OF_COLUMN: Record<keyof VacancyCells, keyof VacancyAddInput> = {
  'Vacancy ID': 'homeId',
  'Home ID': 'homeId',
  'Ofsted URN': 'homeId',
  Beds: 'beds',
  'Available from': 'availableFrom',
  Status: 'beds',
  'Core weekly price (£)': 'priceCore',
  'Support weekly price (£)': 'priceSupport',
  'Education weekly price (£)': 'priceEducation',
  'Other weekly price (£)': 'priceOther',
  Restrictions: 'restrictions',
};

/** What each of the form's fields is called, in the words of its label. */
const FIELD_WORDS: Record<keyof VacancyAddInput, string> = {
  homeId: 'the home',
  beds: 'the number of beds',
  availableFrom: 'the date the bed is free from',
  priceCore: 'the core weekly price',
  priceSupport: 'the weekly price for support',
  priceEducation: 'the weekly price for education',
  priceOther: 'the other weekly price',
  restrictions: 'the restrictions',
};

/** The feed's messages speak of cells; the form has fields: an empty one is asked for by name. */
const forForm = (message: string, field: keyof VacancyAddInput) => (/required but the cell is empty/.test(message) ? `Enter ${FIELD_WORDS[field]}` : message);

/**
 * A bed held from the board is a place promised under the home's approval, as a hold for a named
 * child is: a home whose approval is used up (children placed there, beds held at its other
 * vacancies) has no place left to hold, however many vacancy rows it lists.
 */
function requireApprovalPlaceLeft(vacancyId: number, homeName: string, today: string, ctx: ServiceContext): void {
  const home = loadVacancyForMatching(ctx.db, vacancyId, today);
  if (!home) return;
  const used = home.otherChildren.length + home.placesHeld;
  if (used >= home.approval.maxChildren) {
    const placed = home.otherChildren.length;
    const parts = [
      placed > 0 ? `${placed} placed there` : '',
      home.placesHeld > 0 ? `${home.placesHeld} ${home.placesHeld === 1 ? 'bed' : 'beds'} held at its other vacancies` : '',
    ].filter(Boolean);
    throw new ApiError(
      'CONFLICT',
      `${homeName} is approved for ${home.approval.maxChildren} ${home.approval.maxChildren === 1 ? 'child' : 'children'} in care, with ${parts.join(' and ')}: no place is left to hold.`,
      'vacancyId',
    );
  }
}

/**
 * The board's rows with each home's approval. A connected-person carer's named child is named by
 * reference only to officers and administrators whose scope holds the child's council: the board
 * is also a commissioner's, and a reference is the key to a child's record.
 */
function withApprovals(ctx: ServiceContext, page: VacancyPageRows): VacancyPageRows & { rows: (VacancyRow & { approval: HomeApprovalView })[] } {
  const actor = requireActor(ctx);
  const approvals = homeApprovals(
    ctx.db,
    page.rows.map((r) => r.homeId),
  );
  const mayName = (councilId: number) =>
    (actor.role === 'placement_officer' || actor.role === 'administrator') && (actor.councilId === null || actor.councilId === councilId);
  return {
    ...page,
    rows: page.rows.map((r) => {
      const a = approvals.get(r.homeId);
      const named = a?.namedChild ?? null;
      return {
        ...r,
        approval: {
          approvedPurposes: a?.approvedPurposes ?? [...MAINSTREAM_APPROVAL],
          connectedPerson: named !== null,
          namedChildRef: named !== null && mayName(named.councilId) ? named.ref : null,
        },
      };
    }),
  };
}

export const vacancyHandlers: Handlers<'vacancies.list' | 'vacancies.setStatus' | 'vacancies.update' | 'vacancies.homes' | 'vacancies.add'> = {
  'vacancies.list': (ctx, input) => withApprovals(ctx, listVacancies(ctx.db, input)),
  'vacancies.homes': (ctx) => listVacancyHomes(ctx.db, requireActor(ctx).councilId),
  'vacancies.add': (ctx, input) => {
    const actor = requireActor(ctx);
    const cells: VacancyCells = {
      'Vacancy ID': '',
      'Home ID': String(input.homeId),
      'Ofsted URN': '',
      Beds: input.beds.trim(),
      'Available from': input.availableFrom.trim(),
      Status: 'open',
      'Core weekly price (£)': input.priceCore.trim(),
      'Support weekly price (£)': input.priceSupport.trim(),
      'Education weekly price (£)': input.priceEducation.trim(),
      'Other weekly price (£)': input.priceOther.trim(),
      Restrictions: input.restrictions.trim(),
    };
    const checked = checkVacancyCells(cells);
    if (!checked.ok) {
      const first = checked.issues[0]!;
      const field = FIELD_OF_COLUMN[first.column as keyof VacancyCells];
      throw new ApiError('BAD_INPUT', forForm(first.message, field), field);
    }
    const found = findVacancyHome(ctx.db, checked.value, actor.councilId);
    if (!found.ok) {
      if (found.reason === 'scope') throw new ApiError('FORBIDDEN', `${found.message}: you can add vacancies only for your council's homes.`, 'homeId');
      throw new ApiError('NOT_FOUND', `There is no home ${input.homeId}.`, 'homeId');
    }
    const barred = homeBarredReason(ctx.db, found.home.id);
    if (barred !== null) throw new ApiError('CONFLICT', `${barred}: the home cannot take a child, so no vacancy can be added for it.`, 'homeId');
    const id = insertVacancy(ctx.db, found.home.id, checked.value, 'manual', ctx.now().toISOString(), actor.id);
    ctx.audit('create', 'vacancy', String(id));
    ctx.emit('vacancy.changed', { vacancyId: id, status: 'open' });
    return getVacancy(ctx.db, id)!;
  },
  'vacancies.setStatus': (ctx, input) => {
    const actor = requireActor(ctx);
    const vacancy = getVacancy(ctx.db, input.vacancyId);
    if (!vacancy) throw new ApiError('NOT_FOUND', `There is no vacancy ${input.vacancyId}.`, 'vacancyId');
    requireCouncilInScope(ctx, vacancy.councilId);
    if (vacancy.status === input.status) return vacancy;
    // The law, not the officer, decides here: a home whose registration is suspended or ended takes no child.
    if ((input.status === 'open' || input.status === 'held') && vacancy.homeBarred !== null)
      throw new ApiError(
        'CONFLICT',
        `${vacancy.homeBarred}: the vacancy at ${vacancy.homeName} cannot be ${input.status === 'open' ? 'opened' : 'held'}.`,
        'vacancyId',
      );
    if (input.status === 'held') requireApprovalPlaceLeft(vacancy.id, vacancy.homeName, localIsoDate(ctx.now()), ctx);
    setVacancyStatus(ctx.db, vacancy.id, input.status, ctx.now().toISOString(), actor.id);
    ctx.emit('vacancy.changed', { vacancyId: vacancy.id, status: input.status });
    return getVacancy(ctx.db, vacancy.id)!;
  },
  'vacancies.update': (ctx, input) => {
    requireActor(ctx);
    const vacancy = getVacancy(ctx.db, input.vacancyId);
    if (!vacancy) throw new ApiError('NOT_FOUND', `There is no vacancy ${input.vacancyId}.`, 'vacancyId');
    requireCouncilInScope(ctx, vacancy.councilId);
    // A filled vacancy's price is what a placement was agreed against: changing it would rewrite history.
    if (vacancy.status === 'filled')
      throw new ApiError('CONFLICT', `The vacancy at ${vacancy.homeName} is filled; its details are part of a placement's record.`, 'vacancyId');
    const { vacancyId, ...edit } = input;
    updateVacancy(ctx.db, vacancyId, edit, ctx.now().toISOString());
    ctx.audit('update', 'vacancy', String(vacancyId));
    ctx.emit('vacancy.changed', { vacancyId, status: vacancy.status });
    return getVacancy(ctx.db, vacancyId)!;
  },
};
