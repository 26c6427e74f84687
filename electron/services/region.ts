import { listCouncils, listConstellations } from '../../db/repositories/region';
import type { Handlers } from '../rpc/context';
import { requireActor } from './scope';
import { isScopedToConstellation } from '../../shared/domain/roles';

export const regionHandlers: Handlers<'region.councils' | 'region.constellations'> = {
  'region.councils': (ctx) => listCouncils(ctx.db),
  'region.constellations': (ctx) => {
    const actor = requireActor(ctx);
    // A hub carer's world is their own constellation.
    const list = listConstellations(ctx.db, isScopedToConstellation(actor.role) ? actor.constellationId : null);
    ctx.audit(
      'list',
      'constellation',
      `scope=${isScopedToConstellation(actor.role) ? `constellation:${actor.constellationId}` : 'region'};count=${list.length}`,
    );
    return list;
  },
};
