import { getChild, listChildren, type ChildRow } from '../../db/repositories/children';
import { ApiError } from '../../shared/contract';
import { ageOn } from '../../shared/domain/money';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';

function summary(ctx: ServiceContext, child: ChildRow) {
  return {
    id: child.id,
    ref: child.ref,
    age: ageOn(child.birthDate, ctx.now().toISOString().slice(0, 10)),
    sex: child.sex,
    councilId: child.councilId,
    councilName: child.councilName,
  };
}

export const childHandlers: Handlers<'children.list' | 'children.get'> = {
  'children.list': (ctx, input) => {
    const actor = requireActor(ctx);
    const rows = listChildren(ctx.db, actor.councilId, input.search?.toUpperCase() || null);
    // One entry for the list as a whole: who looked, at which scope, how many records.
    ctx.audit('list', 'child', `scope=${actor.councilId ?? 'region'};count=${rows.length}`);
    return rows.map((c) => summary(ctx, c));
  },
  'children.get': (ctx, input) => {
    const child = getChild(ctx.db, input.childId);
    if (!child) throw new ApiError('NOT_FOUND', `There is no child record ${input.childId}.`, 'childId');
    requireCouncilInScope(ctx, child.councilId);
    ctx.audit('view', 'child', String(child.id));
    return { ...summary(ctx, child), birthDate: child.birthDate, firstName: child.firstName, placeLabel: child.placeLabel };
  },
};
