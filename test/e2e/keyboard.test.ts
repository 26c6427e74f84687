import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot, startApp, type RunningApp } from './harness';

/**
 * Presses Tab (as a keyboard user does) until the target has focus. Failing here means the control
 * is not in the tab order, or sits behind more stops than a person would put up with.
 */
async function tabTo(page: Page, target: Locator, what: string, limit = 120): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${what} was not reached in ${limit} presses of Tab`);
}

describe.skipIf(!chromiumAvailable)('the officer journey from the keyboard alone, in Chromium', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('signs in, writes a referral, searches, holds and places without touching the mouse', async () => {
    const page = await app.openPage();
    const db = app.db;
    const child = db
      .prepare(
        "SELECT id, ref FROM children WHERE id NOT IN (SELECT child_id FROM referrals) AND birth_date BETWEEN '2011-01-01' AND '2015-01-01' AND sibling_group IS NULL ORDER BY id LIMIT 1",
      )
      .get() as { id: number; ref: string };

    await tabTo(page, page.getByRole('button', { name: /placement officer/i }), 'the demo officer account');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // The referral form: child by typing and arrows, date typed as DD/MM/YYYY, wishes, send.
    await tabTo(page, page.getByRole('link', { name: 'New referral' }), 'New referral');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New referral' }).waitFor();
    await tabTo(page, page.getByLabel('Child (reference or first name)'), 'the child field');
    await page.keyboard.type(child.ref);
    await page.getByRole('option', { name: new RegExp(child.ref) }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const [y, m, d] = due.split('-');
    await tabTo(page, page.getByRole('group', { name: 'Needed by', exact: true }).getByRole('spinbutton', { name: 'Day' }), 'the needed-by date');
    await page.keyboard.type(`${d}${m}${y}`);
    await tabTo(page, page.getByLabel("In the child's own words"), 'the wishes field');
    await page.keyboard.type('Somewhere with a garden for football.');
    await tabTo(page, page.getByRole('button', { name: 'Send to the placement team' }), 'Send', 200);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Referral for ${child.ref}` }).waitFor();
    const referralId = Number(new URL(page.url()).hash.split('/').pop());
    expect(
      db.prepare('SELECT r.needed_by_date AS due, ch.wishes FROM referrals r JOIN children ch ON ch.id = r.child_id WHERE r.id = ?').get(referralId),
    ).toEqual({ due, wishes: 'Somewhere with a garden for football.' });

    await tabTo(page, page.getByRole('button', { name: 'Search the region' }), 'Search');
    await page.keyboard.press('Enter');
    const first = page.getByRole('article').first();
    await first.waitFor();
    const homeName = ((await first.getAttribute('aria-label')) ?? '').replace(/^\d+\. /, '');

    await tabTo(page, first.getByRole('button', { name: 'Hold' }), 'Hold on the first home');
    await page.keyboard.press('Enter');
    const holdDialog = page.getByRole('dialog');
    await holdDialog.waitFor();
    await page.keyboard.type('Called the provider; they will confirm by 3pm.');
    await tabTo(page, holdDialog.getByRole('button', { name: 'Hold the bed' }), 'Hold the bed');
    await page.keyboard.press('Enter');
    await holdDialog.waitFor({ state: 'detached' });

    await tabTo(page, first.getByRole('button', { name: 'Place' }), 'Place on the first home');
    await page.keyboard.press('Enter');
    const placeDialog = page.getByRole('dialog');
    await placeDialog.waitFor();
    await page.keyboard.type('Best match on stability; keeps the school.');
    // A child already in care moves: the reason for the change is chosen from the keyboard too.
    if (db.prepare('SELECT count(*) FROM episodes WHERE child_id = ? AND dec IS NULL').pluck().get(child.id) !== 0) {
      await tabTo(page, placeDialog.getByRole('combobox', { name: /Why the child's current placement ends/ }), 'the reason for the change');
      await page.keyboard.press('Enter');
      await page.getByRole('option', { name: /^CARPL/ }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    }
    await screenshot(page, 'keyboard-01-place-dialog', { fullPage: false });
    await tabTo(page, placeDialog.getByRole('button', { name: 'Place the child' }), 'Place the child');
    await page.keyboard.press('Enter');
    await placeDialog.waitFor({ state: 'detached' });

    const placement = db
      .prepare('SELECT p.rationale, h.name AS homeName FROM placements p JOIN homes h ON h.id = p.home_id WHERE p.referral_id = ?')
      .get(referralId) as { rationale: string; homeName: string } | undefined;
    expect(placement).toEqual({ rationale: 'Best match on stability; keeps the school.', homeName });
    expect(db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(referralId)).toBe('placed');
    await page.context().close();
  });
});
