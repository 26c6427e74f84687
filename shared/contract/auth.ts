import { z } from 'zod';
import { method } from './method';
import { NoInput, Ok, RoleSchema, UserView, Id } from './common';
import { passwordWeakness } from '../domain/passwords';

const Username = z
  .string()
  .trim()
  .min(3, 'A username needs at least 3 characters')
  .max(64, 'A username can have at most 64 characters')
  .regex(/^[a-z0-9._-]+$/i, 'Use letters, digits, dots, dashes or underscores in a username')
  .meta({ label: 'username' });
/** A password a person chooses: the one strength rule, from shared/domain/passwords. */
const NewPassword = z
  .string()
  .superRefine((password, ctx) => {
    const weakness = passwordWeakness(password);
    if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
  })
  .meta({ label: 'new password' });
const DisplayName = z.string().trim().min(1, 'Enter a name').max(120, 'A name can have at most 120 characters').meta({ label: 'name shown in the app' });

export const authContract = {
  'auth.demoAccounts': method({
    doc: 'The clearly labelled demo accounts, one per role; empty on a real store.',
    input: NoInput,
    output: z.array(z.object({ username: z.string(), displayName: z.string(), role: RoleSchema, password: z.string() })),
    access: 'public',
    writes: false,
    sensitivity: 'none',
  }),
  'auth.signIn': method({
    doc: 'Signs in with a username and password; the session ends on sign-out or after idle time.',
    input: z
      .object({
        username: z.string().trim().min(1, 'Enter your username').max(200, 'That username is longer than any account has'),
        password: z.string().min(1, 'Enter your password').max(1024, 'That password is longer than any account has'),
      })
      .strict(),
    output: UserView,
    access: 'public',
    writes: true,
    sensitivity: 'none',
  }),
  'auth.changePassword': method({
    doc: "Changes the signed-in user's own password; the current one is required. Also ends a temporary password.",
    input: z
      .object({ currentPassword: z.string().min(1, 'Enter your current password').max(1024).meta({ label: 'current password' }), newPassword: NewPassword })
      .strict(),
    output: UserView,
    access: ['placement_officer', 'commissioner', 'hub_carer', 'administrator'],
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
        displayName: DisplayName,
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
    doc: 'Creates a local account with a role and its scope; the password given is temporary and must be changed at first sign-in.',
    input: z
      .object({
        username: Username,
        displayName: DisplayName,
        password: NewPassword,
        role: RoleSchema.meta({ label: 'role' }),
        councilId: Id.nullable().meta({ label: 'council' }),
        constellationId: Id.nullable().meta({ label: 'constellation' }),
      })
      .strict(),
    output: UserView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'users.update': method({
    doc: "Changes an account's name, role or scope (a council, or a constellation for hub carers); takes effect on the user's next call.",
    input: z
      .object({
        userId: Id.meta({ label: 'account' }),
        displayName: DisplayName,
        role: RoleSchema.meta({ label: 'role' }),
        councilId: Id.nullable().meta({ label: 'council' }),
        constellationId: Id.nullable().meta({ label: 'constellation' }),
      })
      .strict(),
    output: UserView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'users.disable': method({
    doc: "Disables a leaver's account: they cannot sign in, and their live sessions end at once.",
    input: z.object({ userId: Id }).strict(),
    output: UserView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'users.enable': method({
    doc: 'Lets a disabled account sign in again.',
    input: z.object({ userId: Id }).strict(),
    output: UserView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'users.resetPassword': method({
    doc: "Sets a new temporary password (shown once) that must be changed at first sign-in; the user's live sessions end.",
    input: z.object({ userId: Id }).strict(),
    output: z.object({ user: UserView, temporaryPassword: z.string() }),
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
};
