import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditForRecord, verifyAuditChain } from '../../db/repositories/audit';
import { constellationByHome } from '../../db/repositories/constellations';
import { decryptRosterPack, encryptRosterPack } from '../../electron/services/rosterPack';
import { NOTE_MAX_CHARS } from '../../shared/contract/constellation';
import { addPlacementSearch, buildConstellationFixture, FIXTURE_PASSWORD, SECRET, type ConstellationFixture } from '../helpers/constellation-fixture';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;
let store: Store;
let fx: ConstellationFixture;
let backend: ReturnType<typeof testBackend>;
let clock: ReturnType<typeof testClock>;
let hub: UserClient;
let officer: UserClient;

beforeAll(async () => {
  store = tempStore({ kind: 'real' });
  fx = buildConstellationFixture(store.db);
  clock = testClock();
  backend = testBackend(store.db, clock.now);
  hub = await signInAs(backend, fx.users.hubCarer, FIXTURE_PASSWORD);
  officer = await signInAs(backend, fx.users.officer, FIXTURE_PASSWORD);
});
afterAll(() => store?.remove());

describe('the roster', () => {
  it('lists the hub then the satellites, with what a carer needs and nothing else', async () => {
    const roster = await hub.ok('constellation.roster', { constellationId: fx.ours.id });
    expect(roster.constellation).toEqual({
      id: fx.ours.id,
      name: fx.ours.name,
      liaisonWorker: `Liaison for ${fx.ours.name}`,
      liaisonPhone: '0161 222 2222',
      outOfHoursPhone: '0800 123 4567',
    });
    expect(roster.households.map((h) => [h.name, h.role])).toEqual([
      ['Larkfield Hub', 'hub'],
      ['Larkfield Ash', 'satellite'],
      ['Larkfield Beech', 'satellite'],
      ['Larkfield Cedar', 'satellite'],
    ]);
    const [hubHome, ash] = roster.households;
    // The hub shares its address; the satellites do not, so only their area is shown.
    expect(hubHome!.address).toBe('1 Shared Street, Larkfield Hub');
    expect(ash!.address).toBeNull();
    expect(ash!.area).toBe('Larkfieldton');
    expect(ash!.carers).toEqual([{ name: 'Carer of Larkfield Ash', phone: '07700 900000', email: expect.stringMatching(/@example\.org$/), isMain: true }]);
    expect(ash!.householdMembers).toEqual(['Girl, 15']);
    expect(ash!.supervisingSocialWorker).toBe('SSW for Larkfield Ash');
    expect(ash!.children).toEqual([
      {
        childId: fx.child['Noah'],
        firstName: 'Noah',
        age: 9,
        school: "Noah's Primary",
        careNotes: 'Noah: nut allergy; bedtime 8pm; contact with mum on Saturdays',
        caredForAlongside: 'No preference',
      },
    ]);
    expect(JSON.stringify(roster)).not.toContain(SECRET);
  });

  it('shows what kind of household each is: foster, special guardianship or adoptive; only a foster household can be the hub', async () => {
    const [ash, beech] = fx.ours.satelliteIds;
    const setKind = store.db.prepare('UPDATE homes SET household_kind = ? WHERE id = ?');
    setKind.run('special_guardianship', ash);
    setKind.run('adoptive', beech);
    try {
      const roster = await hub.ok('constellation.roster', { constellationId: fx.ours.id });
      expect(roster.households.map((h) => [h.name, h.householdKind])).toEqual([
        ['Larkfield Hub', 'foster'],
        ['Larkfield Ash', 'special_guardianship'],
        ['Larkfield Beech', 'adoptive'],
        ['Larkfield Cedar', 'foster'],
      ]);
      const members = (await officer.ok('constellation.households', { constellationId: fx.ours.id })).members;
      expect(members.find((m) => m.homeId === beech)?.householdKind).toBe('adoptive');
      expect(await officer.fails('constellation.assignHub', { constellationId: fx.ours.id, homeId: ash! })).toMatchObject({
        code: 'CONFLICT',
        message: 'Larkfield Ash is recorded as: Special guardianship household. A hub home must be a foster household, approved for the sleepovers it offers.',
      });
    } finally {
      setKind.run('foster', ash);
      setKind.run('foster', beech);
    }
  });

  it('audits the roster view and each child on it, with no personal values in the audit rows', async () => {
    await hub.ok('constellation.roster', { constellationId: fx.ours.id });
    for (const name of ['Hana', 'Noah', 'Ava', 'Leo', 'Mia']) {
      const rows = auditForRecord(store.db, 'child', String(fx.child[name]));
      expect(
        rows.some((r) => r.method === 'constellation.roster' && r.action === 'view' && r.username === fx.users.hubCarer),
        name,
      ).toBe(true);
    }
    const all = JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toMatch(/Noah|nut allergy|Primary/);
    expect(verifyAuditChain(store.db).intact).toBe(true);
  });

  it("refuses another constellation's roster to the hub carer and to an officer of another council", async () => {
    expect(await hub.fails('constellation.roster', { constellationId: fx.theirs.id })).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can only open your own constellation.',
    });
    expect((await hub.fails('constellation.roster', { constellationId: 999 })).code).toBe('FORBIDDEN');
    const other = await signInAs(backend, fx.users.otherCouncilOfficer, FIXTURE_PASSWORD);
    expect((await other.fails('constellation.roster', { constellationId: fx.ours.id })).code).toBe('FORBIDDEN');
    expect((await officer.ok('constellation.roster', { constellationId: fx.ours.id })).households).toHaveLength(4);
  });
});

describe('constellation life', () => {
  it('plans a meeting with its time and place, records attendance only once it has happened, and keeps a note log of at most 1000 characters', async () => {
    // The test clock reads 10:00 on 25 Nov 2026.
    const planned = await hub.ok('constellation.addEvent', {
      constellationId: fx.ours.id,
      kind: 'meeting',
      title: 'December support group',
      date: '2026-12-08',
      startTime: '19:00',
      place: 'Larkfield Community Centre',
    });
    expect(planned).toMatchObject({ status: 'planned', startTime: '19:00', place: 'Larkfield Community Centre' });
    expect(await hub.fails('constellation.setAttendance', { eventId: planned.id, attendedHomeIds: [fx.ours.hubHomeId] })).toMatchObject({
      code: 'CONFLICT',
      message: 'December support group is planned for 8 Dec 2026 at 19:00; attendance can be recorded once it has happened.',
    });
    // Later the same day is still to come; earlier that day has happened.
    const tonight = await hub.ok('constellation.addEvent', {
      constellationId: fx.ours.id,
      kind: 'activity',
      title: 'Games night',
      date: '2026-11-25',
      startTime: '18:30',
      place: 'The hub',
    });
    expect(tonight.status).toBe('planned');
    expect((await hub.fails('constellation.setAttendance', { eventId: tonight.id, attendedHomeIds: [] })).code).toBe('CONFLICT');
    expect(
      await hub.fails('constellation.addEvent', {
        constellationId: fx.ours.id,
        kind: 'meeting',
        title: 'X',
        date: '2026-12-08',
        startTime: '7pm',
        place: 'Hub',
      }),
    ).toMatchObject({ code: 'BAD_INPUT', field: 'startTime', message: expect.stringContaining('Enter the time as HH:MM') });
    expect(
      await hub.fails('constellation.addEvent', {
        constellationId: fx.ours.id,
        kind: 'meeting',
        title: 'X',
        date: '2026-12-08',
        startTime: '19:00',
        place: ' ',
      }),
    ).toMatchObject({ code: 'BAD_INPUT', field: 'place' });

    const meeting = await hub.ok('constellation.addEvent', {
      constellationId: fx.ours.id,
      kind: 'meeting',
      title: 'Monthly meeting',
      date: '2026-11-25',
      startTime: '09:30',
      place: 'Larkfield Hub',
    });
    expect(meeting.status).toBe('happened');
    expect(meeting.attendance.every((a) => !a.attended)).toBe(true);
    const marked = await hub.ok('constellation.setAttendance', { eventId: meeting.id, attendedHomeIds: [fx.ours.hubHomeId, fx.ours.satelliteIds[0]!] });
    expect(marked.attendance.filter((a) => a.attended).map((a) => a.homeName)).toEqual(['Larkfield Hub', 'Larkfield Ash']);
    expect((await hub.fails('constellation.setAttendance', { eventId: meeting.id, attendedHomeIds: [fx.theirs.satelliteIds[0]!] })).field).toBe(
      'attendedHomeIds',
    );

    const note = await hub.ok('constellation.addNote', { constellationId: fx.ours.id, text: 'Booked the leisure centre for the half-term swim.' });
    expect(note.author).toBe('Larkfield hub carer');
    expect(await hub.fails('constellation.addNote', { constellationId: fx.ours.id, text: 'x'.repeat(NOTE_MAX_CHARS + 1) })).toMatchObject({
      code: 'BAD_INPUT',
      field: 'text',
    });
    expect((await hub.fails('constellation.addNote', { constellationId: fx.ours.id, text: '   ' })).code).toBe('BAD_INPUT');
    expect((await hub.ok('constellation.addNote', { constellationId: fx.ours.id, text: 'y'.repeat(NOTE_MAX_CHARS) })).text).toHaveLength(NOTE_MAX_CHARS);

    const life = await hub.ok('constellation.life', { constellationId: fx.ours.id });
    expect(life.events.map((e) => [e.title, e.status])).toEqual([
      ['December support group', 'planned'],
      ['Games night', 'planned'],
      ['Monthly meeting', 'happened'],
    ]);
    expect(life.notes).toHaveLength(2);
    expect((await hub.fails('constellation.life', { constellationId: fx.theirs.id })).code).toBe('FORBIDDEN');
    expect(
      (
        await hub.fails('constellation.addEvent', {
          constellationId: fx.theirs.id,
          kind: 'activity',
          title: 'Picnic',
          date: '2026-12-08',
          startTime: '12:00',
          place: 'The park',
        })
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('officers manage constellations', () => {
  it('shows capacity and stability: placements ended in the last 12 months by SSDA903 reason', async () => {
    const overview = await officer.ok('constellation.overview', {});
    expect(overview.map((c) => c.name)).toEqual([fx.ours.name]);
    const ours = overview[0]!;
    expect(ours).toMatchObject({ satelliteCount: 3, childrenPlaced: 5, endingsLast12Months: 3 });
    expect(ours.endingsByReason).toEqual([
      { reason: 'CREQB', label: 'Carer requests placement end due to child’s behaviour', count: 2 },
      { reason: 'PLACE', label: 'Change in the status of placement only', count: 1 },
    ]);
    const region = await (await signInAs(backend, fx.users.regionOfficer, FIXTURE_PASSWORD)).ok('constellation.overview', {});
    expect(region.map((c) => c.name).sort()).toEqual([fx.ours.name, fx.theirs.name].sort());
  });

  it('moves a household in and out, refuses to move the hub, and assigns a new hub', async () => {
    const households = await officer.ok('constellation.households', { constellationId: fx.ours.id });
    expect(households.members.map((m) => m.name)).toEqual(['Larkfield Hub', 'Larkfield Ash', 'Larkfield Beech', 'Larkfield Cedar']);
    expect(households.candidates.map((c) => c.name)).toEqual(['Larkfield Elm']);

    expect(await officer.ok('constellation.moveHousehold', { homeId: fx.looseHomeId, constellationId: fx.ours.id })).toMatchObject({
      constellationId: fx.ours.id,
      isHub: false,
    });
    expect((await officer.fails('constellation.moveHousehold', { homeId: fx.ours.hubHomeId, constellationId: null })).message).toContain(
      'make another household the hub first',
    );
    expect((await officer.fails('constellation.moveHousehold', { homeId: fx.residentialHomeId, constellationId: fx.ours.id })).message).toContain(
      'not a foster household',
    );
    // A household of another council is outside this officer's scope.
    expect((await officer.fails('constellation.moveHousehold', { homeId: fx.theirs.satelliteIds[0]!, constellationId: fx.ours.id })).code).toBe('FORBIDDEN');

    const after = await officer.ok('constellation.assignHub', { constellationId: fx.ours.id, homeId: fx.looseHomeId });
    expect(after).toMatchObject({ hubHomeId: fx.looseHomeId, hubHomeName: 'Larkfield Elm', satelliteCount: 4 });
    // The old hub stays on as a satellite; its placed child is still in the constellation.
    const members = (await officer.ok('constellation.households', { constellationId: fx.ours.id })).members;
    expect(members.find((m) => m.homeId === fx.ours.hubHomeId)).toMatchObject({ isHub: false, constellationId: fx.ours.id });
    expect(constellationByHome(store.db).get(fx.ours.hubHomeId)).toBe(fx.ours.id);
    await officer.ok('constellation.assignHub', { constellationId: fx.ours.id, homeId: fx.ours.hubHomeId });
    await officer.ok('constellation.moveHousehold', { homeId: fx.looseHomeId, constellationId: null });
    expect(constellationByHome(store.db).has(fx.looseHomeId)).toBe(false);
  });

  it('refuses a move that would leave requested or booked stays behind, and an eleventh satellite', async () => {
    const stay = await hub.ok('constellation.requestSleepover', {
      constellationId: fx.ours.id,
      childId: fx.child['Noah']!,
      startDate: '2026-12-20',
      endDate: '2026-12-20',
      kind: 'planned',
    });
    expect((await officer.fails('constellation.moveHousehold', { homeId: fx.ours.satelliteIds[0]!, constellationId: null })).message).toContain(
      'sleepovers requested or booked',
    );
    await hub.ok('constellation.declineSleepover', { sleepoverId: stay.id, reason: 'Hub full' });

    const insertHome = store.db.prepare(
      "INSERT INTO homes (provider_id, council_id, name, kind, place_label, lat, lon, constellation_id) VALUES (1, ?, ?, 'foster', 'X', 0, 0, ?)",
    );
    for (let n = 0; n < 7; n++) insertHome.run(fx.councilId, `Extra ${n}`, fx.ours.id);
    const error = await officer.fails('constellation.moveHousehold', { homeId: fx.looseHomeId, constellationId: fx.ours.id });
    expect(error.message).toBe(`${fx.ours.name} already has 10 satellite households; a Mockingbird hub supports at most 10.`);
    store.db.prepare("DELETE FROM homes WHERE name LIKE 'Extra %'").run();
  });

  it("counts constellation support as a stability factor in the officer's search, and follows a household moved in", async () => {
    const scenario = addPlacementSearch(store.db, fx);
    const mockingbirdOf = async (vacancyId: number) => {
      const home = (await officer.ok('matching.search', { referralId: scenario.referralId })).ranked.find((r) => r.vacancyId === vacancyId);
      expect(home, `vacancy ${vacancyId} was not ranked`).toBeDefined();
      return { stability: home!.factors.stability.score, factor: home!.stability.find((s) => s.factor === 'mockingbird')! };
    };
    const satellite = await mockingbirdOf(scenario.satelliteVacancyId);
    expect(satellite.factor.points).toBeGreaterThan(0);
    expect(satellite.factor.points).toBe(satellite.factor.maxPoints);
    expect(satellite.factor.line).toMatch(/^Part of a Mockingbird constellation: hub support and sleepovers/);
    const loose = await mockingbirdOf(scenario.looseVacancyId);
    expect(loose.factor).toMatchObject({ points: 0, maxPoints: satellite.factor.maxPoints });
    expect(loose.factor.line).toMatch(/^Not part of a Mockingbird constellation/);
    // The two homes differ only in that: the satellite's stability score is higher by that factor.
    expect(satellite.stability).toBeGreaterThan(loose.stability);

    // The officer moves the loose household in: the next search counts the support for it too.
    await officer.ok('constellation.moveHousehold', { homeId: fx.looseHomeId, constellationId: fx.ours.id });
    const joined = await mockingbirdOf(scenario.looseVacancyId);
    expect(joined.factor.points).toBe(joined.factor.maxPoints);
    expect(joined.stability).toBe(satellite.stability);
    await officer.ok('constellation.moveHousehold', { homeId: fx.looseHomeId, constellationId: null });
    store.db.prepare('UPDATE vacancies SET status = ? WHERE id IN (?, ?)').run('withdrawn', scenario.satelliteVacancyId, scenario.looseVacancyId);
  });

  it('hub carers and commissioners cannot manage constellations', async () => {
    expect((await hub.fails('constellation.moveHousehold', { homeId: fx.looseHomeId, constellationId: fx.ours.id })).code).toBe('FORBIDDEN');
    expect((await hub.fails('constellation.assignHub', { constellationId: fx.ours.id, homeId: fx.looseHomeId })).code).toBe('FORBIDDEN');
    expect((await hub.fails('constellation.overview', {})).code).toBe('FORBIDDEN');
    const commissioner = await signInAs(backend, fx.users.commissioner, FIXTURE_PASSWORD);
    expect((await commissioner.ok('constellation.overview', {})).length).toBe(2);
    expect((await commissioner.fails('constellation.roster', { constellationId: fx.ours.id })).code).toBe('FORBIDDEN');
  });
});

describe('roster packs', () => {
  const passphrase = 'correct horse battery staple';

  function snapshot() {
    return store.db.prepare('SELECT * FROM roster_packs').all();
  }

  it('round-trips a pack: name, export time and roster survive, and the hub carer can view it', async () => {
    const exported = await officer.ok('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase });
    expect(exported.fileName).toBe('roster-larkfield-constellation-2026-11-25.rccpack');
    const bytes = Buffer.from(exported.packBase64, 'base64');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('RCCPACK\u0001');
    expect(bytes.toString('latin1')).not.toContain('Noah');

    expect(await hub.ok('constellation.importedRoster', {})).toBeNull();
    const imported = await hub.ok('constellation.importRosterPack', { packBase64: exported.packBase64, passphrase });
    expect(imported).toMatchObject({ constellationName: fx.ours.name, exportedAt: '2026-11-25T10:00:00.000Z', replaced: null });
    const view = (await hub.ok('constellation.importedRoster', {}))!;
    expect(view.roster).toEqual(await hub.ok('constellation.roster', { constellationId: fx.ours.id }));
    expect(auditForRecord(store.db, 'roster_pack', fx.ours.name).map((r) => r.action)).toEqual(['import', 'view']);
  });

  it('refuses a wrong passphrase or any altered byte with a clear message, changing nothing', async () => {
    const exported = await officer.ok('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase });
    const before = snapshot();
    const wrong = await hub.fails('constellation.importRosterPack', { packBase64: exported.packBase64, passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ code: 'BAD_INPUT', field: 'passphrase' });
    expect(wrong.message).toContain('The passphrase is wrong, or the file was changed after it was exported');

    const bytes = Buffer.from(exported.packBase64, 'base64');
    for (const at of [3, 9, 20, 40, 60, bytes.length - 20, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[at] = tampered[at]! ^ 0x01;
      const error = await hub.fails('constellation.importRosterPack', { packBase64: tampered.toString('base64'), passphrase });
      expect(error.code, `byte ${at}`).toBe('BAD_INPUT');
      expect(error.message, `byte ${at}`).toMatch(/Nothing was imported\.$/);
    }
    expect((await hub.fails('constellation.importRosterPack', { packBase64: bytes.subarray(0, 30).toString('base64'), passphrase })).message).toContain(
      'not an RCC Placements roster pack',
    );
    expect((await hub.fails('constellation.importRosterPack', { packBase64: 'not base64 at all!', passphrase })).message).toContain(
      'not an RCC Placements roster pack',
    );
    const future = Buffer.from(bytes);
    future[7] = 2;
    expect((await hub.fails('constellation.importRosterPack', { packBase64: future.toString('base64'), passphrase })).message).toContain('uses format 2');
    expect(snapshot()).toEqual(before);
  });

  it('a newer pack replaces the old one; an older one is refused', async () => {
    const older = await officer.ok('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase });
    clock.advanceMinutes(10);
    await hub.ok('constellation.addNote', { constellationId: fx.ours.id, text: 'Ten minutes later' });
    const newer = await officer.ok('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase: 'another passphrase 2' });
    const replaced = await hub.ok('constellation.importRosterPack', { packBase64: newer.packBase64, passphrase: 'another passphrase 2' });
    expect(replaced.replaced).toMatchObject({ constellationName: fx.ours.name });
    expect(replaced.exportedAt).toBe(newer.exportedAt);
    expect(store.db.prepare('SELECT count(*) FROM roster_packs WHERE constellation_name = ?').pluck().get(fx.ours.name)).toBe(1);
    const refused = await hub.fails('constellation.importRosterPack', { packBase64: older.packBase64, passphrase });
    expect(refused.code).toBe('CONFLICT');
    expect((await hub.ok('constellation.importedRoster', {}))!.exportedAt).toBe(newer.exportedAt);
  });

  it("a hub carer cannot import another constellation's pack, even with its passphrase; an administrator (the carer on their own laptop) can", async () => {
    const theirs = await (
      await signInAs(backend, fx.users.regionOfficer, FIXTURE_PASSWORD)
    ).ok('constellation.exportRosterPack', { constellationId: fx.theirs.id, passphrase });
    const before = snapshot();
    const refused = await hub.fails('constellation.importRosterPack', { packBase64: theirs.packBase64, passphrase });
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toContain("you can only import your own constellation's roster");
    expect(snapshot()).toEqual(before);
    const admin = await signInAs(backend, fx.users.admin, FIXTURE_PASSWORD);
    const ownLaptop = await admin.ok('constellation.importRosterPack', { packBase64: theirs.packBase64, passphrase });
    expect(ownLaptop.constellationName).toBe(fx.theirs.name);
    // The administrator is the carer on their own laptop: the copy keeps one roster, so the new
    // pack replaces the one held, whichever constellation it was for; nothing old lingers unseen.
    expect(ownLaptop.replaced).toMatchObject({ constellationName: fx.ours.name });
    expect(store.db.prepare('SELECT constellation_name FROM roster_packs').pluck().all()).toEqual([fx.theirs.name]);
    expect((await admin.ok('constellation.importedRoster', {}))!.constellationName).toBe(fx.theirs.name);
    // The hub carer never sees another constellation's pack: they now have none.
    expect(await hub.ok('constellation.importedRoster', {})).toBeNull();
  });

  it('exports only for officers in scope, and the passphrase must be long enough', async () => {
    expect((await hub.fails('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase })).code).toBe('FORBIDDEN');
    expect((await officer.fails('constellation.exportRosterPack', { constellationId: fx.theirs.id, passphrase })).code).toBe('FORBIDDEN');
    expect(await officer.fails('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase: 'short' })).toMatchObject({
      code: 'BAD_INPUT',
      field: 'passphrase',
    });
  });

  it('the pack format refuses a crafted header asking for an expensive key derivation', async () => {
    const roster = await hub.ok('constellation.roster', { constellationId: fx.ours.id });
    const pack = encryptRosterPack({ constellationName: 'X', exportedAt: '2026-11-25T10:00:00.000Z', roster }, passphrase, { log2N: 10, r: 8, p: 1 });
    expect(decryptRosterPack(pack, passphrase).constellationName).toBe('X');
    const greedy = Buffer.from(pack);
    greedy[8] = 24;
    expect(() => decryptRosterPack(greedy, passphrase)).toThrow(/not an RCC Placements roster pack/);
  });
});
