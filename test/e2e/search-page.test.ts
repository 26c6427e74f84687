/**
 * A search in a region with more homes than one page, in the built app at a council laptop's
 * 1366×768: the screen says it shows the best 200 of so many, draws that many, and shows every
 * home when asked. The demo region grown past a page (test/bench/grow-region.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { prepareNewStore } from '../../db/seed/new-store';
import { SEARCH_PAGE } from '../../shared/contract/matching';
import { growRegion } from '../bench/grow-region';
import { chromiumAvailable, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

const LAPTOP = { width: 1366, height: 768 };
const TODAY = '2026-11-25';

describe.skipIf(!chromiumAvailable)('a search with more homes than one page, in Chromium', () => {
  let app: RunningApp;
  let referralId = 0;
  let rankedTotal = 0;
  beforeAll(async () => {
    app = await startApp('demo', {
      clock: `${TODAY}T10:00:00Z`,
      prepare: (db) => {
        prepareNewStore(db, 'demo', TODAY);
        growRegion(db, { openVacancies: 3 * SEARCH_PAGE, plannedReferrals: 20, seed: 7 });
      },
    });
    // The referral with the most homes open to it among the first few ranks more than a page.
    const api = await app.connect();
    await api.ok('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD });
    const ids = app.db.prepare("SELECT id FROM referrals WHERE status IN ('new', 'searching') ORDER BY id LIMIT 4").pluck().all() as number[];
    for (const id of ids) {
      const { rankedTotal: n } = await api.ok('matching.search', { referralId: id });
      if (n > rankedTotal) [referralId, rankedTotal] = [id, n];
    }
    expect(rankedTotal).toBeGreaterThan(SEARCH_PAGE);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows the best 200 with the total, then every home on request', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    await page.goto(`${new URL(page.url()).origin}/#/referrals/${referralId}`);
    await page.getByRole('tab', { name: 'Search and shortlist' }).click();
    await page.getByRole('button', { name: 'Search again' }).click();
    const notice = page.getByText(`Showing the best ${SEARCH_PAGE} of ${rankedTotal.toLocaleString('en-GB')} ranked homes`);
    await notice.waitFor();
    await expect(page.getByRole('tab', { name: /Ranked homes/ }).textContent()).resolves.toBe(`Ranked homes (${SEARCH_PAGE})`);
    await screenshot(page, 'search-page-01-best-200', { fullPage: false });

    await page.getByRole('button', { name: 'Show every home' }).click();
    await page.getByRole('tab', { name: `Ranked homes (${rankedTotal})` }).waitFor();
    expect(await notice.count()).toBe(0);
    await screenshot(page, 'search-page-02-every-home', { fullPage: false });
    await page.context().close();
  }, 180_000);
});
