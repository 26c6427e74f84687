import type { WritableDB } from '../../db/handle';
import { hashPassword } from '../../db/passwords';
import { setMeta } from '../../db/repositories/meta';
import { insertUser } from '../../db/repositories/users';

/*
 * A small region made by hand for the market views' tests: three councils, five providers, nine
 * homes, fourteen placements, seven vacancies and ten referrals. The arrays below are the truth
 * the tests compute their expected figures from, in plain code, never through the views' SQL.
 * "Today" is 25 November 2026, so the financial year runs 1 April 2026 to 31 March 2027.
 */

export const TODAY = '2026-11-25';
export const NOW = `${TODAY}T10:00:00.000Z`;
export const PASSWORD = 'fixture-password';

export const COUNCILS = [
  { id: 1, name: 'Ashford Vale', ons: 'E08000901', lat: 53.5, lon: -2.2 },
  { id: 2, name: 'Brookmere', ons: 'E08000902', lat: 53.6, lon: -2.0 },
  { id: 3, name: 'Calder Moss', ons: 'E08000903', lat: 53.4, lon: -2.5 },
] as const;

export const PROVIDERS = [
  { id: 1, name: 'Ashford Vale Fostering', ownership: 'in_house', type: 'in_house', grade: 'good' },
  { id: 2, name: 'Hearth Fostering (IFA)', ownership: 'ifa', type: 'ifa', grade: 'outstanding' },
  { id: 3, name: 'Moor Care Ltd', ownership: 'private', type: 'private_residential', grade: 'good' },
  { id: 4, name: 'Step Up Living', ownership: 'voluntary', type: 'supported', grade: 'requires_improvement' },
  { id: 5, name: 'RCC Homes', ownership: 'in_house', type: 'rcc', grade: 'good' },
] as const;

type Kind = 'foster' | 'residential' | 'supported';
export interface FixtureHome {
  id: number;
  provider: number;
  council: number;
  kind: Kind;
  lat: number;
  lon: number;
  grade: string | null;
  /** foster: approval ages, tier, children; residential: ages, places, categories; supported: kind, places. */
  minAge: number;
  maxAge: number;
  places: number;
  tier?: number;
  categories?: string[];
  specialisms?: string[];
  supportedKind?: 'solo' | 'shared' | 'lodgings';
}

export const HOMES: FixtureHome[] = [
  { id: 1, provider: 1, council: 1, kind: 'foster', lat: 53.51, lon: -2.21, grade: null, minAge: 0, maxAge: 17, places: 2, tier: 1 },
  { id: 2, provider: 1, council: 1, kind: 'foster', lat: 53.49, lon: -2.18, grade: null, minAge: 5, maxAge: 15, places: 3, tier: 2 },
  {
    id: 3,
    provider: 2,
    council: 2,
    kind: 'foster',
    lat: 53.62,
    lon: -1.98,
    grade: null,
    minAge: 10,
    maxAge: 17,
    places: 2,
    tier: 2,
    specialisms: ['disability'],
  },
  { id: 4, provider: 2, council: 3, kind: 'foster', lat: 53.41, lon: -2.52, grade: null, minAge: 0, maxAge: 10, places: 1, tier: 3 },
  { id: 5, provider: 3, council: 2, kind: 'residential', lat: 53.61, lon: -2.01, grade: 'good', minAge: 8, maxAge: 17, places: 4, categories: ['EBD'] },
  {
    id: 6,
    provider: 3,
    council: 3,
    kind: 'residential',
    lat: 53.39,
    lon: -2.49,
    grade: 'requires_improvement',
    minAge: 10,
    maxAge: 17,
    places: 2,
    categories: ['EBD', 'LD'],
  },
  {
    id: 7,
    provider: 5,
    council: 1,
    kind: 'residential',
    lat: 53.5,
    lon: -2.25,
    grade: 'outstanding',
    minAge: 8,
    maxAge: 17,
    places: 3,
    categories: ['EBD', 'MHD'],
  },
  { id: 8, provider: 4, council: 1, kind: 'supported', lat: 53.52, lon: -2.19, grade: null, minAge: 16, maxAge: 17, places: 4, supportedKind: 'shared' },
  { id: 9, provider: 4, council: 2, kind: 'supported', lat: 53.6, lon: -2.02, grade: null, minAge: 16, maxAge: 17, places: 1, supportedKind: 'solo' },
];

export interface FixtureChild {
  id: number;
  ref: string;
  name: string;
  birth: string;
  council: number;
  disability?: boolean;
}

/** Children 1-14 have (had) placements; 15-20 are referred and waiting, closed or drafted. */
export const CHILDREN: FixtureChild[] = [
  { id: 1, ref: 'RCC-T0001', name: 'Zephyrine', birth: '2016-03-04', council: 1 },
  { id: 2, ref: 'RCC-T0002', name: 'Quillon', birth: '2013-07-19', council: 1 },
  { id: 3, ref: 'RCC-T0003', name: 'Marisol', birth: '2011-01-30', council: 1, disability: true },
  { id: 4, ref: 'RCC-T0004', name: 'Thaddeus', birth: '2019-05-02', council: 2 },
  { id: 5, ref: 'RCC-T0005', name: 'Octavia', birth: '2012-12-12', council: 2 },
  { id: 6, ref: 'RCC-T0006', name: 'Barnaby', birth: '2011-06-06', council: 1 },
  { id: 7, ref: 'RCC-T0007', name: 'Wilhelmina', birth: '2010-02-14', council: 3 },
  { id: 8, ref: 'RCC-T0008', name: 'Cassius', birth: '2013-09-09', council: 1 },
  { id: 9, ref: 'RCC-T0009', name: 'Persephone', birth: '2009-10-01', council: 1 },
  { id: 10, ref: 'RCC-T0010', name: 'Leopold', birth: '2010-04-20', council: 2 },
  { id: 11, ref: 'RCC-T0011', name: 'Ignatius', birth: '2015-01-01', council: 1 },
  { id: 12, ref: 'RCC-T0012', name: 'Rosalind', birth: '2012-08-08', council: 3 },
  { id: 13, ref: 'RCC-T0013', name: 'Evander', birth: '2011-11-11', council: 2 },
  { id: 14, ref: 'RCC-T0014', name: 'Philippa', birth: '2009-03-03', council: 3 },
  { id: 15, ref: 'RCC-T0015', name: 'Aurelio', birth: '2012-05-05', council: 1 },
  { id: 16, ref: 'RCC-T0016', name: 'Ottoline', birth: '2011-02-02', council: 1 },
  { id: 17, ref: 'RCC-T0017', name: 'Benedikt', birth: '2019-01-15', council: 3, disability: true },
  { id: 18, ref: 'RCC-T0018', name: 'Clementine', birth: '2010-07-07', council: 2 },
  { id: 19, ref: 'RCC-T0019', name: 'Dashiell', birth: '2014-04-04', council: 1 },
  { id: 20, ref: 'RCC-T0020', name: 'Griselda', birth: '2013-03-13', council: 1 },
];

export interface FixturePlacement {
  id: number;
  child: number;
  home: number;
  council: number;
  start: string;
  plannedEnd: string | null;
  end: string | null;
  endReason: string | null;
  /** Weekly price in pounds: core, support, education, other. */
  price: [number, number, number, number];
  distance: number | null;
  distanceReason: string;
  referral: number | null;
}

export const PLACEMENTS: FixturePlacement[] = [
  {
    id: 1,
    child: 1,
    home: 1,
    council: 1,
    start: '2025-06-01',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [450, 0, 0, 0],
    distance: 2.5,
    distanceReason: 'Not applicable',
    referral: null,
  },
  {
    id: 2,
    child: 2,
    home: 2,
    council: 1,
    start: '2026-05-10',
    plannedEnd: '2027-01-31',
    end: null,
    endReason: null,
    price: [520, 30, 0, 0],
    distance: 3.1,
    distanceReason: 'Not applicable',
    referral: null,
  },
  {
    id: 3,
    child: 3,
    home: 3,
    council: 1,
    start: '2026-09-01',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [900, 80, 0, 0],
    distance: 24,
    distanceReason: 'Provision within distance does not exist',
    referral: null,
  },
  {
    id: 4,
    child: 4,
    home: 4,
    council: 2,
    start: '2024-03-01',
    plannedEnd: '2026-12-20',
    end: null,
    endReason: null,
    price: [1000, 0, 0, 0],
    distance: 18,
    distanceReason: 'Safeguarding',
    referral: null,
  },
  {
    id: 5,
    child: 5,
    home: 5,
    council: 2,
    start: '2026-10-01',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [4200, 300, 400, 0],
    distance: 4,
    distanceReason: 'Not applicable',
    referral: 1,
  },
  {
    id: 6,
    child: 6,
    home: 5,
    council: 1,
    start: '2026-06-15',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [4800, 500, 200, 100],
    distance: null,
    distanceReason: 'Not applicable',
    referral: null,
  },
  {
    id: 7,
    child: 7,
    home: 6,
    council: 3,
    start: '2026-11-01',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [11000, 500, 500, 0],
    distance: 30,
    distanceReason: 'Child or parent preference',
    referral: 2,
  },
  {
    id: 8,
    child: 8,
    home: 7,
    council: 1,
    start: '2026-02-01',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [3900, 0, 0, 0],
    distance: 1.2,
    distanceReason: 'Not applicable',
    referral: null,
  },
  {
    id: 9,
    child: 9,
    home: 8,
    council: 1,
    start: '2026-08-01',
    plannedEnd: '2027-05-01',
    end: null,
    endReason: null,
    price: [900, 100, 0, 0],
    distance: 0.8,
    distanceReason: 'Not applicable',
    referral: null,
  },
  {
    id: 10,
    child: 10,
    home: 9,
    council: 2,
    start: '2026-11-20',
    plannedEnd: null,
    end: null,
    endReason: null,
    price: [1500, 0, 0, 0],
    distance: 33,
    distanceReason: 'Safeguarding',
    referral: 3,
  },
  {
    id: 11,
    child: 11,
    home: 1,
    council: 1,
    start: '2025-01-10',
    plannedEnd: null,
    end: '2026-05-01',
    endReason: 'CREQB',
    price: [430, 0, 0, 0],
    distance: 2,
    distanceReason: 'Not applicable',
    referral: null,
  },
  {
    id: 12,
    child: 12,
    home: 5,
    council: 3,
    start: '2026-03-01',
    plannedEnd: '2026-08-01',
    end: '2026-07-15',
    endReason: 'CARPL',
    price: [4000, 200, 0, 0],
    distance: 28,
    distanceReason: 'Provision within distance exists but unavailable',
    referral: null,
  },
  {
    id: 13,
    child: 13,
    home: 3,
    council: 2,
    start: '2025-12-01',
    plannedEnd: null,
    end: '2026-10-01',
    endReason: null,
    price: [850, 0, 0, 0],
    distance: 3,
    distanceReason: 'Not applicable',
    referral: 4,
  },
  {
    id: 14,
    child: 14,
    home: 6,
    council: 3,
    start: '2024-06-01',
    plannedEnd: null,
    end: '2025-03-01',
    endReason: 'CHILD',
    price: [5000, 0, 0, 0],
    distance: 1,
    distanceReason: 'Not applicable',
    referral: null,
  },
];

export interface FixtureVacancy {
  id: number;
  home: number;
  beds: number;
  status: 'open' | 'held' | 'filled' | 'withdrawn';
  price: [number, number, number, number];
}

export const VACANCIES: FixtureVacancy[] = [
  { id: 1, home: 1, beds: 1, status: 'open', price: [460, 0, 0, 0] },
  { id: 2, home: 4, beds: 1, status: 'open', price: [1050, 0, 0, 0] },
  { id: 3, home: 5, beds: 1, status: 'open', price: [4500, 300, 200, 0] },
  { id: 4, home: 7, beds: 2, status: 'open', price: [4000, 0, 0, 0] },
  { id: 5, home: 9, beds: 1, status: 'filled', price: [1400, 0, 0, 0] },
  { id: 6, home: 8, beds: 2, status: 'open', price: [950, 0, 0, 0] },
  { id: 7, home: 3, beds: 1, status: 'withdrawn', price: [880, 0, 0, 0] },
];

type Suit = 'Preferred' | 'Suitable but not preferred' | 'Unsuitable' | 'Not specified';
export interface FixtureReferral {
  id: number;
  child: number;
  council: number;
  receivedAt: string;
  status: 'draft' | 'new' | 'searching' | 'shortlisted' | 'offered' | 'placed' | 'closed';
  suitability: [Suit, Suit, Suit];
  needs: string[];
}

export const REFERRALS: FixtureReferral[] = [
  {
    id: 1,
    child: 5,
    council: 2,
    receivedAt: '2026-09-20T09:30:00.000Z',
    status: 'placed',
    suitability: ['Unsuitable', 'Preferred', 'Unsuitable'],
    needs: ['EBD'],
  },
  {
    id: 2,
    child: 7,
    council: 3,
    receivedAt: '2026-10-30T16:00:00.000Z',
    status: 'placed',
    suitability: ['Unsuitable', 'Preferred', 'Unsuitable'],
    needs: ['EBD', 'LD'],
  },
  {
    id: 3,
    child: 10,
    council: 2,
    receivedAt: '2026-11-10T11:00:00.000Z',
    status: 'placed',
    suitability: ['Not specified', 'Not specified', 'Preferred'],
    needs: [],
  },
  {
    id: 4,
    child: 13,
    council: 2,
    receivedAt: '2025-11-20T08:00:00.000Z',
    status: 'placed',
    suitability: ['Preferred', 'Not specified', 'Not specified'],
    needs: [],
  },
  {
    id: 5,
    child: 15,
    council: 1,
    receivedAt: '2026-11-18T09:00:00.000Z',
    status: 'searching',
    suitability: ['Preferred', 'Suitable but not preferred', 'Unsuitable'],
    needs: [],
  },
  {
    id: 6,
    child: 16,
    council: 1,
    receivedAt: '2026-11-20T09:00:00.000Z',
    status: 'new',
    suitability: ['Unsuitable', 'Preferred', 'Not specified'],
    needs: ['EBD', 'SI'],
  },
  {
    id: 7,
    child: 17,
    council: 3,
    receivedAt: '2026-11-21T09:00:00.000Z',
    status: 'offered',
    suitability: ['Suitable but not preferred', 'Not specified', 'Not specified'],
    needs: [],
  },
  {
    id: 8,
    child: 18,
    council: 2,
    receivedAt: '2026-11-22T09:00:00.000Z',
    status: 'shortlisted',
    suitability: ['Not specified', 'Unsuitable', 'Preferred'],
    needs: [],
  },
  {
    id: 9,
    child: 19,
    council: 1,
    receivedAt: '2026-10-01T09:00:00.000Z',
    status: 'closed',
    suitability: ['Preferred', 'Not specified', 'Not specified'],
    needs: [],
  },
  {
    id: 10,
    child: 20,
    council: 1,
    receivedAt: '2026-11-24T09:00:00.000Z',
    status: 'draft',
    suitability: ['Preferred', 'Not specified', 'Not specified'],
    needs: ['MHD'],
  },
];

export const USERS = [
  { username: 'fx.commissioner', role: 'commissioner', councilId: null },
  { username: 'fx.ashford.commissioner', role: 'commissioner', councilId: 1 },
  { username: 'fx.officer', role: 'placement_officer', councilId: null },
  { username: 'fx.hubcarer', role: 'hub_carer', councilId: null },
  { username: 'fx.admin', role: 'administrator', councilId: null },
] as const;

const pence = (pounds: number) => Math.round(pounds * 100);
export const total = (price: readonly number[]) => pence(price.reduce((a, b) => a + b, 0));

/** Writes the region into an empty, migrated store. */
export function seedMarketFixture(db: WritableDB): void {
  db.transaction(() => {
    setMeta(db, 'store_kind', 'demo');
    const council = db.prepare('INSERT INTO councils (id, name, ons_code, lat, lon) VALUES (?, ?, ?, ?, ?)');
    for (const c of COUNCILS) council.run(c.id, c.name, c.ons, c.lat, c.lon);
    const provider = db.prepare(
      "INSERT INTO providers (id, name, ownership, provider_type, ofsted_urn, ofsted_grade, ofsted_grade_date) VALUES (?, ?, ?, ?, ?, ?, '2025-06-30')",
    );
    for (const p of PROVIDERS) provider.run(p.id, p.name, p.ownership, p.type, `SC90000${p.id}`, p.grade);

    const home = db.prepare(
      `INSERT INTO homes (id, provider_id, council_id, name, kind, place_label, lat, lon, ofsted_grade, ofsted_grade_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const foster = db.prepare(
      `INSERT INTO foster_households (home_id, approval_min_age, approval_max_age, approval_max_children, fee_tier, skills_tier, specialisms)
       VALUES (?, ?, ?, ?, ?, 2, ?)`,
    );
    const residential = db.prepare('INSERT INTO residential_homes (home_id, places, categories, min_age, max_age) VALUES (?, ?, ?, ?, ?)');
    const supported = db.prepare('INSERT INTO supported_homes (home_id, kind, places) VALUES (?, ?, ?)');
    for (const h of HOMES) {
      const councilName = COUNCILS.find((c) => c.id === h.council)!.name;
      home.run(h.id, h.provider, h.council, `Home ${h.id}`, h.kind, councilName, h.lat, h.lon, h.grade, h.grade ? '2025-09-01' : null);
      if (h.kind === 'foster') foster.run(h.id, h.minAge, h.maxAge, h.places, h.tier!, JSON.stringify(h.specialisms ?? []));
      if (h.kind === 'residential') residential.run(h.id, h.places, JSON.stringify(h.categories ?? []), h.minAge, h.maxAge);
      if (h.kind === 'supported') supported.run(h.id, h.supportedKind!, h.places);
    }

    const child = db.prepare(
      'INSERT INTO children (id, ref, first_name, birth_date, sex, council_id, place_label, disability, care_notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const c of CHILDREN) {
      child.run(c.id, c.ref, c.name, c.birth, c.id % 2 === 0 ? 'F' : 'M', c.council, 'Somewhere', c.disability ? 1 : 0, `Case note about ${c.name}`);
    }

    const referral = db.prepare(
      `INSERT INTO referrals (id, child_id, council_id, received_at, needed_by, needed_by_date, status, foster_suitability,
                              residential_suitability, supported_suitability, ofsted_needs, updated_at)
       VALUES (?, ?, ?, ?, 'in more than 5 days', ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of REFERRALS) {
      referral.run(r.id, r.child, r.council, r.receivedAt, r.receivedAt.slice(0, 10), r.status, ...r.suitability, JSON.stringify(r.needs), r.receivedAt);
    }

    const vacancy = db.prepare(
      `INSERT INTO vacancies (id, home_id, beds, available_from, status, price_core_pence, price_support_pence, price_education_pence, price_other_pence, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const v of VACANCIES) vacancy.run(v.id, v.home, v.beds, TODAY, v.status, ...v.price.map(pence), NOW);

    const placement = db.prepare(
      `INSERT INTO placements (id, child_id, referral_id, home_id, council_id, placement_type, start_date, planned_end_date, end_date, end_reason,
                               price_core_pence, price_support_pence, price_education_pence, price_other_pence, location_label,
                               distance_miles, distance_reason, placement_date, cost_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Somewhere', ?, ?, ?, ?)`,
    );
    const TYPE: Record<Kind, string> = { foster: 'Foster', residential: 'Residential', supported: 'Supported Accommodation' };
    for (const p of PLACEMENTS) {
      const kind = HOMES.find((h) => h.id === p.home)!.kind;
      placement.run(
        p.id,
        p.child,
        p.referral,
        p.home,
        p.council,
        TYPE[kind],
        p.start,
        p.plannedEnd,
        p.end,
        p.endReason,
        ...p.price.map(pence),
        p.distance,
        p.distanceReason,
        p.start,
        p.start,
      );
    }
    db.prepare('UPDATE children SET current_home_id = (SELECT home_id FROM placements WHERE child_id = children.id AND end_date IS NULL)').run();

    // A constellation for the hub carer's account (the hub is foster home 1).
    db.prepare("INSERT INTO constellations (id, name, council_id, hub_home_id) VALUES (1, 'Ashford Vale constellation', 1, 1)").run();
    const hash = hashPassword(PASSWORD);
    for (const u of USERS) {
      insertUser(
        db,
        {
          username: u.username,
          displayName: u.username,
          role: u.role,
          councilId: u.councilId,
          constellationId: u.role === 'hub_carer' ? 1 : null,
          passwordHash: hash,
          isDemo: false,
        },
        NOW,
      );
    }
  })();
}
