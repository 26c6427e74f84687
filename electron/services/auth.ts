import { hashPassword, verifyPassword } from '../../db/passwords';
import { getStoreKind } from '../../db/repositories/meta';
import { countUsers, getUserByUsername, insertUser, listUsers } from '../../db/repositories/users';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/demo';
import { ApiError } from '../../shared/contract';
import type { Handlers } from '../rpc/context';
import { toUserView } from './views';

// Compared against when the username is unknown, so a wrong username costs as long as a wrong password.
const DECOY_HASH = hashPassword('decoy password that never matches');

export const authHandlers: Handlers<
  'auth.demoAccounts' | 'auth.signIn' | 'auth.signOut' | 'auth.me' | 'auth.createFirstAdmin' | 'users.list' | 'users.create'
> = {
  'auth.demoAccounts': (ctx) =>
    getStoreKind(ctx.db) === 'demo' ? DEMO_ACCOUNTS.map((a) => ({ ...a, password: DEMO_PASSWORD })) : [],

  'auth.signIn': (ctx, input) => {
    const user = getUserByUsername(ctx.db, input.username);
    const matches = verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !matches) {
      throw new ApiError('UNAUTHENTICATED', 'That username and password do not match an account.');
    }
    ctx.startSession(user.id);
    ctx.audit('sign-in', 'user', String(user.id));
    return toUserView(user);
  },

  'auth.signOut': (ctx) => {
    ctx.endSession();
    return { done: true };
  },

  'auth.me': (ctx) => (ctx.actor ? toUserView(ctx.actor) : null),

  'auth.createFirstAdmin': (ctx, input) => {
    if (getStoreKind(ctx.db) === 'demo') throw new ApiError('CONFLICT', 'The demo region has its own demo accounts.');
    if (countUsers(ctx.db) > 0) throw new ApiError('CONFLICT', 'This store already has accounts; ask an administrator to add yours.');
    const user = insertUser(
      ctx.db,
      { username: input.username, displayName: input.displayName, role: 'administrator', councilId: null, constellationId: null, passwordHash: hashPassword(input.password), isDemo: false },
      ctx.now().toISOString(),
    );
    ctx.startSession(user.id);
    ctx.audit('create', 'user', String(user.id));
    return toUserView(user);
  },

  'users.list': (ctx) => listUsers(ctx.db).map(toUserView),

  'users.create': (ctx, input) => {
    if (getUserByUsername(ctx.db, input.username)) throw new ApiError('CONFLICT', `The username ${input.username} is taken.`, 'username');
    if (input.role === 'hub_carer' && input.constellationId === null) {
      throw new ApiError('BAD_INPUT', 'constellationId: a hub carer must belong to a constellation', 'constellationId');
    }
    const user = insertUser(
      ctx.db,
      { ...input, passwordHash: hashPassword(input.password), isDemo: false },
      ctx.now().toISOString(),
    );
    ctx.audit('create', 'user', String(user.id));
    return toUserView(user);
  },
};
