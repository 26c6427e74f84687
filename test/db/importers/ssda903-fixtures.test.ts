import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSsda903 } from '../../../db/importers/ssda903';
import { fixture, importStore, snapshot, type ImportStore } from './helpers';

/**
 * The real-format SSDA903 fixtures beside the project (synthetic data from the open-source SSDA903
 * validator, codes drawn at random across years, so H5, P2 and Z1 appear). Read, never copied.
 */
const dir = fixture('ssda903');
const csvFiles = dir ? readdirSync(dir).filter((f) => f.endsWith('.csv')) : [];
const hasCsv = csvFiles.includes('header.csv') && csvFiles.includes('episodes.csv');
const xmlPath = dir ? fixture('ssda903', 'fake_903.xml') : null;

let store: ImportStore;
beforeEach(() => {
  store = importStore();
});
afterEach(() => store.remove());

const load = (names: string[]) => names.map((f) => ({ fileName: f, bytes: readFileSync(join(dir!, f)) }));

describe('SSDA903 fixtures (../shared/fixtures/ssda903)', () => {
  it.skipIf(!hasCsv)('reads every CSV of the return, names the files it does not import, and flags each retired code as retired', () => {
    const before = snapshot(store.db);
    const o = importSsda903(store.db, load(csvFiles), { councilId: store.councilId, today: '2026-11-25', skipBadRows: false, dryRun: true });
    const content = Object.fromEntries(o.files.map((f) => [f.fileName, f.content]));
    expect(content['header.csv']).toBe('SSDA903 header');
    expect(content['episodes.csv']).toBe('SSDA903 episodes');
    if (content['uasc.csv']) expect(content['uasc.csv']).toBe('SSDA903 UASC');
    if (content['missing.csv']) expect(content['missing.csv']).toBe('SSDA903 missing');
    if (content['reviews.csv']) expect(content['reviews.csv']).toMatch(/not imported/);

    // Every H5, P2 and Z1 episode is flagged, by name, as retired; no other PLACE problem is reported.
    const episodes = readFileSync(join(dir!, 'episodes.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
    const retiredRows = episodes.filter((line) => ['H5', 'P2', 'Z1'].includes(line.split(',')[5]!)).length;
    const placeProblems = o.problems.filter((p) => p.file === 'episodes.csv' && p.column === 'PLACE');
    expect(retiredRows).toBeGreaterThan(0);
    expect(placeProblems).toHaveLength(retiredRows);
    for (const p of placeProblems) expect(p.problem).toMatch(/^'(H5|P2|Z1)' \(.+\) is a retired code, not valid from 2025-26/);
    expect(placeProblems.some((p) => p.severity === 'warning')).toBe(true);
    expect(placeProblems.some((p) => p.severity === 'error')).toBe(true);

    // Open episodes with retired codes stop an all-or-nothing import; the dry run wrote nothing.
    expect(o.imported).toBe(false);
    expect(snapshot(store.db)).toEqual(before);
  });

  it.skipIf(!hasCsv)('with "skip bad rows" imports everything else', () => {
    const o = importSsda903(store.db, load(csvFiles), { councilId: store.councilId, today: '2026-11-25', skipBadRows: true, dryRun: false });
    expect(o.imported).toBe(true);
    const headerRows = readFileSync(join(dir!, 'header.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).length;
    const children = o.changes.find((c) => c.record === 'children')!;
    expect(children.created).toBeGreaterThan(headerRows * 0.95);
    expect(store.db.prepare('SELECT count(*) FROM children').pluck().get()).toBe(children.created);
    expect(store.db.prepare('SELECT count(*) FROM episodes').pluck().get()).toBe(o.changes.find((c) => c.record === 'episodes')!.created);
    // History with retired codes is kept as recorded.
    expect(store.db.prepare("SELECT count(*) FROM episodes WHERE place IN ('H5', 'P2', 'Z1')").pluck().get()).toBeGreaterThan(0);
    expect(o.rowsImported + o.rowsSkipped).toBe(o.rowsRead);
  });

  it.skipIf(xmlPath === null)('reads the XML form, naming problems by CHILD element and element path', () => {
    const o = importSsda903(store.db, [{ fileName: 'fake_903.xml', bytes: readFileSync(xmlPath!) }], { councilId: store.councilId, today: '2026-11-25', skipBadRows: true, dryRun: false });
    expect(o.files[0]).toMatchObject({ format: 'xml', content: 'SSDA903 XML return' });
    expect(o.rowsRead).toBeGreaterThan(100);
    expect(o.imported).toBe(true);
    const retired = o.problems.filter((p) => /retired code/.test(p.problem));
    expect(retired.length).toBeGreaterThan(0);
    for (const p of retired) expect(p.column).toMatch(/^EPISODE\[\d+\]\/PL$/);
    expect(store.db.prepare('SELECT count(*) FROM children').pluck().get()).toBe(o.rowsImported);
    expect(store.db.prepare('SELECT count(*) FROM children WHERE uasc = 1').pluck().get()).toBeGreaterThan(0);
  });
});
