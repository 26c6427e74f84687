import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WritableDB } from '../../db/handle';
import { openStore } from '../../db/open';
import { createBackend, prepareNewStore, type Backend } from '../../electron/backend';

/** A real encrypted store in a fresh temp folder; remove() deletes it. */
export function tempStore(options: { kind?: 'demo' | 'real' | 'empty'; today?: string } = {}): {
  db: WritableDB;
  file: string;
  key: Buffer;
  dir: string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-test-'));
  const file = join(dir, 'store.db');
  const key = randomBytes(32);
  const db = openStore({ file, key });
  if (options.kind !== 'empty') prepareNewStore(db, options.kind ?? 'demo', options.today ?? '2026-11-25');
  return {
    db,
    file,
    key,
    dir,
    remove() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A frozen clock the test can move forward. */
export function testClock(startIso = '2026-11-25T10:00:00.000Z') {
  let ms = Date.parse(startIso);
  return {
    now: () => new Date(ms),
    advanceMinutes(minutes: number) {
      ms += minutes * 60_000;
    },
  };
}

/**
 * The backend over a test store. With `jobsIn` (a temp store's file and key), long jobs run in
 * threads of their own with their own connection, as in the app; without it they run on the call
 * thread (a store in memory cannot be opened twice, and starting a thread under tsx takes seconds).
 */
export function testBackend(db: WritableDB, now: () => Date, options: { jobsIn?: { file: string; key: Buffer } } = {}): Backend {
  return createBackend(
    db,
    { version: 'test', mode: 'loopback', dataDir: '/tmp/rcc-test', keyProtection: 'key-file' },
    now,
    options.jobsIn ? { jobStore: { file: options.jobsIn.file, key: options.jobsIn.key } } : {},
  );
}
