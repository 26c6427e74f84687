/**
 * Every import kind through the Imports and exports screen of the built app: SSDA903 as CSV and as
 * XML, Ofsted's provider list, a provider's vacancy feed (the app's Excel template, filled in) and a
 * foster household list. The files are small and synthetic, made here; the importers' own rules
 * are tested in test/db/importers, this shows each one works end to end from dist/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOSTER_HOUSEHOLD_COLUMNS } from '../../db/importers/foster-households';
import { VACANCY_TEMPLATE_COLUMNS } from '../../db/importers/vacancies';
import { nearestPlace } from '../../shared/geo/gazetteer';
import { localIsoDate } from '../../shared/domain/calendar';
import { collectionYearOf } from '../../shared/domain/ssda903';
import { check903 } from '../../shared/domain/ssda903-rules';
import { episodesCsv, headerCsv, syntheticReturn, xml903 } from '../db/importers/ssda903-generator';
import { axeProblems, chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM} (install the Debian package chromium, or set RCC_CHROMIUM).`);

const KIND = {
  ssda903: 'SSDA903 return (children looked after)',
  ofsted: 'Ofsted list of children’s social care providers',
  vacancies: 'Provider vacancy feed',
  fosterHouseholds: 'Foster household list',
} as const;

interface Council {
  id: number;
  name: string;
  lat: number;
  lon: number;
}

const csvLine = (cells: readonly (string | number)[]) =>
  cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');
const file = (name: string, mimeType: string, text: string | Buffer) => ({ name, mimeType, buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') });

describe.skipIf(!chromiumAvailable)('every import kind through the Imports and exports screen', () => {
  let app: RunningApp;
  let page: Page;
  let councils: Council[];

  const report = () => page.getByRole('alert').filter({ has: page.getByText(/^(Imported|Not imported|Check finished)$/) });
  const childrenOf = (councilId: number) => app.db.prepare('SELECT count(*) FROM children WHERE council_id = ?').pluck().get(councilId) as number;

  async function chooseKind(label: string): Promise<void> {
    await page.getByRole('combobox', { name: 'What are you importing?' }).click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }

  async function chooseFiles(files: ReturnType<typeof file>[]): Promise<void> {
    await page.locator('input[type=file][aria-label="File to import"]').setInputFiles(files);
    await page.getByText(`${files[0]!.name} (`, { exact: false }).first().waitFor();
  }

  /** Presses Import (or Check) and waits for the report on these files. */
  /** confirmSynthetic: answers the demo region's "Is this real children's data?" for a real-looking return. */
  async function run(button: 'Import' | 'Check (nothing is changed)', fileName: string, confirmSynthetic = false): Promise<string> {
    await page.getByRole('button', { name: button, exact: true }).click();
    if (confirmSynthetic)
      await page.getByRole('dialog', { name: "Is this real children's data?" }).getByRole('button', { name: 'It is synthetic: import it' }).click();
    await page.getByRole('table', { name: 'Files read' }).getByText(fileName, { exact: false }).first().waitFor({ timeout: 30_000 });
    const title = await report().locator('.MuiAlertTitle-root').textContent();
    return title ?? '';
  }

  beforeAll(async () => {
    app = await startApp('demo');
    councils = app.db.prepare('SELECT id, name, lat, lon FROM councils ORDER BY id').all() as Council[];
    expect(councils.length).toBeGreaterThan(2);
    page = await app.openPage();
    await signInAsDemo(page, /administrator/i);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports and exports' }).click();
    await page.getByRole('heading', { name: 'Import a file' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('SSDA903 as CSV: checked first (nothing written), then imported for the chosen council', async () => {
    const council = councils[0]!;
    const children = syntheticReturn({ children: 12, seed: 41 });
    const files = [file('header.csv', 'text/csv', headerCsv(children)), file('episodes.csv', 'text/csv', episodesCsv(children))];
    const before = childrenOf(council.id);

    await chooseKind(KIND.ssda903);
    await page.getByRole('combobox', { name: 'Whose return is it?' }).click();
    await page.getByRole('option', { name: council.name, exact: true }).click();
    await chooseFiles(files);
    expect(await run('Check (nothing is changed)', 'episodes.csv')).toBe('Check finished');
    expect(childrenOf(council.id)).toBe(before);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'imports-01-ssda903-checked');

    // Twelve children with references unlike the demo's look like a real return: it asks first.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const warning = page.getByRole('dialog', { name: "Is this real children's data?" });
    await warning.getByText(/looks like a real SSDA903 return \(12 children/).waitFor();
    await screenshot(page, 'imports-01b-ssda903-demo-warning', { fullPage: false });
    await warning.getByRole('button', { name: 'Cancel' }).click();
    expect(childrenOf(council.id)).toBe(before);
    expect(await run('Import', 'episodes.csv', true)).toBe('Imported');
    expect(childrenOf(council.id)).toBe(before + children.length);
    const episodes = app.db
      .prepare('SELECT count(*) FROM episodes e JOIN children c ON c.id = e.child_id WHERE c.council_id = ?')
      .pluck()
      .get(council.id) as number;
    expect(episodes).toBeGreaterThanOrEqual(children.reduce((n, c) => n + c.episodes.length, 0));
    await screenshot(page, 'imports-02-ssda903-imported');
  });

  it('SSDA903 with a bad date is refused whole, and the report names the row and column', async () => {
    const council = councils[1]!;
    const children = syntheticReturn({ children: 5, seed: 42 });
    children[2]!.DOB = '31/02/2015';
    const before = childrenOf(council.id);

    await page.getByRole('combobox', { name: 'Whose return is it?' }).click();
    await page.getByRole('option', { name: council.name, exact: true }).click();
    await chooseFiles([file('header.csv', 'text/csv', headerCsv(children)), file('episodes.csv', 'text/csv', episodesCsv(children))]);
    expect(await run('Import', 'header.csv')).toBe('Not imported');
    const problems = page.getByRole('table', { name: 'Validation report: problems by row and column' });
    // The third child is on row 4 of header.csv (the header is row 1).
    const row = problems.getByRole('row').filter({ hasText: 'header.csv' }).filter({ hasText: 'DOB' });
    await expect(row.first().getByRole('cell').nth(1).textContent()).resolves.toBe('4');
    await expect(row.first().getByRole('cell').nth(3).textContent()).resolves.toContain('31/02/2015');
    expect(childrenOf(council.id)).toBe(before);
    await screenshot(page, 'imports-03-ssda903-refused');
  });

  it('SSDA903 as XML', async () => {
    const council = councils[2]!;
    const children = syntheticReturn({ children: 8, seed: 43 });
    const before = childrenOf(council.id);
    await page.getByRole('combobox', { name: 'Whose return is it?' }).click();
    await page.getByRole('option', { name: council.name, exact: true }).click();
    await chooseFiles([file('return.xml', 'application/xml', xml903(children))]);
    expect(await run('Import', 'return.xml', true)).toBe('Imported');
    expect(childrenOf(council.id)).toBe(before + children.length);
  });

  it("Ofsted's provider list: a new children's home, placed by its town in the embedded gazetteer", async () => {
    const council = councils[0]!;
    const town = nearestPlace(council.lat, council.lon).place;
    const headers = [
      'Local authority',
      'URN',
      'Provider type',
      'Sector',
      'Provider name',
      'Registration status',
      'Provider town',
      'Provider postcode',
      'Owner name',
      'Date of last full inspection',
      'Overall effectiveness',
      'Number of registered places',
    ];
    const rows = [[council.name, 'SC977001', "Children's home", 'Private', 'Larch View', 'Active', town.name, '', 'Larch Care Ltd', '01/03/2025', 'Good', 3]];
    const csv = ["Children's social care providers and inspections", '', csvLine(headers), ...rows.map(csvLine)].join('\r\n');

    await chooseKind(KIND.ofsted);
    await chooseFiles([file('providers.csv', 'text/csv', csv)]);
    expect(await run('Import', 'providers.csv')).toBe('Imported');
    const home = app.db
      .prepare("SELECT name, kind, council_id AS councilId, place_label AS place, lat, lon, ofsted_grade AS grade FROM homes WHERE ofsted_urn = 'SC977001'")
      .get() as { name: string; kind: string; councilId: number; place: string; lat: number; lon: number; grade: string } | undefined;
    expect(home).toMatchObject({ name: 'Larch View', kind: 'residential', councilId: council.id, place: town.name, grade: 'good' });
    expect(home!.lat).toBeCloseTo(town.lat, 4);
    expect(home!.lon).toBeCloseTo(town.lon, 4);
    await screenshot(page, 'imports-04-ofsted');
  });

  it("a provider's vacancy feed: the Excel template exported from the screen, filled in and imported back", async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Vacancy template (Excel)' }).click()]);
    const templatePath = join(app.workDir, download.suggestedFilename());
    await download.saveAs(templatePath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(templatePath) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const column = (header: (typeof VACANCY_TEMPLATE_COLUMNS)[number]['header']) => VACANCY_TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(VACANCY_TEMPLATE_COLUMNS.map((c) => c.header));
    let edited: { vacancyId: number; row: number } | null = null;
    sheet.eachRow((row, rowNumber) => {
      const id = Number(row.getCell(column('Vacancy ID')).value);
      if (!edited && rowNumber > 1 && id > 0) edited = { vacancyId: id, row: rowNumber };
    });
    expect(edited).not.toBeNull();
    const { vacancyId, row } = edited!;
    sheet.getRow(row).getCell(column('Core weekly price (£)')).value = 4321.5;
    const filledIn = Buffer.from(await workbook.xlsx.writeBuffer());

    await chooseKind(KIND.vacancies);
    await chooseFiles([file('vacancies-filled-in.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filledIn)]);
    expect(await run('Import', 'vacancies-filled-in.xlsx')).toBe('Imported');
    expect(app.db.prepare('SELECT price_core_pence FROM vacancies WHERE id = ?').pluck().get(vacancyId)).toBe(432_150);
    const changed = page.getByRole('table', { name: 'What the import changed' }).getByRole('row').filter({ hasText: 'vacancies' });
    await expect(changed.getByRole('cell').nth(2).textContent()).resolves.toBe('1');
    await screenshot(page, 'imports-05-vacancy-feed');
  });

  it('a foster household list', async () => {
    const council = councils[1]!;
    const provider = app.db
      .prepare("SELECT name FROM providers WHERE ownership = 'in_house' AND name LIKE ? ORDER BY id LIMIT 1")
      .pluck()
      .get(`${council.name}%`) as string | undefined;
    expect(provider, `no in-house provider named after ${council.name}`).toBeDefined();
    const household: Record<(typeof FOSTER_HOUSEHOLD_COLUMNS)[number], string> = {
      'Household reference': 'E2E-FH-1',
      Provider: provider!,
      Council: council.name,
      'Household name': 'Rowan household',
      Town: '',
      Postcode: '',
      'Main carer': 'Sam Rowan',
      'Second carer': '',
      Phone: '0161 000 2222',
      Email: 'rowans@example.org',
      'Approved ages from': '5',
      'Approved ages to': '15',
      'Children approved for': '2',
      'Approved sex': 'Any',
      'Sibling groups': 'Yes',
      'Fee tier': '2',
      'Skills tier': '2',
      Specialisms: '',
      Languages: 'English',
      Religion: '',
      'Pets in home': 'No',
      'Wheelchair adapted': 'No',
      'Other children in the home': '',
      'Years approved': '3',
      Kinship: 'No',
      'Mockingbird constellation': '',
      Active: 'Yes',
      'Approved for': '',
      'Named child': '',
    };
    const csv = [csvLine(FOSTER_HOUSEHOLD_COLUMNS), csvLine(FOSTER_HOUSEHOLD_COLUMNS.map((c) => household[c]))].join('\r\n');

    await chooseKind(KIND.fosterHouseholds);
    await chooseFiles([file('households.csv', 'text/csv', csv)]);
    expect(await run('Import', 'households.csv')).toBe('Imported');
    const added = app.db
      .prepare(
        "SELECT h.name, h.council_id AS councilId, f.approval_max_children AS places FROM homes h JOIN foster_households f ON f.home_id = h.id WHERE h.external_ref = 'E2E-FH-1'",
      )
      .get();
    expect(added).toEqual({ name: 'Rowan household', councilId: council.id, places: 2 });
    await screenshot(page, 'imports-06-foster-households');
  });
  it("SSDA903 export: the screen names the council's two files, the year and why they are for analysis only; the files pass the DfE rules", async () => {
    const council = councils[3]!;
    const block = page.getByRole('region', { name: 'SSDA903 return (header and episodes files)' });
    await block.getByText('A return is one council’s: choose the council.').waitFor();
    await block.getByRole('combobox', { name: 'Whose return?' }).click();
    await page.getByRole('option', { name: council.name, exact: true }).click();
    const status = block.getByRole('status').filter({ hasText: 'For analysis only' });
    await status.waitFor();
    const year = await block.getByRole('combobox', { name: 'Collection year' }).textContent();
    expect(await status.textContent()).toContain(`not ${council.name}’s ${year} return as it stands`);
    await status.getByText(/UPN is not on record/).waitFor();
    await block.getByText(/^The files pass the DfE validator’s rules/).waitFor();
    const named = await block.getByText(/^DEMO-synthetic-ssda903-episodes-.*-analysis-only-.*\.csv:/).textContent();
    await page.setViewportSize({ width: 1366, height: 768 });
    await block.scrollIntoViewIfNeeded();
    await screenshot(page, 'exports-01-ssda903-analysis-only', { fullPage: false });
    await page.setViewportSize({ width: 1400, height: 900 });

    const [download] = await Promise.all([page.waitForEvent('download'), block.getByRole('button', { name: 'SSDA903 episodes (CSV)' }).click()]);
    expect(named).toContain(download.suggestedFilename());
    const [headerDownload] = await Promise.all([page.waitForEvent('download'), block.getByRole('button', { name: 'SSDA903 header (CSV)' }).click()]);
    const rowsOf = async (d: typeof download) => {
      const path = join(app.workDir, d.suggestedFilename());
      await d.saveAs(path);
      const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\r\n');
      const columns = head!.split(',');
      return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i]!, v])));
    };
    const today = localIsoDate(new Date());
    const problems = check903({ header: await rowsOf(headerDownload), episodes: await rowsOf(download), year: collectionYearOf(today), asAt: today });
    expect(problems).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
  });
});
