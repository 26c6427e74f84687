import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/rpc/http';
import { importOfsted } from '../../../db/importers/ofsted';
import { hashPassword } from '../../../db/passwords';
import { insertUser } from '../../../db/repositories/users';
import type { ApiResult } from '../../../shared/contract';
import { base64Length, MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES, payloadExceeds, UPLOAD_TOO_LARGE } from '../../../shared/contract/uploads';
import { launch, overMessages } from '../../helpers/transports';
import { testBackend, testClock } from '../../helpers/store';
import { importStore, snapshot, type ImportStore } from './helpers';

/**
 * One upload limit, one message: the loopback server answers an oversized request with that
 * message as JSON (not a dropped connection), the desktop channel's check and the contract's schema
 * say the same, and so does an importer handed an oversized file directly.
 */
let store: ImportStore;
let backend: Backend;
let server: LoopbackServer;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  store = importStore();
  const clock = testClock();
  backend = testBackend(store.db, clock.now);
  insertUser(
    store.db,
    {
      username: 'admin',
      displayName: 'Admin',
      role: 'administrator',
      councilId: null,
      constellationId: null,
      passwordHash: hashPassword(PASSWORD),
      isDemo: false,
    },
    clock.now().toISOString(),
  );
  server = await startLoopbackServer({ backend: overMessages(backend).client, staticDir: null, launchSecret: randomBytes(24).toString('hex') });
});
afterAll(async () => {
  await server.close();
  store.remove();
});

/** A payload whose one file is `bytes` long (its content is irrelevant: it never gets read). */
const ofstedPayload = (bytes: number) => ({ fileName: 'providers.csv', contentBase64: 'A'.repeat(base64Length(bytes)) });

describe('the upload limit', () => {
  it('over HTTP, a request past the limit gets the message as JSON with status 413, and the server carries on', async () => {
    const cookie = await launch(server);
    const base = `http://127.0.0.1:${server.port}`;
    const post = (method: string, body: string) =>
      fetch(`${base}/api/call/${method}`, { method: 'POST', headers: { cookie, 'x-rcc-client': '1', 'content-type': 'application/json' }, body });
    const before = snapshot(store.db);
    const big = JSON.stringify(ofstedPayload(MAX_UPLOAD_BYTES + 1024 * 1024));
    expect(big.length).toBeGreaterThan(MAX_REQUEST_BYTES);
    const res = await post('imports.ofsted', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: UPLOAD_TOO_LARGE } });
    expect(snapshot(store.db)).toEqual(before);
    // The same connection cookie still works: nothing was torn down.
    const signIn = await post('auth.signIn', JSON.stringify({ username: 'admin', password: PASSWORD }));
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as ApiResult<unknown>).ok).toBe(true);
  });

  it('over the desktop channel, the same payload is refused by the same check and words', () => {
    expect(payloadExceeds(ofstedPayload(MAX_UPLOAD_BYTES + 1024 * 1024), MAX_REQUEST_BYTES)).toBe(true);
    expect(payloadExceeds(ofstedPayload(MAX_UPLOAD_BYTES), MAX_REQUEST_BYTES)).toBe(false);
    expect(payloadExceeds({ files: [ofstedPayload(MAX_UPLOAD_BYTES / 2), ofstedPayload(MAX_UPLOAD_BYTES / 2 + 512 * 1024)] }, MAX_REQUEST_BYTES)).toBe(true);
  });

  it('a file just past the limit that fits in a request is refused by the contract with the same words', async () => {
    const connection = backend.newConnection();
    expect((await backend.dispatch('auth.signIn', { username: 'admin', password: PASSWORD }, connection)).ok).toBe(true);
    const one = await backend.dispatch('imports.ofsted', ofstedPayload(MAX_UPLOAD_BYTES + 3), connection);
    // A message written in the schema is sent as it stands; the field travels apart.
    expect(one).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: UPLOAD_TOO_LARGE, field: 'contentBase64' } });
    // Several files of an SSDA903 return count together.
    const half = ofstedPayload(MAX_UPLOAD_BYTES / 2 + 3);
    const two = await backend.dispatch('imports.ssda903', { files: [half, { ...half, fileName: 'episodes.csv' }], councilId: store.councilId }, connection);
    expect(two).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: UPLOAD_TOO_LARGE, field: 'files' } });
  });

  it('an importer handed an oversized file directly refuses it with the same words, writing nothing', () => {
    const before = snapshot(store.db);
    const outcome = importOfsted(store.db, [{ fileName: 'providers.csv', bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1) }], {
      today: '2026-11-25',
      skipBadRows: true,
      dryRun: false,
    });
    expect(outcome.imported).toBe(false);
    expect(outcome.problems).toEqual([{ file: 'providers.csv', row: null, column: null, problem: UPLOAD_TOO_LARGE, severity: 'error' }]);
    expect(snapshot(store.db)).toEqual(before);
  });
});
