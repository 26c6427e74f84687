/** The four kinds of user. A role decides which contract methods a user may call. */
export const ROLES = ['placement_officer', 'commissioner', 'hub_carer', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  placement_officer: 'Placement officer',
  commissioner: 'Commissioner',
  hub_carer: 'Mockingbird hub carer',
  administrator: 'Administrator',
};

/**
 * What a user's data is limited to. Officers and commissioners work for one partner council or
 * for the whole region (councilId null); a hub carer always belongs to exactly one constellation.
 */
export interface Scope {
  councilId: number | null;
  constellationId: number | null;
}

/**
 * Whether a role's scope is one constellation rather than a council: a hub carer's. Their screens
 * (roster, sleepover calendar, constellation life) are of their own constellation.
 */
export function isScopedToConstellation(role: Role): boolean {
  return role === 'hub_carer';
}

/**
 * Whether a user may change a figure that applies to the whole region (the in-house overheads):
 * a region-wide user, or an administrator. One council's commissioner cannot set every council's
 * figure. The dispatcher and the screens both ask here.
 */
export function mayChangeRegionWideFigures(user: { role: Role; councilId: number | null }): boolean {
  return user.role === 'administrator' || user.councilId === null;
}
