import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { LAUNCH_LINK_TTL_MS, startLoopbackServer, type LoopbackServer } from '../../electron/rpc/http';
import type { ApiResult } from '../../shared/contract';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { overMessages } from '../helpers/transports';

/**
 * Loopback mode is as safe as the desktop window: a launch link works once and not for long,
 * signing in issues a fresh connection id (so a cookie another page on 127.0.0.1 planted earlier
 * cannot ride the session), and the region's live events reach signed-in connections only.
 */

let store: ReturnType<typeof tempStore>;
let server: LoopbackServer;
let nowMs: number;
let base: string;

beforeEach(async () => {
  store = tempStore({ kind: 'demo' });
  nowMs = Date.parse('2026-11-25T10:00:00Z');
  server = await startLoopbackServer({
    backend: overMessages(testBackend(store.db, testClock().now)).client,
    staticDir: null,
    launchSecret: randomBytes(24).toString('base64url'),
    nowMs: () => nowMs,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await server.close();
  store.remove();
});

async function open(link: string): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(link, { redirect: 'manual' });
  const set = res.headers.getSetCookie()[0];
  return { status: res.status, cookie: set ? set.split(';')[0]! : null };
}

async function call(cookie: string, method: string, payload: unknown = {}): Promise<{ status: number; body: ApiResult<unknown>; setCookie: string | null }> {
  const res = await fetch(`${base}/api/call/${method}`, {
    method: 'POST',
    headers: { cookie, 'x-rcc-client': '1', 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const set = res.headers.getSetCookie()[0];
  return { status: res.status, body: (await res.json()) as ApiResult<unknown>, setCookie: set ? set.split(';')[0]! : null };
}

/** Reads an event stream for a while and returns the event names that arrived. */
async function listen(cookie: string): Promise<{ events: string[]; ended: Promise<void>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  const events: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const m of decoder.decode(value).matchAll(/^event: (.+)$/gm)) events.push(m[1]!);
      }
    } catch {
      // aborted
    }
  })();
  return { events, ended, close: () => controller.abort() };
}

const signIn = (cookie: string, username = 'demo.officer') => call(cookie, 'auth.signIn', { username, password: DEMO_PASSWORD });

describe('loopback launch links and sessions', () => {
  it('a launch link works once; opening it again is refused and sets no cookie', async () => {
    const link = server.launchUrl;
    const first = await open(link);
    expect(first.status).toBe(303);
    expect(first.cookie).toMatch(/^rcc_conn=[0-9a-f]{32}$/);
    const again = await open(link);
    expect(again).toEqual({ status: 403, cookie: null });
    // A new link (a new run, or a test's next window) works once too.
    expect((await open(server.launchUrl)).status).toBe(303);
  });

  it('a launch link nobody opened stops working after two minutes', async () => {
    const fresh = server.launchUrl;
    const stale = server.launchUrl;
    nowMs += LAUNCH_LINK_TTL_MS - 1_000;
    expect((await open(fresh)).status).toBe(303);
    nowMs += 2_000;
    expect(await open(stale)).toEqual({ status: 403, cookie: null });
    expect(LAUNCH_LINK_TTL_MS).toBeLessThanOrEqual(2 * 60_000);
  });

  it('signing in issues a fresh connection id: a cookie planted before sign-in does not carry the session', async () => {
    // Another page on 127.0.0.1 (cookies are shared across ports) got a connection and planted
    // its cookie in the user's browser; the user then signs in through it.
    const planted = (await open(server.launchUrl)).cookie!;
    const attackerStream = await listen(planted);
    const signedIn = await signIn(planted);
    expect(signedIn.body.ok).toBe(true);
    const fresh = signedIn.setCookie!;
    expect(fresh).toMatch(/^rcc_conn=[0-9a-f]{32}$/);
    expect(fresh).not.toBe(planted);
    // The stream opened under the planted id is closed at sign-in.
    await attackerStream.ended;
    // The planted cookie is worth nothing now; the fresh one is the user's session.
    const asAttacker = await call(planted, 'auth.me');
    expect(asAttacker.status).toBe(401);
    expect(asAttacker.body.ok).toBe(false);
    const asUser = await call(fresh, 'auth.me');
    expect(asUser.body).toMatchObject({ ok: true, value: { username: 'demo.officer' } });
    expect(asUser.setCookie).toBeNull();
    expect((await fetch(`${base}/api/events`, { headers: { cookie: planted } })).status).toBe(401);
  });

  it("the region's live events go only to signed-in connections", async () => {
    const unsignedCookie = (await open(server.launchUrl)).cookie!;
    const watcherLaunch = (await open(server.launchUrl)).cookie!;
    const watcherCookie = (await signIn(watcherLaunch, 'demo.commissioner')).setCookie!;
    const officerLaunch = (await open(server.launchUrl)).cookie!;
    const officer = (await signIn(officerLaunch)).setCookie!;
    const unsigned = await listen(unsignedCookie);
    const watcher = await listen(watcherCookie);
    try {
      const vacancyId = store.db.prepare("SELECT min(id) FROM vacancies WHERE status = 'open'").pluck().get() as number;
      expect((await call(officer, 'vacancies.setStatus', { vacancyId, status: 'held' })).body.ok).toBe(true);
      const deadline = Date.now() + 3_000;
      while (!watcher.events.includes('vacancy.changed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(watcher.events).toContain('vacancy.changed');
      // Written in the same loop as the watcher's: had it been sent, it would be here by now.
      await new Promise((r) => setTimeout(r, 200));
      expect(unsigned.events).toEqual([]);
    } finally {
      unsigned.close();
      watcher.close();
    }
  });
});
