import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend';
import { AuditSeal, plainSealKeyFile } from '../../electron/auditSeal';
import { AUDIT_CHECKPOINT_FILE, AUDIT_SEAL_KEY_FILE } from '../../electron/paths';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { verifyAuditChain } from '../../db/repositories/audit';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testClock } from '../helpers/store';

/*
 * The attacker here holds the store key (the test's open handle): they drop the triggers, delete
 * or rewrite audit rows, recompute every hash after their edit and even fix the head kept in
 * `meta`. What they do not hold is the seal's private key, so the signed checkpoints outside the
 * store give them away when the administrator checks the chain.
 */

interface RawRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  role: string;
  method: string;
  action: string;
  record_type: string;
  record_id: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

let store: ReturnType<typeof tempStore>;
let clock: ReturnType<typeof testClock>;
let backend: Backend;

function startBackend(): Backend {
  const seal = AuditSeal.open(store.dir, plainSealKeyFile(store.dir), clock.now);
  return createBackend(store.db, { version: 'test', mode: 'loopback', dataDir: store.dir, keyProtection: 'key-file' }, clock.now, { auditSeal: seal });
}

beforeEach(() => {
  store = tempStore({ kind: 'demo' });
  clock = testClock();
  backend = startBackend();
});
afterEach(() => store.remove());

const admin = (): Promise<UserClient> => signInAs(backend, 'demo.admin', DEMO_PASSWORD);
const check = (client: UserClient) => client.ok('audit.verify', {});

/** Some ordinary work: an officer signs in, opens profiles, signs out. */
async function officerWorks(views: number): Promise<void> {
  const officer = await signInAs(backend, 'demo.officer', DEMO_PASSWORD);
  const ids = store.db.prepare('SELECT id FROM children ORDER BY id LIMIT ?').pluck().all(views) as number[];
  for (const childId of ids) await officer.ok('children.profile', { childId });
  await officer.ok('auth.signOut', {});
}

const rows = () => store.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as RawRow[];
const lastId = () => store.db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;

function hashOf(prev: string, r: RawRow): string {
  const canonical = JSON.stringify([prev, r.at, r.user_id, r.username, r.role, r.method, r.action, r.record_type, r.record_id, r.outcome]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What a tamperer with the store key does after removing or editing rows: relink every later row and fix the head. */
function rechainFrom(firstId: number): void {
  store.db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
  const all = rows();
  let prev = all.find((r) => r.id === firstId - 1)?.hash ?? '0'.repeat(64);
  const put = store.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of all.filter((x) => x.id >= firstId)) {
    const hash = hashOf(prev, r);
    put.run(prev, hash, r.id);
    prev = hash;
  }
  const head = all.at(-1)!;
  store.db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_head'").run(`${head.id}:${prev}`);
}

describe('audit checkpoints signed outside the store', () => {
  it('an untouched trail is intact and agrees with its checkpoints; sign-in, a failed sign-in and sign-out are entries', async () => {
    await officerWorks(3);
    await expect(signInAs(backend, 'demo.officer', 'not the password')).rejects.toThrow(/Could not sign in/);
    const a = await admin();
    const result = await check(a);
    expect(result).toMatchObject({ intact: true, firstBadId: null, problem: null });
    expect(result.checkpoints).toBeGreaterThanOrEqual(5);
    const recent = rows()
      .slice(-7)
      .map((r) => [r.username, r.method, r.action, r.outcome]);
    expect(recent).toEqual([
      ['demo.officer', 'auth.signIn', 'sign-in', 'ok'],
      ['demo.officer', 'children.profile', 'view', 'ok'],
      ['demo.officer', 'children.profile', 'view', 'ok'],
      ['demo.officer', 'children.profile', 'view', 'ok'],
      ['demo.officer', 'auth.signOut', 'sign-out', 'ok'],
      ['demo.officer', 'auth.signIn', 'sign-in', 'refused'],
      ['demo.admin', 'auth.signIn', 'sign-in', 'ok'],
    ]);
    // The password tried is nowhere in the store.
    expect(JSON.stringify(rows())).not.toContain('not the password');
  });

  it('deleting the newest entries, with the head in meta fixed, is detected', async () => {
    await officerWorks(4);
    const end = lastId();
    store.db.exec('DROP TRIGGER audit_log_no_delete');
    store.db.prepare('DELETE FROM audit_log WHERE id > ?').run(end - 3);
    rechainFrom(end - 2);
    // The store alone is fooled: the attack is a real one, and only the seal catches it.
    expect(verifyAuditChain(store.db).intact).toBe(true);
    const result = await check(await admin());
    expect(result.intact).toBe(false);
    expect(result.firstBadId).toBe(end - 2);
    expect(result.problem).toMatch(/deleted/);
  });

  it('editing an entry and recomputing its hash and every later hash is detected at that entry', async () => {
    await officerWorks(3);
    const target = rows().find((r) => r.method === 'children.profile')!;
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.prepare("UPDATE audit_log SET username = 'someone.else' WHERE id = ?").run(target.id);
    rechainFrom(target.id);
    expect(verifyAuditChain(store.db).intact).toBe(true);
    const result = await check(await admin());
    expect(result).toMatchObject({ intact: false, firstBadId: target.id });
    expect(result.problem).toMatch(/differs from what was signed/);
  });

  it("truncating, then the administrator's own sign-in (a new entry and a new checkpoint), does not hide it", async () => {
    await officerWorks(4);
    const end = lastId();
    store.db.exec('DROP TRIGGER audit_log_no_delete');
    store.db.prepare('DELETE FROM audit_log WHERE id > ?').run(end - 4);
    rechainFrom(end - 3);
    clock.advanceMinutes(5);
    const a = await admin(); // appends sign-in at the reused position end - 3, and seals it
    expect(lastId()).toBe(end - 3);
    const result = await check(a);
    expect(result.intact).toBe(false);
    expect(result.firstBadId).toBe(end - 3);
    // And it stays detected after a restart of the app with more work done.
    backend = startBackend();
    await officerWorks(2);
    expect(await check(await admin())).toMatchObject({ intact: false, firstBadId: end - 3 });
  });

  it('reordering two entries is detected', async () => {
    await officerWorks(3);
    store.db.exec('DROP TRIGGER audit_log_no_update');
    const all = rows();
    const [x, y] = [all.at(-3)!, all.at(-2)!];
    const put = store.db.prepare('UPDATE audit_log SET at = ?, method = ?, action = ?, record_id = ? WHERE id = ?');
    store.db.transaction(() => {
      put.run(y.at, y.method, y.action, y.record_id, x.id);
      put.run(x.at, x.method, x.action, x.record_id, y.id);
    })();
    rechainFrom(x.id);
    expect(await check(await admin())).toMatchObject({ intact: false, firstBadId: x.id });
  });

  it('a checkpoint file edited or cut in the middle is reported, and an unsigned line is not trusted', async () => {
    await officerWorks(2);
    const file = join(store.dir, AUDIT_CHECKPOINT_FILE);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${[lines[0], ...lines.slice(2)].join('\n')}\n`);
    expect(await check(await admin())).toMatchObject({ intact: false, problem: expect.stringMatching(/checkpoint file was altered/) as unknown });

    writeFileSync(file, `${lines.join('\n')}\n`);
    const forged = { ...(JSON.parse(lines.at(-1)!) as object), seq: lines.length + 1, lastId: 999_999, sig: Buffer.alloc(64).toString('base64') };
    appendFileSync(file, `${JSON.stringify(forged)}\n`);
    expect(await check(await admin())).toMatchObject({ intact: false, problem: expect.stringMatching(/valid signature/) as unknown });
  });

  it('keeps its key and checkpoints readable by the user only (0600)', async () => {
    await officerWorks(1);
    if (process.platform === 'win32') return;
    for (const name of [AUDIT_SEAL_KEY_FILE, AUDIT_CHECKPOINT_FILE]) {
      expect((statSync(join(store.dir, name)).mode & 0o777).toString(8), name).toBe('600');
    }
  });
});
