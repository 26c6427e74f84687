import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Backend } from '../../electron/backend';
import { DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS } from '../../db/seed/accounts';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { inProcess, overHttp, type Client } from '../helpers/transports';

/**
 * Council scope, walked: a placement officer scoped to one council calls EVERY method of the
 * contract (METHOD_NAMES, so a method added later is walked too) whose input names a record a
 * council owns, with inputs generated from that method's zod schema and the ids swapped for
 * ANOTHER council's records. Each call must be refused as FORBIDDEN or NOT_FOUND, never answered.
 * The same inputs with the officer's own council's ids must reach real answers, so the walk is
 * not vacuous: a method that refused everything, own records included, would prove nothing.
 * Over both transports (the in-process dispatcher, as over IPC, and the loopback HTTP server).
 */

const SCOPED = DEMO_SCOPED_ACCOUNTS.find((a) => a.role === 'placement_officer')!;

/** Keys that name a record a council owns, and how to find one council's (or the others') records. */
const OWNED: Record<string, string> = {
  councilId: 'SELECT id FROM councils WHERE id %s ?',
  childId: 'SELECT id FROM children WHERE council_id %s ?',
  referralId: 'SELECT id FROM referrals WHERE council_id %s ?',
  homeId: 'SELECT id FROM homes WHERE council_id %s ?',
  vacancyId: 'SELECT v.id FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.council_id %s ?',
  constellationId: 'SELECT id FROM constellations WHERE council_id %s ?',
  runId: 'SELECT s.id FROM search_runs s JOIN referrals r ON r.id = s.referral_id WHERE r.council_id %s ?',
  // Stays still waiting first, so accepting and declining one of our own can answer.
  sleepoverId:
    "SELECT s.id FROM sleepovers s JOIN constellations c ON c.id = s.constellation_id WHERE c.council_id %s ? ORDER BY s.status = 'requested' DESC, 1",
  eventId: 'SELECT e.id FROM constellation_events e JOIN constellations c ON c.id = e.constellation_id WHERE c.council_id %s ?',
};

/** Methods that take such a key but, by design, answer across the region, and why. */
const REGION_WIDE: Partial<Record<MethodName, string>> = {
  // The region shares its homes: every officer places children in any council's vacancies, and
  // changes only their own council's (vacancies.setStatus and vacancies.update are walked).
  'vacancies.list': "the region's vacancy board, which every officer places from",
  // Prices are market figures about homes, not records of a council's children or spend.
  'market.prices': "the region's market prices, filtered by the home's council",
};

/** Methods whose generated inputs cannot reach an answer with the officer's own records, and why. */
const CANNOT_ANSWER_HERE: Partial<Record<MethodName, string>> = {};

const officerMayCall = (method: MethodName): boolean => {
  const access = contract[method].access;
  return access === 'public' || access.includes('placement_officer');
};

function ownedKeys(method: MethodName): string[] {
  const def = (contract[method].input as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def;
  return Object.keys(def.shape ?? {}).filter((k) => k in OWNED);
}

type Side = Record<string, number[]>;

const DATES = ['2026-11-25', '2026-12-05', '2026-12-19', '2027-01-10'];

/** Well-formed values only: the refusal must be about scope, not about shape. */
function arbitraryFor(schema: z.ZodType, key: string, ids: Side): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const parts: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, child] of Object.entries(def.shape as Record<string, z.ZodType>)) parts[k] = arbitraryFor(child, k, ids);
      return fc.record(parts);
    }
    case 'number':
      if (ids[key]?.length) return fc.constantFrom(...ids[key]);
      if (key === 'beds') return fc.constantFrom(1, 2);
      if (key.endsWith('Pence')) return fc.constantFrom(0, 25_000, 90_000);
      return key.endsWith('Id') ? fc.constantFrom(1, 2, 3) : fc.constantFrom(1, 2, 10, 50);
    case 'string':
      if (/date$|From$|By$|^from$|^to$/i.test(key)) return fc.constantFrom(...DATES);
      if (key === 'beds') return fc.constant('2');
      if (key.startsWith('price')) return fc.constant('820');
      if (key === 'contentBase64') return fc.constant(Buffer.from('CHILD,SEX,DOB\n').toString('base64'));
      if (key === 'passphrase') return fc.constant('correct horse battery staple');
      if (key === 'search') return fc.constantFrom('', 'A');
      if (key === 'startTime') return fc.constant('19:00');
      return fc.constant('Plain words');
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => arbitraryFor(o, key, ids)));
    case 'nullable':
      return fc.oneof(arbitraryFor(def.innerType as z.ZodType, key, ids), fc.constant(null));
    case 'optional':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, key, ids), { nil: undefined });
    case 'default':
    case 'readonly':
    case 'catch':
      return arbitraryFor(def.innerType as z.ZodType, key, ids);
    case 'pipe':
      return arbitraryFor(def.in as z.ZodType, key, ids);
    case 'array': {
      const single = key.replace(/Ids$/, 'Id');
      if (key.endsWith('Ids') && ids[single]?.length) return fc.array(fc.constantFrom(...ids[single]), { minLength: 1, maxLength: 3 });
      return fc.array(arbitraryFor(def.element as z.ZodType, key, ids), { minLength: 1, maxLength: 2 });
    }
    default:
      return fc.constant({});
  }
}

function seedFor(method: string): number {
  let h = 2166136261;
  for (let i = 0; i < method.length; i++) h = Math.imul(h ^ method.charCodeAt(i), 16777619);
  return h >>> 0;
}

describe.each([inProcess, overHttp])('a placement officer scoped to one council, walking every method that names a record over the $name', (transport) => {
  let store: ReturnType<typeof tempStore>;
  let backend: Backend;
  let officer: UserClient;
  let walker: Client;
  let closeTransport: () => Promise<void>;
  let ours: Side;
  let theirs: Side;
  let searches: { referralId: number; runId: number; vacancyIds: number[] }[];

  /** Methods whose own-council inputs must fit what the store holds, not just the schema. */
  const fitted: Partial<Record<MethodName, (i: number) => Record<string, unknown> | Promise<Record<string, unknown>>>> = {
    'matching.shortlist': (i) => {
      const s = searches[i % searches.length]!;
      return { runId: s.runId, vacancyIds: s.vacancyIds.slice(0, 2) };
    },
    'placement.hold': (i) => {
      const s = searches[i % searches.length]!;
      return { referralId: s.referralId, vacancyId: s.vacancyIds[i % s.vacancyIds.length] };
    },
    // Walked after placement.hold (METHOD_NAMES order), so the beds it held can be filled.
    'placement.place': (i) => {
      const s = searches[i % searches.length]!;
      // The home's own PLACE code, and a reason for the change only when the child moves within care.
      const moves = store.db.prepare('SELECT 1 FROM episodes e JOIN referrals r ON r.child_id = e.child_id WHERE r.id = ? AND e.dec IS NULL').get(s.referralId);
      return { referralId: s.referralId, vacancyId: s.vacancyIds[i % s.vacancyIds.length], place: undefined, reasonPlaceChange: moves ? 'CHILD' : null };
    },
    // A child of ours with a current placement (each sample its own, none in a constellation, whose stays are walked later), going home today.
    'placement.end': (i) => ({
      placementId: undefined,
      childId: store.db
        .prepare(
          `SELECT p.child_id FROM placements p JOIN children ch ON ch.id = p.child_id
            WHERE ch.council_id = (SELECT council_id FROM users WHERE username = ?) AND p.end_date IS NULL AND p.start_date <= '2026-11-25'
              AND NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = p.child_id AND e.dec IS NULL AND e.decom > '2026-11-25')
              AND p.home_id NOT IN (SELECT id FROM homes WHERE constellation_id IS NOT NULL)
            ORDER BY p.child_id DESC LIMIT 1 OFFSET ?`,
        )
        .pluck()
        .get(SCOPED.username, i) as number,
      endDate: '2026-11-25',
      reasonEpisodeCeased: 'E4A',
    }),
    'imports.ssda903': () => ({ collectionYear: '2025-26' }),
    'referrals.save': async (i) => {
      const referralId = ours.referralId![i % ours.referralId!.length]!;
      return { referralId, asDraft: true, fields: (await officer.ok('referrals.get', { referralId })).fields };
    },
  };

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    backend = testBackend(store.db, testClock().now);
    // Every search run the walk may name exists before it starts: one per referral the admin runs.
    const admin = await signInAs(backend, 'demo.admin', DEMO_PASSWORD);
    const referralIds = store.db.prepare('SELECT id FROM referrals ORDER BY id').pluck().all() as number[];
    for (const referralId of referralIds.slice(0, 40)) await admin.call('matching.search', { referralId });
    officer = await signInAs(backend, SCOPED.username, DEMO_PASSWORD);
    const councilId = store.db.prepare('SELECT council_id FROM users WHERE username = ?').pluck().get(SCOPED.username) as number;
    expect(councilId).toBeTypeOf('number');
    const pool = (op: string, council: number): Side =>
      Object.fromEntries(
        Object.entries(OWNED).map(([key, sql]) => {
          const ordered = sql.includes('ORDER BY') ? sql : `${sql} ORDER BY 1`;
          return [
            key,
            store.db
              .prepare(`${ordered.replace('%s', op)} LIMIT 6`)
              .pluck()
              .all(council) as number[],
          ];
        }),
      );
    ours = pool('=', councilId);
    // Two records of each other council, so every council's records are tried, not only the first's.
    const others = store.db.prepare('SELECT id FROM councils WHERE id <> ? ORDER BY id').pluck().all(councilId) as number[];
    const perCouncil = others.map((c) => pool('=', c));
    theirs = Object.fromEntries(Object.keys(OWNED).map((key) => [key, perCouncil.flatMap((side) => side[key]!.slice(0, 2))]));
    // Searches of our own open referrals, whose ranked vacancies a shortlist or a hold may name.
    const open = store.db
      .prepare("SELECT id FROM referrals WHERE council_id = ? AND status NOT IN ('placed', 'closed') ORDER BY id LIMIT 8")
      .pluck()
      .all(councilId) as number[];
    const found = [];
    for (const referralId of open) found.push(await officer.ok('matching.search', { referralId }));
    searches = found
      .map((r) => ({ referralId: r.referralId, runId: r.runId, vacancyIds: r.ranked.map((h) => h.vacancyId) }))
      .filter((r) => r.vacancyIds.length > 0);
    expect(searches.length).toBeGreaterThan(0);
    for (const [key, ids] of Object.entries(theirs)) expect(ids.length, `the demo has another council's ${key}`).toBeGreaterThan(0);
    const started = await transport.start(backend);
    closeTransport = started.close;
    walker = await started.newClient();
    const signedIn = await walker.call('auth.signIn', { username: SCOPED.username, password: DEMO_PASSWORD });
    expect(signedIn.ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await closeTransport?.();
    store?.remove();
  });

  it("refuses every other council's record, and answers with its own", async () => {
    const methods = METHOD_NAMES.filter((m) => officerMayCall(m) && ownedKeys(m).length > 0 && !REGION_WIDE[m]);
    expect(methods).toEqual(expect.arrayContaining(['children.get', 'referrals.get', 'matching.run', 'vacancies.update', 'placement.hold']));
    const problems: string[] = [];
    const refused = new Map<MethodName, number>();
    const answered = new Map<MethodName, number>();
    // What the refusals said, so a method that is never reached says why.
    const codes = new Map<MethodName, string[]>();
    const ownCodes = new Map<MethodName, string[]>();
    for (const method of methods) {
      const keys = ownedKeys(method);
      const samples = fc.sample(arbitraryFor(contract[method].input, 'input', ours), { numRuns: 12, seed: seedFor(method) });
      for (const [i, sample] of samples.entries()) {
        const own = { ...(sample as Record<string, unknown>), ...(await fitted[method]?.(i)) };
        const other = { ...own };
        for (const k of keys) other[k] = theirs[k]![i % theirs[k]!.length];
        for (const [k, v] of Object.entries(own)) {
          // Lists of ids (vacancyIds beside a runId) point at the other council too.
          if (k.endsWith('Ids') && theirs[k.replace(/Ids$/, 'Id')])
            other[k] = (v as unknown[]).map((_, j) => theirs[k.replace(/Ids$/, 'Id')]![j % theirs[k.replace(/Ids$/, 'Id')]!.length]);
        }
        // The other council's call first, so a write with our own ids cannot change what it meets.
        const theirResult = await walker.call(method, other);
        const ownResult = await walker.call(method, own);
        const where = `${method}(${JSON.stringify(other).slice(0, 160)})`;
        if (theirResult.ok) problems.push(`${where} answered another council's record: ${JSON.stringify(theirResult.value).slice(0, 160)}`);
        else if (theirResult.error.code === 'FORBIDDEN' || theirResult.error.code === 'NOT_FOUND') refused.set(method, (refused.get(method) ?? 0) + 1);
        // Any other refusal is about something besides scope only if our own twin met it as well.
        else if (ownResult.ok || ownResult.error.code !== theirResult.error.code) {
          problems.push(`${where} was refused as ${theirResult.error.code} (${theirResult.error.message}), not FORBIDDEN or NOT_FOUND`);
        }
        if (ownResult.ok) answered.set(method, (answered.get(method) ?? 0) + 1);
        else ownCodes.set(method, [...new Set([...(ownCodes.get(method) ?? []), `${ownResult.error.code}: ${ownResult.error.message.slice(0, 80)}`])]);
        if (!theirResult.ok) codes.set(method, [...new Set([...(codes.get(method) ?? []), theirResult.error.code])]);
      }
    }
    expect(problems).toEqual([]);
    // Every method was refused for scope and answered for its own council, listed all at once.
    const unreached: string[] = [];
    for (const method of methods) {
      if (!refused.get(method)) unreached.push(`${method} was never refused for scope (${codes.get(method)?.join(', ')})`);
      const answers = answered.get(method) ?? 0;
      if (CANNOT_ANSWER_HERE[method] ? answers > 0 : answers === 0)
        unreached.push(`${method} answered its own council ${answers} times (${ownCodes.get(method)?.join(', ')})`);
    }
    expect(unreached).toEqual([]);
  }, 300_000);
});
