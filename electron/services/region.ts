import { listCouncils, listConstellations } from '../../db/repositories/region';
import type { Handlers } from '../rpc/context';
import { requireActor } from './scope';

export const regionHandlers: Handlers<'region.councils' | 'region.constellations'> = {
  'region.councils': (ctx) => listCouncils(ctx.db),
  'region.constellations': (ctx) => {
    const actor = requireActor(ctx);
    // A hub carer's world is their own constellation.
    const list = listConstellations(ctx.db, actor.role === 'hub_carer' ? actor.constellationId : null);
    ctx.audit('list', 'constellation', `scope=${actor.role === 'hub_carer' ? `constellation:${actor.constellationId}` : 'region'};count=${list.length}`);
    return list;
  },
};
