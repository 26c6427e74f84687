import { z } from 'zod';
import { method } from './method';
import { NoInput, Ok, RoleSchema, UserView, Id } from './common';

const Username = z
  .string()
  .trim()
  .min(3, 'A username needs at least 3 characters')
  .max(64, 'A username can have at most 64 characters')
  .regex(/^[a-z0-9._-]+$/i, 'Use letters, digits, dots, dashes or underscores in a username');
const NewPassword = z
  .string()
  .min(12, 'A password needs at least 12 characters')
  .max(256, 'A password can have at most 256 characters');

export const authContract = {
  'auth.demoAccounts': method({
    doc: 'The clearly labelled demo accounts, one per role; empty on a real store.',
    input: NoInput,
    output: z.array(
      z.object({ username: z.string(), displayName: z.string(), role: RoleSchema, password: z.string() }),
    ),
    access: 'public',
    writes: false,
    sensitivity: 'none',
  }),
  'auth.signIn': method({
    doc: 'Signs in with a username and password; the session ends on sign-out or after idle time.',
    input: z.object({ username: z.string().trim().min(1, 'Enter your username'), password: z.string().min(1, 'Enter your password') }).strict(),
    output: UserView,
    access: 'public',
    writes: true,
    sensitivity: 'none',
  }),
  'auth.signOut': method({
    doc: 'Ends the current session.',
    input: NoInput,
    output: Ok,
    access: 'public',
    writes: false,
    sensitivity: 'none',
  }),
  'auth.me': method({
    doc: 'The signed-in user, or null when no session is live (never signed in, signed out or idle too long).',
    input: NoInput,
    output: UserView.nullable(),
    access: 'public',
    writes: false,
    sensitivity: 'none',
  }),
  'auth.createFirstAdmin': method({
    doc: 'On a new real store with no users, creates the first administrator and signs them in.',
    input: z
      .object({
        username: Username,
        displayName: z.string().trim().min(1, 'Enter a name').max(120, 'A name can have at most 120 characters'),
        password: NewPassword,
      })
      .strict(),
    output: UserView,
    access: 'public',
    writes: true,
    sensitivity: 'none',
  }),
  'users.list': method({
    doc: 'Every local account, for administrators.',
    input: NoInput,
    output: z.array(UserView),
    access: ['administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'users.create': method({
    doc: 'Creates a local account with a role and its scope (a council, or a constellation for hub carers).',
    input: z
      .object({
        username: Username,
        displayName: z.string().trim().min(1, 'Enter a name').max(120, 'A name can have at most 120 characters'),
        password: NewPassword,
        role: RoleSchema,
        councilId: Id.nullable(),
        constellationId: Id.nullable(),
      })
      .strict(),
    output: UserView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
};
