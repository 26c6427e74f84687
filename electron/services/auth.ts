import { randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../db/passwords';
import { getStoreKind } from '../../db/repositories/meta';
import {
  countOtherActiveAdministrators,
  countUsers,
  getUserById,
  getUserByUsername,
  insertUser,
  listUsers,
  setUserDisabled,
  setUserPassword,
  setUserRoleAndScope,
  type UserRow,
} from '../../db/repositories/users';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/demo';
import { ApiError } from '../../shared/contract';
import { passwordWeakness } from '../../shared/domain/passwords';
import type { Handlers, ServiceContext } from '../rpc/context';
import { toUserView } from './views';
import { isScopedToConstellation, type Role } from '../../shared/domain/roles';

// Compared against when the username is unknown, so a wrong username costs as long as a wrong password.
const DECOY_HASH = hashPassword('decoy password that never matches');
const WRONG = 'That username and password do not match an account.';

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password an administrator reads to a user: four groups of four, e.g. "k7mp-x3qa-…". */
export function temporaryPassword(): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(''));
    const candidate = groups.join('-');
    if (passwordWeakness(candidate) === null) return candidate;
  }
}

function targetUser(ctx: ServiceContext, userId: number): UserRow {
  const user = getUserById(ctx.db, userId);
  if (!user) throw new ApiError('NOT_FOUND', `There is no account ${userId}.`, 'userId');
  return user;
}

function requireNotSelf(ctx: ServiceContext, user: UserRow, what: string): void {
  if (ctx.actor?.id === user.id) throw new ApiError('CONFLICT', `You cannot ${what} your own account; ask another administrator.`, 'userId');
}

/** The region must always keep one administrator who can sign in. */
function requireAnotherAdministrator(ctx: ServiceContext, user: UserRow): void {
  if (user.role === 'administrator' && user.disabledAt === null && countOtherActiveAdministrators(ctx.db, user.id) === 0) {
    throw new ApiError('CONFLICT', `${user.displayName} is the only active administrator; add another before changing this account.`, 'userId');
  }
}

function requireScope(input: { role: Role; constellationId: number | null }): void {
  if (isScopedToConstellation(input.role) && input.constellationId === null) {
    throw new ApiError('BAD_INPUT', 'A hub carer must belong to a constellation', 'constellationId');
  }
}

export const authHandlers: Handlers<
  | 'auth.demoAccounts'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.me'
  | 'auth.createFirstAdmin'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.disable'
  | 'users.enable'
  | 'users.resetPassword'
> = {
  'auth.demoAccounts': (ctx) => (getStoreKind(ctx.db) === 'demo' ? DEMO_ACCOUNTS.map((a) => ({ ...a, password: DEMO_PASSWORD })) : []),

  'auth.signIn': (ctx, input) => {
    const nowMs = ctx.now().getTime();
    // Checked before the password, so a throttled guess costs no hashing and reveals nothing.
    const wait = ctx.signInThrottle.waitFor(input.username, nowMs);
    if (wait) {
      const why =
        wait.reason === 'locked'
          ? 'This username is locked for a while after many failed sign-ins'
          : wait.reason === 'overall'
            ? 'There have been many failed sign-ins on this computer'
            : 'There have been several failed sign-ins for this username';
      throw new ApiError('RATE_LIMITED', `${why}. Try again in ${wait.seconds} second${wait.seconds === 1 ? '' : 's'}.`, 'username');
    }
    const user = getUserByUsername(ctx.db, input.username);
    const matches = verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !matches) {
      ctx.signInThrottle.failed(input.username, nowMs);
      throw new ApiError('UNAUTHENTICATED', WRONG);
    }
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabledAt !== null) throw new ApiError('UNAUTHENTICATED', 'This account has been disabled. Ask an administrator if you need it again.');
    ctx.signInThrottle.succeeded(input.username);
    ctx.startSession(user.id);
    ctx.audit('sign-in', 'user', String(user.id));
    return toUserView(user);
  },

  'auth.signOut': (ctx) => {
    if (ctx.actor) ctx.audit('sign-out', 'user', String(ctx.actor.id));
    ctx.endSession();
    return { done: true };
  },

  'auth.me': (ctx) => (ctx.actor ? toUserView(ctx.actor) : null),

  'auth.changePassword': (ctx, input) => {
    const actor = ctx.actor!;
    if (!verifyPassword(input.currentPassword, actor.passwordHash)) {
      throw new ApiError('BAD_INPUT', 'That is not your current password', 'currentPassword');
    }
    if (input.newPassword === input.currentPassword) {
      throw new ApiError('BAD_INPUT', 'Choose a password different from the current one', 'newPassword');
    }
    setUserPassword(ctx.db, actor.id, hashPassword(input.newPassword), false, ctx.now().toISOString());
    ctx.audit('account', 'user', String(actor.id));
    return toUserView(getUserById(ctx.db, actor.id)!);
  },

  'auth.createFirstAdmin': (ctx, input) => {
    if (getStoreKind(ctx.db) === 'demo') throw new ApiError('CONFLICT', 'The demo region has its own demo accounts.');
    if (countUsers(ctx.db) > 0) throw new ApiError('CONFLICT', 'This store already has accounts; ask an administrator to add yours.');
    const user = insertUser(
      ctx.db,
      {
        username: input.username,
        displayName: input.displayName,
        role: 'administrator',
        councilId: null,
        constellationId: null,
        passwordHash: hashPassword(input.password),
        isDemo: false,
      },
      ctx.now().toISOString(),
    );
    ctx.startSession(user.id);
    ctx.audit('create', 'user', String(user.id));
    return toUserView(user);
  },

  'users.list': (ctx) => listUsers(ctx.db).map(toUserView),

  'users.create': (ctx, input) => {
    if (getUserByUsername(ctx.db, input.username)) throw new ApiError('CONFLICT', `The username ${input.username} is taken.`, 'username');
    requireScope(input);
    const user = insertUser(ctx.db, { ...input, passwordHash: hashPassword(input.password), isDemo: false, mustChangePassword: true }, ctx.now().toISOString());
    ctx.audit('create', 'user', String(user.id));
    return toUserView(user);
  },

  'users.update': (ctx, input) => {
    const user = targetUser(ctx, input.userId);
    requireScope(input);
    if (input.role !== 'administrator') {
      requireNotSelf(ctx, user, 'take the administrator role from');
      requireAnotherAdministrator(ctx, user);
    }
    const { userId, ...change } = input;
    setUserRoleAndScope(ctx.db, userId, change);
    ctx.audit('account', 'user', String(user.id));
    return toUserView(getUserById(ctx.db, userId)!);
  },

  'users.disable': (ctx, input) => {
    const user = targetUser(ctx, input.userId);
    requireNotSelf(ctx, user, 'disable');
    requireAnotherAdministrator(ctx, user);
    if (user.disabledAt === null) setUserDisabled(ctx.db, user.id, ctx.now().toISOString());
    ctx.endSessionsOf(user.id, 'account-disabled');
    ctx.audit('account', 'user', String(user.id));
    return toUserView(getUserById(ctx.db, user.id)!);
  },

  'users.enable': (ctx, input) => {
    const user = targetUser(ctx, input.userId);
    setUserDisabled(ctx.db, user.id, null);
    ctx.audit('account', 'user', String(user.id));
    return toUserView(getUserById(ctx.db, user.id)!);
  },

  'users.resetPassword': (ctx, input) => {
    const user = targetUser(ctx, input.userId);
    requireNotSelf(ctx, user, 'reset the password of');
    const temporary = temporaryPassword();
    setUserPassword(ctx.db, user.id, hashPassword(temporary), true, ctx.now().toISOString());
    ctx.endSessionsOf(user.id, 'password-reset');
    ctx.audit('account', 'user', String(user.id));
    return { user: toUserView(getUserById(ctx.db, user.id)!), temporaryPassword: temporary };
  },
};
