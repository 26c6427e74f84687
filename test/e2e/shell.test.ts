import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditForRecord } from '../../db/repositories/audit';
import { chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM} (install the Debian package chromium, or set RCC_CHROMIUM).`);

describe.skipIf(!chromiumAvailable)('the app in Chromium over the loopback transport (demo region)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the sign-in screen with one labelled demo account per role', async () => {
    const page = await app.openPage();
    await page.getByRole('heading', { name: 'RCC Placements' }).waitFor();
    for (const role of ['placement officer', 'commissioner', 'mockingbird hub carer', 'administrator']) {
      await page.getByRole('button', { name: `Demo: sign in as ${role}` }).waitFor();
    }
    await screenshot(page, '01-sign-in');
    await page.context().close();
  });

  it('refuses a wrong password with a clear message', async () => {
    const page = await app.openPage();
    await page.getByLabel('Username').fill('demo.officer');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('That username and password do not match an account.').waitFor();
    await screenshot(page, '02-sign-in-refused');
    await page.context().close();
  });

  it('a placement officer sees placement work, holds a vacancy and opens a child record (audited)', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /placement officer/i);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      'Referrals',
      'Vacancies',
      'Children',
      'Region plan',
      'Prices',
      'Constellations',
      'Imports and exports',
    ]);
    // Referrals is the officer's first screen now; vacancies are one click away.
    await nav.getByRole('link', { name: 'Vacancies' }).click();
    const table = page.getByRole('table', { name: 'Vacancies' });
    await table.waitFor();
    await screenshot(page, '03-officer-vacancies');

    // A second officer's window sees the hold without reloading. It watches the held vacancies: the
    // board is paged, and on "All statuses" the soonest open vacancy is not on the first page.
    const other = await app.openPage();
    await signInAsDemo(other, /placement officer/i);
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vacancies' }).click();
    await other.getByRole('combobox', { name: 'Status' }).click();
    await other.getByRole('option', { name: 'Held', exact: true }).click();
    const otherTable = other.getByRole('table', { name: 'Vacancies' });
    const heldBefore = app.db.prepare("SELECT count(*) FROM vacancies WHERE status = 'held'").pluck().get() as number;
    expect(heldBefore).toBeLessThan(50);
    await other.getByText(`${heldBefore} vacancies`, { exact: true }).waitFor();
    const holdButton = table.getByRole('button', { name: /^Hold vacancy at / }).first();
    const homeName = (await holdButton.getAttribute('aria-label'))!.replace('Hold vacancy at ', '');
    const heldRowsOfHome = () => otherTable.getByRole('row').filter({ hasText: homeName }).filter({ hasText: 'Held' }).count();
    const heldOfHomeBefore = await heldRowsOfHome();
    await holdButton.click();
    await page.getByText(`${homeName}: vacancy now held.`).waitFor();
    await expect.poll(heldRowsOfHome).toBe(heldOfHomeBefore + 1);
    await other.getByText(`${heldBefore + 1} vacancies`, { exact: true }).waitFor();
    await other.context().close();

    await nav.getByRole('link', { name: 'Children' }).click();
    await page.getByRole('table', { name: 'Children' }).waitFor();
    await screenshot(page, '04-officer-children');
    await page.getByRole('button', { name: 'Quick look at RCC-00001' }).click();
    await page.getByRole('dialog').getByText('Home council:').waitFor();
    await screenshot(page, '05-officer-child-record');
    await page.getByRole('button', { name: 'Close' }).click();
    const childId = app.db.prepare("SELECT id FROM children WHERE ref = 'RCC-00001'").pluck().get() as number;
    const views = auditForRecord(app.db, 'child', String(childId)).filter((r) => r.action === 'view' && r.username === 'demo.officer');
    expect(views.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('a commissioner sees the market, not children', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /commissioner/i);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
      'Sufficiency',
      'Prices',
      'Spend',
      'Unit costs',
      'Providers',
      'Constellations',
      'Imports and exports',
    ]);
    // The first screen is sufficiency: open referrals against open beds.
    await page.getByRole('heading', { name: 'Sufficiency', level: 1 }).waitFor();
    await page.getByText('Open referrals', { exact: true }).first().waitFor();
    await screenshot(page, '06-commissioner-market');
    await page.context().close();
  });

  it('a hub carer sees only their own constellation', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /hub carer/i);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['Roster', 'Sleepover calendar', 'Constellation life', 'Roster pack']);
    await page.getByRole('heading', { name: 'Who to call' }).waitFor();
    await expect(page.getByText('Hub home', { exact: true }).count()).resolves.toBe(1);
    await screenshot(page, '07-hub-carer-constellation');
    await page.context().close();
  });

  it('an administrator sees users and a verified audit chain; About and dark mode work', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /administrator/i);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('table', { name: 'Users' }).getByText('demo.hubcarer').waitFor();
    await screenshot(page, '08-admin-users');
    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('button', { name: 'Check the chain' }).click();
    await page.getByText(/entries are intact/).waitFor();
    await screenshot(page, '09-admin-audit');
    await page.getByRole('button', { name: 'About RCC Placements' }).click();
    const about = page.getByRole('dialog', { name: 'About RCC Placements' });
    await about.getByText('Licences and attributions').waitFor();
    await expect(about.getByText(/Data folder:/).textContent()).resolves.toContain(app.dataDir);
    await screenshot(page, '10-about');
    await about.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await page.getByRole('button', { name: 'Switch to light mode' }).waitFor();
    await screenshot(page, '11-admin-dark');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.context().close();
  });
});

describe.skipIf(!chromiumAvailable)('a new real store', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('real');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks for the first administrator, validates the form, then signs them in', async () => {
    const page = await app.openPage();
    await page.getByRole('heading', { name: 'Set up RCC Placements' }).waitFor();
    await page.getByLabel('Your name').fill('Pat Example');
    await page.getByLabel('Username').fill('pat.admin');
    await page.getByLabel(/^Password\s*\*?$/).fill('short');
    await page.getByLabel('Password again').fill('short');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText('A password needs at least 12 characters').waitFor();
    await screenshot(page, '12-first-admin-error');
    expect(app.db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
    await page.getByLabel(/^Password\s*\*?$/).fill('a long enough passphrase');
    await page.getByLabel('Password again').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText('Pat Example · Administrator').waitFor();
    // A new real store shows its first administrator the recovery key once.
    await page.getByTestId('recovery-key').waitFor();
    await screenshot(page, '13b-recovery-key-once', { fullPage: false });
    await page.getByRole('button', { name: 'I have printed or saved it' }).click();
    await screenshot(page, '13-first-admin-signed-in');
    await page.context().close();
  });
});
