import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../db/open';
import { tempStore } from '../helpers/store';

const WRITER = join(import.meta.dirname, 'fixtures', 'durability-writer.cjs');
/** Kill once this many commits are acknowledged (enough to cross the WAL auto-checkpoint)… */
const KILL_AFTER_ACKS = 1200;
/** …or at this deadline, whichever comes first, so a slow disk bounds the test rather than failing it. */
const KILL_DEADLINE_MS = 8_000;
const MIN_ACKS = 20;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

interface KilledWriter {
  acknowledged: number[];
  signal: NodeJS.Signals | null;
  walExistedAtKill: boolean;
  stderr: string;
}

function runWriterAndKill(file: string, key: Buffer): Promise<KilledWriter> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER], {
      env: { ...process.env, RCC_DURABILITY_FILE: file, RCC_DURABILITY_KEY_HEX: key.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: number[] = [];
    let pending = '';
    let stderr = '';
    let ready = false;
    let killed = false;
    let walExistedAtKill = false;

    const kill = () => {
      if (killed) return;
      killed = true;
      walExistedAtKill = existsSync(`${file}-wal`);
      child.kill('SIGKILL');
    };
    const deadline = setTimeout(kill, KILL_DEADLINE_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (killed) return; // anything after the kill was not acknowledged before it
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? ''; // a partial line is not an acknowledgement
      for (const line of lines) {
        if (line === 'ready') ready = true;
        else if (/^\d+$/.test(line)) acknowledged.push(Number(line));
      }
      if (ready && acknowledged.length >= KILL_AFTER_ACKS) kill();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      if (!killed) reject(new Error(`The writer exited by itself (code ${String(code)}) before it was killed:\n${stderr}`));
      else resolve({ acknowledged, signal, walExistedAtKill, stderr });
    });
  });
}

it('every commit the writer acknowledged survives SIGKILL mid-stream', async () => {
  const s = tempStore({ kind: 'empty' });
  cleanup = () => s.remove();
  s.db.exec('CREATE TABLE durability_probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  s.db.close();

  const run = await runWriterAndKill(s.file, s.key);
  expect(run.signal).toBe('SIGKILL');
  expect(run.stderr).toBe('');
  expect(run.acknowledged.length, 'the writer acknowledged too few commits to mean anything').toBeGreaterThanOrEqual(MIN_ACKS);
  // The kill left a live WAL behind, so reopening exercises crash recovery, not a clean file.
  expect(run.walExistedAtKill).toBe(true);

  const db = openStore({ file: s.file, key: s.key }); // keys, quick_check, migrations: all must pass
  try {
    const ids = new Set((db.prepare('SELECT id FROM durability_probe').pluck().all() as number[]).map(Number));
    const missing = run.acknowledged.filter((id) => !ids.has(id));
    expect(missing, `${missing.length} acknowledged commits were lost`).toEqual([]);
    // Commits are whole: ids run 1..n with no holes, and at most one commit beyond the last acknowledgement.
    const max = Math.max(...ids);
    expect(ids.size).toBe(max);
    expect(max - Math.max(...run.acknowledged)).toBeLessThanOrEqual(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}, 30_000);
