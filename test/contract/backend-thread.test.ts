import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { BACKEND_RESTARTED, MAX_RESTARTS, startBackendHost, type BackendHost } from '../../electron/backendHost';
import type { BackendStart } from '../../electron/backendProtocol';
import { noLog } from '../../electron/log';
import { startLoopbackServer, type LoopbackServer } from '../../electron/rpc/http';
import { tempStore } from '../helpers/store';
import { expectError, expectOk, tabsOf, within, type Client } from '../helpers/transports';

/**
 * The arrangement the app ships: the loopback server in this thread, the backend (store,
 * dispatcher, services) in its own worker thread on a real encrypted store file. Then the thread
 * is stopped from outside, as a crash would stop it: the call it was running gets a clear answer,
 * every window hears of it, a new thread opens the same store, and every acknowledged write is there.
 */
describe('the backend in its own thread, behind the loopback server', () => {
  let store: ReturnType<typeof tempStore>;
  let host: BackendHost;
  let server: LoopbackServer;
  let tabs: ReturnType<typeof tabsOf>;
  let homeId: number;

  const vacancy = () => ({
    homeId,
    beds: '1',
    availableFrom: '2027-01-11',
    priceCore: '3,950.50',
    priceSupport: '',
    priceEducation: '',
    priceOther: '',
    restrictions: '',
  });
  async function signedIn(username: string): Promise<Client> {
    const client = await tabs.newClient();
    expectOk(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
    return client;
  }
  /** The store as a second connection sees it (WAL: what the backend committed). */
  function vacancyIdsOnDisk(): number[] {
    const db = openStore({ file: store.file, key: store.key });
    try {
      return db.prepare('SELECT id FROM vacancies ORDER BY id').pluck().all() as number[];
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    homeId = store.db
      .prepare("SELECT h.id FROM homes h JOIN councils c ON c.id = h.council_id WHERE c.name = 'Bolton' ORDER BY h.id LIMIT 1")
      .pluck()
      .get() as number;
    store.db.close();
    const start: BackendStart = {
      dataDir: store.dir,
      storeKeyHex: store.key.toString('hex'),
      restoreFrom: null,
      newStoreKind: null,
      clockOffsetMs: Date.parse('2026-11-25T10:00:00Z') - Date.now(),
      pendingRecoveryKey: null,
      auditSealKeyBase64: null,
      facts: { version: 'test', mode: 'loopback', keyProtection: 'key-file' },
      logFile: null,
      solverDir: null,
      schedule: false,
    };
    host = await startBackendHost(start, noLog);
    server = await startLoopbackServer({ backend: host.client, staticDir: null, launchSecret: randomBytes(24).toString('hex') });
    tabs = tabsOf(server);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await host?.stop();
    store?.remove();
  });

  it('answers the contract as in one thread: sessions, roles, bad input, and events to signed-in windows only', async () => {
    const officer = await signedIn('demo.officer');
    expect(expectOk<{ username: string }>(await officer.call('auth.me'))).toMatchObject({ username: 'demo.officer' });
    expectError(await officer.call('backups.list'), 'FORBIDDEN');
    expectError(await officer.call('vacancies.add', { ...vacancy(), beds: 'two' }), 'BAD_INPUT', 'beds');
    expectError(await (await tabs.newClient()).call('vacancies.add', vacancy()), 'UNAUTHENTICATED');

    const watcher = await signedIn('demo.commissioner');
    const watching = await watcher.tapEvents();
    const stranger = await (await tabs.newClient()).tapEvents();
    try {
      const added = expectOk<{ id: number }>(await officer.call('vacancies.add', vacancy()));
      expect(await watching.next('vacancy.changed')).toEqual({ vacancyId: added.id, status: 'open' });
      await expect(stranger.next('vacancy.changed', 500)).rejects.toThrow(/No vacancy.changed event/);
      expect(vacancyIdsOnDisk()).toContain(added.id);
    } finally {
      await watching.close();
      await stranger.close();
    }
  });

  it('a crash of the thread is told to every window, the call it was running answered in words; a new thread keeps every acknowledged write', async () => {
    const officer = await signedIn('demo.officer');
    const admin = await signedIn('demo.admin');
    const acknowledged: number[] = [];
    for (let i = 0; i < 20; i++) acknowledged.push(expectOk<{ id: number }>(await officer.call('vacancies.add', vacancy())).id);
    const watching = await officer.tapEvents();
    const stranger = await (await tabs.newClient()).tapEvents();
    try {
      // Regenerating the demo region takes seconds in one transaction: the crash lands inside it.
      const running = admin.call('demo.reset');
      await new Promise((resolve) => setTimeout(resolve, 150));
      const crashed = host.thread;
      await crashed.terminate();

      const answer = expectError(await within(running, 20_000, 'The answer to the interrupted call'), 'INTERNAL');
      expect(answer.message).toBe(BACKEND_RESTARTED);
      expect(await watching.next('backend.stopped', 20_000)).toEqual({ restarted: true, message: BACKEND_RESTARTED });
      // Windows that had not signed in hear it too: it is about the app, not the region's data.
      expect(await stranger.next('backend.stopped', 5_000)).toMatchObject({ restarted: true });
      expect(host.restarts).toBe(1);
      expect(host.thread).not.toBe(crashed);
    } finally {
      await watching.close();
      await stranger.close();
    }

    // The sessions were in the thread that stopped: everyone signs in again, to the same store.
    expect(expectOk(await officer.call('auth.me'))).toBeNull();
    expectError(await officer.call('region.councils'), 'UNAUTHENTICATED');
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }));
    const listed = vacancyIdsOnDisk();
    expect(acknowledged.filter((id) => !listed.includes(id))).toEqual([]);
    // The interrupted regeneration was rolled back whole: the vacancies added by hand are still there.
    expect(expectOk<{ id: number }>(await officer.call('vacancies.add', vacancy())).id).toBeGreaterThan(Math.max(...acknowledged));
  }, 60_000);

  it(`after ${MAX_RESTARTS} restarts within a minute it stops trying and says so, rather than crashing for ever`, async () => {
    const watcher = await signedIn('demo.officer');
    const watching = await watcher.tapEvents();
    try {
      // The previous test's restart counts: two more are allowed, the next one is refused.
      for (let restart = 2; restart <= MAX_RESTARTS; restart++) {
        await host.thread.terminate();
        expect(await watching.next('backend.stopped', 20_000)).toMatchObject({ restarted: true });
        await within(
          (async () => {
            while (host.restarts < restart) await new Promise((resolve) => setTimeout(resolve, 50));
          })(),
          20_000,
          `Restart ${restart}`,
        );
      }
      await host.thread.terminate();
      const last = (await watching.next('backend.stopped', 20_000)) as { restarted: boolean; message: string };
      expect(last.restarted).toBe(false);
      expect(last.message).toMatch(/stopped unexpectedly 3 times within a minute, so it was not started again/);
      const refused = expectError(await (await tabs.newClient()).call('system.info'), 'INTERNAL');
      expect(refused.message).toBe(last.message);
    } finally {
      await watching.close();
    }
  }, 90_000);
});

describe('a real store set up by the backend thread', () => {
  it('still has its recovery key to show the first administrator after a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcc-thread-'));
    const host = await startBackendHost(
      {
        dataDir: dir,
        storeKeyHex: randomBytes(32).toString('hex'),
        restoreFrom: null,
        newStoreKind: 'real',
        clockOffsetMs: 0,
        pendingRecoveryKey: null,
        auditSealKeyBase64: null,
        facts: { version: 'test', mode: 'loopback', keyProtection: 'key-file' },
        logFile: null,
        solverDir: null,
        schedule: false,
      },
      noLog,
    );
    try {
      const window = host.client.newConnection();
      const info = async () => expectOk<{ storeKind: string; recoveryKeyPending: boolean }>(await host.client.call('system.info', {}, window));
      expect(await info()).toMatchObject({ storeKind: 'real', recoveryKeyPending: true });
      await host.thread.terminate();
      await within(
        (async () => {
          while (host.restarts < 1) await new Promise((resolve) => setTimeout(resolve, 50));
        })(),
        20_000,
        'The restart',
      );
      // The key lived in the thread that stopped; the host handed it to the new one.
      expect(await info()).toMatchObject({ storeKind: 'real', recoveryKeyPending: true });
    } finally {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
