import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONSPD_CLASSIC_HEADER, onspdClassicRow, syntheticPostcodes, writeLines } from '../bench/postcodes.generate';
import { axeProblems, chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM} (install the Debian package chromium, or set RCC_CHROMIUM).`);

// About 20 MB: big enough that the screen usually catches the import part-way, small enough to be quick.
const SAMPLE = [...syntheticPostcodes(40_000, 5)];
const IMPORTABLE = SAMPLE.filter((p) => !p.terminated && p.easting !== null);
const PATH_LABEL = 'Full path of the postcode file on this computer';

describe.skipIf(!chromiumAvailable)('an administrator imports the postcode directory from the Imports and exports screen', () => {
  let app: RunningApp;
  let dir: string;
  let goodFile: string;
  let badFile: string;
  let page: Page;
  const postcodes = () => app.db.prepare('SELECT count(*) FROM postcodes').pluck().get() as number;
  const directoryMeta = () => app.db.prepare("SELECT value FROM meta WHERE key = 'postcode_directory'").pluck().get();

  beforeAll(async () => {
    app = await startApp('demo');
    dir = mkdtempSync(join(tmpdir(), 'rcc-e2e-postcodes-'));
    goodFile = join(dir, 'ONSPD_TEST_UK.csv');
    await writeLines(goodFile, ONSPD_CLASSIC_HEADER.join(','), SAMPLE.map(onspdClassicRow));
    // All good but one: row 4 (after the header) has a postcode that is not one.
    const live = IMPORTABLE.slice(0, 5).map(onspdClassicRow);
    const broken = onspdClassicRow(IMPORTABLE[5]!).split(',');
    broken[ONSPD_CLASSIC_HEADER.indexOf('pcds')] = '"NOTAPC"';
    badFile = join(dir, 'ONSPD_BAD.csv');
    await writeLines(badFile, ONSPD_CLASSIC_HEADER.join(','), [...live.slice(0, 2), broken.join(','), ...live.slice(2)]);
    page = await app.openPage();
    await signInAsDemo(page, /administrator/i);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports and exports' }).click();
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the directory and gazetteer in use, and says plainly when a file is not there', async () => {
    const section = page.getByRole('region', { name: 'Postcode directory' });
    const facts = section.getByRole('table', { name: 'Place data in use' });
    await facts.getByText(/GeoNames/).waitFor();
    expect(postcodes()).toBe(0);
    await facts.getByText(/None imported yet/).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await section.getByLabel(PATH_LABEL).fill(join(dir, 'missing.csv'));
    await section.getByLabel(PATH_LABEL).press('Enter');
    await section.getByText(`There is no file at ${join(dir, 'missing.csv')}.`).waitFor();
    await expect(section.getByLabel(PATH_LABEL).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'postcodes-01-directory-and-missing-file');
  });

  it('imports an ONSPD file by keyboard, following its progress to the report', async () => {
    const section = page.getByRole('region', { name: 'Postcode directory' });
    await section.getByLabel(PATH_LABEL).fill(goodFile);
    // Keyboard only: on to the format, choose ONSPD, past the checkbox to Start.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'ONS Postcode Directory (ONSPD)' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(section.getByRole('combobox', { name: 'Format' }).textContent()).resolves.toBe('ONS Postcode Directory (ONSPD)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Start the import');
    await page.keyboard.press('Enter');

    // A small file may finish before the first progress event; while it runs, the bar is determinate.
    const bar = section.getByRole('progressbar');
    const done = section.getByText('Postcode directory imported');
    await Promise.race([bar.waitFor({ timeout: 30_000 }), done.waitFor({ timeout: 30_000 })]);
    if (await bar.isVisible()) {
      await expect(bar.getAttribute('aria-valuenow')).resolves.toMatch(/^\d+$/);
      await screenshot(page, 'postcodes-02-importing');
    }
    await done.waitFor({ timeout: 60_000 });

    expect(postcodes()).toBe(IMPORTABLE.length);
    const shown = `${IMPORTABLE.length.toLocaleString('en-GB')} postcodes`;
    await section.getByRole('table', { name: 'Place data in use' }).getByText(shown).waitFor();
    await section.getByRole('table', { name: 'Place data in use' }).getByText('ONS Postcode Directory: ONSPD_TEST_UK.csv').waitFor();
    const summary = section.getByRole('table', { name: 'Postcode import summary' });
    await summary.getByRole('row', { name: `Rows read ${SAMPLE.length.toLocaleString('en-GB')}` }).waitFor();
    await summary.getByRole('row', { name: `Postcodes imported ${IMPORTABLE.length.toLocaleString('en-GB')}` }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'postcodes-03-imported');
  });

  it('a file with a bad row is refused whole: the report names the row, column and problem, and nothing changes', async () => {
    const before = { count: postcodes(), meta: directoryMeta() };
    const section = page.getByRole('region', { name: 'Postcode directory' });
    await section.getByLabel(PATH_LABEL).fill(badFile);
    await section.getByRole('button', { name: 'Start the import' }).click();
    await section.getByText('Postcode directory not imported').waitFor({ timeout: 30_000 });

    const report = section.getByRole('table', { name: 'Postcode validation report: problems by row and column' });
    const row = report.getByRole('row').filter({ hasText: 'NOTAPC' });
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      '4',
      'pcds',
      expect.stringMatching(/"NOTAPC" is not a UK postcode/),
      expect.any(String),
    ]);
    await section
      .getByText(/unchanged/)
      .first()
      .waitFor();
    expect({ count: postcodes(), meta: directoryMeta() }).toEqual(before);
    await section.getByRole('table', { name: 'Place data in use' }).getByText('ONS Postcode Directory: ONSPD_TEST_UK.csv').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'postcodes-04-bad-row-refused');
  });

  it('the About dialog credits the postcode data under the Open Government Licence', async () => {
    await page.getByRole('button', { name: 'About RCC Placements' }).click();
    const about = page.getByRole('dialog', { name: 'About RCC Placements' });
    await about.getByText('ONS Postcode Directory and Code-Point Open (when a postcode directory is imported) — Open Government Licence v3.0').waitFor();
    for (const credit of [
      'Contains OS data © Crown copyright and database right',
      'Contains Royal Mail data © Royal Mail copyright and database right',
      'Contains National Statistics data © Crown copyright and database right',
    ]) {
      await about.getByText(credit, { exact: false }).waitFor();
    }
    await about.getByText(/GeoNames gazetteer .* CC BY 4\.0/).waitFor();
    await screenshot(page, 'postcodes-05-about-credits', { fullPage: false });
    await about.getByRole('button', { name: 'Close' }).click();
  });

  it('is not offered to other roles', async () => {
    const officer = await app.openPage();
    await signInAsDemo(officer, /placement officer/i);
    await officer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports and exports' }).click();
    await officer.getByRole('heading', { name: 'Import a file' }).waitFor();
    await expect(officer.getByRole('region', { name: 'Postcode directory' }).count()).resolves.toBe(0);
    await officer.context().close();
  });
});
