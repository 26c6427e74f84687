import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlacementHome } from '../../db/repositories/placements';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { SearchResult } from '../../shared/contract/matching';
import { placeCodeFor, placeProviderFor } from '../../shared/domain/placing';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';

/**
 * A worked case on a real encrypted demo store, through the dispatcher: a child already in care is
 * placed from a referral (a move, with the child's request as its reason, not CARPL), then leaves
 * care from the new home (E4A, a planned ending). Refusals in between change nothing.
 */
const TODAY = '2026-11-25';

describe('placing, moving and ending a placement, with the SSDA903 codes they write', () => {
  let store: ReturnType<typeof tempStore>;
  let clock: ReturnType<typeof testClock>;
  let officer: UserClient;
  let referralId: number;
  let childId: number;
  let vacancyId: number;
  let homeId: number;
  let placementId: number;

  const one = <T>(sql: string, ...params: unknown[]): T =>
    store.db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  const row = (sql: string, ...params: unknown[]) => store.db.prepare(sql).get(...params) as Record<string, unknown>;
  /** Everything a refused call must leave as it was. */
  const snapshot = () =>
    store.db
      .prepare(
        `SELECT (SELECT group_concat(id || ':' || coalesce(dec, '') || ':' || coalesce(rec, ''), ',') FROM episodes WHERE child_id = @c) AS episodes,
                (SELECT group_concat(id || ':' || coalesce(end_date, ''), ',') FROM placements WHERE child_id = @c) AS placements,
                (SELECT status || ':' || beds FROM vacancies WHERE id = @v) AS vacancy,
                (SELECT status FROM referrals WHERE id = @r) AS referral,
                (SELECT current_home_id FROM children WHERE id = @c) AS home`,
      )
      .get({ c: childId, v: vacancyId, r: referralId });

  beforeAll(async () => {
    store = tempStore({ kind: 'demo', today: TODAY });
    clock = testClock(`${TODAY}T10:00:00.000Z`);
    officer = await signInAs(testBackend(store.db, clock.now), 'demo.officer', DEMO_PASSWORD);
    // A child on their own, living in one of the region's homes now, with a referral the team is working on.
    const found = row(
      `SELECT r.id AS referralId, r.child_id AS childId FROM referrals r JOIN children ch ON ch.id = r.child_id
        WHERE r.status IN ('new', 'searching') AND r.sibling_count = 0 AND ch.current_home_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM placements p WHERE p.child_id = ch.id AND p.end_date IS NULL)
          AND EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = ch.id AND e.dec IS NULL)
        ORDER BY r.id LIMIT 1`,
    );
    referralId = found.referralId as number;
    childId = found.childId as number;
    const search = (await officer.ok('matching.search', { referralId })) as SearchResult;
    const choice = search.ranked.find((r) => r.beds === 1 && r.homeId !== one<number>('SELECT current_home_id FROM children WHERE id = ?', childId))!;
    vacancyId = choice.vacancyId;
    homeId = choice.homeId;
    // The demo region keeps no postcodes; synthetic ones here show both are written, as recorded.
    store.db.prepare("UPDATE children SET home_postcode = 'M1 1AE' WHERE id = ?").run(childId);
    store.db.prepare("UPDATE homes SET postcode = 'M14 5RB' WHERE id = ?").run(homeId);
  });
  afterAll(() => store?.remove());

  const placing = () => ({
    referralId,
    vacancyId,
    startDate: TODAY,
    price: { core: 90_000, support: 0, education: 0, other: 0 },
    rationale: 'She asked to move nearer her school, and this carer can take her.',
    distanceReason: 'Not applicable' as const,
  });

  it('a first placement starts care (RNE S) and takes no reason for placement change; no postcode is invented', async () => {
    const first = row(
      `SELECT r.id AS referralId, r.child_id AS childId FROM referrals r JOIN children ch ON ch.id = r.child_id
        WHERE r.status IN ('new', 'searching') AND r.sibling_count = 0 AND ch.current_home_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = ch.id AND e.dec IS NULL) ORDER BY r.id LIMIT 1`,
    );
    const search = (await officer.ok('matching.search', { referralId: first.referralId as number })) as SearchResult;
    const target = search.ranked.find((r) => r.vacancyId !== vacancyId && r.homeId !== homeId)!;
    const input = { ...placing(), referralId: first.referralId as number, vacancyId: target.vacancyId };
    const refused = await officer.fails('placement.place', { ...input, reasonPlaceChange: 'CHILD' });
    expect(refused).toMatchObject({ code: 'BAD_INPUT', field: 'reasonPlaceChange' });
    expect(refused.message).toMatch(/only when the child moves within care/);
    await officer.ok('placement.place', input);
    const home = getPlacementHome(store.db, target.homeId)!;
    expect(
      row('SELECT rne, place, place_provider AS provider, home_post AS homePost, pl_post AS plPost FROM episodes WHERE child_id = ?', first.childId),
    ).toEqual({
      rne: 'S',
      place: placeCodeFor(home, TODAY),
      provider: placeProviderFor(home, one<number>('SELECT council_id FROM referrals WHERE id = ?', first.referralId)),
      homePost: null,
      plPost: null,
    });
  });

  it('refuses a move without a reason for placement change, or with PLACE, changing nothing', async () => {
    const before = snapshot();
    const missing = await officer.fails('placement.place', placing());
    expect(missing).toMatchObject({ code: 'BAD_INPUT', field: 'reasonPlaceChange' });
    expect(missing.message).toMatch(/already lives somewhere in care, so say why their placement changes/);
    const notAMove = await officer.fails('placement.place', { ...placing(), reasonPlaceChange: 'PLACE' });
    expect(notAMove.message).toMatch(/same carers, not a move/);
    const wrongPlace = await officer.fails('placement.place', { ...placing(), reasonPlaceChange: 'CHILD', place: 'H5' });
    expect(wrongPlace).toMatchObject({ code: 'BAD_INPUT', field: 'place' });
    expect(snapshot()).toEqual(before);
  });

  it('a move records the child’s request (CHILD, unplanned), the new home’s PLACE, PLACE_PROVIDER and both postcodes', async () => {
    const oldPlacement = row('SELECT id, home_id AS homeId, vacancy_id AS vacancyId FROM placements WHERE child_id = ? AND end_date IS NULL', childId);
    const oldEpisode = one<number>('SELECT id FROM episodes WHERE child_id = ? AND dec IS NULL', childId);
    placementId = (await officer.ok('placement.place', { ...placing(), reasonPlaceChange: 'CHILD' })).placementId;

    expect(row('SELECT dec, rec, reason_place_change AS rnc FROM episodes WHERE id = ?', oldEpisode)).toEqual({ dec: TODAY, rec: 'X1', rnc: 'CHILD' });
    expect(row('SELECT end_date AS endDate, end_reason AS reason FROM placements WHERE id = ?', oldPlacement.id)).toEqual({ endDate: TODAY, reason: 'CHILD' });

    const home = getPlacementHome(store.db, homeId)!;
    const council = one<number>('SELECT council_id FROM referrals WHERE id = ?', referralId);
    expect(
      row('SELECT rne, place, place_provider AS provider, home_post AS homePost, pl_post AS plPost FROM episodes WHERE child_id = ? AND dec IS NULL', childId),
    ).toEqual({
      rne: 'P',
      place: placeCodeFor(home, TODAY),
      provider: placeProviderFor(home, council),
      homePost: 'M1 1AE',
      plPost: 'M14 5RB',
    });
    expect(one('SELECT status FROM vacancies WHERE id = ?', vacancyId)).toBe('filled');

    const profile = await officer.ok('children.profile', { childId });
    const moved = profile.history.find((e) => e.end === TODAY && e.ceasedCode === 'X1')!;
    expect(moved).toMatchObject({ reasonForChange: 'Child requests placement end', reasonForChangeCode: 'CHILD', ending: 'unplanned' });
    expect(profile.currentPlacement).toMatchObject({ placementId, startDate: TODAY });
    expect(profile.inCare).toBe(true);
  });

  it('refuses an ending with X1, an unknown REC, or a date before the placement began, changing nothing', async () => {
    clock.advanceMinutes(9 * 24 * 60);
    // Nine days on, a new session.
    officer = await signInAs(testBackend(store.db, clock.now), 'demo.officer', DEMO_PASSWORD);
    const before = snapshot();
    const x1 = await officer.fails('placement.end', { placementId, endDate: '2026-12-04', reasonEpisodeCeased: 'X1' });
    expect(x1).toMatchObject({ code: 'BAD_INPUT', field: 'reasonEpisodeCeased' });
    expect(x1.message).toMatch(/X1 means a new episode begins the same day/);
    const unknown = await officer.fails('placement.end', { placementId, endDate: '2026-12-04', reasonEpisodeCeased: 'E99' });
    expect(unknown.message).toMatch(/'E99' is not a reason episode ceased \(REC\) code/);
    const early = await officer.fails('placement.end', { placementId, endDate: '2026-11-20', reasonEpisodeCeased: 'E4A' });
    expect(early).toMatchObject({ code: 'BAD_INPUT', field: 'endDate' });
    const future = await officer.fails('placement.end', { placementId, endDate: '2026-12-25', reasonEpisodeCeased: 'E4A' });
    expect(future).toMatchObject({ code: 'BAD_INPUT', field: 'endDate' });
    const both = await officer.fails('placement.end', { placementId, childId, endDate: '2026-12-04', reasonEpisodeCeased: 'E4A' });
    expect(both).toMatchObject({ code: 'BAD_INPUT', field: 'placementId' });
    expect(snapshot()).toEqual(before);
  });

  it('ending as the child returns home (E4A) closes the episode and placement, gives the bed back, closes the referral and is audited', async () => {
    const ended = await officer.ok('placement.end', { childId, endDate: '2026-12-04', reasonEpisodeCeased: 'e4a', note: 'Back with mum, as planned.' });
    expect(ended).toEqual({ placementId, ending: 'planned', vacancyStatus: 'open' });
    expect(row('SELECT end_date AS endDate, end_reason AS reason, end_rec AS rec, end_note AS note FROM placements WHERE id = ?', placementId)).toEqual({
      endDate: '2026-12-04',
      reason: null,
      rec: 'E4A',
      note: 'Back with mum, as planned.',
    });
    expect(one('SELECT count(*) FROM episodes WHERE child_id = ? AND dec IS NULL', childId)).toBe(0);
    expect(row('SELECT rec, reason_place_change AS rnc FROM episodes WHERE child_id = ? ORDER BY decom DESC, id DESC LIMIT 1', childId)).toEqual({
      rec: 'E4A',
      rnc: null,
    });
    expect(one('SELECT current_home_id FROM children WHERE id = ?', childId)).toBeNull();
    expect(row('SELECT status, beds, available_from AS availableFrom FROM vacancies WHERE id = ?', vacancyId)).toMatchObject({ status: 'open', beds: 1 });
    expect(one('SELECT status FROM referrals WHERE id = ?', referralId)).toBe('closed');
    expect(
      one("SELECT count(*) FROM audit_log WHERE method = 'placement.end' AND action = 'end' AND record_type = 'child' AND record_id = ?", String(childId)),
    ).toBe(1);

    const profile = await officer.ok('children.profile', { childId });
    expect(profile.history.at(-1)).toMatchObject({ end: '2026-12-04', ceasedCode: 'E4A', ending: 'planned' });
    expect(profile.history.at(-1)!.ceasedLabel).toMatch(/as part of the care planning process/);
    expect(profile.currentPlacement).toBeNull();
    expect(profile.inCare).toBe(false);

    const again = await officer.fails('placement.end', { placementId, endDate: '2026-12-04', reasonEpisodeCeased: 'E4A' });
    expect(again.code).toBe('NOT_FOUND');
  });

  it('a hub carer and a commissioner may not end a placement', async () => {
    const backend = testBackend(store.db, clock.now);
    for (const username of ['demo.commissioner', 'demo.hubcarer']) {
      const other = await signInAs(backend, username, DEMO_PASSWORD);
      expect((await other.fails('placement.end', { childId, endDate: '2026-12-04', reasonEpisodeCeased: 'E4A' })).code).toBe('FORBIDDEN');
    }
  });
});
