import type { UserRow } from '../../db/repositories/users';
import { ApiError } from '../../shared/contract';
import type { ServiceContext } from '../rpc/context';

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
