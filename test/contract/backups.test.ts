import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditSeal, plainSealKeyFile } from '../../electron/auditSeal';
import { createBackend, type Backend } from '../../electron/backend';
import { openAppLog, type AppLog } from '../../electron/log';
import type { BackupView } from '../../shared/contract/backups';
import type { ChildPage } from '../../shared/contract/children';
import type { CouncilView } from '../../shared/contract/region';
import { tempStore, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport } from '../helpers/transports';

/**
 * Back up, change, restore, compare: over the in-process dispatcher and over loopback HTTP, on a
 * real encrypted demo store whose backups land in its data folder. Then the log a council's IT
 * reads is searched for the children's names and dates of birth the session looked at.
 */
const NEW_COUNCIL = { name: 'Cheshire East', dfeCode: '895', onsCode: 'E06000049', centre: 'Crewe' };

describe.each([inProcess, overHttp] as Transport[])('backups and restore over $name', (transport) => {
  let store: ReturnType<typeof tempStore>;
  let backend: Backend;
  let log: AppLog;
  let host: Awaited<ReturnType<Transport['start']>>;
  let admin: Client;
  let officer: Client;
  const councils = async (client: Client) =>
    expectOk<CouncilView[]>(await client.call('region.councils'))
      .map((c) => c.name)
      .sort();

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    log = openAppLog(store.dir);
    backend = createBackend(store.db, { version: 'test', mode: 'loopback', dataDir: store.dir, keyProtection: 'key-file' }, testClock().now, {
      store: { file: store.file, key: store.key },
      log,
      auditSeal: AuditSeal.open(store.dir, plainSealKeyFile(store.dir)),
    });
    host = await transport.start(backend);
    admin = await host.newClient();
    officer = await host.newClient();
    expectOk(await admin.call('auth.signIn', { username: 'demo.admin', password: 'demo-password' }));
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: 'demo-password' }));
  });
  afterAll(async () => {
    await host.close();
    backend.stop();
    backend.db().close();
    await log.close();
    store.remove();
  });

  it('only administrators may see, take or restore backups', async () => {
    expectError(await officer.call('backups.list'), 'FORBIDDEN');
    expectError(await officer.call('backups.create'), 'FORBIDDEN');
    expectError(await officer.call('backups.restore', { fileName: 'x', confirm: true }), 'FORBIDDEN');
    expectError(await officer.call('log.tail', {}), 'FORBIDDEN');
  });

  it('backs up, changes, restores and finds the store as it was; everyone signs in again', async () => {
    const listed = expectOk<{ folder: string; keep: number; backups: BackupView[] }>(await admin.call('backups.list'));
    expect(listed).toMatchObject({ folder: join(store.dir, 'backups'), keep: 14, backups: [] });

    const before = await councils(admin);
    const backup = expectOk<BackupView>(await admin.call('backups.create'));
    expect(backup).toMatchObject({ reason: 'manual', opens: true, problem: null });
    expect(
      readFileSync(join(store.dir, 'backups', backup.fileName))
        .subarray(0, 16)
        .toString('latin1'),
    ).not.toBe('SQLite format 3\0');

    expectOk(await admin.call('councils.create', NEW_COUNCIL));
    expect(await councils(admin)).toEqual([...before, NEW_COUNCIL.name].sort());

    expectError(await admin.call('backups.restore', { fileName: backup.fileName }), 'BAD_INPUT', 'confirm');
    expectError(await admin.call('backups.restore', { fileName: '../store.db', confirm: true }), 'NOT_FOUND', 'fileName');
    expectOk(await admin.call('backups.restore', { fileName: backup.fileName, confirm: true }));

    // Sessions end: the administrator who restored and every other window.
    expectError(await admin.call('region.councils'), 'UNAUTHENTICATED');
    expectError(await officer.call('region.councils'), 'UNAUTHENTICATED');
    expectOk(await admin.call('auth.signIn', { username: 'demo.admin', password: 'demo-password' }));
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: 'demo-password' }));
    expect(await councils(admin)).toEqual(before);

    // The store as it was before the restore was itself backed up, and the restore is audited.
    const after = expectOk<{ backups: BackupView[] }>(await admin.call('backups.list')).backups;
    expect(after.map((b) => b.reason)).toEqual(['before-restore', 'manual']);
    expect(after.every((b) => b.opens)).toBe(true);
    const audit = backend.db().prepare("SELECT username, action, record_id AS id FROM audit_log WHERE method = 'backups.restore' AND outcome = 'ok'").all();
    expect(audit).toEqual([{ username: 'demo.admin', action: 'restore', id: backup.fileName }]);
    // The restore rewound the audit chain on purpose, and a signed line says so: the chain checks
    // out against what was signed since, rather than reading as a truncation.
    const chain = expectOk<{ intact: boolean; checkpoints: number; problem: string | null }>(await admin.call('audit.verify'));
    expect(chain).toMatchObject({ intact: true, problem: null });
    expect(chain.checkpoints).toBeGreaterThan(0);
  });

  it('an import is backed up first; a dry run, which writes nothing, is not', async () => {
    const csv = `Council,DfE LA code,ONS code,Centre\n${NEW_COUNCIL.name},${NEW_COUNCIL.dfeCode},${NEW_COUNCIL.onsCode},${NEW_COUNCIL.centre}\n`;
    const upload = { fileName: 'councils.csv', contentBase64: Buffer.from(csv).toString('base64') };
    const count = async () => expectOk<{ backups: BackupView[] }>(await admin.call('backups.list')).backups.filter((b) => b.reason === 'before-import').length;
    expectOk(await admin.call('imports.councils', { ...upload, dryRun: true }));
    expect(await count()).toBe(0);
    expectOk(await admin.call('imports.councils', upload));
    expect(await count()).toBe(1);
  });

  it('a backup folder that does not exist is refused in words; a good one is used from then on', async () => {
    const error = expectError(await admin.call('backups.settings', { folder: join(store.dir, 'no-such-folder'), keep: 7 }), 'CONFLICT');
    expect(error.message).toMatch(/does not exist. Create it first/);
    expectOk(await admin.call('backups.settings', { folder: store.dir, keep: 7 }));
    const taken = expectOk<BackupView>(await admin.call('backups.create'));
    expect(readFileSync(join(store.dir, taken.fileName)).length).toBe(taken.sizeBytes);
    expectOk(await admin.call('backups.settings', { folder: join(store.dir, 'backups'), keep: 14 }));
  });

  it("the log holds method names and outcomes, and none of the children's names or dates of birth", async () => {
    const page = expectOk<ChildPage>(await officer.call('children.list', {}));
    const seen = page.rows.slice(0, 5);
    for (const child of seen) {
      const detail = expectOk<{ firstName: string }>(await officer.call('children.get', { childId: child.id }));
      expectOk(await officer.call('children.list', { search: detail.firstName }));
    }
    const tail = expectOk<{ file: string; lines: string[] }>(await admin.call('log.tail', { lines: 500 }));
    expect(tail.file).toBe(join(store.dir, 'logs', 'rcc-placements.log'));
    await new Promise((r) => setTimeout(r, 300));
    const text = readFileSync(tail.file, 'utf8');
    expect(text).toMatch(/method=children\.get, ms=\d+, outcome=ok, record=childId=\d+/);
    const children = backend.db().prepare('SELECT first_name AS name, birth_date AS dob FROM children').all() as { name: string; dob: string }[];
    expect(children.length).toBeGreaterThan(50);
    for (const c of children) {
      expect(text).not.toMatch(new RegExp(`\\b${c.name}\\b`));
      expect(text).not.toContain(c.dob);
    }
  });
});
