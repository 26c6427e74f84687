import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../db/importers/csv';
import { FOSTER_HOUSEHOLD_COLUMNS } from '../../db/importers/foster-households';
import type { ExportFileView, ImportResultView } from '../../shared/contract/data';
import type { ReferralDetail, ReferralFields } from '../../shared/contract/referrals';
import type { CouncilView, VacancyPage } from '../../shared/contract/region';
import type { SearchResult } from '../../shared/contract/matching';
import type { ChildPage } from '../../shared/contract/children';
import { episodesCsv, headerCsv, missingCsv, syntheticReturn, uascCsv } from '../db/importers/ssda903-generator';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectOk, type Client, type Transport, inProcess, overHttp } from '../helpers/transports';

/**
 * A real store does real work without the demo region: from an empty store an administrator sets
 * up the region, and an officer imports a council's SSDA903 return, the homes (Ofsted's provider
 * list) and a provider's vacancy feed, makes a referral and searches. Every record is synthetic.
 */

const TODAY = '2026-11-25';
const PASSWORD = 'a long enough password';
const file = (fileName: string, text: string) => ({ fileName, contentBase64: Buffer.from(text, 'utf8').toString('base64') });

/** Three children's homes and an agency in Ofsted's "Providers" layout (its own column names). */
const OFSTED_HEADERS = [
  'Local authority',
  'URN',
  'Provider type',
  'Sector',
  'Provider name',
  'Registration status',
  'Provider town',
  'Overall effectiveness',
  'Date of last full inspection',
  'Number of registered places',
  'Emotional and behavioural difficulties',
];
const OFSTED_ROWS = [
  ['Salford', 'SC700001', "Children's home", 'Private', 'Irwell View', 'Active', 'Eccles', 'Good', '01/03/2025', '4', 'Yes'],
  ['Salford', 'SC700002', "Children's home", 'Voluntary', 'Worsley Lodge', 'Active', 'Worsley', 'Outstanding', '12/05/2025', '3', 'Yes'],
  ['Wigan', 'SC700003', "Children's home", 'Local Authority', 'Leigh House', 'Active', 'Leigh', 'Requires improvement to be good', '20/01/2025', '5', 'No'],
  ['Wigan', 'SC700004', 'Independent fostering agency', 'Private', 'Pennine Fostering', 'Active', 'Wigan', 'Good', '02/02/2025', '', ''],
];

/** Two approved foster households: one of Salford's own carers, one of the agency's. */
const HOUSEHOLDS: Partial<Record<(typeof FOSTER_HOUSEHOLD_COLUMNS)[number], string>>[] = [
  {
    'Household reference': 'SAL-01',
    Provider: 'Salford Council Fostering Service',
    Council: 'Salford',
    'Household name': 'Holt household',
    Town: 'Swinton',
    'Main carer': 'Jo Holt',
    'Approved ages from': '0',
    'Approved ages to': '11',
    'Children approved for': '2',
    'Fee tier': '2',
    'Skills tier': '2',
  },
  {
    'Household reference': 'PF-17',
    Provider: 'SC700004',
    Council: 'Wigan',
    'Household name': 'Ashworth household',
    Town: 'Leigh',
    'Main carer': 'Pat Ashworth',
    'Approved ages from': '5',
    'Approved ages to': '17',
    'Children approved for': '1',
    'Fee tier': '3',
    'Skills tier': '3',
  },
];

function referralFields(childId: number): ReferralFields {
  const none = 'No known risk' as const;
  return {
    childId,
    neededBy: 'in more than 5 days',
    neededByDate: '2026-12-10',
    siblingCount: 0,
    siblingIds: [],
    preferredLocation: 'Salford',
    preferredLocationReason: 'Near her school and friends',
    avoidCouncilIds: [],
    fosterSuitability: 'Unsuitable',
    residentialSuitability: 'Preferred',
    supportedSuitability: 'Unsuitable',
    communicationNeeds: 'N',
    communicationRequirements: ['None'],
    homeAdaptation: false,
    culturalNeeds: 'Not required',
    livingCompanions: 'No preference',
    pets: 'Yes - can',
    additionalSupport: [],
    deprivationOfLiberty: false,
    secureOrder: false,
    ofstedNeeds: ['EBD'],
    risks: {
      riskSelfHarm: none,
      riskSexualExploitation: none,
      riskCriminalExploitation: none,
      riskDrugAlcohol: none,
      riskEatingDisorder: none,
      riskMissing: none,
      riskToOthersPhysical: none,
      riskToOthersSexual: none,
      riskToOthersFire: none,
      riskToOthersAnimals: none,
      riskToOthersCriminal: none,
    },
    riskOther: '',
    riskToOthersOther: '',
    budgetCeilingPence: null,
    childWishes: 'Somewhere calm, near my friends.',
    purpose: 'short_term',
    wishes: [],
  };
}

describe.each([inProcess, overHttp])('a real store over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let admin: Client;
  let officer: Client;
  const councils: Record<string, CouncilView> = {};
  const count = (sql: string, ...params: unknown[]) =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;

  beforeAll(async () => {
    store = tempStore({ kind: 'real', today: TODAY });
    running = await transport.start(testBackend(store.db, testClock(`${TODAY}T10:00:00.000Z`).now));
    admin = await running.newClient();
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it('starts empty: no councils, homes, children or demo accounts, and asks for its first administrator', async () => {
    expect(expectOk<{ storeKind: string; needsFirstAdmin: boolean }>(await admin.call('system.info'))).toMatchObject({
      storeKind: 'real',
      needsFirstAdmin: true,
    });
    expect(expectOk(await admin.call('auth.demoAccounts'))).toEqual([]);
    for (const table of ['councils', 'providers', 'homes', 'children', 'vacancies', 'referrals', 'users'])
      expect(count(`SELECT count(*) FROM ${table}`), table).toBe(0);
  });

  it('the first administrator adds two partner councils and a placement officer', async () => {
    expectOk(await admin.call('auth.createFirstAdmin', { username: 'region.admin', displayName: 'Region Administrator', password: PASSWORD }));
    councils.salford = expectOk<CouncilView>(await admin.call('councils.create', { name: 'Salford', dfeCode: '355', onsCode: 'E08000006', centre: 'Salford' }));
    councils.wigan = expectOk<CouncilView>(await admin.call('councils.create', { name: 'Wigan', dfeCode: '359', onsCode: 'E08000010', centre: 'Wigan' }));
    expectOk(
      await admin.call('users.create', {
        username: 'placement.officer',
        displayName: 'Placement Officer',
        password: PASSWORD,
        role: 'placement_officer',
        councilId: null,
        constellationId: null,
      }),
    );
    officer = await running.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'placement.officer', password: PASSWORD }));
    // The administrator chose that password: the officer chooses their own before anything else.
    expectOk(await officer.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'the officer’s own choice' }));
    expect(expectOk<CouncilView[]>(await officer.call('region.councils')).map((c) => c.name)).toEqual(['Salford', 'Wigan']);
  });

  it("imports Salford's SSDA903 return: its children and their episodes", async () => {
    const children = syntheticReturn({ children: 12, seed: 355 });
    const files = [
      file('header.csv', headerCsv(children)),
      file('episodes.csv', episodesCsv(children)),
      file('uasc.csv', uascCsv(children)),
      file('missing.csv', missingCsv(children)),
    ];
    const report = expectOk<ImportResultView>(await officer.call('imports.ssda903', { files, councilId: councils.salford!.id }));
    expect(report.errorCount, JSON.stringify(report.problems.slice(0, 5))).toBe(0);
    expect(report.imported).toBe(true);
    expect(count('SELECT count(*) FROM children WHERE council_id = ?', councils.salford!.id)).toBe(12);
    expect(count('SELECT count(*) FROM episodes')).toBe(children.reduce((n, c) => n + c.episodes.length, 0));
    const page = expectOk<ChildPage>(await officer.call('children.list', {}));
    expect(page.total).toBe(12);
    expect(page.rows.every((c) => c.councilName === 'Salford')).toBe(true);
  });

  it("imports the homes from Ofsted's provider list, each in its partner council", async () => {
    const csv = [OFSTED_HEADERS.join(','), ...OFSTED_ROWS.map((r) => r.join(','))].join('\r\n');
    const report = expectOk<ImportResultView>(await officer.call('imports.ofsted', file('providers.csv', csv)));
    expect(report.errorCount, JSON.stringify(report.problems)).toBe(0);
    expect(report.imported).toBe(true);
    const homes = store.db.prepare('SELECT h.name, h.kind, c.name AS council FROM homes h JOIN councils c ON c.id = h.council_id ORDER BY h.ofsted_urn').all();
    expect(homes).toEqual([
      { name: 'Irwell View', kind: 'residential', council: 'Salford' },
      { name: 'Worsley Lodge', kind: 'residential', council: 'Salford' },
      { name: 'Leigh House', kind: 'residential', council: 'Wigan' },
    ]);
  });

  it("imports foster households: a council's own carers under the fostering service added with the council, and an agency's", async () => {
    const providers = store.db.prepare("SELECT name, ownership FROM providers WHERE provider_type = 'in_house' ORDER BY name").all();
    expect(providers).toEqual([
      { name: 'Salford Council Fostering Service', ownership: 'in_house' },
      { name: 'Wigan Council Fostering Service', ownership: 'in_house' },
    ]);
    const csv = [FOSTER_HOUSEHOLD_COLUMNS.join(','), ...HOUSEHOLDS.map((h) => FOSTER_HOUSEHOLD_COLUMNS.map((c) => h[c] ?? '').join(','))].join('\r\n');
    const report = expectOk<ImportResultView>(await officer.call('imports.fosterHouseholds', file('households.csv', csv)));
    expect(report.errorCount, JSON.stringify(report.problems)).toBe(0);
    expect(report.changes).toContainEqual({ record: 'foster households', created: 2, updated: 0, unchanged: 0 });
    const homes = store.db
      .prepare(
        "SELECT h.name, p.name AS provider, c.name AS council FROM homes h JOIN providers p ON p.id = h.provider_id JOIN councils c ON c.id = h.council_id WHERE h.kind = 'foster' ORDER BY h.name",
      )
      .all();
    expect(homes).toEqual([
      { name: 'Ashworth household', provider: 'Pennine Fostering', council: 'Wigan' },
      { name: 'Holt household', provider: 'Salford Council Fostering Service', council: 'Salford' },
    ]);
  });

  it('a provider fills in the exported vacancy template, and the feed adds its vacancies', async () => {
    const template = expectOk<ExportFileView>(await officer.call('exports.vacancyTemplate', { format: 'csv' }));
    const { table } = readCsv(Buffer.from(template.contentBase64, 'base64').toString('utf8'), template.fileName);
    const at = (header: string) => table!.headers.indexOf(header);
    expect(table!.rows).toHaveLength(5);
    // One bed in each home, free from early December, at the home's weekly price.
    const prices: Record<string, string> = {
      'Irwell View': '4200.00',
      'Worsley Lodge': '5150.50',
      'Leigh House': '3900',
      'Holt household': '485',
      'Ashworth household': '£910.00',
    };
    const filled = table!.rows.map((r) => {
      const cells = [...r.cells];
      cells[at('Beds')] = '1';
      cells[at('Available from')] = '01/12/2026';
      cells[at('Status')] = 'Open';
      cells[at('Core weekly price (£)')] = prices[cells[at('Home')]!]!;
      return cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    });
    const report = expectOk<ImportResultView>(await officer.call('imports.vacancies', file('feed.csv', [table!.headers.join(','), ...filled].join('\r\n'))));
    expect(report.errorCount, JSON.stringify(report.problems)).toBe(0);
    expect(report.changes).toEqual([{ record: 'vacancies', created: 5, updated: 0, unchanged: 0 }]);
    const board = expectOk<VacancyPage>(await officer.call('vacancies.list', { status: 'open' }));
    expect(board.total).toBe(5);
    expect(board.rows.map((v) => [v.homeName, v.councilName, v.weeklyPricePence]).sort()).toEqual([
      ['Ashworth household', 'Wigan', 91000],
      ['Holt household', 'Salford', 48500],
      ['Irwell View', 'Salford', 420000],
      ['Leigh House', 'Wigan', 390000],
      ['Worsley Lodge', 'Salford', 515050],
    ]);
  });

  it('makes a referral for an imported child, and the search ranks the imported vacancies', async () => {
    // A child of an age the children's homes are registered for (8 to 17).
    const child = expectOk<ChildPage>(await officer.call('children.list', {})).rows.find((c) => c.age !== null && c.age >= 10 && c.age <= 16)!;
    expect(child).toBeDefined();
    const referral = expectOk<ReferralDetail>(await officer.call('referrals.save', { referralId: null, asDraft: false, fields: referralFields(child.id) }));
    expect(referral.summary).toMatchObject({ childId: child.id, councilName: 'Salford', status: 'new' });
    expect(count('SELECT count(*) FROM referrals')).toBe(1);

    const search = expectOk<SearchResult>(await officer.call('matching.search', { referralId: referral.summary.id }));
    expect(search.ranked.map((r) => r.homeName).sort(), JSON.stringify(search.excluded)).toEqual(['Irwell View', 'Worsley Lodge']);
    // Leigh House is not registered for the child's emotional and behavioural needs, and foster care is
    // unsuitable for this child: the search says why for each.
    expect(search.excluded.map((e) => e.homeName).sort()).toEqual(['Ashworth household', 'Holt household', 'Leigh House']);
    expect(search.excluded).toContainEqual(
      expect.objectContaining({
        homeName: 'Leigh House',
        reasons: [expect.stringMatching(/Not registered with Ofsted for emotional and behavioural difficulties/)],
      }),
    );
    expect(count('SELECT count(*) FROM policies')).toBe(1);
    expect(count('SELECT count(*) FROM search_runs')).toBe(1);
  });
});
