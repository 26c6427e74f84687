import type { UserRow } from '../../db/repositories/users';
import { ApiError } from '../../shared/contract';
import type { ServiceContext } from '../rpc/context';
import { isScopedToConstellation } from '../../shared/domain/roles';

export function requireActor(ctx: ServiceContext): UserRow {
  if (!ctx.actor) throw new ApiError('UNAUTHENTICATED', 'Please sign in.');
  return ctx.actor;
}

/** A council-scoped user reaches only their council's records; region-wide users (null) reach all. */
export function requireCouncilInScope(ctx: ServiceContext, councilId: number): void {
  const actor = requireActor(ctx);
  if (actor.councilId !== null && actor.councilId !== councilId) {
    throw new ApiError('FORBIDDEN', 'That record belongs to a council outside your scope.');
  }
}

/**
 * A hub carer reaches only their own constellation; everyone else reaches a constellation whose
 * council is in their scope.
 */
export function requireConstellationInScope(ctx: ServiceContext, constellation: { id: number; councilId: number }): void {
  const actor = requireActor(ctx);
  if (isScopedToConstellation(actor.role)) {
    if (actor.constellationId !== constellation.id) {
      throw new ApiError('FORBIDDEN', 'You can only open your own constellation.');
    }
    return;
  }
  requireCouncilInScope(ctx, constellation.councilId);
}
