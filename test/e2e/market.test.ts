import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILDREN, NOW, PASSWORD, seedMarketFixture } from '../db/market.fixture';
import { DEMO_FILE_PREFIX } from '../../shared/domain/demo';
import { axeProblems, chromiumAvailable, CHROMIUM, ROOT, screenshot as saveScreenshot, signInAsDemo, startApp, type RunningApp } from './harness';

/*
 * The commissioner's screens in Chromium, on the hand-made region of test/db/market.fixture.ts (so
 * every figure on screen is known), with the app's clock started at the fixture's day. Each screen
 * is screenshotted; each export is downloaded and read back.
 */

const DOWNLOADS = join(ROOT, 'test-artifacts/downloads');

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM}.`);

describe.skipIf(!chromiumAvailable)('the market screens in Chromium (hand-made region)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp('real', { clock: NOW, prepare: seedMarketFixture });
    mkdirSync(DOWNLOADS, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function signIn(username: string): Promise<Page> {
    // A commissioner's laptop: every screen is checked and photographed at 1366×768.
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  /** Full-page screenshots from the top, so the fixed app bar is where the user sees it. */
  async function screenshot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, name);
  }

  async function saved(download: Download): Promise<string> {
    const file = join(DOWNLOADS, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  }

  /** Nothing on screen may name a child or give a date of birth. */
  async function expectNoChildDetail(page: Page): Promise<void> {
    const text = await page.locator('body').innerText();
    for (const c of CHILDREN) {
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(c.birth);
    }
  }

  /** No serious or critical axe-core findings on the screen as shown. */
  async function expectAccessible(page: Page): Promise<void> {
    expect(await axeProblems(page)).toEqual([]);
  }

  function figure(page: Page, label: string) {
    return page.locator('dt', { hasText: label }).first().locator('xpath=following-sibling::dd[1]');
  }

  it('sufficiency: demand against supply, the map, the gaps, and the summary PDF', async () => {
    const page = await signIn('fx.commissioner');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = await nav.getByRole('link').allTextContents();
    expect(links.slice(0, 5)).toEqual(['Sufficiency', 'Prices', 'Spend', 'Unit costs', 'Providers']);
    expect(links).not.toContain('Children');
    await page.getByRole('heading', { name: 'Sufficiency', level: 1 }).waitFor();
    await expect(figure(page, 'Open referrals').textContent()).resolves.toBe('4');
    await expect(figure(page, 'Open beds').textContent()).resolves.toBe('7');
    // DfE's measure: 3 of the 9 children whose distance is known (P-6 has none recorded and is counted apart, not guessed).
    await expect(figure(page, 'Placed over 20 miles away').textContent()).resolves.toBe('33.3%');
    await page.getByText('3 of 9 children, as DfE counts them; 1 with no home location recorded').waitFor();
    await expect(figure(page, 'Referral to placement').textContent()).resolves.toBe('10.5 days');
    await expect(figure(page, 'Referrals with no suitable match').textContent()).resolves.toBe('1');
    const map = page.getByRole('img', { name: /^Map of demand and supply/ });
    await map.waitFor();
    await expect(map.getAttribute('aria-label')).resolves.toContain('Brookmere: 1 open referrals, 1 open beds');
    const gaps = page.getByRole('grid', { name: 'Gaps by council and type of home' });
    await gaps.getByRole('row').filter({ hasText: 'Brookmere' }).filter({ hasText: 'Supported accommodation' }).getByText('-1 short').waitFor();
    // Charts have drawn their bars.
    await page
      .locator('figure[aria-label="Demand and supply by type of home"] .MuiBarElement-root, figure[aria-label="Demand and supply by type of home"] rect')
      .first()
      .waitFor();
    await expectNoChildDetail(page);
    await expectAccessible(page);
    await screenshot(page, 'market-01-sufficiency');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Summary PDF' }).click()]);
    // The hand-made region is synthetic, a demo store: its exports say so in their names.
    expect(pdf.suggestedFilename()).toBe(`${DEMO_FILE_PREFIX}sufficiency-summary-the-whole-region-2026-11-25.pdf`);
    const bytes = readFileSync(await saved(pdf));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByText(/\(4 pages\) downloaded/).waitFor();

    // Every table exports: CSV as shown, XLSX as a real workbook.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Gaps by council and type of home as CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`${DEMO_FILE_PREFIX}rcc-gaps-by-council-and-type-of-home-2026-11-25.csv`);
    const parsed = Papa.parse<string[]>(readFileSync(await saved(csv), 'utf8').replace(/^\ufeff/, ''), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(['Council', 'Type of home', 'Open referrals', 'Open beds', 'Balance']);
    expect(parsed.data).toContainEqual(['Brookmere', 'Supported accommodation', '1', '0', '-1']);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Demand and supply by council as XLSX' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await saved(xlsx));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Council', 'Open referrals', 'Children placed', 'Open beds', 'Approved places', 'Beds less referrals']);
    const rows = [2, 3, 4].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows).toContainEqual(['Ashford Vale', 2, 6, 5, 12, 3]);
    await page.context().close();
  });

  it('prices: like-for-like filters, each provider against the median, outliers flagged', async () => {
    const page = await signIn('fx.commissioner');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prices' }).click();
    await page.getByRole('heading', { name: 'Prices', level: 1 }).waitFor();
    // Children's homes by default: four placements and two vacancies, median £4,950.
    await expect(figure(page, 'Prices compared').textContent()).resolves.toBe('6');
    await expect(figure(page, "Region's median, children's home").textContent()).resolves.toBe('£4,950');
    await page.getByRole('img', { name: 'Price distribution box and strip plot' }).locator('g[data-row]').first().waitFor();
    await expect(page.getByRole('img', { name: 'Price distribution box and strip plot' }).locator('g[data-row]').count()).resolves.toBe(2);
    const every = page.getByRole('grid', { name: 'Every price compared' });
    await every.getByRole('row').filter({ hasText: 'P-7' }).getByText('High').waitFor();
    // Dates in the tiles are UK dates; a provider's median from fewer than 5 prices carries a caution, said in words.
    await page.locator('dd', { hasText: 'as at 25 Nov 2026' }).waitFor();
    const byProvider = page.getByRole('grid', { name: "Providers against the region's median" });
    await expect(byProvider.getByRole('img', { name: /rests on \d prices?, fewer than 5/ }).count()).resolves.toBeGreaterThan(0);
    await expectNoChildDetail(page);
    await expectAccessible(page);
    await screenshot(page, 'market-02-prices-childrens-homes');

    await page.getByRole('combobox', { name: 'Type of home' }).click();
    await page.getByRole('option', { name: 'All types' }).click();
    await expect.poll(() => figure(page, 'Prices compared').textContent()).toBe('15');
    await page.getByRole('combobox', { name: 'Age band' }).click();
    await page.getByRole('option', { name: '16 and over' }).click();
    // 16 and over: P-7 (16 when placed), P-9 (16), P-10 (16) and the vacancies whose homes take 16-17s (V-1, V-3, V-4, V-6).
    await expect.poll(() => figure(page, 'Prices compared').textContent()).toBe('7');
    await screenshot(page, 'market-03-prices-all-types-16-plus');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Every price compared as CSV' }).click()]);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(await saved(csv), 'utf8').replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.Reference).sort()).toEqual(['P-10', 'P-7', 'P-9', 'V-1', 'V-3', 'V-4', 'V-6']);
    expect(parsed.data.find((r) => r.Reference === 'P-7')!['Weekly price (£)']).toBe('12000');
    await page.context().close();
  });

  it('spend: weekly and annualised, the forecast to 31 March, and the costliest placements by reference', async () => {
    const page = await signIn('fx.commissioner');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spend' }).click();
    await page.getByRole('heading', { name: 'Spend', level: 1 }).waitFor();
    await expect(figure(page, 'Weekly spend').textContent()).resolves.toBe('£31,880');
    await expect(figure(page, 'Ending before year end').textContent()).resolves.toBe('2');
    const top = page.getByRole('grid', { name: 'Most expensive placements' });
    await top.getByRole('row').nth(1).getByText('RCC-T0007').waitFor();
    await expectNoChildDetail(page);
    await expectAccessible(page);
    await screenshot(page, 'market-04-spend');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Most expensive placements as XLSX' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await saved(xlsx));
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Child (reference)');
    expect(header.join(' ')).not.toMatch(/name|birth/i);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['P-7', 'RCC-T0007']);
    expect(sheet.getRow(2).getCell(header.indexOf('Weekly (£)') + 1).value).toBe(12000);
    await page.context().close();
  });

  it('unit costs: in-house against external, and the move calculator', async () => {
    const page = await signIn('fx.commissioner');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Unit costs' }).click();
    await page.getByRole('heading', { name: 'Unit costs', level: 1 }).waitFor();
    const table = page.getByRole('grid', { name: 'Annual unit costs' });
    await table.getByRole('row').filter({ hasText: 'In-house foster care' }).getByText('£26,000').waitFor();
    await page.getByRole('spinbutton', { name: 'Children' }).fill('2');
    await page.getByText(/Moving 2 children from external children.s home to in-house foster care: a saving of £728,000 a year\./).waitFor();
    await page.getByText('In-house foster care has 1 open bed today: the other 1 would need new homes.').waitFor();
    await page.getByText(/No in-house overheads have been entered for in-house foster care/).waitFor();
    // The commissioner enters £90 a week of supervising social work for in-house foster care: its unit cost is then (£500 + £90) × 52.
    const foster = page.getByRole('form', { name: 'In-house overheads for foster home' });
    await foster.getByRole('spinbutton', { name: 'Supervising social work' }).fill('90');
    await foster.getByRole('button', { name: 'Save' }).click();
    await table.getByRole('row').filter({ hasText: 'In-house foster care' }).getByText('£30,680').waitFor();
    await table
      .getByRole('row')
      .filter({ hasText: 'In-house foster care' })
      .getByText(/plus overheads of £90 a week per placement: supervising social work £90/)
      .waitFor();
    await page.getByText(/Moving 2 children from external children.s home to in-house foster care: a saving of £718,640 a year\./).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'market-05-unit-costs');
    await page.context().close();
  });

  it('providers: the list, then one provider with homes, prices over time and endings', async () => {
    const page = await signIn('fx.commissioner');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
    const list = page.getByRole('grid', { name: 'Providers' });
    await list.getByRole('row').filter({ hasText: 'Ashford Vale Fostering' }).getByText('25.0%').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'market-06-providers');
    await list.getByRole('link', { name: 'Moor Care Ltd' }).click();
    await page.getByRole('heading', { name: 'Moor Care Ltd', level: 1 }).waitFor();
    await expect(figure(page, "Share of the region's spend").textContent()).resolves.toBe('70.6%');
    await page.getByRole('grid', { name: 'Endings by reason' }).getByText('Change to the care plan').waitFor();
    await page.getByRole('img', { name: 'Line chart of median agreed price by month' }).waitFor();
    expect(page.url()).toMatch(/#\/market-providers\/3$/);
    await expectNoChildDetail(page);
    await expectAccessible(page);
    await screenshot(page, 'market-07-provider');
    await page.context().close();
  });

  it("a council's commissioner sees their own council's spend; an officer sees prices only", async () => {
    const page = await signIn('fx.ashford.commissioner');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spend' }).click();
    await page.getByText('Scope: Ashford Vale', { exact: true }).waitFor();
    await expect(figure(page, 'Weekly spend').textContent()).resolves.toBe('£12,480');
    await screenshot(page, 'market-08-council-scoped-spend');
    await page.context().close();

    const officer = await signIn('fx.officer');
    const links = await officer.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(links).toContain('Prices');
    expect(links).not.toContain('Spend');
    expect(links).not.toContain('Sufficiency');
    await officer.context().close();
  });
});

describe.skipIf(!chromiumAvailable)('the market screens on the demo region', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('every market screen opens on the generated region, with no child named', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /commissioner/i);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const children = app.db.prepare('SELECT first_name AS name, birth_date AS birth FROM children').all() as { name: string; birth: string }[];
    // Words that may appear for other reasons: in the names of homes, providers and councils.
    const everyday = new Set(
      (app.db.prepare('SELECT name FROM homes UNION SELECT name FROM providers UNION SELECT name FROM councils').pluck().all() as string[]).flatMap((n) =>
        n.split(/[^A-Za-z]+/),
      ),
    );
    const shots: [string, string, () => Promise<unknown>][] = [
      ['Sufficiency', 'market-demo-01-sufficiency', () => page.getByRole('img', { name: /^Map of demand and supply/ }).waitFor()],
      [
        'Prices',
        'market-demo-02-prices',
        () => page.getByRole('img', { name: 'Price distribution box and strip plot' }).locator('g[data-row]').first().waitFor(),
      ],
      ['Spend', 'market-demo-03-spend', () => page.getByRole('grid', { name: 'Most expensive placements' }).getByRole('row').nth(1).waitFor()],
      [
        'Unit costs',
        'market-demo-04-unit-costs',
        () =>
          page
            .getByText(/a year\.$/)
            .first()
            .waitFor(),
      ],
      ['Providers', 'market-demo-05-providers', () => page.getByRole('grid', { name: 'Providers' }).getByRole('link').first().waitFor()],
    ];
    for (const [link, name, ready] of shots) {
      await nav.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link, level: 1 }).waitFor();
      await ready();
      if (link === 'Sufficiency') {
        // The generated region's city councils sit close together: their map labels must still not touch one another.
        const boxes = await page.locator('svg g[data-council]').evaluateAll((groups) =>
          groups.map((g) => {
            const r = g.getBoundingClientRect();
            return { name: g.getAttribute('data-council') ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          }),
        );
        expect(boxes.length).toBeGreaterThan(5);
        const clashes = boxes.flatMap((a, i) =>
          boxes
            .slice(i + 1)
            .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
            .map((b) => `${a.name} / ${b.name}`),
        );
        expect(clashes).toEqual([]);
      }
      const text = await page.locator('main').innerText();
      const words = new Set(text.split(/[^A-Za-z]+/));
      expect(children.filter((c) => words.has(c.name) && !everyday.has(c.name)).map((c) => c.name)).toEqual([]);
      expect(children.filter((c) => text.includes(c.birth))).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, name);
    }
    await page.getByRole('grid', { name: 'Providers' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Homes', exact: false }).first().waitFor();
    await page.getByText('Prices over time').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'market-demo-06-provider');
    await page.context().close();
  });
});
