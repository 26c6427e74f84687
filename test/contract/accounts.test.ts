import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { SIGN_IN_LIMITS } from '../../electron/rpc/signInThrottle';
import type { UserView } from '../../shared/contract/common';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, within, type Client, type Transport, inProcess, overHttp } from '../helpers/transports';

/**
 * Accounts have a life, over both transports: an administrator creates, changes, disables and
 * resets accounts; a temporary password must be changed before anything else; sign-in is
 * throttled by doing the bad thing (a bounded burst of wrong passwords).
 */

const STRONG = 'copper kettle meadow';

describe.each([inProcess, overHttp])('account lifecycle over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let clock: ReturnType<typeof testClock>;
  let admin: Client;
  const count = (sql: string, ...params: unknown[]) =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;

  async function signIn(username: string, password: string): Promise<Client> {
    const client = await running.newClient();
    expectOk(await client.call('auth.signIn', { username, password }));
    return client;
  }

  async function newAccount(username: string, role = 'placement_officer'): Promise<UserView> {
    return expectOk<UserView>(
      await admin.call('users.create', {
        username,
        displayName: `Test ${username}`,
        password: 'first temporary one',
        role,
        councilId: null,
        constellationId: null,
      }),
    );
  }

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    clock = testClock();
    running = await transport.start(testBackend(store.db, clock.now));
    admin = await signIn('demo.admin', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('a new account must change its temporary password before anything else; the new one must be strong and the current one known', async () => {
    const created = await newAccount('sam.patel');
    expect(created).toMatchObject({ mustChangePassword: true, disabled: false });
    const sam = await signIn('sam.patel', 'first temporary one');
    expect(expectOk<UserView>(await sam.call('auth.me'))).toMatchObject({ username: 'sam.patel', mustChangePassword: true });
    expectError(await sam.call('children.list', {}), 'PASSWORD_CHANGE_REQUIRED');
    expectError(await sam.call('auth.changePassword', { currentPassword: 'wrong guess here', newPassword: STRONG }), 'BAD_INPUT', 'currentPassword');
    expect(
      expectError(await sam.call('auth.changePassword', { currentPassword: 'first temporary one', newPassword: 'short' }), 'BAD_INPUT', 'newPassword').message,
    ).toMatch(/12 characters/);
    expect(
      expectError(await sam.call('auth.changePassword', { currentPassword: 'first temporary one', newPassword: 'Password123456' }), 'BAD_INPUT', 'newPassword')
        .message,
    ).toMatch(/first an attacker tries/);
    expect(
      expectError(
        await sam.call('auth.changePassword', { currentPassword: 'first temporary one', newPassword: 'aaaaaaaaaaaaaaaa' }),
        'BAD_INPUT',
        'newPassword',
      ).message,
    ).toMatch(/different characters/);
    expect(expectOk<UserView>(await sam.call('auth.changePassword', { currentPassword: 'first temporary one', newPassword: STRONG }))).toMatchObject({
      mustChangePassword: false,
    });
    expectOk(await sam.call('children.list', {}));
    // The old password no longer works; the new one does.
    expectError(await (await running.newClient()).call('auth.signIn', { username: 'sam.patel', password: 'first temporary one' }), 'UNAUTHENTICATED');
    await signIn('sam.patel', STRONG);
  });

  it('disabling a leaver ends their live sessions at once (an event on every window) and stops sign-in; enabling lets them back', async () => {
    const user = await newAccount('leaver.one');
    const first = await signIn('leaver.one', 'first temporary one');
    expectOk(await first.call('auth.changePassword', { currentPassword: 'first temporary one', newPassword: STRONG }));
    const second = await signIn('leaver.one', STRONG);
    const taps = [await first.tapEvents(), await second.tapEvents()];
    try {
      expect(expectOk<UserView>(await admin.call('users.disable', { userId: user.id }))).toMatchObject({ disabled: true });
      for (const tap of taps) expect(await tap.next('session.ended')).toEqual({ reason: 'account-disabled' });
    } finally {
      for (const tap of taps) await tap.close();
    }
    expectError(await first.call('children.list', {}), 'UNAUTHENTICATED');
    expect(expectOk(await second.call('auth.me'))).toBeNull();
    const refused = expectError(await (await running.newClient()).call('auth.signIn', { username: 'leaver.one', password: STRONG }), 'UNAUTHENTICATED');
    expect(refused.message).toMatch(/disabled/);
    // A wrong password for a disabled account says only that it does not match.
    expect(
      expectError(await (await running.newClient()).call('auth.signIn', { username: 'leaver.one', password: 'not it at all' }), 'UNAUTHENTICATED').message,
    ).not.toMatch(/disabled/);
    expectOk(await admin.call('users.enable', { userId: user.id }));
    await signIn('leaver.one', STRONG);
    expect(count("SELECT count(*) FROM audit_log WHERE method IN ('users.disable', 'users.enable') AND record_id = ?", String(user.id))).toBe(2);
  });

  it('a password reset gives a temporary password shown once, ends the live sessions, and must be changed', async () => {
    const user = await newAccount('reset.me');
    const old = await signIn('reset.me', 'first temporary one');
    const tap = await old.tapEvents();
    let temporaryPassword: string;
    try {
      ({ temporaryPassword } = expectOk<{ temporaryPassword: string; user: UserView }>(await admin.call('users.resetPassword', { userId: user.id })));
      expect(await tap.next('session.ended')).toEqual({ reason: 'password-reset' });
    } finally {
      await tap.close();
    }
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM users').all())).not.toContain(temporaryPassword);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all())).not.toContain(temporaryPassword);
    expectError(await old.call('children.list', {}), 'UNAUTHENTICATED');
    const again = await signIn('reset.me', temporaryPassword);
    expectError(await again.call('vacancies.list', {}), 'PASSWORD_CHANGE_REQUIRED');
  });

  it("changes a role or scope, which takes effect on the user's next call; the last administrator cannot be removed or disable themself", async () => {
    const user = await newAccount('role.change');
    const client = await signIn('role.change', 'first temporary one');
    expectOk(await client.call('auth.changePassword', { currentPassword: 'first temporary one', newPassword: STRONG }));
    expectOk(await client.call('children.list', {}));
    const council = count('SELECT min(id) FROM councils');
    expect(
      expectOk<UserView>(
        await admin.call('users.update', { userId: user.id, displayName: 'Role Change', role: 'commissioner', councilId: council, constellationId: null }),
      ),
    ).toMatchObject({ role: 'commissioner', councilId: council });
    expectError(await client.call('children.list', {}), 'FORBIDDEN');
    expectError(
      await admin.call('users.update', { userId: user.id, displayName: 'X', role: 'hub_carer', councilId: null, constellationId: null }),
      'BAD_INPUT',
      'constellationId',
    );
    const me = expectOk<UserView>(await admin.call('auth.me'));
    expectError(await admin.call('users.disable', { userId: me.id }), 'CONFLICT', 'userId');
    expectError(
      await admin.call('users.update', { userId: me.id, displayName: me.displayName, role: 'commissioner', councilId: null, constellationId: null }),
      'CONFLICT',
      'userId',
    );
    expectError(await admin.call('users.resetPassword', { userId: 999_999 }), 'NOT_FOUND', 'userId');
    // Only administrators manage accounts.
    expectError(await client.call('users.disable', { userId: me.id }), 'FORBIDDEN');
  });

  it('throttles a bounded burst of wrong passwords per username with growing waits and a lockout, without slowing anyone else', async () => {
    const victim = 'demo.commissioner';
    const attacker = await running.newClient();
    const answers: string[] = [];
    const waits: number[] = [];
    let failures = 0;
    const started = performance.now();
    // Bounded: at most twenty tries, each answered at once (nothing sleeps in the backend); when
    // told to wait, the attacker waits exactly that long on the test clock and tries again.
    for (let i = 0; i < 20 && failures < SIGN_IN_LIMITS.lockoutAfter; i++) {
      const r = await within(attacker.call('auth.signIn', { username: victim, password: `wrong guess ${i}` }), 2_000, `try ${i + 1}`);
      answers.push(r.ok ? 'ok' : r.error.code);
      if (!r.ok && r.error.code === 'UNAUTHENTICATED') failures++;
      if (!r.ok && r.error.code === 'RATE_LIMITED') {
        const seconds = Number(/Try again in (\d+) seconds?\./.exec(r.error.message)![1]);
        waits.push(seconds);
        clock.advanceMinutes(seconds / 60);
      }
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(failures).toBe(SIGN_IN_LIMITS.lockoutAfter);
    expect(answers.slice(0, SIGN_IN_LIMITS.freeFailures + 1)).toEqual([...Array<string>(SIGN_IN_LIMITS.freeFailures).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    // The waits grow: 1, 2, 4, 8 … seconds.
    expect(waits).toEqual([...waits].sort((x, y) => x - y));
    expect(waits.at(-1)!).toBeGreaterThan(waits[0]!);
    // Locked now: even the right password is told to wait, in minutes' worth of seconds.
    const locked = expectError(await attacker.call('auth.signIn', { username: victim, password: DEMO_PASSWORD }), 'RATE_LIMITED');
    expect(Number(/in (\d+) second/.exec(locked.message)![1])).toBeGreaterThan(60);
    // Another user signs in and works at once while the victim is locked.
    const other = await within(signIn('demo.officer', DEMO_PASSWORD), 2_000, 'another user signing in');
    expectOk(await within(other.call('children.list', {}), 2_000, "another user's call"));
    // Each try is on the record with the username tried and never the password.
    const tries = count("SELECT count(*) FROM audit_log WHERE method = 'auth.signIn' AND username = ? AND outcome = 'refused'", victim);
    expect(tries).toBeGreaterThanOrEqual(13);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all())).not.toContain('wrong guess');
    // After the lockout the right password works.
    clock.advanceMinutes(SIGN_IN_LIMITS.lockoutMinutes + 1);
    await signIn(victim, DEMO_PASSWORD);
  });

  it('throttles failures across many usernames overall, and says so', async () => {
    const client = await running.newClient();
    let limited: string | null = null;
    for (let i = 0; i < SIGN_IN_LIMITS.overallFailuresPerMinute + 1 && !limited; i++) {
      const r = await client.call('auth.signIn', { username: `spray.${i}`, password: 'whatever it is' });
      if (!r.ok && r.error.code === 'RATE_LIMITED') limited = r.error.message;
    }
    expect(limited).toMatch(/many failed sign-ins on this computer/);
    clock.advanceMinutes(2);
    await signIn('demo.officer', DEMO_PASSWORD);
  });
});
