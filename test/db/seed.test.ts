import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../db/handle';
import { verifyPassword } from '../../db/passwords';
import { verifyAuditChain } from '../../db/repositories/audit';
import { getMeta, getStoreKind } from '../../db/repositories/meta';
import { DEMO_COUNCILS } from '../../db/seed/councils';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS, seedDemoRegion } from '../../db/seed/demo';
import { DEMO_SEED, prepareNewStore } from '../../electron/backend';
import { ROLES } from '../../shared/domain/roles';
import { tempStore } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;
const TODAY = '2026-11-25';
const REGION_TABLES = ['councils', 'providers', 'homes', 'constellations', 'vacancies', 'vacancy_status_history', 'children'] as const;

let a: Store;
let b: Store;
let otherSeed: Store;

beforeAll(() => {
  a = tempStore({ kind: 'demo', today: TODAY });
  b = tempStore({ kind: 'demo', today: TODAY });
  otherSeed = tempStore({ kind: 'empty' });
  seedDemoRegion(otherSeed.db, { seed: DEMO_SEED + 1, today: TODAY });
});
afterAll(() => {
  a?.remove();
  b?.remove();
  otherSeed?.remove();
});

function dump(db: WritableDB, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
}

/** Accounts without the password hash, which is salted afresh on every seed. */
function usersWithoutHash(db: WritableDB): unknown[] {
  return db.prepare('SELECT id, username, display_name, role, council_id, constellation_id, is_demo, created_at FROM users ORDER BY id').all();
}

describe('demo seed', () => {
  it('is deterministic: two fresh stores with the same seed hold identical regions', () => {
    for (const table of REGION_TABLES) {
      const rows = dump(a.db, table);
      expect(rows.length, `${table} is empty`).toBeGreaterThan(0);
      expect(dump(b.db, table), `${table} differs between two seeds of the same region`).toEqual(rows);
    }
    expect(usersWithoutHash(b.db)).toEqual(usersWithoutHash(a.db));
    expect(getMeta(a.db, 'demo_seed')).toBe(String(DEMO_SEED));
  });

  it('depends on the seed (so the comparison above is not trivially equal)', () => {
    expect(dump(otherSeed.db, 'councils')).toEqual(dump(a.db, 'councils'));
    expect(dump(otherSeed.db, 'children')).not.toEqual(dump(a.db, 'children'));
  });

  it('has the ten Greater Manchester councils', () => {
    const councils = a.db.prepare('SELECT name, ons_code AS onsCode FROM councils ORDER BY id').all();
    expect(councils).toHaveLength(10);
    expect(councils).toEqual(DEMO_COUNCILS.map((c) => ({ name: c.name, onsCode: c.onsCode })));
  });

  it('has four demo accounts, one per role (and a council-scoped officer), all marked demo, with the demo password', () => {
    const users = a.db.prepare('SELECT username, role, is_demo AS isDemo, password_hash AS hash FROM users ORDER BY id').all() as {
      username: string;
      role: string;
      isDemo: number;
      hash: string;
    }[];
    expect(users.map((u) => u.username)).toEqual([...DEMO_ACCOUNTS, ...DEMO_SCOPED_ACCOUNTS].map((d) => d.username));
    expect(
      users
        .slice(0, DEMO_ACCOUNTS.length)
        .map((u) => u.role)
        .sort(),
    ).toEqual([...ROLES].sort());
    expect(users.every((u) => u.isDemo === 1)).toBe(true);
    expect(verifyPassword(DEMO_PASSWORD, users[0]!.hash)).toBe(true);
  });

  it('scopes the hub carer to an existing constellation, and nobody else to one', () => {
    const users = a.db.prepare('SELECT role, constellation_id AS constellationId FROM users').all() as { role: string; constellationId: number | null }[];
    const hub = users.find((u) => u.role === 'hub_carer');
    expect(hub?.constellationId).toEqual(expect.any(Number));
    const constellation = a.db.prepare('SELECT id FROM constellations WHERE id = ?').get(hub!.constellationId);
    expect(constellation).toBeDefined();
    expect(users.filter((u) => u.role !== 'hub_carer').every((u) => u.constellationId === null)).toBe(true);
    expect((a.db.prepare('SELECT count(*) AS n FROM constellations').get() as { n: number }).n).toBe(3);
  });

  it('marks the store as demo, audits its creation, and is not seeded twice', () => {
    expect(getStoreKind(a.db)).toBe('demo');
    expect(verifyAuditChain(a.db)).toMatchObject({ intact: true, entries: 1, firstBadId: null });
    const before = Object.fromEntries(REGION_TABLES.map((t) => [t, dump(a.db, t).length]));
    prepareNewStore(a.db, 'demo', TODAY);
    prepareNewStore(a.db, 'real', TODAY);
    expect(Object.fromEntries(REGION_TABLES.map((t) => [t, dump(a.db, t).length]))).toEqual(before);
    expect(getStoreKind(a.db)).toBe('demo');
  });

  it('passes the foreign key check', () => {
    expect(a.db.pragma('foreign_key_check')).toEqual([]);
  });
});
