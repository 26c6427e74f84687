import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../db/handle';
import { hashPassword } from '../../db/passwords';
import { verifyAuditChain } from '../../db/repositories/audit';
import { getReferral } from '../../db/repositories/referrals';
import { insertUser } from '../../db/repositories/users';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCOPED_ACCOUNTS, generateRegion, REGION_TABLES, seedDemoRegion } from '../../db/seed/demo';
import { NotADemoStoreError, resetDemoRegion } from '../../db/seed/reset';
import { tableExists } from '../../db/seed/write';
import { ReferralFields } from '../../shared/contract/referrals';
import { addYears, ageOn } from '../../shared/domain/calendar';
import { endingClassOf, isUnplannedEnding } from '../../shared/domain/endings';
import { OFSTED_CATEGORY_CODES } from '../../shared/domain/ofsted';
import {
  COMMUNICATION_REQUIREMENTS,
  DISTANCE_REASONS,
  LIVING_COMPANIONS,
  NEEDED_BY,
  PETS,
  PLACEMENT_TYPES,
  RISKS_TO_CHILD,
  RISKS_TO_OTHERS,
} from '../../shared/domain/placements-standard';
import { OPEN_REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { median } from '../../shared/domain/stats';
import {
  CATEGORY_OF_NEED_CODES,
  ETHNIC_CODES,
  isCurrentCode,
  LEGAL_STATUS_CODES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REASON_NEW_EPISODE_CODES,
  REASON_PLACE_CHANGE_CODES,
} from '../../shared/domain/ssda903';
import { loadPlanInput } from '../../electron/services/plan';
import { comparePlans, greedyPlan, loadSolver, planRegion, type PlanComparison } from '../../shared/scoring';
import { SPECIALISMS } from '../../shared/scoring/types';
import { signInAs } from '../helpers/as-user';
import { tempStore, testBackend } from '../helpers/store';

/**
 * The demo region's shape: counts in realistic ranges, prices in their bands, constellations as
 * Mockingbird describes them, every coded value on its code list, consistency between children,
 * homes, placements and episodes, determinism, and the administrator's reset.
 */

type Store = ReturnType<typeof tempStore>;
const TODAY = '2026-11-25';
const SEED = 20251;

let a: Store;
let b: Store;

beforeAll(() => {
  a = tempStore({ kind: 'empty' });
  seedDemoRegion(a.db, { seed: SEED, today: TODAY });
  b = tempStore({ kind: 'empty' });
  seedDemoRegion(b.db, { seed: SEED, today: TODAY });
});
afterAll(() => {
  a?.remove();
  b?.remove();
});

const rows = <T>(sql: string, ...params: unknown[]) => a.db.prepare(sql).all(...params) as T[];
const one = (sql: string, ...params: unknown[]) =>
  a.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const list = (json: string) => JSON.parse(json) as unknown[];

function dump(db: WritableDB, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
}

describe('the demo region: counts and proportions', () => {
  it('has the ten Greater Manchester councils with areas and the region', () => {
    const councils = rows<{ name: string; area_sq_km: number; region: string }>('SELECT name, area_sq_km, region FROM councils');
    expect(councils).toHaveLength(10);
    expect(councils.every((c) => c.region === 'Greater Manchester' && c.area_sq_km > 90 && c.area_sq_km < 200)).toBe(true);
  });

  it('has about 1,000 children, with more teenagers than young children', () => {
    const ages = rows<{ birth_date: string }>('SELECT birth_date FROM children').map((c) => ageOn(c.birth_date, TODAY));
    expect(ages.length).toBeGreaterThanOrEqual(950);
    expect(ages.length).toBeLessThanOrEqual(1050);
    const share = (f: (age: number) => boolean) => ages.filter(f).length / ages.length;
    expect(share((x) => x >= 10)).toBeGreaterThan(0.5);
    expect(share((x) => x >= 10)).toBeLessThan(0.75);
    expect(share((x) => x < 1)).toBeGreaterThan(0.02);
    expect(share((x) => x >= 16)).toBeGreaterThan(0.15);
  });

  it('has unaccompanied asylum-seeking children, mostly boys of 16-17 accommodated under section 20', () => {
    const uasc = rows<{ sex: string; birth_date: string; legal_status: string }>('SELECT sex, birth_date, legal_status FROM children WHERE uasc = 1');
    expect(uasc.length).toBeGreaterThan(40);
    expect(uasc.length).toBeLessThan(120);
    expect(uasc.filter((c) => c.sex === 'M').length / uasc.length).toBeGreaterThan(0.8);
    expect(uasc.filter((c) => ageOn(c.birth_date, TODAY) >= 16).length / uasc.length).toBeGreaterThan(0.75);
    expect(uasc.every((c) => c.legal_status === 'V2')).toBe(true);
  });

  it('has providers of every type with SC URNs and grades in realistic proportions', () => {
    const types = rows<{ provider_type: string; n: number }>('SELECT provider_type, count(*) AS n FROM providers GROUP BY 1');
    const byType = Object.fromEntries(types.map((t) => [t.provider_type, t.n]));
    expect(byType).toMatchObject({ in_house: 10, rcc: 1 });
    expect(byType.ifa).toBeGreaterThanOrEqual(8);
    for (const t of ['private_residential', 'voluntary_residential', 'council_residential', 'supported']) expect(byType[t], t).toBeGreaterThan(0);
    const urns = rows<{ urn: string }>('SELECT ofsted_urn AS urn FROM providers UNION ALL SELECT ofsted_urn FROM homes WHERE ofsted_urn IS NOT NULL');
    expect(urns.every((u) => /^SC\d{6}$/.test(u.urn))).toBe(true);
    expect(new Set(urns.map((u) => u.urn)).size).toBe(urns.length);
    const grades = rows<{ grade: string }>(
      "SELECT ofsted_grade AS grade FROM providers UNION ALL SELECT ofsted_grade FROM homes WHERE ofsted_grade IS NOT NULL AND ofsted_grade <> 'not_yet_inspected'",
    ).map((g) => g.grade);
    const share = (g: string) => grades.filter((x) => x === g).length / grades.length;
    expect(share('good')).toBeGreaterThan(0.45);
    for (const g of ['outstanding', 'requires_improvement', 'inadequate']) expect(share(g), g).toBeGreaterThan(0);
    expect(share('inadequate')).toBeLessThan(0.12);
    expect(one("SELECT count(*) FROM providers WHERE ofsted_grade <> 'not_yet_inspected' AND ofsted_grade_date IS NULL")).toBe(0);
  });

  it('has in-house and IFA foster households about 60/40, with kinship carers among the in-house ones', () => {
    const households = rows<{ type: string; kinship: number }>(
      'SELECT p.provider_type AS type, f.kinship FROM foster_households f JOIN homes h ON h.id = f.home_id JOIN providers p ON p.id = h.provider_id',
    );
    expect(households.length).toBeGreaterThan(400);
    const inHouse = households.filter((h) => h.type !== 'ifa').length / households.length;
    expect(inHouse).toBeGreaterThan(0.52);
    expect(inHouse).toBeLessThan(0.72);
    expect(households.filter((h) => h.kinship === 1).every((h) => h.type === 'in_house')).toBe(true);
    expect(households.filter((h) => h.kinship === 1).length).toBeGreaterThan(30);
  });

  it('gives foster households plausible approvals, tiers, specialisms and carers with drama-range phones', () => {
    const f = rows<{ max: number; fee: number; skills: number; specialisms: string; other: string; years: number }>(
      `SELECT approval_max_children AS max, fee_tier AS fee, skills_tier AS skills, specialisms, other_children AS other, years_approved AS years
       FROM foster_households WHERE kinship = 0`,
    );
    expect(f.filter((x) => x.max <= 3).length / f.length).toBeGreaterThan(0.85);
    expect(new Set(f.map((x) => x.fee))).toEqual(new Set([1, 2, 3, 4]));
    const specialisms = new Set(f.flatMap((x) => list(x.specialisms)));
    expect([...specialisms].sort()).toEqual([...SPECIALISMS].sort());
    expect(f.some((x) => list(x.other).length > 0)).toBe(true);
    const carers = rows<{ phone: string; email: string }>('SELECT phone, email FROM carers');
    expect(carers.every((c) => /^07700 900\d{3}$/.test(c.phone))).toBe(true);
    expect(carers.every((c) => c.email.endsWith('@example.org'))).toBe(true);
    expect(
      one('SELECT count(*) FROM homes h JOIN foster_households f ON f.home_id = h.id WHERE NOT EXISTS (SELECT 1 FROM carers c WHERE c.home_id = h.id)'),
    ).toBe(0);
  });

  it('has children’s homes of 1-6 places with Ofsted categories, some with education on site, one secure, and supported accommodation of each kind', () => {
    const homes = rows<{ places: number; categories: string; education: number; secure: number }>(
      'SELECT places, categories, education_on_site AS education, secure FROM residential_homes',
    );
    expect(homes.length).toBeGreaterThanOrEqual(20);
    expect(homes.filter((h) => h.secure === 1)).toHaveLength(1);
    expect(homes.filter((h) => h.secure === 0).every((h) => h.places >= 1 && h.places <= 6)).toBe(true);
    expect(homes.some((h) => h.education === 1)).toBe(true);
    const categories = new Set(homes.flatMap((h) => list(h.categories)));
    expect([...categories].every((c) => (OFSTED_CATEGORY_CODES as string[]).includes(String(c)))).toBe(true);
    expect(categories.size).toBe(OFSTED_CATEGORY_CODES.length);
    expect(new Set(rows<{ kind: string }>('SELECT kind FROM supported_homes').map((s) => s.kind))).toEqual(new Set(['solo', 'shared', 'lodgings']));
    // Homes are spread across the region, not piled in one council.
    expect(one("SELECT count(DISTINCT council_id) FROM homes WHERE kind = 'residential'")).toBeGreaterThanOrEqual(8);
    expect(one("SELECT count(DISTINCT council_id) FROM homes WHERE kind = 'supported'")).toBe(10);
  });
});

describe('the demo region: vacancies and prices', () => {
  const weekly = 'price_core_pence + price_support_pence + price_education_pence + price_other_pence';

  it('prices vacancies in realistic bands by type (medians), with residential outliers above £10,000', () => {
    const prices = (where: string) =>
      rows<{ p: number }>(
        `SELECT ${weekly} AS p FROM vacancies v JOIN homes h ON h.id = v.home_id JOIN providers pr ON pr.id = h.provider_id WHERE ${where}`,
      ).map((r) => r.p);
    const inHouse = median(prices("h.kind = 'foster' AND pr.provider_type IN ('in_house', 'rcc')"))!;
    const ifa = median(prices("h.kind = 'foster' AND pr.provider_type = 'ifa'"))!;
    const residential = median(prices("h.kind = 'residential'"))!;
    const supported = median(prices("h.kind = 'supported'"))!;
    expect(inHouse).toBeGreaterThanOrEqual(40_000);
    expect(inHouse).toBeLessThanOrEqual(50_000);
    expect(ifa).toBeGreaterThanOrEqual(82_000);
    expect(ifa).toBeLessThanOrEqual(120_000);
    expect(residential).toBeGreaterThanOrEqual(380_000);
    expect(residential).toBeLessThanOrEqual(800_000);
    expect(supported).toBeGreaterThanOrEqual(90_000);
    expect(supported).toBeLessThanOrEqual(200_000);
    const dearest = one(`SELECT max(p) FROM (SELECT ${weekly} AS p FROM vacancies UNION ALL SELECT ${weekly} FROM placements)`);
    expect(dearest).toBeGreaterThan(1_000_000);
  });

  it('splits prices into core, support, education and other', () => {
    expect(one('SELECT count(*) FROM vacancies WHERE price_support_pence > 0')).toBeGreaterThan(0);
    expect(one('SELECT count(*) FROM vacancies WHERE price_education_pence > 0')).toBeGreaterThan(0);
    expect(one('SELECT count(*) FROM placements WHERE price_education_pence > 0')).toBeGreaterThan(0);
    expect(one('SELECT count(*) FROM vacancies WHERE price_core_pence <= 0')).toBe(0);
  });

  it('has mostly open vacancies, some held, filled and withdrawn, each with a status history ending in its status', () => {
    const statuses = Object.fromEntries(
      rows<{ status: string; n: number }>('SELECT status, count(*) AS n FROM vacancies GROUP BY 1').map((r) => [r.status, r.n]),
    );
    const total = Object.values(statuses).reduce((x, y) => x + y, 0);
    expect(total).toBeGreaterThan(120);
    expect(total).toBeLessThan(450);
    expect(statuses.open! / total).toBeGreaterThan(0.45);
    for (const s of ['held', 'filled', 'withdrawn']) expect(statuses[s], s).toBeGreaterThan(0);
    const last = rows<{ status: string; lastStatus: string }>(
      `SELECT v.status, (SELECT h.status FROM vacancy_status_history h WHERE h.vacancy_id = v.id ORDER BY h.at DESC, h.id DESC LIMIT 1) AS lastStatus FROM vacancies v`,
    );
    expect(last.every((r) => r.status === r.lastStatus)).toBe(true);
    expect(
      one("SELECT count(*) FROM vacancies v WHERE (SELECT status FROM vacancy_status_history h WHERE h.vacancy_id = v.id ORDER BY at, id LIMIT 1) <> 'open'"),
    ).toBe(0);
  });

  it('never offers more beds than a home has spare, and none in a hub home', () => {
    const over = rows<{ id: number }>(
      `SELECT v.id FROM vacancies v JOIN homes h ON h.id = v.home_id
       LEFT JOIN foster_households f ON f.home_id = h.id LEFT JOIN residential_homes r ON r.home_id = h.id LEFT JOIN supported_homes s ON s.home_id = h.id
       WHERE v.status IN ('open', 'held')
         AND v.beds + (SELECT count(*) FROM children c WHERE c.current_home_id = h.id) > COALESCE(f.approval_max_children, r.places, s.places)`,
    );
    expect(over).toEqual([]);
    expect(one("SELECT count(*) FROM vacancies v JOIN homes h ON h.id = v.home_id WHERE h.is_hub = 1 AND v.status IN ('open', 'held')")).toBe(0);
  });
});

describe('the demo region: Mockingbird constellations', () => {
  it('has at least three constellations, each with a hub and 6-10 nearby satellites, a liaison worker and an out-of-hours line', () => {
    const constellations = rows<{ id: number; hub: number; liaison: string; ooh: string; council: number }>(
      'SELECT id, hub_home_id AS hub, liaison_worker AS liaison, out_of_hours_phone AS ooh, council_id AS council FROM constellations',
    );
    expect(constellations.length).toBeGreaterThanOrEqual(3);
    for (const c of constellations) {
      const hub = a.db.prepare('SELECT is_hub, constellation_id, kind FROM homes WHERE id = ?').get(c.hub) as {
        is_hub: number;
        constellation_id: number;
        kind: string;
      };
      expect(hub).toEqual({ is_hub: 1, constellation_id: c.id, kind: 'foster' });
      const satellites = one('SELECT count(*) FROM homes WHERE constellation_id = ? AND is_hub = 0', c.id);
      expect(satellites).toBeGreaterThanOrEqual(6);
      expect(satellites).toBeLessThanOrEqual(10);
      expect(one("SELECT count(*) FROM homes WHERE constellation_id = ? AND kind <> 'foster'", c.id)).toBe(0);
      expect(one('SELECT count(*) FROM homes WHERE constellation_id = ? AND council_id <> ?', c.id, c.council)).toBe(0);
      expect(c.liaison).not.toBe('');
      expect(c.ooh).toMatch(/^0161 496 0\d{3}$/);
    }
    expect(one('SELECT count(*) FROM homes WHERE is_hub = 1')).toBe(constellations.length);
  });

  it('has monthly meetings and activities for the past months and the next ones', () => {
    for (const c of rows<{ id: number }>('SELECT id FROM constellations')) {
      const months = (kind: string, op: string) =>
        one(`SELECT count(DISTINCT substr(date, 1, 7)) FROM constellation_events WHERE constellation_id = ? AND kind = ? AND date ${op} ?`, c.id, kind, TODAY);
      expect(months('meeting', '<')).toBeGreaterThanOrEqual(5);
      expect(months('meeting', '>=')).toBeGreaterThanOrEqual(2);
      expect(months('activity', '<')).toBeGreaterThanOrEqual(5);
      expect(months('activity', '>=')).toBeGreaterThanOrEqual(2);
    }
    expect(one("SELECT count(*) FROM constellation_events WHERE date < ? AND attendance = '[]'", TODAY)).toBe(0);
  });

  it('books sleepovers, planned and emergency, never two accepted stays in one bed on the same night', () => {
    expect(one("SELECT count(*) FROM sleepovers WHERE kind = 'planned'")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM sleepovers WHERE kind = 'emergency'")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM sleepovers WHERE status = 'accepted' AND bed IS NULL")).toBe(0);
    expect(one("SELECT count(*) FROM sleepovers WHERE status <> 'accepted' AND bed IS NOT NULL")).toBe(0);
    const doubleBooked = rows(
      `SELECT x.id, y.id FROM sleepovers x JOIN sleepovers y ON x.constellation_id = y.constellation_id AND x.id < y.id
       WHERE x.status = 'accepted' AND y.status = 'accepted' AND x.start_date <= y.end_date AND y.start_date <= x.end_date
         AND (x.bed = y.bed OR x.child_id = y.child_id)`,
    );
    expect(doubleBooked).toEqual([]);
    // Every stay comes from a satellite of the same constellation, for a child placed there.
    expect(
      one(
        `SELECT count(*) FROM sleepovers s JOIN homes h ON h.id = s.from_home_id JOIN children c ON c.id = s.child_id
       WHERE h.constellation_id <> s.constellation_id OR h.is_hub = 1 OR c.current_home_id <> s.from_home_id`,
      ),
    ).toBe(0);
  });

  it('practises Mockingbird: satellites of all three kinds, each hub within its approved number every night, meetings planned with time and place', () => {
    const kinds = rows<{ k: string }>('SELECT DISTINCT household_kind AS k FROM homes WHERE constellation_id IS NOT NULL AND is_hub = 0').map((r) => r.k);
    expect(kinds.sort()).toEqual(['adoptive', 'foster', 'special_guardianship']);
    // Hubs are foster carers; special guardians and adopters foster nobody: no child in care, no vacancy, no fostering approval.
    expect(one("SELECT count(*) FROM homes WHERE is_hub = 1 AND household_kind <> 'foster'")).toBe(0);
    expect(
      one(`SELECT count(*) FROM homes h WHERE h.household_kind <> 'foster'
             AND (EXISTS (SELECT 1 FROM children c WHERE c.current_home_id = h.id) OR EXISTS (SELECT 1 FROM vacancies v WHERE v.home_id = h.id)
                  OR EXISTS (SELECT 1 FROM foster_households f WHERE f.home_id = h.id))`),
    ).toBe(0);
    expect(
      rows<{ n: number }>('SELECT DISTINCT f.approval_max_children AS n FROM constellations c JOIN foster_households f ON f.home_id = c.hub_home_id').length,
    ).toBeGreaterThan(1);
    // Night by night: children living at the hub plus accepted stays never exceed the hub's approved number.
    const over = rows(
      `WITH RECURSIVE nights(cid, night, last) AS (
         SELECT constellation_id, start_date, end_date FROM sleepovers WHERE status = 'accepted'
         UNION SELECT cid, date(night, '+1 day'), last FROM nights WHERE night < last)
       SELECT c.id, n.night FROM constellations c JOIN foster_households f ON f.home_id = c.hub_home_id
       JOIN (SELECT DISTINCT cid, night FROM nights) n ON n.cid = c.id
       WHERE (SELECT count(*) FROM children ch WHERE ch.current_home_id = c.hub_home_id)
           + (SELECT count(*) FROM sleepovers s WHERE s.constellation_id = c.id AND s.status = 'accepted' AND s.start_date <= n.night AND n.night <= s.end_date)
           > f.approval_max_children`,
    );
    expect(over).toEqual([]);
    expect(one("SELECT count(*) FROM constellation_events WHERE date >= ? AND (start_time NOT GLOB '[0-2][0-9]:[0-5][0-9]' OR place = '')", TODAY)).toBe(0);
    expect(one("SELECT count(*) FROM constellation_events WHERE date > ? AND attendance <> '[]'", TODAY)).toBe(0);
  });
});

describe('the demo region: children, homes and histories agree', () => {
  it('codes every child with SSDA903 and Placements Standard values', () => {
    const children = rows<{
      ethnicity: string;
      legal_status: string;
      category_of_need: string;
      risks: string;
      living_companions: string;
      pets: string;
      communication: string;
      home_lat: number;
      home_lon: number;
    }>('SELECT ethnicity, legal_status, category_of_need, risks, living_companions, pets, communication, home_lat, home_lon FROM children');
    const riskKeys = new Set([...Object.keys(RISKS_TO_CHILD), ...Object.keys(RISKS_TO_OTHERS)]);
    for (const c of children) {
      expect(ETHNIC_CODES[c.ethnicity], c.ethnicity).toBeDefined();
      expect(isCurrentCode(LEGAL_STATUS_CODES, c.legal_status), c.legal_status).toBe(true);
      expect(isCurrentCode(CATEGORY_OF_NEED_CODES, c.category_of_need), c.category_of_need).toBe(true);
      expect(
        list(c.risks).every((k) => riskKeys.has(String(k))),
        c.risks,
      ).toBe(true);
      expect(LIVING_COMPANIONS).toContain(c.living_companions);
      expect(PETS).toContain(c.pets);
      expect(list(c.communication).every((x) => (COMMUNICATION_REQUIREMENTS as readonly unknown[]).includes(x))).toBe(true);
      expect(c.home_lat).toBeGreaterThan(53.3);
      expect(c.home_lat).toBeLessThan(53.7);
      expect(c.home_lon).toBeGreaterThan(-2.8);
      expect(c.home_lon).toBeLessThan(-1.9);
    }
    expect(one("SELECT count(*) FROM children WHERE risks <> '[]'")).toBeGreaterThan(150);
    expect(one("SELECT count(DISTINCT wishes) FROM children WHERE wishes <> ''")).toBeGreaterThan(400);
    // Structured wishes on some referrals, none on others, and only for children whose words are on record.
    expect(one("SELECT count(*) FROM referrals WHERE wish_list <> '[]'")).toBeGreaterThan(10);
    expect(one("SELECT count(*) FROM referrals WHERE wish_list = '[]'")).toBeGreaterThan(5);
    expect(one("SELECT count(*) FROM referrals r JOIN children c ON c.id = r.child_id WHERE r.wish_list <> '[]' AND c.wishes = ''")).toBe(0);
    expect(one("SELECT count(*) FROM children WHERE care_notes = ''")).toBe(0);
    expect(one("SELECT count(*) FROM children WHERE ref NOT GLOB 'RCC-[0-9][0-9][0-9][0-9][0-9]'")).toBe(0);
    expect(one("SELECT id FROM children WHERE ref = 'RCC-00001'")).toBe(1);
  });

  it('keeps sibling groups in one council, and together where a home could take them', () => {
    const groups = rows<{ g: string; n: number; councils: number; homes: number }>(
      `SELECT sibling_group AS g, count(*) AS n, count(DISTINCT council_id) AS councils, count(DISTINCT current_home_id) AS homes
       FROM children WHERE sibling_group IS NOT NULL GROUP BY 1`,
    );
    expect(groups.length).toBeGreaterThan(60);
    expect(groups.every((g) => g.n >= 2 && g.councils === 1)).toBe(true);
    expect(groups.filter((g) => g.homes === 1).length / groups.length).toBeGreaterThan(0.4);
    expect(one('SELECT count(*) FROM placements WHERE siblings_together > 0 AND end_date IS NULL')).toBeGreaterThan(50);
  });

  it('never places more children in a home than its approval or places allow', () => {
    const over = rows(
      `SELECT h.id FROM homes h
       LEFT JOIN foster_households f ON f.home_id = h.id LEFT JOIN residential_homes r ON r.home_id = h.id LEFT JOIN supported_homes s ON s.home_id = h.id
       WHERE (SELECT count(*) FROM children c WHERE c.current_home_id = h.id) > COALESCE(f.approval_max_children, r.places, s.places)`,
    );
    expect(over).toEqual([]);
    // Nor, at any moment in the last three years, according to the placements table.
    const starts = rows<{ home: number; day: string; cap: number }>(
      `SELECT p.home_id AS home, p.start_date AS day, COALESCE(f.approval_max_children, r.places, s.places) AS cap FROM placements p
       LEFT JOIN foster_households f ON f.home_id = p.home_id LEFT JOIN residential_homes r ON r.home_id = p.home_id LEFT JOIN supported_homes s ON s.home_id = p.home_id`,
    );
    const running = a.db.prepare('SELECT count(*) FROM placements WHERE home_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date > ?)').pluck();
    expect(starts.filter((x) => (running.get(x.home, x.day, x.day) as number) > x.cap)).toEqual([]);
  });

  it('gives every placed child one open placement and one open episode, in the home the child record names', () => {
    expect(
      one(
        `SELECT count(*) FROM children c WHERE c.current_home_id IS NOT NULL AND
         (SELECT count(*) FROM placements p WHERE p.child_id = c.id AND p.end_date IS NULL AND p.home_id = c.current_home_id) <> 1`,
      ),
    ).toBe(0);
    expect(one('SELECT count(*) FROM placements p JOIN children c ON c.id = p.child_id WHERE p.end_date IS NULL AND p.home_id IS NOT c.current_home_id')).toBe(
      0,
    );
    expect(
      one(
        `SELECT count(*) FROM children c WHERE EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = c.id)
         AND ((SELECT count(*) FROM episodes e WHERE e.child_id = c.id AND e.dec IS NULL) <> 1
           OR (SELECT e.home_id FROM episodes e WHERE e.child_id = c.id AND e.dec IS NULL) IS NOT c.current_home_id)`,
      ),
    ).toBe(0);
    // Children with no episodes yet are new to care, with an open referral for a home today.
    const unplaced = rows<{ id: number }>('SELECT id FROM children c WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = c.id)');
    expect(unplaced.length).toBeGreaterThan(0);
    for (const c of unplaced) {
      expect(one(`SELECT count(*) FROM referrals WHERE child_id = ? AND status IN ('new', 'searching', 'shortlisted') AND needed_by = 'Today'`, c.id)).toBe(1);
    }
  });

  it('records placement histories as valid, contiguous SSDA903 episodes', () => {
    const episodes = rows<{
      child_id: number;
      decom: string;
      dec: string | null;
      rne: string;
      ls: string;
      cin: string;
      place: string;
      place_provider: string | null;
      rec: string | null;
      reason_place_change: string | null;
      home_id: number | null;
      distance_miles: number | null;
    }>('SELECT * FROM episodes ORDER BY child_id, decom');
    expect(episodes.length).toBeGreaterThan(2000);
    let prev: (typeof episodes)[number] | null = null;
    for (const e of episodes) {
      expect(isCurrentCode(PLACE_CODES, e.place), e.place).toBe(true);
      expect(isCurrentCode(LEGAL_STATUS_CODES, e.ls), e.ls).toBe(true);
      expect(isCurrentCode(REASON_NEW_EPISODE_CODES, e.rne), e.rne).toBe(true);
      expect(isCurrentCode(CATEGORY_OF_NEED_CODES, e.cin), e.cin).toBe(true);
      expect(e.place_provider !== null && isCurrentCode(PLACE_PROVIDER_CODES, e.place_provider), String(e.place_provider)).toBe(true);
      expect(e.distance_miles, `${e.child_id} ${e.decom}`).not.toBeNull();
      if (e.dec !== null) expect(e.rec).toBe('X1');
      if (prev && prev.child_id === e.child_id) {
        expect(prev.dec, `${e.child_id} ${e.decom}`).toBe(e.decom);
        expect(e.rne).not.toBe('S');
        const moved = ['P', 'B', 'T', 'U'].includes(e.rne);
        if (moved)
          expect(prev.reason_place_change !== null && isCurrentCode(REASON_PLACE_CHANGE_CODES, prev.reason_place_change), `${e.child_id} ${prev.decom}`).toBe(
            true,
          );
        else expect(prev.reason_place_change).toBeNull();
      } else expect(e.rne).toBe('S');
      prev = e;
    }
    // Supported accommodation (K3) only for young people of 16 or 17.
    expect(one("SELECT count(*) FROM episodes e JOIN children c ON c.id = e.child_id WHERE e.place = 'K3' AND date(c.birth_date, '+16 years') > e.decom")).toBe(
      0,
    );
  });

  it('has plausible move counts: most children one or two placements, a tail with many', () => {
    const counts = rows<{ n: number }>(`SELECT count(*) AS n FROM episodes WHERE rne IN ('S', 'P', 'B') GROUP BY child_id`).map((r) => r.n);
    const share = (f: (n: number) => boolean) => counts.filter(f).length / counts.length;
    expect(share((n) => n <= 2)).toBeGreaterThan(0.6);
    expect(share((n) => n >= 6)).toBeGreaterThan(0.01);
    expect(share((n) => n >= 6)).toBeLessThan(0.12);
  });

  it('records current and ended placements with the Placements Standard outcome fields', () => {
    const placements = rows<{
      placement_type: string;
      distance_reason: string;
      end_date: string | null;
      end_reason: string | null;
      distance_miles: number;
      provider_urn: string;
    }>('SELECT placement_type, distance_reason, end_date, end_reason, distance_miles, provider_urn FROM placements');
    expect(placements.every((p) => (PLACEMENT_TYPES as readonly string[]).includes(p.placement_type))).toBe(true);
    expect(placements.every((p) => (DISTANCE_REASONS as readonly string[]).includes(p.distance_reason))).toBe(true);
    expect(placements.every((p) => /^SC\d{6}$/.test(p.provider_urn))).toBe(true);
    const ended = placements.filter((p) => p.end_date !== null);
    expect(ended.length).toBeGreaterThan(100);
    expect(ended.every((p) => p.end_reason !== null && isCurrentCode(REASON_PLACE_CHANGE_CODES, p.end_reason))).toBe(true);
    const unplanned = ended.filter((p) => isUnplannedEnding(p.end_reason)).length / ended.length;
    expect(unplanned).toBeGreaterThan(0.25);
    expect(unplanned).toBeLessThan(0.75);
    expect(one('SELECT count(*) FROM placements WHERE end_date IS NULL AND planned_end_date IS NULL')).toBe(0);
    for (const t of PLACEMENT_TYPES)
      expect(
        placements.some((p) => p.placement_type === t),
        t,
      ).toBe(true);
  });

  it('dates each ending by the one planned/unplanned classification: planned ones end when planned, unplanned ones early', () => {
    const ended = rows<{ end_reason: string; end_date: string; planned_end_date: string; birth_date: string }>(
      `SELECT p.end_reason, p.end_date, p.planned_end_date, c.birth_date FROM placements p JOIN children c ON c.id = p.child_id WHERE p.end_date IS NOT NULL`,
    );
    const seen = new Set<string>();
    for (const p of ended) {
      seen.add(p.end_reason);
      if (endingClassOf(p.end_reason) === 'planned') expect(p.planned_end_date, p.end_reason).toBe(p.end_date);
      // An unplanned ending comes before the planned end, which never runs past the 18th birthday.
      else expect(p.planned_end_date > p.end_date || p.planned_end_date === addYears(p.birth_date, 18), p.end_reason).toBe(true);
    }
    // Two of the reasons the two copies of the classification used to disagree on are among them
    // (custody ends a placement away from the region's homes, so it has no placement row here).
    for (const code of ['LAREQ', 'OTHER']) expect(seen.has(code), code).toBe(true);
  });
});

describe('the demo region: referrals', () => {
  it('has 20-60 open referrals across all three urgency bands', () => {
    const open = rows<{ needed_by: string }>(
      `SELECT needed_by FROM referrals WHERE status IN (${OPEN_REFERRAL_STATUSES.map(() => '?').join(',')})`,
      ...OPEN_REFERRAL_STATUSES,
    );
    expect(open.length).toBeGreaterThanOrEqual(20);
    expect(open.length).toBeLessThanOrEqual(60);
    for (const band of NEEDED_BY)
      expect(
        open.some((r) => r.needed_by === band),
        band,
      ).toBe(true);
    for (const s of OPEN_REFERRAL_STATUSES) expect(one('SELECT count(*) FROM referrals WHERE status = ?', s), s).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM referrals WHERE status = 'placed'")).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM referrals WHERE status = 'closed'")).toBeGreaterThan(0);
  });

  it('fills every Placements Standard field validly (the API’s own schema), with budgets and areas to avoid', () => {
    const ids = rows<{ id: number }>('SELECT id FROM referrals').map((r) => r.id);
    for (const id of ids) {
      const r = getReferral(a.db, id)!;
      const parsed = ReferralFields.safeParse({ ...r.fields, childId: r.childId, childWishes: r.childWishes });
      expect(parsed.success, `referral ${id}: ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
      expect(r.fields.preferredLocation).not.toBe('');
      expect(r.fields.preferredLocationReason).not.toBe('');
      const stored = JSON.parse(a.db.prepare('SELECT risks FROM referrals WHERE id = ?').pluck().get(id) as string) as Record<string, string>;
      expect(Object.keys(stored).sort()).toEqual([...Object.keys(RISKS_TO_CHILD), ...Object.keys(RISKS_TO_OTHERS)].sort());
    }
    expect(one('SELECT count(*) FROM referrals WHERE budget_ceiling_pence IS NOT NULL')).toBeGreaterThan(ids.length * 0.8);
    const avoiding = rows<{ avoid: string; risks: string }>("SELECT avoid_areas AS avoid, risks FROM referrals WHERE avoid_areas <> '[]'");
    expect(avoiding.length).toBeGreaterThan(0);
    expect(avoiding.every((r) => /"risk(Criminal|Sexual)Exploitation":"Risk Present"/.test(r.risks))).toBe(true);
  });

  it('keeps a referral history that runs in order and ends in the referral’s status; placed ones name their placement', () => {
    for (const r of rows<{ id: number; status: string; received_at: string }>('SELECT id, status, received_at FROM referrals')) {
      const history = rows<{ at: string; status: string }>('SELECT at, status FROM referral_history WHERE referral_id = ? ORDER BY id', r.id);
      expect(history[0]).toMatchObject({ status: 'new', at: r.received_at });
      expect(history.at(-1)!.status).toBe(r.status);
      expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort());
      expect(history.every((h) => h.at <= `${TODAY}T09:00:00.000Z`)).toBe(true);
    }
    expect(
      one(
        "SELECT count(*) FROM referrals r WHERE r.status = 'placed' AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.referral_id = r.id AND p.child_id = r.child_id)",
      ),
    ).toBe(0);
    // Every offered referral holds the bed it was offered.
    expect(
      one(
        `SELECT count(*) FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN referrals r ON r.id = o.referral_id
       WHERE o.status = 'offered' AND (v.status <> 'held' OR r.status <> 'offered')`,
      ),
    ).toBe(0);
  });
});

describe('the demo region: what the region plan is for', () => {
  const openStatuses = OPEN_REFERRAL_STATUSES.map(() => '?').join(',');

  it('has foster beds for sibling groups (vacancies of 2-4 beds), groups who live together referred to move together, and children with schools', () => {
    const multi = rows<{ beds: number }>(
      "SELECT v.beds FROM vacancies v JOIN foster_households f ON f.home_id = v.home_id WHERE v.status = 'open' AND v.beds >= 2 AND f.approval_siblings = 1",
    ).map((r) => r.beds);
    expect(multi.length).toBeGreaterThanOrEqual(10);
    expect(multi.filter((b) => b >= 3).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...multi)).toBeLessThanOrEqual(4);
    // Every multi-bed foster vacancy is in a household approved for sibling groups.
    expect(
      one(
        "SELECT count(*) FROM vacancies v JOIN foster_households f ON f.home_id = v.home_id WHERE v.status = 'open' AND v.beds >= 2 AND f.approval_siblings = 0",
      ),
    ).toBe(0);

    const groups = rows<{ child_id: number; sibling_count: number; sibling_ids: string; needed_by: string }>(
      `SELECT child_id, sibling_count, sibling_ids, needed_by FROM referrals WHERE status IN (${openStatuses}) AND sibling_count > 0`,
      ...OPEN_REFERRAL_STATUSES,
    );
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const g of groups) {
      const ids = JSON.parse(g.sibling_ids) as number[];
      expect(ids).toHaveLength(g.sibling_count);
      // The brothers and sisters named are the child's, and live with them now.
      const home = one('SELECT current_home_id FROM children WHERE id = ?', g.child_id);
      for (const id of ids) {
        expect(one('SELECT current_home_id FROM children WHERE id = ?', id), `sibling ${id} of child ${g.child_id}`).toBe(home);
        expect(one('SELECT count(*) FROM children a JOIN children b ON a.sibling_group = b.sibling_group WHERE a.id = ? AND b.id = ?', g.child_id, id)).toBe(1);
      }
    }
    expect(new Set(groups.map((g) => g.needed_by)).size).toBeGreaterThanOrEqual(2);

    const schoolAge = rows<{ school: number | null }>(
      `SELECT c.school_lat AS school FROM referrals r JOIN children c ON c.id = r.child_id WHERE r.status IN (${openStatuses})`,
      ...OPEN_REFERRAL_STATUSES,
    );
    expect(schoolAge.filter((c) => c.school !== null).length / schoolAge.length).toBeGreaterThan(0.6);
  });

  it('on it the optimal plan places at least as many children, sibling groups whole and urgent children as first come, first served, and scores higher', async () => {
    await loadSolver();
    const input = loadPlanInput(a.db, null, TODAY);
    const [plan, fcfs] = comparePlans([
      await planRegion(input.referrals, input.vacancies, input.policy, { today: TODAY }),
      greedyPlan(input.referrals, input.vacancies, input.policy, TODAY),
    ]) as [PlanComparison, PlanComparison];
    // Since costs are scored against the region's own agreed prices (issue 13, point 7), first come,
    // first served happens to place as many in the demo (39, 4 groups whole, 22 urgent on 2026-11-25);
    // the optimal plan still never does worse and scores higher.
    expect(plan.childrenPlaced).toBeGreaterThanOrEqual(fcfs.childrenPlaced);
    expect(plan.siblingGroupsKeptTogether).toBeGreaterThanOrEqual(fcfs.siblingGroupsKeptTogether);
    expect(plan.urgentChildrenPlaced).toBeGreaterThanOrEqual(fcfs.urgentChildrenPlaced);
    expect(plan.urgentChildren).toBe(fcfs.urgentChildren);
    // Schools kept and stability are reported for both, on the same children.
    expect(plan.schoolsKept).toBeGreaterThan(0);
    expect(fcfs.schoolsKept).toBeGreaterThan(0);
    expect(plan.meanStability).toBeGreaterThan(50);
    expect(plan.totalScore).toBeGreaterThan(fcfs.totalScore);
  });
});

describe('the demo region: accounts, integrity and determinism', () => {
  it('keeps the four demo accounts, the hub carer on the first constellation, and adds a Bolton officer', () => {
    const users = rows<{ username: string; role: string; council_id: number | null; constellation_id: number | null }>(
      'SELECT username, role, council_id, constellation_id FROM users ORDER BY id',
    );
    expect(users.map((u) => u.username)).toEqual([...DEMO_ACCOUNTS, ...DEMO_SCOPED_ACCOUNTS].map((x) => x.username));
    expect(users.find((u) => u.username === 'demo.hubcarer')!.constellation_id).toBe(one('SELECT min(id) FROM constellations'));
    expect(users.find((u) => u.username === 'demo.officer.bolton')!.council_id).toBe(one("SELECT id FROM councils WHERE name = 'Bolton'"));
    expect(users.filter((u) => u.username !== 'demo.officer.bolton').every((u) => u.council_id === null)).toBe(true);
  });

  it('passes the integrity and foreign key checks', () => {
    expect(a.db.pragma('foreign_key_check')).toEqual([]);
    expect(a.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('is deterministic: two generations from the same seed and day are equal, row for row', () => {
    for (const table of REGION_TABLES) {
      if (!tableExists(a.db, table)) continue;
      const rowsA = dump(a.db, table);
      expect(rowsA.length, `${table} is empty`).toBeGreaterThan(0);
      expect(dump(b.db, table), `${table} differs between two generations`).toEqual(rowsA);
    }
  });
});

describe('the large preset', () => {
  it('is the same generator ten times over: ten times the children, homes, vacancies and referrals', () => {
    const large = generateRegion({ seed: SEED, today: TODAY, size: 'large' });
    const ratio = (n: number, table: string) => n / one(`SELECT count(*) FROM ${table}`);
    expect(large.councils).toHaveLength(10);
    expect(ratio(large.children.length, 'children')).toBe(10);
    for (const [n, table] of [
      [large.homes.length, 'homes'],
      [large.vacancies.length, 'vacancies'],
      [large.referrals.length, 'referrals'],
      [large.constellations.length, 'constellations'],
    ] as const) {
      expect(ratio(n, table), table).toBeGreaterThan(7);
      expect(ratio(n, table), table).toBeLessThan(13);
    }
    const open = large.referrals.filter((r) => (OPEN_REFERRAL_STATUSES as readonly string[]).includes(r.status)).length;
    expect(open).toBeGreaterThanOrEqual(200);
    expect(open).toBeLessThanOrEqual(600);
  }, 60_000);
});

describe('resetting the demo region', () => {
  it('wipes and regenerates in one go: the same region for the same day, accounts and audit trail kept', () => {
    const s = tempStore({ kind: 'empty' });
    try {
      seedDemoRegion(s.db, { seed: SEED, today: TODAY });
      const users = dump(s.db, 'users');
      // Changes made while using the demo are gone after the reset.
      s.db.prepare("UPDATE vacancies SET status = 'withdrawn'").run();
      s.db.prepare('DELETE FROM sleepovers').run();
      const result = resetDemoRegion(s.db, TODAY);
      expect(result).toMatchObject({ seed: SEED, size: 'demo', today: TODAY });
      expect(result.counts.children).toBe(one('SELECT count(*) FROM children'));
      for (const table of REGION_TABLES) if (tableExists(s.db, table)) expect(dump(s.db, table), table).toEqual(dump(a.db, table));
      expect(dump(s.db, 'users')).toEqual(users);
      expect(verifyAuditChain(s.db)).toMatchObject({ intact: true, entries: 2 });
    } finally {
      s.remove();
    }
  });

  it('is refused on a real store, and the store is untouched', () => {
    const s = tempStore({ kind: 'real' });
    try {
      expect(() => resetDemoRegion(s.db, TODAY)).toThrow(NotADemoStoreError);
      expect(s.db.prepare('SELECT count(*) FROM councils').pluck().get()).toBe(0);
    } finally {
      s.remove();
    }
  });

  it('is a contract method for administrators only, and a second administrator session survives it', async () => {
    const s = tempStore({ kind: 'demo', today: TODAY });
    try {
      const backend = testBackend(s.db, () => new Date(`${TODAY}T15:00:00.000Z`));
      const officer = await signInAs(backend, 'demo.officer', DEMO_PASSWORD);
      expect((await officer.fails('demo.reset', {})).code).toBe('FORBIDDEN');
      const admin = await signInAs(backend, 'demo.admin', DEMO_PASSWORD);
      expect((await admin.fails('demo.reset', { size: 'large' })).code).toBe('BAD_INPUT');
      const result = await admin.ok('demo.reset', {});
      expect(result.counts.children).toBeGreaterThan(900);
      expect((await admin.ok('auth.me', {}))?.username).toBe('demo.admin');
      expect(s.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'demo.reset' AND action = 'reset' AND outcome = 'ok'").pluck().get()).toBe(1);

      const real = tempStore({ kind: 'real' });
      try {
        insertUser(
          real.db,
          {
            username: 'real.admin',
            displayName: 'Real admin',
            role: 'administrator',
            councilId: null,
            constellationId: null,
            passwordHash: hashPassword('a long enough passphrase'),
            isDemo: false,
          },
          `${TODAY}T10:00:00.000Z`,
        );
        const realAdmin = await signInAs(
          testBackend(real.db, () => new Date(`${TODAY}T15:00:00.000Z`)),
          'real.admin',
          'a long enough passphrase',
        );
        expect((await realAdmin.fails('demo.reset', {})).code).toBe('CONFLICT');
        expect(real.db.prepare('SELECT count(*) FROM councils').pluck().get()).toBe(0);
      } finally {
        real.remove();
      }
    } finally {
      s.remove();
    }
  });
});
