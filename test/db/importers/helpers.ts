import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WritableDB } from '../../../db/handle';
import { skipUnlessPresent } from '../../helpers/present';
import { tempStore } from '../../helpers/store';

/** The real-format fixtures others keep beside the project; tests that need them skip when absent. */
export const SHARED_FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures');

export function fixture(...parts: string[]): string | null {
  const path = join(SHARED_FIXTURES, ...parts);
  const why = `${path} is absent; the tests that read it need ../shared/fixtures beside the project`;
  return skipUnlessPresent('A shared fixture', existsSync(path), why) ? path : null;
}

export interface ImportStore {
  db: WritableDB;
  councilId: number;
  otherCouncilId: number;
  remove(): void;
}

/** A real encrypted store with no demo data: two councils, so tests own every row they count. */
export function importStore(): ImportStore {
  const store = tempStore({ kind: 'empty' });
  const insert = store.db.prepare('INSERT INTO councils (name, ons_code, lat, lon) VALUES (?, ?, ?, ?)');
  const councilId = Number(insert.run('Salford', 'E08000006', 53.4875, -2.2901).lastInsertRowid);
  const otherCouncilId = Number(insert.run('Wigan', 'E08000010', 53.545, -2.6325).lastInsertRowid);
  return { db: store.db, councilId, otherCouncilId, remove: store.remove };
}

/** Every row of the tables an import may touch, to show that a refused import changed nothing. */
export function snapshot(db: WritableDB): Record<string, unknown[]> {
  const tables = [
    'children',
    'episodes',
    'missing_episodes',
    'providers',
    'homes',
    'residential_homes',
    'supported_homes',
    'foster_households',
    'carers',
    'vacancies',
    'vacancy_status_history',
  ];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

export const noProgress = { skipBadRows: false, dryRun: false } as const;
