import { getVacancy, listVacancies, setVacancyStatus } from '../../db/repositories/vacancies';
import { ApiError } from '../../shared/contract';
import type { Handlers } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';

export const vacancyHandlers: Handlers<'vacancies.list' | 'vacancies.setStatus'> = {
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
};
