import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

/*
 * Every screen each demo role can open, at a 1366×768 laptop screen: plain words ("1 bed", never
 * "1 bed(s)"), UK dates only, no serious or critical axe findings, and a picture of each screen in
 * test-artifacts/screenshots (plain-words-<role>-<screen>.png) to be looked at.
 */

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM}.`);

const LAPTOP = { width: 1366, height: 768 };
/** ISO dates (2026-11-25) and US-style numeric dates (11/25/2026) have no place on a UK screen. */
const NOT_UK_DATE = /\b\d{4}-\d{2}-\d{2}\b|\b(0?[1-9]|1[0-2])\/(1[3-9]|2\d|3[01])\/\d{4}\b/;

const ROLES = [
  ['officer', /placement officer/i],
  ['commissioner', /commissioner/i],
  ['hubcarer', /hub carer/i],
  ['admin', /administrator/i],
] as const;

/** Waits until the screen has finished loading its figures (no progress bar left). */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main [role="progressbar"]').length === 0, undefined, { timeout: 30_000 });
}

describe.skipIf(!chromiumAvailable)('plain words and UK dates on every screen at 1366×768 (demo region)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  for (const [role, label] of ROLES) {
    it(`every screen the ${role} opens`, async () => {
      const page = await app.openPage({ viewport: LAPTOP });
      await signInAsDemo(page, label);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const links = await nav.getByRole('link').allTextContents();
      const problems: string[] = [];
      for (const [i, link] of links.entries()) {
        await nav.getByRole('link', { name: link, exact: true }).click();
        await settled(page);
        const text = await page.locator('main').innerText();
        if (text.includes('(s)'))
          problems.push(`${link}: "(s)" in ${JSON.stringify(text.slice(Math.max(0, text.indexOf('(s)') - 40), text.indexOf('(s)') + 3))}`);
        const date = NOT_UK_DATE.exec(text);
        if (date) problems.push(`${link}: a date not in UK style, ${date[0]}`);
        for (const p of await axeProblems(page)) problems.push(`${link}: ${p}`);
        await screenshot(page, `plain-words-${role}-${String(i + 1).padStart(2, '0')}-${link.toLowerCase().replace(/[^a-z]+/g, '-')}`, { fullPage: false });
      }
      expect(problems).toEqual([]);
      await page.context().close();
    }, 300_000);
  }
  /** The outline a focused element draws, as the browser computes it. */
  async function outlineOf(target: Locator): Promise<{ style: string; width: number }> {
    return target.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
  }

  it('keyboard focus is visible on an inbox row, a button and a data grid cell', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /placement officer/i);
    const row = page.getByRole('row', { name: /^Referral for / }).first();
    await row.waitFor();
    await row.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
    const rowRing = await outlineOf(row);
    expect(rowRing.style).toBe('solid');
    expect(rowRing.width).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'plain-words-focus-01-inbox-row', { fullPage: false });

    const nav = page.getByRole('navigation', { name: 'Main' });
    const link = nav.getByRole('link', { name: 'Vacancies' });
    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const linkRing = await outlineOf(link);
    expect(linkRing.style).toBe('solid');
    expect(linkRing.width).toBeGreaterThanOrEqual(2);

    await nav.getByRole('link', { name: 'Prices', exact: true }).click();
    const grid = page.getByRole('grid', { name: "Providers against the region's median" });
    // A number cell (the provider's cell holds a link, which a click would follow).
    const cell = grid.locator('[role="gridcell"][data-field="n"]').first();
    await cell.waitFor();
    await cell.click();
    await page.keyboard.press('ArrowRight');
    const focused = grid.locator('.MuiDataGrid-cell:focus');
    await focused.waitFor();
    const cellRing = await outlineOf(focused);
    expect(cellRing.style).toBe('solid');
    expect(cellRing.width).toBeGreaterThanOrEqual(2);
    await page.context().close();
  });

  it('at 1366 px the price table shows its median, comparison and quartiles whole, and scrolls sideways to the rest', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /commissioner/i);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prices', exact: true }).click();
    const grid = page.getByRole('grid', { name: "Providers against the region's median" });
    await grid.getByRole('gridcell').first().waitFor();
    await grid.scrollIntoViewIfNeeded();
    const gridBox = (await grid.boundingBox())!;
    for (const header of ['Provider', 'Median', 'Median against region', 'Lower quartile', 'Upper quartile']) {
      const h = grid.getByRole('columnheader', { name: header, exact: true });
      const box = (await h.boundingBox())!;
      expect(box.x + box.width, `${header} ends inside the grid`).toBeLessThanOrEqual(gridBox.x + gridBox.width + 1);
      const title = h.locator('.MuiDataGrid-columnHeaderTitle');
      expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth), `${header} is not cut`).toBe(true);
    }
    // Cells of those columns are not cut either (no ellipsis on a price).
    const cut = await grid
      .locator('[data-field="median"], [data-field="vs"], [data-field="q1"], [data-field="q3"]')
      .evaluateAll((cells) => cells.filter((c) => c.getAttribute('role') === 'gridcell' && c.scrollWidth > c.clientWidth).map((c) => c.textContent));
    expect(cut).toEqual([]);
    // The rest is reached by scrolling the grid sideways, not lost.
    const scroller = grid.locator('.MuiDataGrid-virtualScroller');
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const mean = grid.getByRole('columnheader', { name: 'Mean', exact: true });
    await mean.waitFor();
    const meanBox = (await mean.boundingBox())!;
    expect(meanBox.x + meanBox.width).toBeLessThanOrEqual(gridBox.x + gridBox.width + 1);
    await screenshot(page, 'plain-words-commissioner-prices-table-scrolled', { fullPage: false });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers', exact: true }).click();
    const providers = page.getByRole('grid', { name: 'Providers' });
    await providers.getByRole('link').first().waitFor();
    const names = await providers
      .locator('[role="gridcell"]:is([data-field="name"], [data-field="median"], [data-field="change"], [data-field="grade"])')
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
    expect(names).toEqual([]);
    const providersBox = (await providers.boundingBox())!;
    const grade = (await providers.getByRole('columnheader', { name: 'Ofsted', exact: true }).boundingBox())!;
    expect(grade.x + grade.width).toBeLessThanOrEqual(providersBox.x + providersBox.width + 1);
    await screenshot(page, 'plain-words-commissioner-providers-whole', { fullPage: false });
    await page.context().close();
  });

  it('a hub carer sees names and phone numbers whole, and picks the child for a request themselves', async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /hub carer/i);
    await page.getByRole('heading', { name: 'Who to call' }).waitFor();
    const phones = page.locator('[data-phone]');
    expect(await phones.count()).toBeGreaterThan(3);
    const broken = await phones.evaluateAll((els) =>
      els
        .filter((el) => {
          const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 24;
          return el.scrollWidth > el.clientWidth || el.getBoundingClientRect().height > lineHeight * 1.5;
        })
        .map((el) => el.textContent),
    );
    expect(broken).toEqual([]);
    await screenshot(page, 'plain-words-hubcarer-roster-phones');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sleepover calendar' }).click();
    // Names on the bed chart are whole, even for a single night.
    const stays = page.getByRole('table', { name: /^Hub beds, / }).getByRole('button', { name: /^Bed \d: / });
    await stays.first().waitFor();
    const cutNames = await stays.evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent),
    );
    expect(cutNames).toEqual([]);
    await screenshot(page, 'plain-words-hubcarer-calendar-names', { fullPage: false });
    await page.getByRole('button', { name: 'Record a request' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Child').inputValue()).resolves.toBe('');
    await expect(dialog.getByRole('button', { name: 'Record request' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'plain-words-hubcarer-request-no-child', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster pack' }).click();
    await page.getByRole('heading', { name: 'Import a roster pack', level: 2 }).waitFor();
    await expect(page.getByRole('heading', { name: 'Export a roster pack' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("an administrator's roster pack screen leads to the export", async () => {
    const page = await app.openPage({ viewport: LAPTOP });
    await signInAsDemo(page, /administrator/i);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster pack' }).click();
    const headings = page.locator('main').getByRole('heading', { level: 2 });
    await page.getByRole('heading', { name: 'Export a roster pack', level: 2 }).waitFor();
    expect((await headings.allTextContents())[0]).toBe('Export a roster pack');
    const choice = page.getByLabel('Constellation');
    const first = await choice.locator('option:not([disabled])').first().getAttribute('value');
    await choice.selectOption(first!);
    await page.getByRole('button', { name: 'Export roster pack' }).waitFor();
    await screenshot(page, 'plain-words-admin-roster-pack-export', { fullPage: false });
    await page.context().close();
  });
});
