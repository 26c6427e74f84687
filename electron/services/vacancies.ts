import { getVacancy, listVacancies, setVacancyStatus, updateVacancy } from '../../db/repositories/vacancies';
import { ApiError } from '../../shared/contract';
import type { Handlers } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';

export const vacancyHandlers: Handlers<'vacancies.list' | 'vacancies.setStatus' | 'vacancies.update'> = {
  'vacancies.list': (ctx, input) => listVacancies(ctx.db, input),
  'vacancies.setStatus': (ctx, input) => {
    const actor = requireActor(ctx);
    const vacancy = getVacancy(ctx.db, input.vacancyId);
    if (!vacancy) throw new ApiError('NOT_FOUND', `There is no vacancy ${input.vacancyId}.`, 'vacancyId');
    requireCouncilInScope(ctx, vacancy.councilId);
    if (vacancy.status === input.status) return vacancy;
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
    if (vacancy.status === 'filled') throw new ApiError('CONFLICT', `The vacancy at ${vacancy.homeName} is filled; its details are part of a placement's record.`, 'vacancyId');
    const date = new Date(`${input.availableFrom}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== input.availableFrom) {
      throw new ApiError('BAD_INPUT', `${input.availableFrom} is not a date in the calendar.`, 'availableFrom');
    }
    const { vacancyId, ...edit } = input;
    updateVacancy(ctx.db, vacancyId, edit, ctx.now().toISOString());
    ctx.audit('update', 'vacancy', String(vacancyId));
    ctx.emit('vacancy.changed', { vacancyId, status: vacancy.status });
    return getVacancy(ctx.db, vacancyId)!;
  },
};
