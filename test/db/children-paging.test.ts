import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSsda903 } from '../../db/importers/ssda903';
import { listChildren } from '../../db/repositories/children';
import { insertCouncil } from '../../db/repositories/region';
import type { ChildPage } from '../../shared/contract/children';
import { signInAs } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { episodesCsv, fileOf, headerCsv, syntheticReturn } from './importers/ssda903-generator';

/**
 * The children list pages through a region of more than 500 children (it used to stop at 500 without
 * a word), on a real store whose children came in through SSDA903 returns. All children are synthetic.
 */

const TODAY = '2026-11-25';
const PASSWORD = 'a long enough password';
let store: ReturnType<typeof tempStore>;
let salfordId: number;
let wiganId: number;

function importReturn(councilId: number, children: number, seed: number): void {
  const synthetic = syntheticReturn({ children, episodesPerChild: 1, exact: true, seed });
  const outcome = importSsda903(store.db, [fileOf('header.csv', headerCsv(synthetic)), fileOf('episodes.csv', episodesCsv(synthetic))], {
    councilId,
    today: TODAY,
    skipBadRows: false,
    dryRun: false,
  });
  expect(outcome.errorCount, JSON.stringify(outcome.problems.slice(0, 3))).toBe(0);
}

beforeAll(() => {
  store = tempStore({ kind: 'real', today: TODAY });
  salfordId = insertCouncil(store.db, { name: 'Salford', dfeCode: '355', onsCode: 'E08000006', centreLabel: 'Salford', lat: 53.4877, lon: -2.2904 });
  wiganId = insertCouncil(store.db, { name: 'Wigan', dfeCode: '359', onsCode: 'E08000010', centreLabel: 'Wigan', lat: 53.543, lon: -2.6371 });
  importReturn(salfordId, 700, 1);
  importReturn(wiganId, 534, 2);
});
afterAll(() => store?.remove());

const refs = (sql: string, ...params: unknown[]) =>
  store.db
    .prepare(sql)
    .pluck()
    .all(...params) as string[];

/** Every child with what a search may match, in reference order: the oracle the searches are checked against. */
function everyChild(): { ref: string; firstName: string; councilName: string }[] {
  return store.db
    .prepare('SELECT ch.ref, ch.first_name AS firstName, c.name AS councilName FROM children ch JOIN councils c ON c.id = ch.council_id ORDER BY ch.ref')
    .all() as { ref: string; firstName: string; councilName: string }[];
}

describe('the children list, paged', () => {
  it('a real store holds more than 500 children', () => {
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'store_kind'").pluck().get()).toBe('real');
    expect(refs('SELECT ref FROM children')).toHaveLength(1234);
  });

  it('pages through every child of the region in reference order, each once, with the total on every page', () => {
    const pages = [0, 500, 1000].map((offset) => listChildren(store.db, { councilId: null, text: null, limit: 500, offset }));
    expect(pages.map((p) => p.rows.length)).toEqual([500, 500, 234]);
    expect(pages.map((p) => p.total)).toEqual([1234, 1234, 1234]);
    expect(pages.flatMap((p) => p.rows.map((c) => c.ref))).toEqual(refs('SELECT ref FROM children ORDER BY ref'));
    // Past the end: no rows, and still the total, so a pager can step back.
    expect(listChildren(store.db, { councilId: null, text: null, limit: 50, offset: 1234 })).toEqual({ rows: [], total: 1234 });
  });

  it("pages one council's children, and counts only theirs", () => {
    const first = listChildren(store.db, { councilId: wiganId, text: null, limit: 500, offset: 0 });
    const second = listChildren(store.db, { councilId: wiganId, text: null, limit: 500, offset: 500 });
    expect([first.total, second.total]).toEqual([534, 534]);
    expect(second.rows).toHaveLength(34);
    expect([...first.rows, ...second.rows].every((c) => c.councilId === wiganId && c.councilName === 'Wigan')).toBe(true);
    expect([...first.rows, ...second.rows].map((c) => c.ref)).toEqual(refs('SELECT ref FROM children WHERE council_id = ? ORDER BY ref', wiganId));
  });

  it('a reference search counts every match, not only the page', () => {
    // The two-character prefix most references share, so the matches fill more than one page.
    const prefix = store.db.prepare('SELECT substr(ref, 1, 2) FROM children GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const page = listChildren(store.db, { councilId: null, text: prefix, limit: 20, offset: 0 });
    const matching = everyChild().filter((c) => [c.ref, c.firstName, c.councilName].some((v) => v.toLowerCase().includes(prefix.toLowerCase())));
    expect(matching.length).toBeGreaterThan(20);
    expect(page.total).toBe(matching.length);
    expect(page.rows.map((c) => c.ref)).toEqual(matching.slice(0, 20).map((c) => c.ref));
  });

  it('a search finds any part of a reference, a first name (any case) or a council name, and % or _ match themselves', () => {
    // SSDA903 returns carry no names: give one child a (synthetic) first name an officer typed in.
    const child = { ref: refs('SELECT ref FROM children ORDER BY id LIMIT 1 OFFSET 77')[0]!, firstName: 'Marigold' };
    store.db.prepare('UPDATE children SET first_name = ? WHERE ref = ?').run(child.firstName, child.ref);
    const middle = child.ref.slice(2, 6);
    const byRef = listChildren(store.db, { councilId: null, text: middle, limit: 500, offset: 0 });
    expect(byRef.rows.map((c) => c.ref)).toContain(child.ref);
    expect(byRef.rows.every((c) => [c.ref, c.firstName, c.councilName].some((v) => v.toLowerCase().includes(middle.toLowerCase())))).toBe(true);
    const name = child.firstName.slice(1).toUpperCase();
    const byName = listChildren(store.db, { councilId: null, text: name, limit: 500, offset: 0 });
    expect(byName.rows.map((c) => c.ref)).toContain(child.ref);
    const byCouncil = listChildren(store.db, { councilId: null, text: 'igan', limit: 500, offset: 0 });
    expect(byCouncil.total).toBe(everyChild().filter((c) => [c.ref, c.firstName, c.councilName].some((v) => v.toLowerCase().includes('igan'))).length);
    expect(byCouncil.rows.some((c) => c.councilName === 'Wigan')).toBe(true);
    expect(listChildren(store.db, { councilId: null, text: '%', limit: 5, offset: 0 }).total).toBe(0);
    expect(listChildren(store.db, { councilId: null, text: '_', limit: 5, offset: 0 }).total).toBe(0);
  });

  it('children.list answers a page and the total to a region-wide user, and its own council to a scoped officer', async () => {
    const backend = testBackend(store.db, testClock(`${TODAY}T10:00:00.000Z`).now);
    const setup = backend.newConnection();
    const created = await backend.dispatch('auth.createFirstAdmin', { username: 'region.admin', displayName: 'Region Admin', password: PASSWORD }, setup);
    expect(created.ok).toBe(true);
    await backend.dispatch(
      'users.create',
      { username: 'wigan.officer', displayName: 'Wigan Officer', password: PASSWORD, role: 'placement_officer', councilId: wiganId, constellationId: null },
      setup,
    );

    const admin = await signInAs(backend, 'region.admin', PASSWORD);
    const first = (await admin.ok('children.list', {})) as ChildPage;
    expect(first.total).toBe(1234);
    expect(first.rows).toHaveLength(100);
    const last = (await admin.ok('children.list', { limit: 500, offset: 1000 })) as ChildPage;
    expect(last.rows.map((c) => c.ref)).toEqual(refs('SELECT ref FROM children ORDER BY ref LIMIT 234 OFFSET 1000'));
    expect(await admin.fails('children.list', { limit: 501 })).toMatchObject({ code: 'BAD_INPUT', field: 'limit' });
    expect(await admin.fails('children.list', { offset: -1 })).toMatchObject({ code: 'BAD_INPUT', field: 'offset' });
    // One audit entry for the page, saying which part of how many was seen.
    const entry = store.db
      .prepare("SELECT record_id FROM audit_log WHERE method = 'children.list' AND action = 'list' AND outcome = 'ok' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get();
    expect(entry).toBe('scope=region;count=234;offset=1000;total=1234');

    const officer = await signInAs(backend, 'wigan.officer', PASSWORD);
    // The administrator chose that password; the officer chooses their own first.
    await officer.ok('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'the wigan officer’s own' });
    const own = (await officer.ok('children.list', { limit: 500 })) as ChildPage;
    expect(own.total).toBe(534);
    expect(own.rows.every((c) => c.councilName === 'Wigan')).toBe(true);
  });
});
