import { DEMO_FILE_PREFIX } from '../../shared/domain/demo';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, fillDate, screenshot, signInAsDemo, startApp, type RunningApp, axeProblems } from './harness';

/** Opens the first result's reasons, as an officer would before reading them out. */
async function articles0Why(page: Page): Promise<void> {
  await page.getByRole('article').first().getByRole('button', { name: 'Why this score' }).click();
  await page.getByRole('list', { name: 'Why this score' }).first().waitFor();
}

describe.skipIf(!chromiumAvailable)("the placement officer's day, in Chromium", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses bad input in the referral form with clear messages and saves nothing', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /placement officer/i);
    await page.goto(`${new URL(page.url()).origin}/#/referrals/new`);
    await page.getByRole('heading', { name: 'New referral' }).waitFor();
    const before = app.db.prepare('SELECT count(*) FROM referrals').pluck().get();
    await page.getByRole('button', { name: 'Send to the placement team' }).click();
    await page.getByText('Choose the child this referral is for').first().waitFor();
    await page.getByLabel('Weekly budget ceiling').fill('-20');
    await page.getByText('A budget ceiling must be more than £0').waitFor();
    await screenshot(page, 'officer-01-referral-form-errors');
    expect(app.db.prepare('SELECT count(*) FROM referrals').pluck().get()).toBe(before);
    await page.context().close();
  });

  it('new referral → search → compare → hold → place, with the vacancy filled and history and audit recorded', async () => {
    // A council laptop's screen: the form, the result cards and the compare table must read at 1366 × 768.
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await signInAsDemo(page, /placement officer/i);
    await page.getByRole('table', { name: 'Referrals' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'officer-02-inbox');

    // A new referral for a child without one, entered from the keyboard where it matters.
    const child = app.db
      .prepare(
        "SELECT id, ref FROM children WHERE id NOT IN (SELECT child_id FROM referrals) AND birth_date <= '2016-01-01' AND birth_date >= '2012-01-01' ORDER BY id LIMIT 1",
      )
      .get() as { id: number; ref: string };
    await page.getByRole('link', { name: 'New referral' }).click();
    await page.getByRole('heading', { name: 'New referral' }).waitFor();
    const childBox = page.getByLabel('Child (reference or first name)');
    await childBox.fill(child.ref);
    await page.getByRole('option', { name: new RegExp(child.ref) }).click();
    await fillDate(page, 'Needed by', new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel("In the child's own words").fill('I want to stay at my school and near my nan.');
    // Wishes one by one beside their words: added, shown with a hint, and taken off again, so this
    // referral goes out with none recorded and its matches say so.
    await page.getByRole('button', { name: 'Add a wish' }).click();
    await page.getByLabel('Wish 1 in their words').fill('Near my nan in Bolton');
    await screenshot(page, 'officer-03-referral-form');
    await page.getByRole('button', { name: 'Remove wish 1' }).click();
    await page.getByText('None recorded yet.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Send to the placement team' }).click();
    await page.getByRole('heading', { name: `Referral for ${child.ref}` }).waitFor();
    const referralId = Number(new URL(page.url()).hash.split('/').pop());

    await page.getByRole('button', { name: 'Search the region' }).click();
    const first = page.getByRole('article').first();
    await first.waitFor();
    await page.getByText('I want to stay at my school and near my nan.').first().waitFor();
    // Nothing recorded one by one: the wishes factor is not scored, in words, on every card.
    await first.getByText('No wishes recorded (not scored)').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await articles0Why(page);
    await screenshot(page, 'officer-04-search-results', { fullPage: false });
    await page.getByRole('tab', { name: /Excluded homes/ }).click();
    await page.getByRole('table', { name: 'Excluded homes' }).waitFor();
    await screenshot(page, 'officer-05-excluded', { fullPage: false });
    await page.getByRole('tab', { name: 'Map' }).click();
    await page.getByRole('img', { name: /Map of the child's home/ }).waitFor();
    await screenshot(page, 'officer-06-map');
    await page.getByRole('tab', { name: /Ranked homes/ }).click();

    const articles = page.getByRole('article');
    await articles.nth(0).getByLabel('Compare').check();
    await articles.nth(1).getByLabel('Compare').check();
    await page.getByRole('button', { name: /^Compare \(2\)/ }).click();
    await page.getByRole('table', { name: 'Comparison' }).waitFor();
    await screenshot(page, 'officer-07-compare');
    await page.getByRole('button', { name: 'Close' }).click();

    // The panel's shortlist: the ranked homes as a sortable list at a laptop's size, and the two
    // ticked to compare downloaded as a workbook with their reasons.
    const comparedNames = await Promise.all([0, 1].map(async (i) => ((await articles.nth(i).getAttribute('aria-label')) ?? '').replace(/^\d+\. /, '')));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('group', { name: 'Show the ranked homes as' }).getByRole('button', { name: 'List', exact: true }).click();
    const list = page.getByRole('table', { name: 'Ranked homes as a list' });
    await list.waitFor();
    expect(await articles.count()).toBe(0);
    const rankCells = () => list.locator('tbody tr td:nth-child(2)').allTextContents();
    const byRank = await rankCells();
    expect(byRank.slice(0, 3)).toEqual(['1', '2', '3']);
    await list.getByRole('button', { name: 'Weekly' }).click();
    const weekly = (await list.locator('tbody tr td:nth-child(7)').allTextContents()).map((t) => Number(t.replace(/[£,]/g, '')));
    expect(weekly).toEqual([...weekly].sort((a, b) => a - b));
    // Every column is on screen at 1366 px: nothing scrolls sideways.
    expect(await list.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await list.getByRole('button', { name: 'Rank' }).click();
    await expect.poll(async () => (await rankCells()).slice(0, 3)).toEqual(['1', '2', '3']);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'officer-07b-shortlist-list', { fullPage: false });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Shortlist XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(new RegExp(`^${DEMO_FILE_PREFIX}shortlist-referral-${referralId}-search-\\d+\\.xlsx$`));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    expect(book.getWorksheet('Shortlist')!.getColumn(2).values.slice(2)).toEqual(comparedNames);
    expect(book.getWorksheet('Reasons')!.rowCount).toBeGreaterThan(2);
    await page.getByText(/\(2 homes\) downloaded/).waitFor();
    expect(app.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'matching.shortlist' AND record_id = ?").pluck().get(String(referralId))).toBe(1);
    // The choice of view is remembered.
    await page.reload();
    await page.getByRole('table', { name: 'Ranked homes as a list' }).waitFor();
    await page.getByRole('group', { name: 'Show the ranked homes as' }).getByRole('button', { name: 'Cards', exact: true }).click();
    await articles.first().waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });

    const firstName = ((await articles.nth(0).getAttribute('aria-label')) ?? '').replace(/^\d+\. /, '');
    const vacancyId = app.db
      .prepare("SELECT v.id FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.name = ? AND v.status = 'open' ORDER BY v.id LIMIT 1")
      .pluck()
      .get(firstName) as number;
    const bedsBefore = app.db.prepare('SELECT beds FROM vacancies WHERE id = ?').pluck().get(vacancyId) as number;
    await articles.nth(0).getByRole('button', { name: 'Hold' }).click();
    await page.getByRole('button', { name: 'Hold the bed' }).click();
    await expect.poll(() => app.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe('held');

    await articles.nth(0).getByRole('button', { name: 'Place' }).click();
    await page
      .getByLabel('Why this home (for the panel and the child’s record)')
      .fill('Closest home that keeps the school, and the child asked to stay near nan.');
    // A child already in care moves: the dialog asks why their current placement ends, each reason with its label.
    const inCare = app.db.prepare('SELECT count(*) FROM episodes WHERE child_id = ? AND dec IS NULL').pluck().get(child.id) as number;
    if (inCare > 0) {
      await page.getByRole('combobox', { name: /Why the child's current placement ends/ }).click();
      await page.getByRole('option', { name: /^CHILD: Child requests placement end/ }).click();
    }
    await screenshot(page, 'officer-08-place');
    await page.getByRole('button', { name: 'Place the child' }).click();
    await page.getByText('Placed', { exact: true }).first().waitFor();

    const db = app.db;
    // The beds the child (and any siblings) took are gone: the vacancy is filled, or smaller and open again.
    const siblingsMoving = db.prepare('SELECT count(*) FROM placements WHERE referral_id = ?').pluck().get(referralId) as number;
    const after = db.prepare('SELECT status, beds FROM vacancies WHERE id = ?').get(vacancyId) as { status: string; beds: number };
    if (bedsBefore === siblingsMoving) expect(after.status).toBe('filled');
    else expect(after).toEqual({ status: 'open', beds: bedsBefore - siblingsMoving });
    expect(db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(referralId)).toBe('placed');
    expect(db.prepare('SELECT count(*) FROM placements WHERE referral_id = ?').pluck().get(referralId)).toBeGreaterThan(0);
    expect(db.prepare('SELECT current_home_id IS NOT NULL FROM children WHERE id = ?').pluck().get(child.id)).toBe(1);
    const history = db.prepare('SELECT status FROM referral_history WHERE referral_id = ? ORDER BY id').pluck().all(referralId);
    expect(history).toEqual(expect.arrayContaining(['new', 'searching', 'shortlisted', 'placed']));
    const audited = db.prepare("SELECT DISTINCT action FROM audit_log WHERE record_type = 'referral' AND record_id = ?").pluck().all(String(referralId));
    expect(audited).toEqual(expect.arrayContaining(['create', 'search', 'hold', 'place']));

    await page.getByRole('tab', { name: /History/ }).click();
    await page.getByRole('list', { name: 'Referral history' }).waitFor();
    await screenshot(page, 'officer-09-history');
    await page.getByRole('link', { name: 'Open child profile' }).click();
    await page.getByRole('region', { name: 'Placement history' }).waitFor();
    await screenshot(page, 'officer-10-child-profile');
    if (inCare > 0) {
      const moved = db
        .prepare("SELECT rec, reason_place_change AS rnc FROM episodes WHERE child_id = ? AND rec = 'X1' ORDER BY decom DESC LIMIT 1")
        .get(child.id);
      expect(moved).toEqual({ rec: 'X1', rnc: 'CHILD' });
    }

    // The child goes home as the care plan said: End placement, with the reason by its label and a confirmation.
    await page.getByRole('button', { name: 'End placement' }).click();
    await page.getByRole('combobox', { name: /Why the child's care ended/ }).click();
    await page.getByRole('option', { name: /^E4A: Returned home .* as part of the care planning process/ }).click();
    await page.getByText('A planned ending, as the region counts endings').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/and the child leaves care/).waitFor();
    await screenshot(page, 'officer-11-end-placement');
    await page.getByRole('button', { name: 'End placement' }).click();
    await page
      .getByText(/as part of the care planning process \(E4A\)/)
      .first()
      .waitFor();
    expect(db.prepare('SELECT current_home_id FROM children WHERE id = ?').pluck().get(child.id)).toBeNull();
    expect(db.prepare('SELECT end_rec FROM placements WHERE referral_id = ? AND child_id = ?').pluck().get(referralId, child.id)).toBe('E4A');
    expect(db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(referralId)).toBe('closed');
    await page.context().close();
    // The journey now also ends the placement: a longer walk than one default timeout on a shared machine.
  }, 180_000);
});
