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
const KILL_DEADLINE_MS = 6_000;
/** Writer runs, each killed, on the same file. */
const ROUNDS = 3;
const MIN_ACKS = 20;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

interface KilledWriter {
  /** Every id the writer printed, including lines still in the pipe when the kill was sent. */
  acknowledged: number[];
  acknowledgedWhenKilled: number;
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
    let acknowledgedWhenKilled = 0;

    const kill = () => {
      if (killed) return;
      killed = true;
      acknowledgedWhenKilled = acknowledged.length;
      walExistedAtKill = existsSync(`${file}-wal`);
      child.kill('SIGKILL');
    };
    const deadline = setTimeout(kill, KILL_DEADLINE_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      // Lines that arrive after the kill was sent were still written after their commit returned,
      // so they are acknowledged too: read the pipe to its end.
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
    // 'close' (not 'exit') waits for stdout to be drained.
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (!killed) reject(new Error(`The writer exited by itself (code ${String(code)}) before it was killed:\n${stderr}`));
      else resolve({ acknowledged, acknowledgedWhenKilled, signal, walExistedAtKill, stderr });
    });
  });
}

it('every commit the writer acknowledged survives SIGKILL mid-stream, over repeated crashes', async () => {
  const s = tempStore({ kind: 'empty' });
  cleanup = () => s.remove();
  s.db.exec('CREATE TABLE durability_probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  s.db.close();

  const everAcknowledged: number[] = [];
  // Several kills: each lands at a different point of a commit, and each reopen recovers a crashed WAL.
  for (let round = 1; round <= ROUNDS; round++) {
    const run = await runWriterAndKill(s.file, s.key);
    expect(run.signal).toBe('SIGKILL');
    expect(run.stderr).toBe('');
    expect(run.acknowledgedWhenKilled, `round ${round}: the writer acknowledged too few commits to mean anything`).toBeGreaterThanOrEqual(MIN_ACKS);
    expect(run.acknowledged.length).toBeGreaterThanOrEqual(run.acknowledgedWhenKilled);
    // The kill left a live WAL behind, so reopening exercises crash recovery, not a clean file.
    expect(run.walExistedAtKill, `round ${round}: no WAL file at the kill`).toBe(true);
    everAcknowledged.push(...run.acknowledged);

    const db = openStore({ file: s.file, key: s.key }); // keys, quick_check, migrations: all must pass
    try {
      const ids = new Set((db.prepare('SELECT id FROM durability_probe').pluck().all() as number[]).map(Number));
      const missing = everAcknowledged.filter((id) => !ids.has(id));
      expect(missing, `round ${round}: ${missing.length} acknowledged commits were lost`).toEqual([]);
      // Commits are whole: ids run 1..n with no holes. At most one commit can be durable without
      // having been printed (killed between its commit returning and the write, or inside the commit).
      const max = Math.max(...ids);
      expect(ids.size).toBe(max);
      expect(max - Math.max(...run.acknowledged)).toBeLessThanOrEqual(1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }
}, 45_000);
