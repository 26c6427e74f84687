import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../db/rows';
import { tempStore } from '../helpers/store';

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore({ kind: 'empty' });
});
afterAll(() => store?.remove());

const SQL = 'SELECT id, name AS councilName, lat FROM councils WHERE id <= ? ORDER BY id';

describe('readRows', () => {
  it('builds each row from its values in column order, as SQLite would have named them', () => {
    store.db.prepare('INSERT INTO councils (id, name, ons_code, lat, lon) VALUES (?, ?, ?, ?, ?)').run(901, 'Ashford Vale', 'E09000901', 51.1, 0.8);
    store.db.prepare('INSERT INTO councils (id, name, ons_code, lat, lon) VALUES (?, ?, ?, ?, ?)').run(902, 'Brookmere', 'E09000902', 52.2, -1.5);
    const rows = readRows(store.db.prepare(SQL), (a) => ({ id: a[0] as number, councilName: a[1] as string, lat: a[2] as number }), 902);
    expect(rows).toEqual(store.db.prepare(SQL).all(902));
    expect(rows.map((r) => r.councilName)).toEqual(['Ashford Vale', 'Brookmere']);
  });

  it('refuses a builder whose names or order differ from the statement’s, naming both', () => {
    const swapped = () => readRows(store.db.prepare(SQL), (a) => ({ councilName: a[1] as string, id: a[0] as number, lat: a[2] as number }), 902);
    expect(swapped).toThrow('Rows are built as councilName, id, lat but the statement reads id, councilName, lat');
    const short = () => readRows(store.db.prepare(SQL), (a) => ({ id: a[0] as number, councilName: a[1] as string }), 902);
    expect(short).toThrow(/statement reads id, councilName, lat/);
  });
});
