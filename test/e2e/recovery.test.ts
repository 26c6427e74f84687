import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupView } from '../../shared/contract/backups';
import type { CouncilView } from '../../shared/contract/region';
import { connectApi, ensureBuilt, SERVER_BUNDLE } from './harness';

/**
 * The bad things done for real to the built server (`npm start` in loopback mode): its key file
 * deleted, then its store deleted. Each time it must stop and say how to recover, never make a
 * new key or an empty store; then `--recover` (the recovery key typed on the terminal) and
 * `--restore FILE` bring the store back with its records.
 */
const LAUNCH_LINK = /http:\/\/127\.0\.0\.1:\d+\/launch\/[A-Za-z0-9_-]+/;
const root = mkdtempSync(join(tmpdir(), 'rcc-recovery-'));
const dataDir = join(root, 'data');
const ADMIN = { username: 'it.admin', displayName: 'IT administrator', password: 'a long enough password' };

interface Run {
  /** Resolves with the launch link, or rejects with everything printed when the server exits first. */
  link: Promise<string>;
  exit: Promise<{ code: number | null; output: string }>;
  stop(): Promise<void>;
}

function run(args: string[], typed?: string): Run {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--no-open', '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, RCC_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  if (typed !== undefined) child.stdin.write(`${typed}\n`);
  const exit = new Promise<{ code: number | null; output: string }>((done) => child.once('exit', (code) => done({ code, output })));
  const link = new Promise<string>((done, fail) => {
    child.stdout.on('data', () => {
      const m = LAUNCH_LINK.exec(output);
      if (m) done(m[0]);
    });
    void exit.then(({ code }) => fail(new Error(`The server exited (${code}) before its launch link:\n${output}`)));
  });
  // Runs that are meant to fail never ask for their link.
  link.catch(() => undefined);
  return {
    link,
    exit,
    async stop() {
      child.kill('SIGTERM');
      await exit;
    },
  };
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a lost key file or store, with the built server', () => {
  let recoveryKey = '';
  let backup = '';

  it('a real store is set up with a recovery key shown once, and backed up', async () => {
    ensureBuilt();
    const server = run(['--real']);
    const api = await connectApi(await server.link);
    await api.ok('auth.createFirstAdmin', ADMIN);
    await api.ok('councils.create', { name: 'Manchester', dfeCode: '352', onsCode: 'E08000003', centre: 'Manchester' });
    recoveryKey = (await api.ok('recovery.reveal', {})).recoveryKey!;
    expect(recoveryKey).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect((await api.ok('recovery.reveal', {})).recoveryKey).toBeNull();
    const taken = (await api.ok('backups.create', {})) as BackupView;
    backup = join(dataDir, 'backups', taken.fileName);
    await server.stop();
    expect(existsSync(backup)).toBe(true);
  }, 90_000);

  it('with the key file deleted, it stops and says how to recover; it makes no new key', async () => {
    rmSync(join(dataDir, 'store.key'));
    const { code, output } = await run([]).exit;
    expect(code).toBe(1);
    expect(output).toMatch(/The store key \(.*store\.key\) is missing, but a store was set up/);
    expect(output).toMatch(/npm start -- --recover/);
    expect(existsSync(join(dataDir, 'store.key'))).toBe(false);
  }, 60_000);

  it('with the store deleted too, it does not start an empty or demo store in its place', async () => {
    for (const f of ['store.db', 'store.db-wal', 'store.db-shm']) rmSync(join(dataDir, f), { force: true });
    const recovered = await run(['--recover'], recoveryKey.toLowerCase()).exit;
    expect(recovered.code).toBe(1);
    expect(recovered.output).toMatch(/The store key was recovered/);
    expect(recovered.output).toMatch(/A real store was set up in .* but its file .* is missing or empty\. Nothing was created in its place/);
    expect(existsSync(join(dataDir, 'store.db'))).toBe(false);
  }, 60_000);

  it('--restore puts the backup back, and the administrator finds the records', async () => {
    const wrong = await run(['--restore', join(root, 'nothing.rccbackup')]).exit;
    expect(wrong.output).toMatch(/There is no backup file at/);
    const server = run(['--restore', backup]);
    const api = await connectApi(await server.link);
    await api.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const councils = (await api.ok('region.councils', {})) as CouncilView[];
    expect(councils.map((c) => c.name)).toEqual(['Manchester']);
    await server.stop();
  }, 90_000);
});
