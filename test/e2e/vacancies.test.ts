import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, chromiumAvailable, fillDate, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

describe.skipIf(!chromiumAvailable)('the vacancies board, in Chromium', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("fits a 1366x768 laptop screen: every row's actions are on screen without scrolling sideways, and reachable by keyboard; a vacancy is added through the form, a bad one refused by its fields", async () => {
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await signInAsDemo(page, /placement officer/i);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vacancies' }).click();
    const table = page.getByRole('table', { name: 'Vacancies' });
    await table.locator('tbody tr').first().waitFor();
    // Nothing scrolls sideways: neither the page nor the table's own container.
    const overflow = await page.evaluate(() => {
      const box = document.querySelector('table[aria-label="Vacancies"]')!.parentElement!;
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, table: box.scrollWidth - box.clientWidth };
    });
    expect(overflow).toEqual({ page: 0, table: 0 });
    const actions = table.getByRole('button', { name: /^(Edit|Hold|Withdraw) vacancy at / });
    const count = await actions.count();
    expect(count).toBeGreaterThan(50);
    const rights = await actions.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    expect(Math.max(...rights)).toBeLessThanOrEqual(1366);
    // The first row's actions are reached with Tab, in order, and Hold works from the keyboard.
    const edit = table.getByRole('button', { name: /^Edit vacancy at / }).first();
    const homeName = (await edit.getAttribute('aria-label'))!.replace('Edit vacancy at ', '');
    await edit.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Hold vacancy at ${homeName}`);
    await screenshot(page, 'vacancies-00-board-1366', { fullPage: false });

    // A vacancy a provider e-mailed about, typed in: the feed's rules refuse a bad one by its fields.
    const db = app.db;
    const home = db.prepare('SELECT id, name FROM homes GROUP BY name HAVING count(*) = 1 ORDER BY id LIMIT 1').get() as { id: number; name: string };
    const vacanciesAtHome = () => db.prepare('SELECT count(*) FROM vacancies WHERE home_id = ?').pluck().get(home.id) as number;
    const before = vacanciesAtHome();
    await page.getByRole('button', { name: 'Add vacancy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a vacancy' });
    await dialog.getByRole('combobox', { name: 'Home' }).fill(home.name);
    await page.getByRole('option').filter({ hasText: home.name }).first().click();
    await dialog.getByLabel('Beds').fill('0');
    await fillDate(page, 'Available from', '2027-02-01');
    await dialog.getByLabel('Core').fill('4100');
    await dialog.getByLabel('Support').fill('three hundred');
    await dialog.getByRole('button', { name: 'Add vacancy' }).click();
    await dialog.getByText('0 is outside the allowed range 1 to 20').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'vacancies-04-add-refused', { fullPage: false });
    await dialog.getByLabel('Beds').fill('2');
    await dialog.getByRole('button', { name: 'Add vacancy' }).click();
    await dialog.getByText("'three hundred' is not an amount in pounds (e.g. 820 or 820.50)").waitFor();
    expect(vacanciesAtHome()).toBe(before);
    await dialog.getByLabel('Support').fill('300.50');
    await dialog.getByLabel('Restrictions and notes (who the home cannot take)').fill('E-mailed by the provider: no sibling groups');
    await dialog.getByRole('button', { name: 'Add vacancy' }).click();
    await page.getByText(`${home.name}: vacancy added.`).waitFor();
    expect(
      db
        .prepare(
          'SELECT beds, available_from AS availableFrom, status, price_core_pence AS core, price_support_pence AS support, source FROM vacancies WHERE home_id = ? ORDER BY id DESC LIMIT 1',
        )
        .get(home.id),
    ).toEqual({
      beds: 2,
      availableFrom: '2027-02-01',
      status: 'open',
      core: 410_000,
      support: 30_050,
      source: 'manual',
    });
    expect(vacanciesAtHome()).toBe(before + 1);
    await page.context().close();
  });

  it('pages the board, filters by type and date, edits a vacancy (bad input refused), and another window sees the change; withdrawing asks first', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /placement officer/i);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vacancies' }).click();
    const table = page.getByRole('table', { name: 'Vacancies' });
    await table.waitFor();
    const db = app.db;
    const rowsOnPage = () => table.locator('tbody tr').count();
    /** The "N vacancies" line: every vacancy matching the filters, not only this page's. */
    const shownTotal = async () => Number(((await page.getByText(/^[\d,]+ vacanc(y|ies)$/).textContent()) ?? '').replace(/\D/g, ''));
    const pager = page.getByText(/^\d+–\d+ of \d+$/);

    // Open vacancies by default, 50 to a page: the demo region has more than one page of them.
    const open = db.prepare("SELECT count(*) FROM vacancies WHERE status = 'open'").pluck().get() as number;
    expect(open).toBeGreaterThan(100);
    await expect.poll(shownTotal).toBe(open);
    await expect.poll(rowsOnPage).toBe(50);
    await expect(pager.textContent()).resolves.toBe(`1–50 of ${open}`);
    const firstPageTop = await table.locator('tbody tr').first().textContent();
    // The pager works from the keyboard, and keeps its focus while the next page loads.
    const next = page.getByRole('button', { name: 'Go to next page' });
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => pager.textContent()).toBe(`51–100 of ${open}`);
    // The pager moves as soon as it is pressed; the rows follow when the page has loaded.
    await expect.poll(() => table.locator('tbody tr').first().textContent()).not.toBe(firstPageTop);
    await expect.poll(rowsOnPage).toBe(50);
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('combobox', { name: /Vacancies per page/ }).click();
    await page.getByRole('option', { name: '25', exact: true }).click();
    await expect.poll(() => pager.textContent()).toBe(`1–25 of ${open}`);
    await expect.poll(rowsOnPage).toBe(25);
    await next.click();
    await expect.poll(() => pager.textContent()).toBe(`26–50 of ${open}`);
    // A new filter starts at its first page.
    const foster = db
      .prepare("SELECT count(*) FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.kind = 'foster' AND v.status = 'open'")
      .pluck()
      .get() as number;
    expect(foster).toBeGreaterThan(50);
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Foster home' }).click();
    await expect.poll(() => pager.textContent()).toBe(`1–25 of ${foster}`);
    await expect.poll(shownTotal).toBe(foster);
    await page.getByRole('combobox', { name: /Vacancies per page/ }).click();
    await page.getByRole('option', { name: '50', exact: true }).click();
    await expect.poll(rowsOnPage).toBe(50);

    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: "Children's home" }).click();
    await page.getByRole('combobox', { name: 'Available' }).click();
    await page.getByRole('option', { name: 'Within four weeks' }).click();
    const cutoff = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    const expected = db
      .prepare("SELECT count(*) FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.kind = 'residential' AND v.status = 'open' AND v.available_from <= ?")
      .pluck()
      .get(cutoff) as number;
    expect(expected).toBeGreaterThan(0);
    await expect.poll(shownTotal).toBe(expected);
    await expect.poll(rowsOnPage).toBe(Math.min(expected, 50));
    const types = await table.locator('tbody tr td:nth-child(2) [data-field="kind"]').allTextContents();
    expect(new Set(types)).toEqual(new Set(["Children's home"]));
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'vacancies-01-filtered');

    // A second officer's board, to see the edit arrive without a reload. It shows children's homes:
    // the edit moves the vacancy to January, off the first page of every open vacancy.
    const other = await app.openPage();
    await signInAsDemo(other, /placement officer/i);
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vacancies' }).click();
    await other.getByRole('table', { name: 'Vacancies' }).waitFor();
    await other.getByRole('combobox', { name: 'Type' }).click();
    await other.getByRole('option', { name: "Children's home" }).click();
    const residential = db
      .prepare("SELECT count(*) FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.kind = 'residential' AND v.status = 'open'")
      .pluck()
      .get() as number;
    expect(residential).toBeLessThanOrEqual(50);
    await other.getByText(`${residential} vacancies`, { exact: true }).waitFor();

    const edit = table.getByRole('button', { name: /^Edit vacancy at / }).first();
    const homeName = (await edit.getAttribute('aria-label'))!.replace('Edit vacancy at ', '');
    const vacancyId = db
      .prepare("SELECT v.id FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.name = ? AND v.status = 'open' ORDER BY v.available_from, v.id LIMIT 1")
      .pluck()
      .get(homeName) as number;
    const before = db.prepare('SELECT * FROM vacancies WHERE id = ?').get(vacancyId);
    await edit.click();
    const dialog = page.getByRole('dialog', { name: `Edit the vacancy at ${homeName}` });
    await dialog.getByLabel('Core').fill('0');
    await dialog.getByLabel('Beds').fill('0');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('The core weekly price must be more than £0').waitFor();
    await dialog.getByText('A vacancy has at least one bed').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'vacancies-02-edit-refused');
    expect(db.prepare('SELECT * FROM vacancies WHERE id = ?').get(vacancyId)).toEqual(before);

    await dialog.getByLabel('Beds').fill('1');
    await dialog.getByLabel('Core').fill('4321');
    await dialog.getByLabel('Support').fill('250');
    await dialog.getByLabel('Education').fill('0');
    await dialog.getByLabel('Other').fill('0');
    await fillDate(page, 'Available from', '2027-01-04');
    await dialog.getByLabel('Restrictions (who the home cannot take)').fill('No children under 12');
    await screenshot(page, 'vacancies-03-edit');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(`${homeName}: vacancy updated.`).waitFor();
    expect(
      db
        .prepare(
          'SELECT beds, available_from AS availableFrom, price_core_pence AS core, price_support_pence AS support, restrictions FROM vacancies WHERE id = ?',
        )
        .get(vacancyId),
    ).toEqual({
      beds: 1,
      availableFrom: '2027-01-04',
      core: 432_100,
      support: 25_000,
      restrictions: 'No children under 12',
    });
    // UK formats on the other officer's board, which updated by itself.
    const otherRow = other.getByRole('table', { name: 'Vacancies' }).getByRole('row').filter({ hasText: 'No children under 12' });
    await otherRow.getByText('4 Jan 2027').waitFor();
    await otherRow.getByText('£4,571').waitFor();
    await other.context().close();

    // Withdrawing asks first, and Cancel changes nothing.
    await page.getByRole('combobox', { name: 'Available' }).click();
    await page.getByRole('option', { name: 'Any date' }).click();
    const row = table.getByRole('row').filter({ hasText: 'No children under 12' });
    await row.getByRole('button', { name: `Withdraw vacancy at ${homeName}` }).click();
    await page.getByRole('dialog', { name: 'Withdraw this vacancy?' }).getByRole('button', { name: 'Cancel' }).click();
    expect(db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe('open');
    await row.getByRole('button', { name: `Withdraw vacancy at ${homeName}` }).click();
    await page.getByRole('dialog', { name: 'Withdraw this vacancy?' }).getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe('withdrawn');
    await page.context().close();
  });
});
