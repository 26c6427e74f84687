import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportVacancyTemplate } from '../../../db/exporters/vacancy-template';
import { readCsv } from '../../../db/importers/csv';
import type { ImportOutcome } from '../../../db/importers/report';
import { importVacancies, VACANCY_TEMPLATE_COLUMNS } from '../../../db/importers/vacancies';
import { readXlsxSheets } from '../../../db/importers/xlsx';
import { importStore, snapshot, type ImportStore } from './helpers';
import { fileOf } from './ssda903-generator';

let store: ImportStore;
let homes: { oak: number; elm: number; foster: number; wigan: number };
let vacancies: { oak: number; elmHeld: number; filled: number };
const NOW = '2026-11-25T10:00:00.000Z';

beforeEach(() => {
  store = importStore();
  const db = store.db;
  const provider = Number(
    db.prepare("INSERT INTO providers (name, ownership, provider_type, ofsted_urn) VALUES ('Oak Care', 'private', 'private_residential', NULL)").run()
      .lastInsertRowid,
  );
  const addHome = (name: string, kind: string, urn: string | null, council: number) =>
    Number(
      db
        .prepare('INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, ofsted_urn) VALUES (?, ?, ?, ?, ?, 53.5, -2.3, ?)')
        .run(provider, council, name, kind, 'Eccles', urn).lastInsertRowid,
    );
  homes = {
    oak: addHome('Oak House', 'residential', 'SC111111', store.councilId),
    elm: addHome('Elm House', 'residential', 'SC222222', store.councilId),
    foster: addHome('Shaw household', 'foster', null, store.councilId),
    wigan: addHome('Wigan House', 'residential', 'SC333333', store.otherCouncilId),
  };
  const addVacancy = (home: number, status: string, core: number, restrictions = '') =>
    Number(
      db
        .prepare(
          "INSERT INTO vacancies (home_id, beds, available_from, status, price_core_pence, price_support_pence, restrictions, updated_at) VALUES (?, 1, '2026-12-01', ?, ?, 12550, ?, '2026-11-01T00:00:00Z')",
        )
        .run(home, status, core, restrictions).lastInsertRowid,
    );
  vacancies = {
    oak: addVacancy(homes.oak, 'open', 480000, 'No fire-setting risk; ages 12-17'),
    elmHeld: addVacancy(homes.elm, 'held', 520050),
    filled: addVacancy(homes.elm, 'filled', 400000),
  };
});
afterEach(() => store.remove());

const run = (files: { fileName: string; bytes: Uint8Array }[], extra: Partial<Parameters<typeof importVacancies>[2]> = {}): ImportOutcome =>
  importVacancies(store.db, files, { now: NOW, userId: null, scopeCouncilId: null, skipBadRows: false, dryRun: false, ...extra });
const template = (format: 'csv' | 'xlsx', councilId: number | null = null) =>
  exportVacancyTemplate(store.db, { format, councilId, providerId: null, today: '2026-11-25' });
const HEADER = VACANCY_TEMPLATE_COLUMNS.map((c) => c.header).join(',');

describe('vacancy template and feed', () => {
  it('exports the template: open and held vacancies, a blank line for each home without one, in the template’s columns', () => {
    const file = template('csv');
    expect(file.fileName).toBe('vacancy-template-2026-11-25.csv');
    const { table } = readCsv(file.content.toString('utf8'), file.fileName);
    expect(table!.headers).toEqual(VACANCY_TEMPLATE_COLUMNS.map((c) => c.header));
    expect(table!.rows).toHaveLength(4);
    const oak = table!.rows.find((r) => r.cells[0] === String(vacancies.oak))!.cells;
    expect(oak).toEqual([
      String(vacancies.oak),
      String(homes.oak),
      'SC111111',
      'Oak House',
      'Oak Care',
      'Salford',
      "Children's home",
      '1',
      '01/12/2026',
      'Open',
      '4800.00',
      '125.50',
      '0.00',
      '0.00',
      'No fire-setting risk; ages 12-17',
    ]);
    const blank = table!.rows.find((r) => r.cells[1] === String(homes.foster))!.cells;
    expect(blank.slice(7).every((c) => c === '')).toBe(true);
    expect(table!.rows.some((r) => r.cells[0] === String(vacancies.filled))).toBe(false);
    expect(template('csv', store.otherCouncilId).rows).toBe(1);
  });

  it('round trip: the exported template (CSV and XLSX) imports back with nothing to change', () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const before = snapshot(store.db);
      const file = template(format);
      const o = run([{ fileName: file.fileName, bytes: file.content }]);
      expect(o.errorCount, JSON.stringify(o.problems)).toBe(0);
      expect(o.imported).toBe(true);
      expect(o.changes).toEqual([{ record: 'vacancies', created: 0, updated: 0, unchanged: 2 }]);
      expect(snapshot(store.db)).toEqual(before);
    }
    const sheets = readXlsxSheets(template('xlsx').content);
    expect(sheets[0]!.name).toBe('Vacancies');
    expect(sheets[0]!.rows[0]!.cells).toEqual(VACANCY_TEMPLATE_COLUMNS.map((c) => c.header));
  });

  it('a filled-in template updates vacancies (with status history) and adds new ones', () => {
    const file = template('csv');
    const text = file.content
      .toString('utf8')
      .replace(
        `${vacancies.elmHeld},${homes.elm},SC222222,Elm House,Oak Care,Salford,Children's home,1,01/12/2026,Held,5200.50`,
        `${vacancies.elmHeld},${homes.elm},SC222222,Elm House,Oak Care,Salford,Children's home,2,01/12/2026,Open,5100`,
      )
      .replace(
        `,${homes.foster},,Shaw household,Oak Care,Salford,Foster home,,,,,,,,`,
        `,${homes.foster},,Shaw household,Oak Care,Salford,Foster home,1,15/12/2026,Open,£450.00,,,,Under 10s only`,
      );
    const changed: number[] = [];
    const o = run([fileOf('filled.csv', text)], { userId: null, onVacancyChanged: (id) => changed.push(id) });
    expect(o.errorCount, JSON.stringify(o.problems)).toBe(0);
    expect(o.changes).toEqual([{ record: 'vacancies', created: 1, updated: 1, unchanged: 1 }]);
    const elm = store.db.prepare('SELECT beds, status, price_core_pence AS core, updated_at AS updatedAt FROM vacancies WHERE id = ?').get(vacancies.elmHeld);
    expect(elm).toEqual({ beds: 2, status: 'open', core: 510000, updatedAt: NOW });
    expect(store.db.prepare('SELECT status FROM vacancy_status_history WHERE vacancy_id = ?').pluck().all(vacancies.elmHeld)).toEqual(['open']);
    const added = store.db
      .prepare(
        "SELECT home_id AS homeId, status, price_core_pence AS core, available_from AS availableFrom, restrictions, source FROM vacancies WHERE source = 'feed'",
      )
      .get();
    expect(added).toEqual({ homeId: homes.foster, status: 'open', core: 45000, availableFrom: '2026-12-15', restrictions: 'Under 10s only', source: 'feed' });
    expect(changed).toHaveLength(2);
  });

  it('names each bad row, imports nothing, and keeps to the user’s council scope', () => {
    const rows = [
      `,${homes.oak},,,,,,x,01/12/2026,Open,100,,,,`, // row 2: beds
      `,${homes.oak},,,,,,1,2026/12/01,Open,100,,,,`, // row 3: date
      `,${homes.oak},,,,,,1,01/12/2026,Pending,100,,,,`, // row 4: status
      `,${homes.oak},,,,,,1,01/12/2026,Open,lots,,,,`, // row 5: price
      `,999,,,,,,1,01/12/2026,Open,100,,,,`, // row 6: no such home
      `,,SC999999,,,,,1,01/12/2026,Open,100,,,,`, // row 7: no home with URN
      `${vacancies.oak},${homes.elm},,,,,,1,01/12/2026,Open,100,,,,`, // row 8: vacancy of another home
      `${vacancies.oak},${homes.oak},SC222222,,,,,1,01/12/2026,Open,100,,,,`, // row 9: URN disagrees
      `,,,,,,,1,01/12/2026,Open,100,,,,`, // row 10: no home at all
      `,${homes.wigan},,,,,,1,01/12/2026,Open,100,,,,`, // row 11: outside scope
    ];
    const before = snapshot(store.db);
    const o = run([fileOf('feed.csv', [HEADER, ...rows].join('\n'))], { scopeCouncilId: store.councilId });
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
    const at = (row: number) =>
      o.problems
        .filter((p) => p.row === row)
        .map((p) => `${p.column}: ${p.problem}`)
        .join(' | ');
    expect(at(2)).toMatch(/^Beds: 'x' is not a whole number/);
    expect(at(3)).toMatch(/^Available from: '2026\/12\/01' is not a date/);
    expect(at(4)).toMatch(/^Status: 'Pending' is not a vacancy status/);
    expect(at(5)).toMatch(/^Core weekly price \(£\): 'lots' is not an amount in pounds/);
    expect(at(6)).toMatch(/^Home ID: There is no home 999/);
    expect(at(7)).toMatch(/^Ofsted URN: No home in the app has URN SC999999/);
    expect(at(8)).toMatch(/^Vacancy ID: Vacancy \d+ belongs to another home/);
    expect(at(9)).toMatch(/^Ofsted URN: Home \d+ \(Oak House\) has URN SC111111, not SC222222/);
    expect(at(10)).toMatch(/^Home ID: Give the Home ID/);
    expect(at(11)).toMatch(/^Home ID: Wigan House is in a council outside your scope/);

    const notTemplate = run([fileOf('other.csv', 'Home ID,Beds\n1,1\n')]);
    expect(notTemplate.problems[0]).toMatchObject({ row: null, severity: 'error' });
    expect(notTemplate.problems[0]!.problem).toMatch(/not the vacancy template/);
  });
});
