/**
 * The open vacancies are read afresh only when a table they come from has changed (migration
 * 0270): every table the reading statements open draws a new token on change, a change on this
 * connection or another (a job thread's) is seen at once, and a change rolled back leaves no
 * stale read behind. On the demo region in a real encrypted store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../db/handle';
import { openStoreConnection } from '../../db/open';
import { loadOpenVacancies, OPEN_VACANCY_STATEMENTS } from '../../db/repositories/matching';
import { tempStore } from '../helpers/store';

const TODAY = '2026-11-25';

/** The tables a statement opens, from its bytecode: each OpenRead names a table's or an index's root page. */
function tablesOpenedBy(db: WritableDB, sql: string): string[] {
  const roots = new Map(
    (db.prepare('SELECT rootpage, tbl_name FROM sqlite_master WHERE rootpage > 0').raw().all() as [number, string][]).map(([p, t]) => [p, t]),
  );
  const ops = db.prepare(`EXPLAIN ${sql}`).all() as { opcode: string; p2: number }[];
  return [...new Set(ops.filter((o) => o.opcode === 'OpenRead').map((o) => roots.get(o.p2)!))].sort();
}

describe('the open vacancies, read again only when their sources change', () => {
  let store: ReturnType<typeof tempStore>;
  let db: WritableDB;
  beforeAll(() => {
    store = tempStore({ kind: 'demo', today: TODAY });
    db = store.db;
  });
  afterAll(() => store?.remove());

  const someOpenVacancy = () =>
    db.prepare("SELECT id, home_id AS homeId FROM vacancies WHERE status = 'open' ORDER BY id LIMIT 1").get() as { id: number; homeId: number };
  const priceOf = (id: number) => loadOpenVacancies(db, TODAY).engine.find((v) => v.vacancyId === String(id))!.weeklyPrice.core;

  it('has triggers drawing a new token on every change to every table the reading statements open', () => {
    const opened = [...new Set(OPEN_VACANCY_STATEMENTS.flatMap((sql) => tablesOpenedBy(db, sql)))].sort();
    // The join and the placed children, holds and endings: if this list is short, the check proves nothing.
    expect(opened).toEqual(expect.arrayContaining(['vacancies', 'homes', 'providers', 'councils', 'foster_households', 'children', 'placements']));
    const triggers = db.prepare("SELECT tbl_name AS tbl, sql FROM sqlite_master WHERE type = 'trigger'").all() as { tbl: string; sql: string }[];
    for (const table of opened) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        const found = triggers.some((t) => t.tbl === table && new RegExp(`AFTER ${event} ON ${table}\\b`).test(t.sql) && /UPDATE change_tokens/.test(t.sql));
        expect(found, `${table} has no ${event} trigger drawing a new open-vacancies token`).toBe(true);
      }
    }
  });

  it('gives the same read while nothing changes, and a fresh one after a change, on another day, or after a change rolled back', () => {
    const first = loadOpenVacancies(db, TODAY);
    expect(loadOpenVacancies(db, TODAY)).toBe(first);
    expect(loadOpenVacancies(db, '2026-11-26')).not.toBe(first);

    const { id } = someOpenVacancy();
    const was = priceOf(id);
    db.prepare('UPDATE vacancies SET price_core_pence = price_core_pence + 100 WHERE id = ?').run(id);
    expect(priceOf(id)).toBe(was + 100);

    // Read inside a change that is then rolled back: the next read is of the store as it is.
    const rolledBack = db.transaction(() => {
      db.prepare('UPDATE vacancies SET price_core_pence = price_core_pence + 5000 WHERE id = ?').run(id);
      expect(priceOf(id)).toBe(was + 5100);
      throw new Error('roll back');
    });
    expect(() => rolledBack()).toThrow('roll back');
    expect(priceOf(id)).toBe(was + 100);
  });

  it("sees a home's change and a child moving in, made on another connection as a job thread makes them", () => {
    const { id, homeId } = someOpenVacancy();
    const other = openStoreConnection({ file: store.file, key: store.key });
    try {
      const before = loadOpenVacancies(db, TODAY).engine.find((v) => v.vacancyId === String(id))!;
      other.prepare('UPDATE homes SET lat = lat + 0.01 WHERE id = ?').run(homeId);
      const moved = loadOpenVacancies(db, TODAY).engine.find((v) => v.vacancyId === String(id))!;
      expect(moved.location.lat).toBeCloseTo(before.location.lat + 0.01, 6);

      const child = other.prepare('SELECT id FROM children WHERE current_home_id IS NULL OR current_home_id <> ? LIMIT 1').pluck().get(homeId) as number;
      other.prepare('UPDATE children SET current_home_id = ? WHERE id = ?').run(homeId, child);
      const after = loadOpenVacancies(db, TODAY).engine.find((v) => v.vacancyId === String(id))!;
      expect(after.otherChildren.length).toBe(moved.otherChildren.length + 1);
    } finally {
      other.close();
    }
  });
});
