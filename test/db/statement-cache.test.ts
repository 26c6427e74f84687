import { afterEach, describe, expect, it } from 'vitest';
import { getCouncil, listCouncils } from '../../db/repositories/region';
import { cachedStatementCount, prepare } from '../../db/statementCache';
import { tempStore } from '../helpers/store';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function demoStore() {
  const s = tempStore({ kind: 'demo' });
  cleanups.push(() => s.remove());
  return s;
}

describe('one statement cache per connection', () => {
  it('compiles each SQL text once and hands the same statement back, reset to plain rows', () => {
    const { db } = demoStore();
    const sql = 'SELECT id, name FROM councils ORDER BY id LIMIT 3';
    const first = prepare(db, sql);
    expect(first.pluck().all()).toHaveLength(3);
    const again = prepare(db, sql);
    expect(again).toBe(first);
    // A reuse sees objects, not the previous caller's plucked values or raw arrays.
    expect(again.all()[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    again.raw(true);
    expect(prepare(db, sql).get()).toMatchObject({ id: expect.any(Number) });
    // Writes are cached too.
    const write = "INSERT INTO meta (key, value) VALUES ('cache-test', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
    prepare(db, write).run('1');
    expect(prepare(db, write)).toBe(prepare(db, write));
  });

  it('serves repositories: calling one again compiles nothing new', () => {
    const { db } = demoStore();
    getCouncil(db, 1);
    listCouncils(db);
    const compiled = cachedStatementCount(db);
    for (let i = 0; i < 20; i++) {
      getCouncil(db, 1 + (i % 5));
      listCouncils(db);
    }
    expect(cachedStatementCount(db)).toBe(compiled);
  });

  it('does not share a statement that is still being iterated', () => {
    const { db } = demoStore();
    const sql = 'SELECT id FROM councils ORDER BY id';
    const seen: number[] = [];
    for (const outer of prepare(db, sql).pluck().iterate() as Iterable<number>) {
      // The same text again while the first is busy: a separate statement, not an error.
      seen.push(outer, (prepare(db, sql).pluck().all() as number[]).length);
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[1]).toBe(seen.length / 2);
  });

  it('keeps its own statements per connection, and stays bounded', () => {
    const a = demoStore();
    const b = demoStore();
    const sql = 'SELECT count(*) FROM councils';
    expect(prepare(a.db, sql)).not.toBe(prepare(b.db, sql));
    for (let i = 0; i < 700; i++) prepare(a.db, `SELECT ${i} AS n`);
    expect(cachedStatementCount(a.db)).toBeLessThanOrEqual(500);
    // The newest texts are kept.
    const kept = prepare(a.db, 'SELECT 699 AS n');
    expect(prepare(a.db, 'SELECT 699 AS n')).toBe(kept);
  });
});
