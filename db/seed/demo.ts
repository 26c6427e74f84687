import type { WritableDB } from '../handle';
import { appendAudit } from '../repositories/audit';
import { setMeta } from '../repositories/meta';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS } from './accounts';
import { makeChildren } from './children';
import { makeConstellations, makeEvents, makeSleepovers, practiseMockingbird } from './constellations';
import { DEMO_COUNCILS, DEMO_REGION_NAME } from './councils';
import { at } from './dates';
import { makeHistories, OfficerPool } from './histories';
import { HomeBook, makeHomes } from './homes';
import { REGION_SCALE, type AccountSpec, type CouncilRow, type RegionModel, type RegionSize } from './model';
import { placeChildren } from './placement';
import { makeProviders, UrnRegister } from './providers';
import { SeededRandom } from './random';
import { makeReferrals } from './referrals';
import { assignPurposes } from './purposes';
import { markOrdersAndRegistration, writeOrdersAndRegistration } from './orders';
import { indexByKind } from './spatial';
import { makeVacancies } from './vacancies';
import { careNotesFor, wishesFor } from './voices';
import { recordedWishesFor } from './wishes';
import { ensureAccounts, tableExists, writeRegion } from './write';

/**
 * The demo region: Greater Manchester's ten councils with everything about people synthetic,
 * generated deterministically from a seed and a day. `demo` is about 1,000 children in care;
 * `large` is ten times that, for benchmarks. Same seed, same day and same size: the same region,
 * row for row, on every machine.
 */

export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS } from './accounts';

export interface SeedOptions {
  seed: number;
  /** The day the demo region is generated for, ISO. */
  today: string;
  /** 'demo' (default) or the ten-times 'large' preset. */
  size?: RegionSize;
}

/** Builds the whole region in memory; nothing touches a database. */
export function generateRegion(options: SeedOptions): RegionModel {
  const { seed, today } = options;
  const size = options.size ?? 'demo';
  const scale = REGION_SCALE[size];
  const rng = new SeededRandom(seed);
  const now = at(today, 9);

  const councils: CouncilRow[] = DEMO_COUNCILS.map((c, i) => ({
    id: i + 1,
    name: c.name,
    onsCode: c.onsCode,
    lat: c.lat,
    lon: c.lon,
    areaSqKm: c.areaSqKm,
    region: DEMO_REGION_NAME,
  }));
  const urns = new UrnRegister(rng.fork('urns'));
  const providers = makeProviders(rng.fork('providers'), urns, scale, today);
  const book = new HomeBook(rng.fork('home-details'), urns, today);
  makeHomes(rng.fork('homes'), book, providers, scale);
  const constellations = makeConstellations(rng.fork('constellations'), book.homes, providers, scale);

  const { children } = makeChildren(rng.fork('children'), scale, today);
  placeChildren({ rng: rng.fork('placement'), book, providers }, children);
  const officers = new OfficerPool(rng.fork('officers'));
  const history = makeHistories({ rng: rng.fork('histories'), today, indexes: indexByKind(book.homes), urns }, children, officers);

  const voices = rng.fork('voices');
  for (const c of children) {
    c.wishes = wishesFor(voices, c);
    c.careNotes = careNotesFor(voices, c);
  }
  const vacancies = makeVacancies(rng.fork('vacancies'), book.homes, history.placements, today);
  const { referrals, offers } = makeReferrals({ rng: rng.fork('referrals'), today, now, scale, officers }, children, vacancies, history.placements);
  assignPurposes({ rng: rng.fork('purposes'), book, providers, today, now, scale }, children, vacancies, referrals, offers);
  const wishRng = rng.fork('recorded-wishes');
  const childById = new Map(children.map((c) => [c.id, c]));
  for (const r of referrals) r.wishes = recordedWishesFor(wishRng, childById.get(r.childId)!);
  practiseMockingbird(rng.fork('mockingbird-practice'), constellations, book.homes);
  const events = makeEvents(rng.fork('events'), constellations, today);
  const sleepovers = makeSleepovers(rng.fork('sleepovers'), constellations, today);

  const accounts: AccountSpec[] = [
    ...DEMO_ACCOUNTS.map((a) => ({ ...a, councilId: null, constellationId: a.role === 'hub_carer' ? constellations[0]!.id : null })),
    ...DEMO_SCOPED_ACCOUNTS.map(({ council, ...a }) => ({ ...a, councilId: councils.find((c) => c.name === council)!.id, constellationId: null })),
  ];

  const model: RegionModel = {
    seed,
    today,
    size,
    councils,
    providers: providers.all,
    homes: book.homes,
    constellations,
    events,
    sleepovers,
    children,
    episodes: history.episodes,
    missing: history.missing,
    placements: history.placements,
    vacancies,
    referrals,
    offers,
    accounts,
  };
  markOrdersAndRegistration(model);
  return model;
}

/** Tables the demo region fills, in an order that keeps foreign keys satisfied. */
export const REGION_TABLES = [
  'councils',
  'providers',
  'homes',
  'foster_households',
  'carers',
  'residential_homes',
  'supported_homes',
  'constellations',
  'constellation_events',
  'children',
  'episodes',
  'missing_episodes',
  'vacancies',
  'vacancy_status_history',
  'referrals',
  'referral_history',
  'offers',
  'placements',
  'sleepovers',
] as const;

/** Rows per region table (tables this schema lacks are left out). */
export function countRegion(db: WritableDB): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of REGION_TABLES) if (tableExists(db, t)) counts[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  counts.users = db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  return counts;
}

/**
 * Generates the demo region and writes it into an empty store in one transaction, with the demo
 * accounts, the store marked as a demo store and its creation audited.
 */
export function seedDemoRegion(db: WritableDB, options: SeedOptions): void {
  const model = generateRegion(options);
  const now = at(options.today, 9);
  db.transaction(() => {
    const occupied = REGION_TABLES.find((t) => tableExists(db, t) && db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
    if (occupied) throw new Error(`The demo region can only be written into an empty store, but ${occupied} has rows.`);
    setMeta(db, 'store_kind', 'demo');
    setMeta(db, 'demo_seed', String(model.seed));
    setMeta(db, 'demo_size', model.size);
    setMeta(db, 'demo_today', model.today);
    writeRegion(db, model, () => ensureAccounts(db, model.accounts, DEMO_PASSWORD, now));
    writeOrdersAndRegistration(db, model);
    appendAudit(db, {
      at: now,
      userId: null,
      username: 'system',
      role: 'system',
      method: 'seed',
      action: 'create',
      recordType: 'store',
      recordId: `demo:${model.size}`,
      outcome: 'ok',
    });
  })();
}
