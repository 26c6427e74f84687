import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, fillDate, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

/**
 * Issue 14, point 1 in Chromium at a laptop's 1366x768: the inbox finds by name or council and keeps
 * "My referrals" between visits; the children list and the referral form's child picker find by name.
 */
const LAPTOP = { width: 1366, height: 768 };

describe.skipIf(!chromiumAvailable)('finding referrals and children, in Chromium', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the inbox shows My referrals (remembered after a reload), finds by first name, and reaches placed referrals', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    const table = page.getByRole('table', { name: 'Referrals' });
    await table.waitFor();
    await page.getByRole('tab', { name: 'My referrals' }).click();
    const officerId = app.db.prepare("SELECT id FROM users WHERE username = 'demo.officer'").pluck().get() as number;
    const target = app.db
      .prepare(
        `SELECT ch.ref, ch.first_name AS firstName FROM referrals r JOIN children ch ON ch.id = r.child_id
         WHERE r.assigned_user_id = ? AND r.status IN ('new', 'searching', 'shortlisted', 'offered') AND length(ch.first_name) > 3 ORDER BY r.id LIMIT 1`,
      )
      .get(officerId) as { ref: string; firstName: string };
    await page.getByLabel('Find a referral').fill(target.firstName.toLowerCase());
    await table.getByRole('row', { name: new RegExp(target.ref) }).waitFor();
    const shown = await table.locator('tbody tr').count();
    const expected = app.db
      .prepare(
        `SELECT count(*) FROM referrals r JOIN children ch ON ch.id = r.child_id JOIN councils c ON c.id = r.council_id
         WHERE r.assigned_user_id = @officerId AND r.status IN ('new', 'searching', 'shortlisted', 'offered')
           AND (ch.ref LIKE @p OR ch.first_name LIKE @p OR c.name LIKE @p)`,
      )
      .pluck()
      .get({ officerId, p: `%${target.firstName}%` }) as number;
    expect(shown).toBe(expected);
    await screenshot(page, 'findit-01-inbox-my-referrals-search', { fullPage: false });

    await page.reload();
    await table.waitFor();
    expect(await page.getByRole('tab', { name: 'My referrals' }).getAttribute('aria-selected')).toBe('true');

    await page.getByRole('tab', { name: 'Whole inbox' }).click();
    await page.getByLabel('Status').click();
    await page.getByRole('option', { name: 'Placed' }).click();
    const placed = app.db.prepare("SELECT count(*) FROM referrals WHERE status = 'placed'").pluck().get() as number;
    await page.getByRole('button', { name: `All (${placed})` }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(placed);
    await page.context().close();
  });

  it('the children list finds a child by first name, and the referral form picks a child by name', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    const child = app.db.prepare('SELECT ref, first_name AS firstName FROM children WHERE length(first_name) > 3 ORDER BY id LIMIT 1').get() as {
      ref: string;
      firstName: string;
    };
    await page.goto(`${new URL(page.url()).origin}/#/children`);
    await page.getByLabel('Find a child').fill(child.firstName);
    const table = page.getByRole('table', { name: 'Children' });
    await table.getByRole('cell', { name: child.ref, exact: true }).waitFor();
    await page.getByText(`matching “${child.firstName}”`).waitFor();
    await screenshot(page, 'findit-02-children-by-name', { fullPage: false });

    await page.goto(`${new URL(page.url()).origin}/#/referrals/new`);
    await page.getByRole('heading', { name: 'New referral' }).waitFor();
    await page.getByLabel('Child (reference or first name)').fill(child.firstName.toLowerCase());
    await page.getByRole('option', { name: new RegExp(`${child.ref} · ${child.firstName}`) }).waitFor();
    await page.context().close();
  });

  it('a first referral for a child not on record: the form names a bad field, then creates the child and the referral together', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    await page.goto(`${new URL(page.url()).origin}/#/referrals/new`);
    await page.getByRole('heading', { name: 'New referral' }).waitFor();
    const before = [app.db.prepare('SELECT count(*) FROM children').pluck().get(), app.db.prepare('SELECT count(*) FROM referrals').pluck().get()];
    await page.getByLabel('Child not on record yet').check();
    await page.getByLabel('First name').fill('Wren');
    await fillDate(page, 'Date of birth', '2013-05-14');
    await page.getByRole('combobox', { name: 'Sex' }).click();
    await page.getByRole('option', { name: 'Female' }).click();
    await page.getByLabel('Home postcode or area, if known').fill('BL1');
    await fillDate(page, 'Needed by', new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Send to the placement team' }).click();
    // The council is missing: the form says so in plain words, and nothing is sent.
    await page.getByText('Choose the council responsible for the child').first().waitFor();
    await page.getByRole('combobox', { name: 'Council responsible' }).click();
    await page.getByRole('option', { name: 'Bolton' }).click();
    await page.getByRole('button', { name: 'Send to the placement team' }).click();
    // The half postcode is the server's to judge: its message appears under the field.
    await page
      .getByText(/only the first half of a postcode/)
      .first()
      .waitFor();
    await page.getByLabel('First name').scrollIntoViewIfNeeded();
    await screenshot(page, 'findit-03-new-child-referral-error', { fullPage: false });
    expect([app.db.prepare('SELECT count(*) FROM children').pluck().get(), app.db.prepare('SELECT count(*) FROM referrals').pluck().get()]).toEqual(before);

    await page.getByLabel('Home postcode or area, if known').fill('BL1 1RU');
    await page.getByRole('button', { name: 'Send to the placement team' }).click();
    await page.getByRole('heading', { name: /^Referral for S/ }).waitFor();
    const referralId = Number(new URL(page.url()).hash.split('/').pop());
    const saved = app.db
      .prepare(
        `SELECT ch.first_name AS firstName, ch.birth_date AS birthDate, ch.sex, c.name AS council, ch.home_postcode AS postcode, r.status
         FROM referrals r JOIN children ch ON ch.id = r.child_id JOIN councils c ON c.id = ch.council_id WHERE r.id = ?`,
      )
      .get(referralId);
    expect(saved).toEqual({ firstName: 'Wren', birthDate: '2013-05-14', sex: 'F', council: 'Bolton', postcode: 'BL1 1RU', status: 'new' });

    // The new referral is the creating officer's; handing it to the administrator is noted in its history.
    const assigned = page.getByLabel('Assigned officer');
    expect(await assigned.locator('option:checked').textContent()).toBe('Demo placement officer');
    const adminName = app.db.prepare("SELECT display_name FROM users WHERE username = 'demo.admin'").pluck().get() as string;
    await assigned.selectOption({ label: adminName });
    await page.getByRole('tab', { name: /History/ }).click();
    await page.getByText(`Assigned to ${adminName}`).first().waitFor();
    expect(app.db.prepare('SELECT u.username FROM referrals r JOIN users u ON u.id = r.assigned_user_id WHERE r.id = ?').pluck().get(referralId)).toBe(
      'demo.admin',
    );
    await page.context().close();
  });
});
