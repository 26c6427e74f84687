import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStorageFault } from '../../db/errors';
import { createBackend, type Backend } from '../../electron/backend';
import { openAppLog, type AppLog } from '../../electron/log';
import { episodesCsv, headerCsv, syntheticReturn } from './importers/ssda903-generator';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testClock } from '../helpers/store';

/**
 * Faults injected for real, each through the dispatcher as a user meets them. The tests run as
 * root, for whom chmod does not stop writes, and mounting a tiny tmpfs is not allowed here; so:
 * - a full disk is SQLite's own limit, PRAGMA max_page_count set to the store's current size on
 *   the writer connection (SQLITE_FULL, exactly what a full disk gives);
 * - a read-only data folder is PRAGMA query_only on the writer (SQLITE_READONLY);
 * - ENOSPC from the file system is a real write to /dev/full.
 * Both pragmas hold for one connection only, so the import job runs on the call thread here
 * (jobThreads: false); the importer and the dispatcher's words are the same in a job thread.
 */
const file = (fileName: string, text: string) => ({ fileName, contentBase64: Buffer.from(text, 'utf8').toString('base64') });

let store: ReturnType<typeof tempStore>;
let backend: Backend;
let admin: UserClient;
let log: AppLog;
let councilId: number;
const children = syntheticReturn({ children: 400, seed: 15 });
// Synthetic, but shaped like a real return: confirmed as the user would in the demo region.
const ssda903 = () => ({ councilId, confirmIntoDemo: true, files: [file('header.csv', headerCsv(children)), file('episodes.csv', episodesCsv(children))] });
const count = () => Number(store.db.prepare('SELECT count(*) FROM children').pluck().get());

beforeAll(async () => {
  store = tempStore({ kind: 'demo' });
  log = openAppLog(store.dir);
  backend = createBackend(store.db, { version: 'test', mode: 'loopback', dataDir: store.dir, keyProtection: 'key-file' }, testClock().now, {
    store: { file: store.file, key: store.key },
    log,
    jobThreads: false,
  });
  admin = await signInAs(backend, 'demo.admin', 'demo-password');
  councilId = Number(store.db.prepare('SELECT id FROM councils ORDER BY id LIMIT 1').pluck().get());
});
afterAll(async () => {
  await log.close();
  store.remove();
});

describe('a write the disk refuses', () => {
  it('a full disk during an import says so in words, and nothing from the import is saved', async () => {
    const before = count();
    const pages = Number(store.db.pragma('page_count', { simple: true }));
    store.db.pragma(`max_page_count = ${pages}`);
    try {
      const error = await admin.fails('imports.ssda903', ssda903());
      expect(error.code).toBe('STORAGE');
      expect(error.message).toMatch(/^The disk is full: nothing from this import was saved\. Free space on the drive that holds /);
      expect(error.message).toContain(store.dir);
      expect(error.message).toContain(join(store.dir, 'logs', 'rcc-placements.log'));
    } finally {
      store.db.pragma('max_page_count = 4294967294');
    }
    expect(count()).toBe(before);
    // With room again the same import goes through: the failure left nothing in the way.
    const outcome = await admin.ok('imports.ssda903', ssda903());
    expect(outcome.imported).toBe(true);
    expect(count()).toBeGreaterThan(before);
  });

  it('a read-only store during a change says so in words, and nothing is saved', async () => {
    const before = count();
    store.db.pragma('query_only = ON');
    try {
      const error = await admin.fails('imports.ssda903', { ...ssda903(), skipBadRows: true });
      expect(error.code).toBe('STORAGE');
      expect(error.message).toMatch(/^The data folder cannot be written to \(it is read-only\): nothing from this import was saved\./);
    } finally {
      store.db.pragma('query_only = OFF');
    }
    expect(count()).toBe(before);
  });

  it("the file system's own ENOSPC, EROFS and EACCES get the same plain words", () => {
    let enospc: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (error) {
      enospc = error;
    }
    expect((enospc as { code?: string }).code).toBe('ENOSPC');
    expect(describeStorageFault(enospc, 'the backup', '/backups')?.message).toBe(
      'The disk is full: nothing from the backup was saved. Free space on the drive that holds /backups and try again.',
    );
    expect(describeStorageFault({ code: 'EROFS' }, 'this change', '/data')?.kind).toBe('read-only');
    expect(describeStorageFault({ code: 'EACCES' }, 'this change', '/data')?.kind).toBe('no-permission');
    expect(describeStorageFault({ code: 'SQLITE_IOERR_WRITE' }, 'this change', '/data')?.kind).toBe('io-error');
    expect(describeStorageFault(new Error('something else'), 'this change', '/data')).toBeNull();
  });

  it('the log names each fault by kind and code, without the file or its rows', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const text = readFileSync(log.file!, 'utf8');
    expect(text).toMatch(/storage fault.*disk-full.*SQLITE_FULL/);
    expect(text).toMatch(/storage fault.*read-only.*SQLITE_READONLY/);
    for (const c of children.slice(0, 50)) expect(text).not.toMatch(new RegExp(`\\b${c.CHILD}\\b`));
  });
});
