import { listCouncils, listConstellations } from '../../db/repositories/region';
import type { Handlers } from '../rpc/context';
import { requireActor } from './scope';

export const regionHandlers: Handlers<'region.councils' | 'region.constellations'> = {
  'region.councils': (ctx) => listCouncils(ctx.db),
  'region.constellations': (ctx) => {
    const actor = requireActor(ctx);
    // A hub carer's world is their own constellation.
    return listConstellations(ctx.db, actor.role === 'hub_carer' ? actor.constellationId : null);
  },
};
