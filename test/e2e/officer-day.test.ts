import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, chromiumAvailable, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

/**
 * Issue 14, points 3 and 4, on the built app at a 1366×768 laptop screen: an officer holds a bed
 * (which asks the provider), sees the reminders when the provider is slow and the hold is running
 * out, on the referral and in the inbox, records a call in the notes, sees the chasing list, places
 * the child and finds the search put away; and a search that leaves no home says what excluded
 * the homes and what widening would add. The app's clock starts on a Wednesday (--clock).
 */
const CLOCK = '2026-11-25T10:00:00Z';
const LAPTOP = { width: 1366, height: 768 };

describe.skipIf(!chromiumAvailable)("an officer's day recorded in the app, in Chromium", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo', { clock: CLOCK });
  });
  afterAll(async () => {
    await app?.close();
  });

  const openReferral = async (page: Page, referralId: number) => {
    await page.goto(`${new URL(page.url()).origin}/#/referrals/${referralId}`);
    await page.getByRole('tab', { name: 'Search and shortlist' }).waitFor();
  };
  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('a hold asks the provider; a slow answer and a lapsing hold show as reminders; a call is noted; placing puts the search away', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    const db = app.db;
    const candidates = db
      .prepare("SELECT r.id, ch.ref FROM referrals r JOIN children ch ON ch.id = r.child_id WHERE r.status = 'new' AND r.sibling_count = 0 ORDER BY r.id")
      .all() as { id: number; ref: string }[];
    let chosen: { id: number; ref: string } | null = null;
    for (const c of candidates.slice(0, 8)) {
      // Needed well after the clock, so the needed-by date is not what the reminders are about.
      db.prepare("UPDATE referrals SET needed_by_date = '2026-12-20' WHERE id = ?").run(c.id);
      await openReferral(page, c.id);
      await page.getByRole('button', { name: 'Search the region' }).click();
      const done = page.getByRole('article').first().or(page.getByText('No home in the region passes every rule for this child'));
      await done.waitFor();
      if ((await page.getByRole('article').count()) > 0) {
        chosen = c;
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const referralId = chosen!.id;
    await page.getByText('Searching: last search 25 Nov 2026, 10:00.').waitFor();
    const first = page.getByRole('article').first();
    const homeName = ((await first.getAttribute('aria-label')) ?? '').replace(/^\d+\. /, '');
    await first.getByRole('button', { name: 'Hold' }).click();
    await page.getByRole('button', { name: 'Hold the bed' }).click();
    await page.getByText(`Bed held at ${homeName} until 27 Nov 2026, 10:00`, { exact: false }).waitFor();

    // The provider was asked on Monday evening, 40 hours ago: more than a working day, and the hold has 8 hours left.
    db.prepare("UPDATE offers SET at = '2026-11-23T18:00:00.000Z' WHERE referral_id = ?").run(referralId);
    await page.reload();
    const reminders = page.getByRole('list', { name: 'Reminders' });
    await reminders.getByText(`The hold at ${homeName} lapses 25 Nov 2026, 18:00 (in 8 hours).`).waitFor();
    await reminders.getByText(/has not answered since 23 Nov 2026, 18:00: 40 working hours\./).waitFor();
    expect(await noSideScroll(page)).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'day-01-referral-reminders', { fullPage: false });

    // The chasing list and the notes.
    await page.getByRole('tab', { name: /Notes and chasing \(1 asked\)/ }).click();
    const chasing = page.getByRole('table', { name: 'Providers asked and their answers' });
    await chasing.getByText('Not answered').waitFor();
    const providerName = db
      .prepare(
        'SELECT p.name FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN homes h ON h.id = v.home_id JOIN providers p ON p.id = h.provider_id WHERE o.referral_id = ?',
      )
      .pluck()
      .get(referralId) as string;
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Write what was said or decided').waitFor();
    expect(db.prepare('SELECT count(*) FROM referral_notes WHERE referral_id = ?').pluck().get(referralId)).toBe(0);
    await page.getByLabel('With provider (optional)').click();
    await page.getByRole('option', { name: providerName }).click();
    await page.getByLabel('What was said or decided').fill('Rang the duty manager: the registered manager will confirm by 4pm today.');
    await page.getByRole('button', { name: 'Add note' }).click();
    const notes = page.getByRole('list', { name: 'Notes, newest first' });
    await notes.getByText('Rang the duty manager: the registered manager will confirm by 4pm today.').waitFor();
    await notes.getByText(`Call with ${providerName} · 25 Nov 2026, 10:00 · Demo placement officer`).waitFor();
    // The last word with the provider shows on their chasing line.
    await chasing.getByRole('cell', { name: '25 Nov 2026, 10:00' }).waitFor();
    expect(db.prepare('SELECT kind, text FROM referral_notes WHERE referral_id = ?').get(referralId)).toEqual({
      kind: 'call',
      text: 'Rang the duty manager: the registered manager will confirm by 4pm today.',
    });
    expect(await noSideScroll(page)).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'day-02-notes-and-chasing');

    // The inbox line carries the same reminders.
    await page.goto(`${new URL(page.url()).origin}/#/referrals`);
    await page.getByLabel('Find a referral').fill(chosen!.ref);
    const row = page.getByRole('row', { name: new RegExp(`Referral for ${chosen!.ref}`) });
    await row.getByRole('listitem', { name: /lapses 25 Nov 2026, 18:00/ }).waitFor();
    await row.getByText('Hold lapses soon').waitFor();
    await row.getByText('Chase provider').waitFor();
    expect(await noSideScroll(page)).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'day-03-inbox-reminders', { fullPage: false });

    // Placed: the outcome in words, the ranked list put away behind one button.
    await openReferral(page, referralId);
    await page.getByRole('article').first().getByRole('button', { name: 'Place' }).click();
    await page.getByLabel('Why this home (for the panel and the child’s record)').fill('Best fit on stability; the provider confirmed by phone.');
    // A child already in care moves, and the move says why.
    const moving = db
      .prepare('SELECT count(*) FROM episodes e JOIN referrals r ON r.child_id = e.child_id WHERE r.id = ? AND e.dec IS NULL')
      .pluck()
      .get(referralId);
    if (moving !== 0) {
      await page.getByRole('combobox', { name: /Why the child's current placement ends/ }).click();
      await page.getByRole('option', { name: /^CARPL: Change to the care plan/ }).click();
    }
    await page.getByRole('button', { name: 'Place the child' }).click();
    await page.getByText(`The ranked list is put away now that the child is placed at ${homeName}.`).waitFor();
    await page.getByRole('region', { name: 'Where this referral stands' }).getByText(new RegExp(`^Placed at .+ on \\d+ \\w{3} \\d{4}\\.$`)).waitFor();
    expect(await page.getByRole('article').count()).toBe(0);
    await page.getByRole('list', { name: 'Reminders' }).waitFor({ state: 'detached' });
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'day-04-placed', { fullPage: false });
    await page.getByRole('button', { name: 'Show the search again' }).click();
    await page.getByRole('article').first().waitFor();
    await page.context().close();
    // A whole day's steps, each checked with axe: longer than one screen's test on a shared machine.
  }, 180_000);

  it('a search that leaves no home says which rules excluded most homes and what widening each would add, changing nothing', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    const db = app.db;
    const referralId = db.prepare("SELECT id FROM referrals WHERE status = 'new' ORDER BY id DESC LIMIT 1").pluck().get() as number;
    // A budget of £100 a week and a needed-by date tomorrow: nothing passes.
    db.prepare("UPDATE referrals SET budget_ceiling_pence = 10000, needed_by_date = '2026-11-26' WHERE id = ?").run(referralId);
    const policyBefore = db.prepare('SELECT max(version) FROM policies').pluck().get();
    await openReferral(page, referralId);
    await page.getByRole('button', { name: 'Search the region' }).click();
    await page.getByText('No home in the region passes every rule for this child').waitFor();
    const widening = page.getByRole('region', { name: /What excluded the \d+ homes/ });
    await widening.getByRole('list', { name: 'Homes excluded by each rule' }).getByText('Over the referral’s budget').waitFor();
    await widening.scrollIntoViewIfNeeded();
    await screenshot(page, 'day-05-widening', { fullPage: false });
    await widening
      .getByRole('list', { name: 'What widening each limit would add' })
      .getByText(/more homes? with a budget of £110 a week \(the referral’s budget is £100 a week\)/)
      .waitFor();
    await widening.getByText('These are figures only: nothing has been changed.', { exact: false }).waitFor();
    expect(db.prepare('SELECT max(version) FROM policies').pluck().get()).toBe(policyBefore);
    expect(await noSideScroll(page)).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await widening.scrollIntoViewIfNeeded();
    await screenshot(page, 'day-05-widening', { fullPage: false });
    await page.context().close();
  });
});
