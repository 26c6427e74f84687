import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditForRecord, verifyAuditChain } from '../../db/repositories/audit';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/demo';
import { createDispatcher } from '../../electron/rpc/dispatch';
import { EventBus } from '../../electron/rpc/events';
import { startLoopbackServer, type LoopbackServer } from '../../electron/rpc/http';
import { allHandlers } from '../../electron/services';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, launch, overHttp, overMessages, type Client, type Result, type Transport } from '../helpers/transports';

interface UserViewLike {
  id: number;
  username: string;
  role: string;
  constellationId: number | null;
  isDemo: boolean;
}

describe.each([inProcess, overHttp])('contract over the $name', (transport) => {
  let store: ReturnType<typeof tempStore>;
  let clock: ReturnType<typeof testClock>;
  let running: Awaited<ReturnType<Transport['start']>>;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    clock = testClock();
    running = await transport.start(testBackend(store.db, clock.now));
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  const count = (sql: string, ...params: unknown[]): number =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  const firstId = (table: string, where = '1'): number =>
    store.db.prepare(`SELECT id FROM ${table} WHERE ${where} ORDER BY id LIMIT 1`).pluck().get() as number;

  async function signedIn(username: string): Promise<{ client: Client; user: UserViewLike }> {
    const client = await running.newClient();
    const user = expectOk<UserViewLike>(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
    return { client, user };
  }

  it('signs in as each demo role, and auth.me then names that user', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const { client, user } = await signedIn(account.username);
      expect(user).toMatchObject({ username: account.username, role: account.role, isDemo: true });
      expect(user).not.toHaveProperty('passwordHash');
      expect(expectOk(await client.call('auth.me'))).toEqual(user);
    }
  });

  it('a wrong password or unknown user is UNAUTHENTICATED and starts no session', async () => {
    const client = await running.newClient();
    const refusedBefore = count("SELECT count(*) FROM audit_log WHERE method = 'auth.signIn' AND outcome = 'refused'");
    expectError(await client.call('auth.signIn', { username: 'demo.officer', password: 'not-the-password' }), 'UNAUTHENTICATED');
    expectError(await client.call('auth.signIn', { username: 'nobody.here', password: DEMO_PASSWORD }), 'UNAUTHENTICATED');
    expect(expectOk(await client.call('auth.me'))).toBeNull();
    expectError(await client.call('vacancies.list', {}), 'UNAUTHENTICATED');
    expect(count("SELECT count(*) FROM audit_log WHERE method = 'auth.signIn' AND outcome = 'refused'")).toBe(refusedBefore + 2);
  });

  it('a role-restricted method without a session is UNAUTHENTICATED (and a child record attempt is audited)', async () => {
    const client = await running.newClient();
    expectError(await client.call('vacancies.list', {}), 'UNAUTHENTICATED');
    expectError(await client.call('users.list'), 'UNAUTHENTICATED');
    const childId = firstId('children');
    const before = count(
      "SELECT count(*) FROM audit_log WHERE record_type = 'child' AND record_id = ? AND outcome = 'refused' AND username = 'anonymous'",
      `childId=${childId}`,
    );
    expectError(await client.call('children.get', { childId }), 'UNAUTHENTICATED');
    expect(
      count(
        "SELECT count(*) FROM audit_log WHERE record_type = 'child' AND record_id = ? AND outcome = 'refused' AND username = 'anonymous'",
        `childId=${childId}`,
      ),
    ).toBe(before + 1);
  });

  it("a commissioner asking for a child's record is FORBIDDEN, and the refusal is audited", async () => {
    const { client } = await signedIn('demo.commissioner');
    const childId = firstId('children');
    const refused = () =>
      count(
        "SELECT count(*) FROM audit_log WHERE method = 'children.get' AND record_type = 'child' AND record_id = ? AND outcome = 'refused' AND username = 'demo.commissioner' AND role = 'commissioner'",
        `childId=${childId}`,
      );
    const before = refused();
    const viewsBefore = auditForRecord(store.db, 'child', String(childId)).length;
    const error = expectError(await client.call('children.get', { childId }), 'FORBIDDEN');
    expect(error.message).toContain('commissioner');
    expect(JSON.stringify(error)).not.toMatch(/birthDate|firstName/);
    expect(refused()).toBe(before + 1);
    expect(auditForRecord(store.db, 'child', String(childId))).toHaveLength(viewsBefore);
    // The commissioner can still use what the role allows.
    expect(expectOk<{ rows: unknown[] }>(await client.call('vacancies.list', {})).rows.length).toBeGreaterThan(0);
  });

  it('a hub carer cannot list vacancies, and sees only their own constellation', async () => {
    const { client, user } = await signedIn('demo.hubcarer');
    const before = count("SELECT count(*) FROM audit_log WHERE method = 'vacancies.list' AND outcome = 'refused' AND username = 'demo.hubcarer'");
    expectError(await client.call('vacancies.list', {}), 'FORBIDDEN');
    expect(count("SELECT count(*) FROM audit_log WHERE method = 'vacancies.list' AND outcome = 'refused' AND username = 'demo.hubcarer'")).toBe(before + 1);
    expectError(await client.call('children.list', {}), 'FORBIDDEN');
    const constellations = expectOk<{ id: number }[]>(await client.call('region.constellations'));
    expect(constellations.map((c) => c.id)).toEqual([user.constellationId]);
  });

  it('bad input is BAD_INPUT naming the field, and nothing is written', async () => {
    const { client } = await signedIn('demo.officer');
    const childId = firstId('children');
    const vacancyId = firstId('vacancies', "status = 'open'");

    let error = expectError(await client.call('children.get', { childId: 'abc' }), 'BAD_INPUT', 'childId');
    // The field in words, its dotted path apart (for forms): no key, path or schema text in the message.
    expect(error.message).toBe('Choose the child');
    error = expectError(await client.call('children.get', { childId, extra: true }), 'BAD_INPUT', 'extra');
    expect(error.message).toBe('Extra is not something this form sends');
    expectError(await client.call('children.get', {}), 'BAD_INPUT', 'childId');
    expectError(await client.call('children.get', { childId: -1 }), 'BAD_INPUT', 'childId');
    expectError(await client.call('vacancies.setStatus', { vacancyId }), 'BAD_INPUT', 'status');

    const snapshot = () => ({
      vacancy: store.db.prepare('SELECT * FROM vacancies WHERE id = ?').get(vacancyId),
      history: count('SELECT count(*) FROM vacancy_status_history'),
      audit: count('SELECT count(*) FROM audit_log'),
      vacancies: count('SELECT count(*) FROM vacancies'),
    });
    const before = snapshot();
    error = expectError(await client.call('vacancies.setStatus', { vacancyId, status: 'demolished' }), 'BAD_INPUT', 'status');
    expect(error.message).toContain('status');
    expectError(await client.call('vacancies.setStatus', { vacancyId: String(vacancyId), status: 'held' }), 'BAD_INPUT', 'vacancyId');
    expectError(await client.call('vacancies.setStatus', { vacancyId, status: 'held', by: 'me' }), 'BAD_INPUT', 'by');
    expect(snapshot()).toEqual(before);
  });

  it("an officer viewing a child's record writes one audit row with no personal values in it", async () => {
    const { client, user } = await signedIn('demo.officer');
    const childId = firstId('children', 'id > 10');
    const child = store.db.prepare('SELECT first_name AS firstName, birth_date AS birthDate, ref FROM children WHERE id = ?').get(childId) as {
      firstName: string;
      birthDate: string;
      ref: string;
    };
    const before = auditForRecord(store.db, 'child', String(childId));
    const detail = expectOk<{ id: number; firstName: string; birthDate: string; ref: string }>(await client.call('children.get', { childId }));
    expect(detail).toMatchObject({ id: childId, ...child });

    const after = auditForRecord(store.db, 'child', String(childId));
    expect(after).toHaveLength(before.length + 1);
    const row = after.at(-1)!;
    expect(row).toMatchObject({
      recordType: 'child',
      recordId: String(childId),
      action: 'view',
      outcome: 'ok',
      method: 'children.get',
      userId: user.id,
      username: 'demo.officer',
      role: 'placement_officer',
      at: clock.now().toISOString(),
    });
    const written = JSON.stringify(store.db.prepare('SELECT * FROM audit_log WHERE id = ?').get(row.id));
    expect(written).not.toContain(child.firstName);
    expect(written).not.toContain(child.birthDate);

    // The list is audited as one entry too.
    const lists = () => count("SELECT count(*) FROM audit_log WHERE method = 'children.list' AND action = 'list' AND outcome = 'ok'");
    const listsBefore = lists();
    // The whole region's children: the first page (100 by default) and how many there are in all.
    const page = expectOk<{ rows: unknown[]; total: number }>(await client.call('children.list', {}));
    expect(page.total).toBe(count('SELECT count(*) FROM children'));
    expect(page.rows).toHaveLength(Math.min(100, page.total));
    expect(lists()).toBe(listsBefore + 1);
    // A missing record is NOT_FOUND, not an empty success.
    expectError(await client.call('children.get', { childId: 999_999 }), 'NOT_FOUND', 'childId');
  });

  it("vacancies.setStatus changes the status, keeps history and tells other windows 'vacancy.changed'", async () => {
    const { client } = await signedIn('demo.officer');
    const watcher = (await signedIn('demo.commissioner')).client; // another signed-in window
    const tap = await watcher.tapEvents();
    try {
      const vacancyId = firstId('vacancies', "status = 'open'");
      const historyBefore = count('SELECT count(*) FROM vacancy_status_history WHERE vacancy_id = ?', vacancyId);
      const value = expectOk<{ id: number; status: string }>(await client.call('vacancies.setStatus', { vacancyId, status: 'held' }));
      expect(value).toMatchObject({ id: vacancyId, status: 'held' });
      expect(await tap.next('vacancy.changed')).toEqual({ vacancyId, status: 'held' });
      expect(store.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe('held');
      expect(count('SELECT count(*) FROM vacancy_status_history WHERE vacancy_id = ?', vacancyId)).toBe(historyBefore + 1);
      const listed = expectOk<{ rows: { id: number }[] }>(await client.call('vacancies.list', { status: 'held', limit: 500 }));
      expect(listed.rows.map((v) => v.id)).toContain(vacancyId);
    } finally {
      await tap.close();
    }
  });

  it('vacancies.update corrects beds, date, price split and restrictions; bad input, wrong roles and filled vacancies change nothing', async () => {
    const { client } = await signedIn('demo.officer');
    const watcher = (await signedIn('demo.commissioner')).client;
    const tap = await watcher.tapEvents();
    try {
      const vacancyId = firstId('vacancies', "status = 'open'");
      const row = () => store.db.prepare('SELECT * FROM vacancies WHERE id = ?').get(vacancyId);
      const good = {
        vacancyId,
        beds: 2,
        availableFrom: '2026-12-14',
        priceCorePence: 95_000,
        priceSupportPence: 12_500,
        priceEducationPence: 0,
        priceOtherPence: 2_000,
        restrictions: '  No under-10s  ',
      };
      const before = row();
      const okAudits = () => count("SELECT count(*) FROM audit_log WHERE outcome = 'ok' AND method = 'vacancies.update'");
      const auditsBefore = okAudits();
      expectError(await client.call('vacancies.update', { ...good, beds: 0 }), 'BAD_INPUT', 'beds');
      expectError(await client.call('vacancies.update', { ...good, priceCorePence: 0 }), 'BAD_INPUT', 'priceCorePence');
      expectError(await client.call('vacancies.update', { ...good, priceSupportPence: -5 }), 'BAD_INPUT', 'priceSupportPence');
      expectError(await client.call('vacancies.update', { ...good, availableFrom: '14/12/2026' }), 'BAD_INPUT', 'availableFrom');
      expectError(await client.call('vacancies.update', { ...good, availableFrom: '2026-02-30' }), 'BAD_INPUT', 'availableFrom');
      expectError(await client.call('vacancies.update', { ...good, restrictions: 'x'.repeat(501) }), 'BAD_INPUT', 'restrictions');
      const commissioner = (await signedIn('demo.commissioner')).client;
      expectError(await commissioner.call('vacancies.update', good), 'FORBIDDEN');
      const filledId = firstId('vacancies', "status = 'filled'");
      const filledBefore = store.db.prepare('SELECT * FROM vacancies WHERE id = ?').get(filledId);
      expectError(await client.call('vacancies.update', { ...good, vacancyId: filledId }), 'CONFLICT', 'vacancyId');
      expect(store.db.prepare('SELECT * FROM vacancies WHERE id = ?').get(filledId)).toEqual(filledBefore);
      expect(row()).toEqual(before);
      expect(okAudits()).toBe(auditsBefore);

      const updated = expectOk<Record<string, unknown>>(await client.call('vacancies.update', good));
      expect(updated).toMatchObject({
        id: vacancyId,
        beds: 2,
        availableFrom: '2026-12-14',
        weeklyPricePence: 109_500,
        priceCorePence: 95_000,
        priceSupportPence: 12_500,
        priceOtherPence: 2_000,
        restrictions: 'No under-10s',
        status: 'open',
      });
      expect(await tap.next('vacancy.changed')).toEqual({ vacancyId, status: 'open' });
      expect(count("SELECT count(*) FROM audit_log WHERE method = 'vacancies.update' AND record_id = ? AND action = 'update'", String(vacancyId))).toBe(1);

      // The board's filters: type of home and "free by".
      const fosterFreeBy = expectOk<{ rows: { id: number; homeKind: string; availableFrom: string }[]; total: number }>(
        await client.call('vacancies.list', { homeKind: 'foster', availableBy: '2026-12-31' }),
      );
      expect(fosterFreeBy.rows.length).toBeGreaterThan(0);
      expect(fosterFreeBy.rows.every((v) => v.homeKind === 'foster' && v.availableFrom <= '2026-12-31')).toBe(true);
      const allFoster = count("SELECT count(*) FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.kind = 'foster' AND v.available_from <= '2026-12-31'");
      expect(fosterFreeBy.total).toBe(allFoster);
      // The first page, of the default 100.
      expect(fosterFreeBy.rows).toHaveLength(Math.min(100, allFoster));
      expectError(await client.call('vacancies.list', { homeKind: 'castle' }), 'BAD_INPUT', 'homeKind');
    } finally {
      await tap.close();
    }
  });

  it('vacancies.list pages: limit and offset give the right slice in board order, total counts every match, bad paging is BAD_INPUT', async () => {
    const { client } = await signedIn('demo.officer');
    type Page = { rows: { id: number; status: string }[]; total: number };
    const page = async (input: Record<string, unknown>) => expectOk<Page>(await client.call('vacancies.list', input));
    const idsInBoardOrder = (where = '1', ...params: unknown[]) =>
      store.db
        .prepare(`SELECT v.id FROM vacancies v WHERE ${where} ORDER BY v.available_from, v.id`)
        .pluck()
        .all(...params) as number[];

    // The whole region, in the board's order: more than one page of the default 100.
    const all = idsInBoardOrder();
    expect(all.length).toBeGreaterThan(100);
    const first = await page({});
    expect(first.total).toBe(all.length);
    expect(first.rows.map((v) => v.id)).toEqual(all.slice(0, 100));

    // Page by page, the slices join up into the whole list: nothing skipped, nothing twice.
    const paged: number[] = [];
    for (let offset = 0; offset < all.length; offset += 30) {
      const p = await page({ limit: 30, offset });
      expect(p.total).toBe(all.length);
      expect(p.rows.map((v) => v.id)).toEqual(all.slice(offset, offset + 30));
      paged.push(...p.rows.map((v) => v.id));
    }
    expect(paged).toEqual(all);
    expect((await page({ limit: 500 })).rows.map((v) => v.id)).toEqual(all);
    // Past the end: no rows, and still the count, so the screen can step back.
    expect(await page({ limit: 10, offset: all.length })).toEqual({ rows: [], total: all.length });

    // With a filter, the slice and the total are of the matches only.
    const open = idsInBoardOrder("v.status = 'open'");
    const openPage = await page({ status: 'open', limit: 10, offset: 5 });
    expect(openPage.total).toBe(open.length);
    expect(openPage.rows.map((v) => v.id)).toEqual(open.slice(5, 15));
    expect(openPage.rows.every((v) => v.status === 'open')).toBe(true);

    for (const limit of [0, 501, 1.5, -1, '10', null]) expectError(await client.call('vacancies.list', { limit }), 'BAD_INPUT', 'limit');
    for (const offset of [-1, 2.5, '0', null]) expectError(await client.call('vacancies.list', { offset }), 'BAD_INPUT', 'offset');
    const error = expectError(await client.call('vacancies.list', { status: 'open', limit: 501 }), 'BAD_INPUT', 'limit');
    expect(error.message).toBe('Enter at most 500 for the number of vacancies per page');
  });

  it('an idle session ends after 15 minutes: the next call is UNAUTHENTICATED and auth.me is null', async () => {
    const { client } = await signedIn('demo.officer');
    const tap = await client.tapEvents();
    try {
      // Activity keeps the session alive.
      clock.advanceMinutes(14);
      expect(expectOk(await client.call('auth.me'))).not.toBeNull();
      clock.advanceMinutes(14);
      expectOk(await client.call('vacancies.list', {}));

      clock.advanceMinutes(16);
      expectError(await client.call('vacancies.list', {}), 'UNAUTHENTICATED');
      expect(await tap.next('session.ended')).toEqual({ reason: 'idle' });
      expect(expectOk(await client.call('auth.me'))).toBeNull();
    } finally {
      await tap.close();
    }
  });

  it('sign-out ends the session', async () => {
    const { client } = await signedIn('demo.officer');
    expectOk(await client.call('vacancies.list', {}));
    expect(expectOk(await client.call('auth.signOut'))).toEqual({ done: true });
    expect(expectOk(await client.call('auth.me'))).toBeNull();
    expectError(await client.call('vacancies.list', {}), 'UNAUTHENTICATED');
  });

  it('an unknown method is NOT_FOUND', async () => {
    const client = await running.newClient();
    const error = expectError(await client.call('vacancies.delete', { vacancyId: 1 }), 'NOT_FOUND');
    expect(error.message).toContain('vacancies.delete');
    expectError(await client.call('constructor'), 'NOT_FOUND');
    expectError(await client.call('__proto__'), 'NOT_FOUND');
  });

  it('leaves the audit chain intact after all of the above', () => {
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: true, firstBadId: null });
  });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with full control of the headers (fetch will not send a foreign Host). */
function rawRequest(port: number, options: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback HTTP transport only', () => {
  let store: ReturnType<typeof tempStore>;
  let server: LoopbackServer;
  let cookie: string;
  const secret = randomBytes(24).toString('hex');

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    server = await startLoopbackServer({ backend: overMessages(testBackend(store.db, testClock().now)).client, staticDir: null, launchSecret: secret });
    cookie = await launch(server);
  });
  afterAll(async () => {
    await server?.close();
    store?.remove();
  });

  const host = () => `127.0.0.1:${server.port}`;
  const call = (method: string, headers: Record<string, string>, body = '{}') =>
    rawRequest(server.port, { method: 'POST', path: `/api/call/${method}`, headers: { host: host(), 'content-type': 'application/json', ...headers }, body });

  it('listens on 127.0.0.1 and hands out an HttpOnly, SameSite=Strict cookie from the launch URL', async () => {
    const link = new URL(server.launchUrl);
    expect(link.origin).toBe(`http://127.0.0.1:${server.port}`);
    const res = await rawRequest(server.port, { method: 'GET', path: link.pathname, headers: { host: host() } });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^rcc_conn=[0-9a-f]{32};/);
    expect(setCookie).toMatch(/;\s*HttpOnly/);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/);
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with a valid cookie or secret', async () => {
    for (const foreign of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const launchRes = await rawRequest(server.port, { method: 'GET', path: `/launch/${secret}`, headers: { host: foreign } });
      expect(launchRes.status, foreign).toBe(403);
      expect(launchRes.headers['set-cookie'], foreign).toBeUndefined();
      const callRes = await call('auth.me', { host: foreign, cookie, 'x-rcc-client': '1' });
      expect(callRes.status, foreign).toBe(403);
    }
    // Our own names are accepted.
    for (const own of [host(), `localhost:${server.port}`]) {
      const res = await call('auth.me', { host: own, cookie, 'x-rcc-client': '1' });
      expect(res.status, own).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ ok: true, value: null });
    }
  });

  it('answers 400 BAD_INPUT when x-rcc-client is missing, without running the call', async () => {
    const missing = await call('auth.signIn', { cookie }, JSON.stringify({ username: 'demo.officer', password: DEMO_PASSWORD }));
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const wrong = await call('auth.me', { cookie, 'x-rcc-client': '0' });
    expect(wrong.status).toBe(400);
    // The sign-in above never happened.
    const me = await call('auth.me', { cookie, 'x-rcc-client': '1' });
    expect(JSON.parse(me.body)).toEqual({ ok: true, value: null });
  });

  it('answers 401 UNAUTHENTICATED with no cookie or a cookie it never issued', async () => {
    const attempts: Record<string, string>[] = [{ 'x-rcc-client': '1' }, { 'x-rcc-client': '1', cookie: `rcc_conn=${'0'.repeat(32)}` }];
    for (const headers of attempts) {
      const res = await call('auth.me', headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const events = await rawRequest(server.port, { method: 'GET', path: '/api/events', headers: { host: host() } });
    expect(events.status).toBe(401);
  });

  it('answers 403 to a wrong launch secret and sets no cookie', async () => {
    const wrongSameLength = randomBytes(24).toString('hex');
    for (const path of [`/launch/${wrongSameLength}`, `/launch/${secret}x`, `/launch/${secret.slice(0, -1)}`, '/launch/']) {
      const res = await rawRequest(server.port, { method: 'GET', path, headers: { host: host() } });
      expect(res.status, path).toBe(403);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
  });

  it('answers a body that is not JSON with 400 BAD_INPUT', async () => {
    const res = await call('auth.signIn', { cookie, 'x-rcc-client': '1' }, '{"username": "demo.officer", ');
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body) as Result;
    expectError(body, 'BAD_INPUT');
    expect(body.ok === false && body.error.message).toMatch(/not valid JSON/);
  });

  it('sends the security headers on API answers and 404s unknown API routes', async () => {
    const res = await call('auth.me', { cookie, 'x-rcc-client': '1' });
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    const unknown = await rawRequest(server.port, { method: 'GET', path: '/api/nothing-here', headers: { host: host(), cookie } });
    expect(unknown.status).toBe(404);
    const noStatic = await rawRequest(server.port, { method: 'GET', path: '/', headers: { host: host(), cookie } });
    expect(noStatic.status).toBe(404);
  });
});

describe('contract completeness', () => {
  it('every contract method has a one-line doc string and a service handler, and no handler is extra', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    for (const name of METHOD_NAMES) {
      const doc = contract[name].doc;
      expect(typeof doc, name).toBe('string');
      expect(doc.trim().length, `${name} has an empty doc string`).toBeGreaterThan(10);
      expect(doc, `${name}'s doc string is more than one line`).not.toContain('\n');
      expect(typeof allHandlers[name], `${name} has no handler`).toBe('function');
    }
    expect(Object.keys(allHandlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('the dispatcher refuses to start when a method has no handler', () => {
    const store = tempStore({ kind: 'empty' });
    try {
      const handlers: Record<string, unknown> = { ...allHandlers };
      delete handlers['system.info'];
      expect(() =>
        createDispatcher({
          db: store.db,
          handlers: handlers as typeof allHandlers,
          facts: { version: 'test', mode: 'loopback', dataDir: store.dir, keyProtection: 'key-file' },
          events: new EventBus(),
        }),
      ).toThrow(/No service handles system\.info/);
    } finally {
      store.remove();
    }
  });
});
