import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend';
import { startLoopbackServer } from '../../electron/rpc/http';
import { verifyAuditChain } from '../../db/repositories/audit';
import { contract, type ApiErrorBody, type ApiResult, type ErrorCode } from '../../shared/contract';
import type { PricesView, SpendView, SufficiencyView, TopPlacement, UnitCostRow } from '../../shared/contract/market';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { followCookie, overMessages } from '../helpers/transports';
import { CHILDREN, PASSWORD, PLACEMENTS, seedMarketFixture, total } from '../db/market.fixture';

/*
 * The market methods' access, scope and privacy, through the dispatcher in-process and over the
 * loopback HTTP transport: commissioners see prices, providers, aggregates and pseudonymous
 * references; nobody sees a child's name, date of birth or case notes; a council-scoped
 * commissioner sees only their council's spend; other roles are refused and the refusal audited.
 */

type Result = ApiResult<unknown>;
interface Client {
  call(method: string, payload?: unknown): Promise<Result>;
}
interface Transport {
  name: string;
  start(backend: Backend): Promise<{ newClient(): Promise<Client>; close(): Promise<void> }>;
}

const inProcess: Transport = {
  name: 'in-process dispatcher',
  async start(backend) {
    return {
      async newClient() {
        const connection = backend.newConnection();
        // Through JSON and back, as over IPC.
        return { call: async (method, payload) => JSON.parse(JSON.stringify(await backend.dispatch(method, payload ?? {}, connection))) as Result };
      },
      close: async () => {},
    };
  },
};

const overHttp: Transport = {
  name: 'loopback HTTP',
  async start(backend) {
    const server = await startLoopbackServer({ backend: overMessages(backend).client, staticDir: null, launchSecret: randomBytes(24).toString('hex') });
    const base = `http://127.0.0.1:${server.port}`;
    return {
      async newClient() {
        const res = await fetch(server.launchUrl, { redirect: 'manual' });
        let cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
        return {
          async call(method, payload) {
            const r = await fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
              method: 'POST',
              headers: { cookie, 'x-rcc-client': '1', 'content-type': 'application/json' },
              body: JSON.stringify(payload ?? {}),
            });
            // Signing in hands out a fresh connection cookie, as a browser would keep it.
            cookie = followCookie(r, cookie);
            return (await r.json()) as Result;
          },
        };
      },
      close: () => server.close(),
    };
  },
};

function expectOk<T = unknown>(result: Result): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function expectError(result: Result, code: ErrorCode, field?: string): ApiErrorBody {
  if (result.ok) throw new Error(`Expected ${code}, got success: ${JSON.stringify(result.value).slice(0, 200)}`);
  expect(result.error.code, result.error.message).toBe(code);
  if (field !== undefined) expect(result.error.field, result.error.message).toBe(field);
  return result.error;
}

/** Every market method with an input it accepts. */
const CALLS: [string, unknown][] = [
  ['market.prices', {}],
  ['market.prices', { kind: 'residential', ageBand: '10 to 15', sources: ['placements'] }],
  ['market.unitCosts', {}],
  ['market.inHouseOverheads', {}],
  ['market.moveScenario', { from: 'residential:external', to: 'foster:in_house', children: 2 }],
  ['market.spend', {}],
  ['market.topPlacements', { limit: 50 }],
  ['market.sufficiency', {}],
  ['market.providers', {}],
  ['market.provider', { providerId: 3 }],
  ['market.summaryPdf', {}],
];

/** Anything that would identify a child or tell their story. */
function expectNoChildDetail(value: unknown): void {
  const json = JSON.stringify(value);
  for (const c of CHILDREN) {
    expect(json).not.toContain(c.name);
    expect(json).not.toContain(c.birth);
  }
  expect(json).not.toMatch(/Case note|firstName|first_name|birthDate|birth_date|care_?[nN]otes|wishes/);
}

describe.each([inProcess, overHttp])('market methods over the $name', (transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;

  beforeAll(async () => {
    store = tempStore({ kind: 'empty' });
    seedMarketFixture(store.db);
    running = await transport.start(testBackend(store.db, testClock('2026-11-25T10:00:00.000Z').now));
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  const count = (sql: string, ...params: unknown[]) =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as number;

  async function as(username: string): Promise<Client> {
    const client = await running.newClient();
    expectOk(await client.call('auth.signIn', { username, password: PASSWORD }));
    return client;
  }

  it('a region-wide commissioner can use every market method, and no answer carries a child’s name, birth date or notes', async () => {
    const client = await as('fx.commissioner');
    for (const [method, input] of CALLS) {
      const value = expectOk(await client.call(method, input));
      expectNoChildDetail(value);
    }
    const top = expectOk<TopPlacement[]>(await client.call('market.topPlacements', {}));
    expect(top.map((t) => t.childRef).every((r) => /^RCC-T\d{4}$/.test(r))).toBe(true);
    expect(top[0]).toMatchObject({ placementRef: 'P-7', childRef: 'RCC-T0007', weeklyPence: 1_200_000 });
  });

  it('the output schemas drop anything a service tried to add: names and dates of birth cannot leave the dispatcher', () => {
    const leaky = {
      placementRef: 'P-1',
      childRef: 'RCC-T0001',
      councilName: 'A',
      providerName: 'B',
      kind: 'foster',
      sector: 'external',
      grade: 'good',
      weeklyPence: 1,
      split: { core: 1, support: 0, education: 0, other: 0 },
      annualisedPence: 52,
      distanceMiles: null,
      firstName: 'Zephyrine',
      birthDate: '2016-03-04',
      careNotes: 'Case note',
    };
    const parsed = contract['market.topPlacements'].output.parse([leaky]);
    expectNoChildDetail(parsed);
    expect(Object.keys(parsed[0]!)).not.toContain('firstName');
  });

  it('listing the costliest placements is audited as one entry holding no references', async () => {
    const client = await as('fx.commissioner');
    const before = count("SELECT count(*) FROM audit_log WHERE method = 'market.topPlacements' AND outcome = 'ok'");
    const rows = expectOk<TopPlacement[]>(await client.call('market.topPlacements', { limit: 5 }));
    expect(count("SELECT count(*) FROM audit_log WHERE method = 'market.topPlacements' AND outcome = 'ok'")).toBe(before + 1);
    const entry = store.db.prepare("SELECT * FROM audit_log WHERE method = 'market.topPlacements' ORDER BY id DESC LIMIT 1").get() as Record<string, string>;
    expect(entry).toMatchObject({
      username: 'fx.commissioner',
      role: 'commissioner',
      action: 'list-costs',
      record_type: 'child',
      record_id: 'scope=region;count=5',
    });
    for (const r of rows) expect(JSON.stringify(entry)).not.toContain(r.childRef);
  });

  it('a hub carer is refused every market method, and each refusal is audited', async () => {
    const client = await as('fx.hubcarer');
    for (const [method, input] of CALLS) {
      const before = count("SELECT count(*) FROM audit_log WHERE method = ? AND outcome = 'refused' AND username = 'fx.hubcarer'", method);
      const error = expectError(await client.call(method, input), 'FORBIDDEN');
      expect(error.message).toContain('hub carer');
      expect(count("SELECT count(*) FROM audit_log WHERE method = ? AND outcome = 'refused' AND username = 'fx.hubcarer'", method)).toBe(before + 1);
    }
  });

  it('a placement officer may compare prices but not see spend, sufficiency or providers', async () => {
    const client = await as('fx.officer');
    expect(expectOk<PricesView>(await client.call('market.prices', {})).total).toBe(15);
    for (const [method, input] of CALLS.filter(([m]) => m !== 'market.prices')) expectError(await client.call(method, input), 'FORBIDDEN');
  });

  it('in-house overheads: a region-wide commissioner enters them (audited), they join the in-house unit cost; a council-scoped one and bad input are refused, nothing changed', async () => {
    const region = await as('fx.commissioner');
    const foster = { kind: 'foster', supervising: 9_000, recruitment: 2_500, training: 1_000, support: 1_500 };
    const before = expectOk<{ rows: UnitCostRow[] }>(await region.call('market.unitCosts', {})).rows.find((r) => r.category === 'foster:in_house')!;
    expect(before).toMatchObject({ overheadsWeeklyPence: 0, meanWeeklyPence: before.paymentsWeeklyPence });
    expect(before.includes).toMatch(/no in-house overheads have been entered/);

    const ashford = await as('fx.ashford.commissioner');
    expectError(await ashford.call('market.setInHouseOverheads', foster), 'FORBIDDEN', 'kind');
    expectError(await region.call('market.setInHouseOverheads', { ...foster, training: -100 }), 'BAD_INPUT', 'training');
    expectError(await region.call('market.setInHouseOverheads', { ...foster, support: 12.5 }), 'BAD_INPUT', 'support');
    expect(count('SELECT count(*) FROM in_house_overheads')).toBe(0);

    const saved = expectOk<{ totalPence: number; updatedBy: string }>(await region.call('market.setInHouseOverheads', foster));
    expect(saved).toMatchObject({ totalPence: 14_000, updatedBy: 'fx.commissioner' });
    const entry = store.db
      .prepare("SELECT * FROM audit_log WHERE method = 'market.setInHouseOverheads' AND outcome = 'ok' ORDER BY id DESC LIMIT 1")
      .get() as Record<string, string>;
    expect(entry).toMatchObject({ username: 'fx.commissioner', action: 'change', record_type: 'in_house_overheads', record_id: 'foster' });

    // By hand: £140 a week of overheads on top of the same carer payments; external foster care is unchanged.
    const after = expectOk<{ rows: UnitCostRow[] }>(await region.call('market.unitCosts', {})).rows;
    const inHouse = after.find((r) => r.category === 'foster:in_house')!;
    expect(inHouse).toMatchObject({
      paymentsWeeklyPence: before.paymentsWeeklyPence,
      overheadsWeeklyPence: 14_000,
      meanWeeklyPence: before.paymentsWeeklyPence! + 14_000,
    });
    expect(inHouse.includes).toBe(
      'Carer payments (fees and allowances) plus overheads of £140 a week per placement: supervising social work £90, recruitment £25, training £10, support £15.',
    );
    expect(after.find((r) => r.category === 'foster:external')!.overheadsWeeklyPence).toBe(0);
    // The council-scoped commissioner reads the same figures.
    expect(
      expectOk<{ kind: string; totalPence: number }[]>(await ashford.call('market.inHouseOverheads', {})).find((o) => o.kind === 'foster')!.totalPence,
    ).toBe(14_000);
    store.db.prepare('DELETE FROM in_house_overheads').run();
  });

  it('without a session every market method is UNAUTHENTICATED', async () => {
    const client = await running.newClient();
    for (const [method, input] of CALLS) expectError(await client.call(method, input), 'UNAUTHENTICATED');
  });

  it("a council-scoped commissioner sees only their council's spend, placements and referrals, and cannot ask for another's", async () => {
    const client = await as('fx.ashford.commissioner');
    const mine = PLACEMENTS.filter((p) => p.council === 1 && p.start <= '2026-11-25' && (p.end === null || p.end > '2026-11-25'));
    const spend = expectOk<SpendView>(await client.call('market.spend', {}));
    expect(spend.scope).toBe('Ashford Vale');
    expect(spend.currentPlacements).toBe(mine.length);
    expect(spend.weeklyPence).toBe(mine.reduce((n, p) => n + total(p.price), 0));
    expect(spend.byCouncil.map((c) => c.label)).toEqual(['Ashford Vale']);
    expect(expectOk<SpendView>(await client.call('market.spend', { councilId: 1 })).weeklyPence).toBe(spend.weeklyPence);

    const top = expectOk<TopPlacement[]>(await client.call('market.topPlacements', { limit: 200 }));
    expect(top.map((t) => t.councilName)).toEqual(mine.map(() => 'Ashford Vale'));
    const suff = expectOk<SufficiencyView>(await client.call('market.sufficiency', {}));
    expect(suff).toMatchObject({ scope: 'Ashford Vale', openReferrals: 2 });

    for (const method of ['market.spend', 'market.topPlacements', 'market.sufficiency', 'market.unitCosts', 'market.summaryPdf']) {
      const error = expectError(await client.call(method, { councilId: 2 }), 'FORBIDDEN', 'councilId');
      expect(error.message).toContain('own council');
    }
    // Prices are market evidence: a council's commissioner compares across the region.
    expect(expectOk<PricesView>(await client.call('market.prices', {})).total).toBe(15);
  });

  it('a region-wide commissioner may narrow to one council; an unknown council is NOT_FOUND', async () => {
    const client = await as('fx.commissioner');
    expect(expectOk<SpendView>(await client.call('market.spend', { councilId: 2 })).scope).toBe('Brookmere');
    expectError(await client.call('market.spend', { councilId: 999 }), 'NOT_FOUND', 'councilId');
    expectError(await client.call('market.provider', { providerId: 999 }), 'NOT_FOUND', 'providerId');
  });

  it('bad input is BAD_INPUT naming the field', async () => {
    const client = await as('fx.commissioner');
    expectError(await client.call('market.prices', { kind: 'castle' }), 'BAD_INPUT', 'kind');
    expectError(await client.call('market.prices', { sources: [] }), 'BAD_INPUT', 'sources');
    expectError(await client.call('market.prices', { feeTier: 9 }), 'BAD_INPUT', 'feeTier');
    expectError(await client.call('market.prices', { ageBand: '18 to 25' }), 'BAD_INPUT', 'ageBand');
    expectError(await client.call('market.prices', { childId: 1 }), 'BAD_INPUT', 'childId');
    expectError(await client.call('market.moveScenario', { from: 'foster:in_house', to: 'foster:in_house', children: 1 }), 'BAD_INPUT', 'to');
    expectError(await client.call('market.moveScenario', { from: 'foster:in_house', to: 'foster:external', children: 0 }), 'BAD_INPUT', 'children');
    expectError(await client.call('market.moveScenario', { from: 'foster:in_house', to: 'foster:external', children: 1.5 }), 'BAD_INPUT', 'children');
    expectError(await client.call('market.topPlacements', { limit: 10_000 }), 'BAD_INPUT', 'limit');
    expectError(await client.call('market.provider', { providerId: 'three' }), 'BAD_INPUT', 'providerId');
    // A move into a kind of home with no prices at all cannot be priced.
    expectError(await client.call('market.moveScenario', { from: 'foster:in_house', to: 'supported:in_house', children: 1 }), 'CONFLICT', 'to');
  });

  it('the summary PDF arrives whole, as base64, with a filename for the download', async () => {
    const client = await as('fx.commissioner');
    const pdf = expectOk<{ filename: string; base64: string; bytes: number; pages: number }>(await client.call('market.summaryPdf', {}));
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.length).toBe(pdf.bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.pages).toBe(4);
    expect(pdf.filename).toBe('DEMO-synthetic-sufficiency-summary-the-whole-region-2026-11-25.pdf');
  });

  it('leaves the audit chain intact', () => {
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: true });
  });
});
