import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../db/errors';
import { latestSchemaVersion, migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { looksUnencrypted, openStore } from '../../db/open';
import { tempStore } from '../helpers/store';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function firstBytes(file: string, n = 100): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const read = readSync(fd, buffer, 0, n, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Opens a store file the way openStore keys it, but without any of its checks or migrations. */
function openRawKeyed(file: string, key: Buffer): Database.Database {
  const db = new Database(file);
  db.pragma(`key = '${key.toString('hex')}'`);
  return db;
}

function schemaOf(db: Database.Database): { type: string; name: string; sql: string | null }[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function store(kind: 'demo' | 'empty' = 'demo') {
  const s = tempStore({ kind });
  cleanups.push(() => s.remove());
  return s;
}

describe('encryption at rest', () => {
  it('never writes the plaintext SQLite header, and no demo values appear in the raw file', () => {
    const s = store('demo');
    s.db.close(); // checkpoints the WAL into the main file
    const head = firstBytes(s.file, 16);
    expect(head.length).toBe(16);
    expect(head.equals(SQLITE_HEADER)).toBe(false);
    expect(looksUnencrypted(head)).toBe(false);

    // The whole file, not only the header: the demo region's names and references must not be readable.
    const raw = readFileSync(s.file);
    expect(raw.length).toBeGreaterThan(4096);
    for (const plain of ['SQLite format 3', 'Bolton', 'RCC-00001', 'demo.officer', 'audit_log']) {
      expect(raw.includes(Buffer.from(plain, 'utf8')), `"${plain}" is readable in the store file`).toBe(false);
    }
  });

  it('looksUnencrypted recognises a plaintext SQLite file (so the check above is not vacuous)', () => {
    const s = store('empty');
    const plainFile = join(s.dir, 'plain.db');
    const plain = new Database(plainFile);
    plain.exec('CREATE TABLE t (x INTEGER)');
    plain.close();
    expect(looksUnencrypted(firstBytes(plainFile))).toBe(true);
    expect(firstBytes(plainFile, 16).equals(SQLITE_HEADER)).toBe(true);
  });

  it('refuses a wrong key with StoreError kind wrong-key and a clear message, leaving the file as it was', () => {
    const s = store('demo');
    s.db.close();
    const before = readFileSync(s.file);
    let caught: unknown;
    try {
      openStore({ file: s.file, key: randomBytes(32) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    const error = caught as StoreError;
    expect(error.kind).toBe('wrong-key');
    expect(error.message).toMatch(/could not be unlocked/);
    expect(error.message).toMatch(/key does not match/);
    expect(error.message).toMatch(/Nothing was changed/);
    expect(readFileSync(s.file).equals(before)).toBe(true);
    // The right key still opens it.
    const again = openStore({ file: s.file, key: s.key });
    expect((again.prepare('SELECT count(*) AS n FROM councils').get() as { n: number }).n).toBe(10);
    again.close();
  });

  it('refuses a key that is not 32 bytes', () => {
    const s = store('empty');
    s.db.close();
    expect(() => openStore({ file: s.file, key: randomBytes(16) })).toThrow(/32 bytes/);
  });
});

describe('pragmas after open', () => {
  function expectDurablePragmas(db: Database.Database): void {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
  }

  it('sets WAL, synchronous=FULL, foreign_keys=ON and temp_store=MEMORY on a new store', () => {
    const s = store('empty');
    expectDurablePragmas(s.db);
  });

  it('sets them again when an existing store is reopened', () => {
    const s = store('empty');
    s.db.close();
    const db = openStore({ file: s.file, key: s.key });
    try {
      expectDurablePragmas(db);
      // foreign_keys is enforced, not only reported.
      expect(() =>
        db.prepare("INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon) VALUES (999, 999, 'x', 'foster', 'x', 0, 0)").run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});

describe('schema version', () => {
  it('records latestSchemaVersion() in user_version', () => {
    const s = store('empty');
    expect(latestSchemaVersion()).toBeGreaterThan(0);
    expect(s.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
  });

  it('refuses a store written by a newer app with kind too-new, and leaves it unchanged', () => {
    const s = store('demo');
    const children = s.db.prepare('SELECT count(*) FROM children').pluck().get() as number;
    s.db.close();
    const newer = latestSchemaVersion() + 10;
    const raw = openRawKeyed(s.file, s.key);
    raw.pragma(`user_version = ${newer}`);
    raw.close();
    const before = readFileSync(s.file);

    let caught: unknown;
    try {
      openStore({ file: s.file, key: s.key });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).kind).toBe('too-new');
    expect((caught as StoreError).message).toContain(`schema ${newer}`);
    expect((caught as StoreError).message).toMatch(/nothing was changed/);

    expect(readFileSync(s.file).equals(before)).toBe(true);
    const after = openRawKeyed(s.file, s.key);
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(newer);
      expect((after.prepare('SELECT count(*) AS n FROM children').get() as { n: number }).n).toBe(children);
    } finally {
      after.close();
    }
  });
});

describe('migrations', () => {
  it('are numbered in tens, strictly increasing, with names', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    let previous = 0;
    for (const m of MIGRATIONS) {
      expect(m.version % 10, `migration ${m.version} is not a multiple of ten`).toBe(0);
      expect(m.version, `migration ${m.version} does not follow ${previous}`).toBeGreaterThan(previous);
      expect(m.name).toMatch(/\S/);
      previous = m.version;
    }
    expect(latestSchemaVersion()).toBe(previous);
  });

  it('has one registered migration per NNNN-name.ts file, with the file number as its version', () => {
    const dir = join(import.meta.dirname, '../../db/migrations');
    const fileVersions = readdirSync(dir)
      .map((f) => /^(\d{4})-[a-z0-9-]+\.ts$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number);
    expect(fileVersions.sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('migrating an empty store partway, then the rest of the way, gives the same schema as going straight up', () => {
    const s = store('empty');
    const full = schemaOf(s.db);
    expect(full.map((o) => o.name)).toContain('audit_log');

    for (const stop of [0, ...MIGRATIONS.slice(0, -1).map((m) => m.version)]) {
      const file = join(s.dir, `partway-${stop}.db`);
      const db = openStore({ file, key: s.key, migrateTo: stop });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(stop);
        if (stop === 0) expect(schemaOf(db)).toEqual([]);
        expect(migrate(db)).toBe(latestSchemaVersion());
        expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
        expect(schemaOf(db)).toEqual(full);
        // Running again finds nothing to do.
        expect(migrate(db)).toBe(latestSchemaVersion());
      } finally {
        db.close();
      }
      // Reopening the migrated file with openStore works and changes nothing.
      const reopened = openStore({ file, key: s.key });
      expect(schemaOf(reopened)).toEqual(full);
      reopened.close();
      expect(existsSync(file)).toBe(true);
    }
  });
});
