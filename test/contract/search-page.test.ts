/**
 * A search over a region with more homes than one page: the answer carries the best SEARCH_PAGE
 * ranked and the first SEARCH_PAGE excluded homes with the totals, the search is kept whole, and
 * every home comes on request in the same order. The demo region grown past a page, on a real
 * encrypted store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { searchRunInput } from '../../db/repositories/policies';
import { SEARCH_PAGE } from '../../shared/contract/matching';
import { growRegion } from '../bench/grow-region';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';

describe('a search with more homes than one page', () => {
  let store: ReturnType<typeof tempStore>;
  let officer: UserClient;
  let referralId: number;
  let openVacancies: number;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    const grown = growRegion(store.db, { openVacancies: 3 * SEARCH_PAGE, plannedReferrals: 20, seed: 7 });
    openVacancies = grown.openVacancies;
    expect(openVacancies).toBeGreaterThan(2 * SEARCH_PAGE);
    officer = await signInAs(testBackend(store.db, testClock().now), 'demo.officer', DEMO_PASSWORD);
    // The child with the most homes open to them among a few: their ranked list runs past a page.
    const ids = store.db.prepare("SELECT id FROM referrals WHERE status IN ('new', 'searching') ORDER BY id LIMIT 4").pluck().all() as number[];
    const totals = await Promise.all(ids.map(async (id) => ({ id, ranked: (await officer.ok('matching.search', { referralId: id })).rankedTotal })));
    referralId = totals.reduce((a, b) => (b.ranked > a.ranked ? b : a)).id;
  });
  afterAll(() => store?.remove());

  it('answers with the first page of each list and the totals, keeps the whole search, and gives every home on request in the same order', async () => {
    const page = await officer.ok('matching.search', { referralId });
    expect(page.rankedTotal + page.excludedTotal).toBe(openVacancies);
    expect(page.ranked.length).toBe(Math.min(SEARCH_PAGE, page.rankedTotal));
    expect(page.excluded.length).toBe(Math.min(SEARCH_PAGE, page.excludedTotal));
    // Both lists run past a page, or this test proves nothing.
    expect(page.rankedTotal).toBeGreaterThan(SEARCH_PAGE);
    expect(page.excludedTotal).toBeGreaterThan(SEARCH_PAGE);

    const again = await officer.ok('matching.run', { runId: page.runId });
    expect(again).toEqual(page);

    const whole = await officer.ok('matching.run', { runId: page.runId, all: true });
    expect(whole.ranked).toHaveLength(page.rankedTotal);
    expect(whole.excluded).toHaveLength(page.excludedTotal);
    expect(whole.ranked.slice(0, page.ranked.length)).toEqual(page.ranked);
    expect(whole.excluded.slice(0, page.excluded.length)).toEqual(page.excluded);
    expect(whole.ranked.map((r) => r.rank)).toEqual(whole.ranked.map((_r, i) => i + 1));

    // What the engine was given is kept too: every open vacancy, once for searches of an unchanged region.
    const kept = searchRunInput(store.db, page.runId)!;
    expect(kept.vacancies).toHaveLength(openVacancies);
    const sets = (runId: number) => store.db.prepare('SELECT vacancy_set FROM search_runs WHERE id = ?').pluck().get(runId) as string;
    const before = store.db.prepare('SELECT count(*) FROM search_vacancy_sets').pluck().get() as number;
    const next = await officer.ok('matching.search', { referralId });
    expect(sets(next.runId)).toBe(sets(page.runId));
    expect(store.db.prepare('SELECT count(*) FROM search_vacancy_sets').pluck().get()).toBe(before);
  });

  it('exports a shortlist of homes below the first page: the export reads the whole kept search', async () => {
    const page = await officer.ok('matching.search', { referralId });
    const whole = await officer.ok('matching.run', { runId: page.runId, all: true });
    const below = whole.ranked.slice(SEARCH_PAGE, SEARCH_PAGE + 2);
    expect(page.rankedTotal).toBeGreaterThan(SEARCH_PAGE);
    expect(below).toHaveLength(2);
    const file = await officer.ok('matching.shortlist', { runId: page.runId, vacancyIds: below.map((r) => r.vacancyId), format: 'xlsx' });
    expect(file.homes).toBe(below.length);
  });
});
