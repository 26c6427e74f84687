import { DEMO_FILE_PREFIX } from '../../shared/domain/demo';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { SearchResult } from '../../shared/contract/matching';
import { FACTOR_LABELS, FACTORS } from '../../shared/scoring/types';
import { popplerPresent } from '../helpers/present';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, inProcess, overHttp, type Client, type Transport } from '../helpers/transports';

const POPPLER = popplerPresent();
const SCREENSHOTS = resolve('test-artifacts/screenshots');

type Exported = { filename: string; mimeType: string; base64: string; bytes: number; homes: number };

describe.each([inProcess, overHttp])('the matching panel shortlist, over the $name', (transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let officer: Client;
  let search: SearchResult;
  let referralId: number;

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    running = await transport.start(testBackend(store.db, testClock().now));
    officer = await signedIn('demo.officer');
    // A referral the team is working on, with a child who has wishes recorded.
    referralId = store.db
      .prepare(
        "SELECT r.id FROM referrals r JOIN children ch ON ch.id = r.child_id WHERE r.status NOT IN ('placed', 'closed', 'draft') AND ch.wishes <> '' ORDER BY r.id LIMIT 1",
      )
      .pluck()
      .get() as number;
    search = expectOk<SearchResult>(await officer.call('matching.search', { referralId }));
    expect(search.ranked.length).toBeGreaterThan(10);
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  async function signedIn(username: string): Promise<Client> {
    const client = await running.newClient();
    expectOk(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
    return client;
  }
  const exportsAudited = () =>
    store.db
      .prepare("SELECT count(*) FROM audit_log WHERE method = 'matching.shortlist' AND action = 'export' AND record_type = 'referral' AND record_id = ?")
      .pluck()
      .get(String(referralId)) as number;

  it("exports the top ten as XLSX: one row per home with each score, every factor's reasons, the wishes, policy version and date; audited", async () => {
    const audited = exportsAudited();
    const file = expectOk<Exported>(await officer.call('matching.shortlist', { runId: search.runId, format: 'xlsx' }));
    expect(file).toMatchObject({ filename: `${DEMO_FILE_PREFIX}shortlist-referral-${referralId}-search-${search.runId}.xlsx`, homes: 10 });
    expect(exportsAudited()).toBe(audited + 1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const values = (sheet: string) =>
      book
        .getWorksheet(sheet)!
        .getSheetValues()
        .slice(1)
        .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    const [header, ...rows] = values('Shortlist');
    expect(header).toEqual([
      'Rank',
      'Home',
      'Type',
      'Provider',
      'Council',
      'Distance (miles)',
      'Weekly price (£)',
      'Total score',
      ...FACTORS.map((f) => `${FACTOR_LABELS[f]} score`),
    ]);
    expect(rows).toHaveLength(10);
    const top = search.ranked.slice(0, 10);
    expect(rows.map((r) => r[1])).toEqual(top.map((h) => h.homeName));
    expect(rows[0]![6]).toBe(top[0]!.weeklyPence / 100);
    expect(rows[0]![7]).toBe(Math.round(top[0]!.total * 10) / 10);
    // A factor not scored for this child (no wishes recorded) is written in words, never as 0.
    expect(rows[0]!.slice(8)).toEqual(FACTORS.map((f) => (top[0]!.factors[f].scored ? Math.round(top[0]!.factors[f].score) : 'not scored')));
    // Every explanation line of every factor, for every home, is on the Reasons sheet.
    const reasons = values('Reasons').slice(1);
    for (const h of top) {
      for (const f of FACTORS) {
        const expected = h.factors[f].lines;
        expect(reasons.filter((r) => r[1] === h.homeName && r[2] === FACTOR_LABELS[f] && r[0] === h.rank).map((r) => r[3])).toEqual(expected);
      }
    }
    expect(reasons.length).toBeGreaterThan(10);
    const about = new Map(
      values('About')
        .slice(1)
        .map((r) => [r[0], r[1]]),
    );
    expect(about.get("Child's wishes (as recorded)")).toBe(search.childWishes);
    expect(about.get('Policy version')).toBe(search.policyVersion);
    expect(about.get('Exported')).toMatch(/^\d{1,2} \w{3} \d{4}$/);
  });

  it('exports the chosen homes only, in rank order; refuses a home not in the search, a wrong role and a council outside scope, unaudited', async () => {
    const chosen = [search.ranked[4]!.vacancyId, search.ranked[1]!.vacancyId];
    const file = expectOk<Exported>(await officer.call('matching.shortlist', { runId: search.runId, vacancyIds: chosen, format: 'xlsx' }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const homes = book.getWorksheet('Shortlist')!.getColumn(2).values.slice(2);
    expect(homes).toEqual([search.ranked[1]!.homeName, search.ranked[4]!.homeName]);

    const audited = exportsAudited();
    const excluded = search.excluded[0]?.vacancyId ?? 999_999;
    expectError(await officer.call('matching.shortlist', { runId: search.runId, vacancyIds: [excluded], format: 'pdf' }), 'BAD_INPUT', 'vacancyIds');
    expectError(await officer.call('matching.shortlist', { runId: search.runId, format: 'docx' }), 'BAD_INPUT', 'format');
    expectError(await officer.call('matching.shortlist', { runId: 999_999, format: 'pdf' }), 'NOT_FOUND', 'runId');
    expectError(await (await signedIn('demo.commissioner')).call('matching.shortlist', { runId: search.runId, format: 'pdf' }), 'FORBIDDEN');
    expectError(await (await signedIn('demo.hubcarer')).call('matching.shortlist', { runId: search.runId, format: 'pdf' }), 'FORBIDDEN');
    const council = store.db.prepare('SELECT c.name FROM referrals r JOIN councils c ON c.id = r.council_id WHERE r.id = ?').pluck().get(referralId);
    if (council !== 'Bolton')
      expectError(await (await signedIn('demo.officer.bolton')).call('matching.shortlist', { runId: search.runId, format: 'pdf' }), 'FORBIDDEN');
    expect(exportsAudited()).toBe(audited);
  });

  it.skipIf(!POPPLER)('exports a PDF that renders, naming the homes, their reasons, the wishes and the policy version', async () => {
    const file = expectOk<Exported>(
      await officer.call('matching.shortlist', { runId: search.runId, vacancyIds: search.ranked.slice(0, 3).map((r) => r.vacancyId), format: 'pdf' }),
    );
    expect(file.mimeType).toBe('application/pdf');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'rcc-shortlist-'));
    try {
      const pdf = join(dir, 'shortlist.pdf');
      writeFileSync(pdf, bytes);
      const ppm = spawnSync('pdftoppm', ['-r', '40', pdf, join(dir, 'page')], { encoding: 'utf8' });
      expect(ppm.status, ppm.stderr).toBe(0);
      const txt = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      expect(txt.status, txt.stderr).toBe(0);
      const text = txt.stdout.replace(/\s+/g, ' ');
      for (const h of search.ranked.slice(0, 3)) expect(text).toContain(h.homeName.replace(/\s+/g, ' '));
      expect(text).toContain(`policy version ${search.policyVersion}`);
      expect(text).toContain(search.childWishes.replace(/\s+/g, ' ').slice(0, 40));
      const firstReason = search.ranked[0]!.factors.cost.lines[0];
      if (firstReason) expect(text).toContain(firstReason.replace(/\s+/g, ' ').slice(0, 30));
      if (transport === inProcess) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        spawnSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(SCREENSHOTS, 'shortlist-pdf-page-1')]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
