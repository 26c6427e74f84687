import type { UserRow } from '../../db/repositories/users';
import type { UserView } from '../../shared/contract/common';

/** The public face of an account: never the password hash. */
export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    councilId: user.councilId,
    constellationId: user.constellationId,
    isDemo: user.isDemo,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
  };
}
