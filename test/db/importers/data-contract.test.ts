import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend';
import type { Connection } from '../../../electron/rpc/context';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/rpc/http';
import { hashPassword } from '../../../db/passwords';
import { insertUser } from '../../../db/repositories/users';
import type { ApiResult } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/roles';
import { testBackend, testClock } from '../../helpers/store';
import { overMessages } from '../../helpers/transports';
import { importStore, snapshot, type ImportStore } from './helpers';
import { episodesCsv, headerCsv, syntheticReturn } from './ssda903-generator';

/** Minimal HTTP client for the loopback transport: the launch link's cookie, calls, and the event stream. */
function loopbackClient(launchUrl: () => string, port: number) {
  return {
    // Each launch link works once, so every window opens a fresh one.
    cookie: (): Promise<string> =>
      new Promise((resolve, reject) => {
        request(launchUrl(), (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']![0]!.split(';')[0]));
        })
          .on('error', reject)
          .end();
      }),
    post: (cookie: string, method: string, body: unknown): Promise<ApiResult<unknown> & { setCookie?: string }> =>
      new Promise((resolve, reject) => {
        const req = request(
          `http://127.0.0.1:${port}/api/call/${method}`,
          { method: 'POST', headers: { cookie, 'x-rcc-client': '1', 'content-type': 'application/json' } },
          (res) => {
            let text = '';
            // Signing in hands out a fresh connection cookie.
            const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0];
            res.on('data', (c: Buffer) => (text += c.toString('utf8')));
            res.on('end', () => resolve({ ...(JSON.parse(text) as ApiResult<unknown>), ...(setCookie ? { setCookie } : {}) }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      }),
    listen: (cookie: string) => {
      const chunks: { at: number; text: string }[] = [];
      const req = request(`http://127.0.0.1:${port}/api/events`, { headers: { cookie } }, (res) =>
        res.on('data', (c: Buffer) => chunks.push({ at: performance.now(), text: c.toString('utf8') })),
      );
      req.on('error', () => undefined);
      req.end();
      return { chunks, close: () => req.destroy() };
    },
  };
}

/**
 * The import and export methods through the one dispatcher (and the loopback transport): roles,
 * scope, bad input, the audit trail and live progress. Runs in the db project with its own store.
 */
let store: ImportStore;
let backend: Backend;
const clock = testClock();
const PASSWORD = 'correct horse battery staple';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const children = syntheticReturn({ children: 600, seed: 21 });
const returnFiles = [
  { fileName: 'header.csv', contentBase64: b64(headerCsv(children)) },
  { fileName: 'episodes.csv', contentBase64: b64(episodesCsv(children)) },
];

beforeAll(() => {
  store = importStore();
  backend = testBackend(store.db, clock.now);
  const hash = hashPassword(PASSWORD);
  const add = (username: string, role: Role, councilId: number | null) =>
    insertUser(
      store.db,
      { username, displayName: username, role, councilId, constellationId: null, passwordHash: hash, isDemo: false },
      clock.now().toISOString(),
    );
  add('officer', 'placement_officer', null);
  add('salford.officer', 'placement_officer', store.councilId);
  add('commissioner', 'commissioner', null);
  add('admin', 'administrator', null);
});
afterAll(() => store.remove());

async function signedIn(username: string): Promise<(method: string, payload?: unknown) => Promise<ApiResult<unknown>>> {
  const connection: Connection = backend.newConnection();
  const result = await backend.dispatch('auth.signIn', { username, password: PASSWORD }, connection);
  expect(result.ok).toBe(true);
  return (method, payload = {}) => backend.dispatch(method, payload, connection);
}

const auditRows = (where: string) => store.db.prepare(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`).all() as Record<string, unknown>[];

describe('imports and exports through the contract', () => {
  it('a commissioner cannot import children: FORBIDDEN, nothing written, the refusal on the record', async () => {
    const call = await signedIn('commissioner');
    const before = snapshot(store.db);
    const result = await call('imports.ssda903', { files: returnFiles, councilId: store.councilId });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(store.db)).toEqual(before);
    expect(auditRows("method = 'imports.ssda903' AND username = 'commissioner'")).toMatchObject([
      { action: 'attempt', record_type: 'child', outcome: 'refused' },
    ]);
    // Nor can they export episodes, or ask for the placements' full detail; the market view is theirs.
    expect(await call('exports.ssda903Episodes', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('exports.placementsStandard', { detail: 'full' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'detail' } });
    const market = await call('exports.placementsStandard', {});
    expect(market).toMatchObject({ ok: true, value: { mimeType: 'text/csv' } });
    expect((market as { value: { fileName: string } }).value.fileName).toMatch(/market/);
    expect(await call('exports.vacancyTemplate', { format: 'csv' })).toMatchObject({ ok: true });
    expect(await call('imports.vacancies', { fileName: 'v.csv', contentBase64: b64('Home ID,Beds\n') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('bad input is BAD_INPUT naming the field', async () => {
    const call = await signedIn('officer');
    expect(await call('imports.ssda903', { files: [{ fileName: 'x.csv', contentBase64: 'not base64!' }], councilId: store.councilId })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', field: 'files.0.contentBase64' },
    });
    expect(await call('imports.ssda903', { files: [], councilId: store.councilId })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'files' } });
    expect(await call('imports.ofsted', { fileName: 'x.csv', contentBase64: b64('a'), skipBadRows: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', field: 'skipBadRows' },
    });
    // A region-wide officer must say whose return it is.
    expect(await call('imports.ssda903', { files: returnFiles })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'councilId' } });
  });

  it('a council officer imports only their own council’s return', async () => {
    const call = await signedIn('salford.officer');
    expect(await call('imports.ssda903', { files: returnFiles, councilId: store.otherCouncilId, dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const own = await call('imports.ssda903', { files: returnFiles, dryRun: true });
    expect(own).toMatchObject({ ok: true, value: { dryRun: true, imported: false } });
  });

  it('an officer’s import sends progress at once, audits one entry per job without personal values, and commits', async () => {
    const call = await signedIn('officer');
    let returned = false;
    const seen: { payload: { phase: string; done: number; total: number; jobId: string }; beforeReturn: boolean; to: string | null }[] = [];
    const unsubscribe = backend.events.subscribe((event, payload, only) => {
      if (event === 'job.progress') seen.push({ payload: payload as (typeof seen)[number]['payload'], beforeReturn: !returned, to: only });
    });
    const result = await call('imports.ssda903', { files: returnFiles, councilId: store.councilId, jobId: 'test-1' });
    returned = true;
    unsubscribe();
    expect(result.ok).toBe(true);
    const value = (result as { value: { imported: boolean; changes: { record: string; created: number }[] } }).value;
    expect(value.imported).toBe(true);
    expect(value.changes.find((c) => c.record === 'children')!.created).toBe(600);

    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((s) => s.beforeReturn && s.payload.jobId === 'test-1' && s.to !== null)).toBe(true);
    expect(new Set(seen.map((s) => s.payload.phase))).toEqual(new Set(['Starting', 'Reading the file', 'Checking rows', 'Writing']));

    // One entry for the job: both files by a hash of their bytes, the rows read, committed or not.
    const audits = auditRows("method = 'imports.ssda903' AND username = 'officer' AND action = 'import'");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ record_type: 'child', outcome: 'ok' });
    expect(audits[0]!.record_id).toMatch(/^file=sha256:[0-9a-f]{16}\+sha256:[0-9a-f]{16};rows=\d+;committed=yes$/);
    const written = JSON.stringify(auditRows("method LIKE 'imports.%'"));
    for (const c of children.slice(0, 50)) expect(written).not.toContain(c.CHILD);
    expect(written).not.toContain('header.csv');

    const episodes = await call('exports.ssda903Episodes', { councilId: store.councilId, collectionYear: '2025-26' });
    expect(episodes).toMatchObject({ ok: true, value: { mimeType: 'text/csv' } });
    // The 2025-26 return: every episode open at some time from 1 April 2025.
    const inYear = children.flatMap((c) => c.episodes).filter((e) => e.DEC === '' || e.DEC.split('/').reverse().join('-') >= '2025-04-01');
    expect((episodes as { value: { rows: number } }).value.rows).toBe(inYear.length);
    expect(auditRows("method = 'exports.ssda903Episodes' AND outcome = 'ok'")).toHaveLength(1);
  });

  it('the SSDA903 header export gives one council’s own CHILD identifiers, for a collection year written as on the return', async () => {
    const call = await signedIn('salford.officer');
    const result = await call('exports.ssda903Header', { collectionYear: '2025-26' });
    // The children with an episode open at some time in 2025-26.
    const inYear = children.filter((c) => c.episodes.some((e) => e.DEC === '' || e.DEC.split('/').reverse().join('-') >= '2025-04-01'));
    expect(result).toMatchObject({ ok: true, value: { mimeType: 'text/csv', rows: inYear.length } });
    const text = Buffer.from((result as { value: { contentBase64: string } }).value.contentBase64, 'base64').toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(inYear.map((c) => c.CHILD)));
    expect(auditRows("method = 'exports.ssda903Header' AND outcome = 'ok'")).toMatchObject([{ action: 'export', record_type: 'child' }]);
    expect(await call('exports.ssda903Header', { collectionYear: '2025' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'collectionYear' } });
    expect(await call('imports.ssda903', { files: returnFiles, collectionYear: '2019-21', dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', field: 'collectionYear' },
    });
    expect(await (await signedIn('commissioner'))('exports.ssda903Header', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A return is one council's: a region-wide user names the council, and the screen is told the files before it asks for them.
    const admin = await signedIn('admin');
    expect(await admin('exports.ssda903Episodes', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'councilId' } });
    expect(await admin('exports.ssda903Return', { councilId: store.councilId, collectionYear: '2025-26' })).toMatchObject({
      ok: true,
      value: {
        collectionYear: '2025-26',
        children: inYear.length,
        headerFileName: expect.stringMatching(/^ssda903-header-\w+-2025-26(-analysis-only)?-\d{4}-\d{2}-\d{2}\.csv$/),
      },
    });
  });

  it('over the loopback transport, progress goes to the calling window only', async () => {
    const server: LoopbackServer = await startLoopbackServer({ backend: overMessages(backend).client, staticDir: null, launchSecret: 'secret-for-test' });
    try {
      const http = loopbackClient(() => server.launchUrl, server.port);
      const signedIn = await http.post(await http.cookie(), 'auth.signIn', { username: 'admin', password: PASSWORD });
      expect(signedIn.ok).toBe(true);
      const mine = signedIn.setCookie!;
      const other = await http.cookie();
      const myEvents = http.listen(mine);
      const otherEvents = http.listen(other);
      await new Promise((r) => setTimeout(r, 100));
      // Wigan's own return: Salford's, imported above, would be refused under Wigan as a duplicate.
      const wigans = syntheticReturn({ children: 300, seed: 23 }).map((c) => ({ ...c, CHILD: `W${c.CHILD}` }));
      const wiganFiles = [
        { fileName: 'header.csv', contentBase64: b64(headerCsv(wigans)) },
        { fileName: 'episodes.csv', contentBase64: b64(episodesCsv(wigans)) },
      ];
      const result = await http.post(mine, 'imports.ssda903', { files: wiganFiles, councilId: store.otherCouncilId, jobId: 'over-http', dryRun: true });
      expect(result.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      myEvents.close();
      otherEvents.close();
      expect(myEvents.chunks.map((c) => c.text).join('')).toMatch(/event: job.progress\ndata: \{"jobId":"over-http","kind":"import","phase":"Writing"/);
      expect(myEvents.chunks.map((c) => c.text).join('')).toMatch(/event: job.finished\ndata: \{"jobId":"over-http","kind":"import","state":"succeeded"/);
      expect(otherEvents.chunks.map((c) => c.text).join('')).not.toContain('job.');
    } finally {
      await server.close();
    }
  });

  it('progress reaches the browser while the server is still busy with the import (server in its own process)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'loopback-server.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const started = await new Promise<{ launchUrl: string; port: number; councilId: number }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString('utf8');
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { launchUrl: string; port: number; councilId: number });
        });
        child.on('exit', (code) => reject(new Error(`The fixture server exited (${code})`)));
      });
      const http = loopbackClient(() => started.launchUrl, started.port);
      const signedIn = await http.post(await http.cookie(), 'auth.signIn', { username: 'admin', password: 'fixture-password' });
      expect(signedIn.ok).toBe(true);
      const cookie = signedIn.setCookie!;
      const events = http.listen(cookie);
      await new Promise((r) => setTimeout(r, 200));
      const big = syntheticReturn({ children: 8000, episodesPerChild: 4, exact: true, seed: 22 });
      const files = [
        { fileName: 'header.csv', contentBase64: b64(headerCsv(big)) },
        { fileName: 'episodes.csv', contentBase64: b64(episodesCsv(big)) },
      ];
      const result = await http.post(cookie, 'imports.ssda903', { files, councilId: started.councilId, jobId: 'live', dryRun: true });
      const answeredAt = performance.now();
      expect(result.ok).toBe(true);
      events.close();
      const progress = events.chunks.filter((c) => c.text.includes('"jobId":"live"'));
      const checking = progress.filter((c) => c.text.includes('"phase":"Checking rows"'));
      // Several separate deliveries, the first well before the answer: sent as the import ran, not all at the end.
      expect(progress.length).toBeGreaterThan(3);
      expect(checking.length).toBeGreaterThan(0);
      expect(answeredAt - checking[0]!.at).toBeGreaterThan(50);
    } finally {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
