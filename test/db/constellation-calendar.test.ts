import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditForRecord } from '../../db/repositories/audit';
import type { SleepoverView } from '../../shared/contract/constellation';
import { buildConstellationFixture, FIXTURE_PASSWORD, type ConstellationFixture, type FixtureChild } from '../helpers/constellation-fixture';
import { signInAs, type UserClient } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;

let store: Store;
let fx: ConstellationFixture;
let hub: UserClient;

async function setUp(options: { hubChildren?: FixtureChild[]; satelliteChildren?: FixtureChild[][] } = {}) {
  store = tempStore({ kind: 'real' });
  fx = buildConstellationFixture(store.db, options);
  const backend = testBackend(store.db, testClock().now);
  hub = await signInAs(backend, fx.users.hubCarer, FIXTURE_PASSWORD);
  return backend;
}

afterEach(() => store?.remove());

const request = (childName: string, startDate: string, endDate = startDate, kind: 'planned' | 'emergency' = 'planned'): Promise<SleepoverView> =>
  hub.ok('constellation.requestSleepover', { constellationId: fx.ours.id, childId: fx.child[childName]!, startDate, endDate, kind });

/** Accepted stays that share a bed and at least one night: must always be none. */
const doubleBookings = () =>
  store.db
    .prepare(
      `SELECT a.id, b.id FROM sleepovers a JOIN sleepovers b ON a.id < b.id AND a.constellation_id = b.constellation_id AND a.bed = b.bed
       WHERE a.status = 'accepted' AND b.status = 'accepted' AND a.start_date <= b.end_date AND b.start_date <= a.end_date`,
    )
    .all();

describe('the hub calendar', () => {
  beforeEach(async () => {
    await setUp();
  });

  it('records a request for a range, shows both beds free, and accepts it into a bed', async () => {
    const stay = await request('Noah', '2026-12-05', '2026-12-06', 'emergency');
    expect(stay).toMatchObject({ status: 'requested', bed: null, kind: 'emergency', childFirstName: 'Noah', childAge: 9 });
    expect(stay.bedChecks).toEqual([
      { bed: 1, ok: true, reasons: [] },
      { bed: 2, ok: true, reasons: [] },
    ]);
    const accepted = await hub.ok('constellation.acceptSleepover', { sleepoverId: stay.id, bed: 1 });
    expect(accepted).toMatchObject({ status: 'accepted', bed: 1 });

    const calendar = await hub.ok('constellation.calendar', { constellationId: fx.ours.id, from: '2026-12-01', to: '2026-12-31' });
    expect(calendar.stays.map((s) => [s.childFirstName, s.status, s.bed, s.kind])).toEqual([['Noah', 'accepted', 1, 'emergency']]);
    expect(calendar.hubChildren.map((c) => c.firstName)).toEqual(['Hana']);
    expect(calendar.requestableChildren.map((c) => c.firstName).sort()).toEqual(['Ava', 'Leo', 'Mia', 'Noah']);
  });

  it('never double-books a bed: a second stay on an overlapping night is refused in plain English and nothing changes', async () => {
    const first = await request('Noah', '2026-12-05', '2026-12-07');
    const second = await request('Ava', '2026-12-07', '2026-12-08');
    await hub.ok('constellation.acceptSleepover', { sleepoverId: first.id, bed: 1 });

    const before = store.db.prepare('SELECT * FROM sleepovers ORDER BY id').all();
    const error = await hub.fails('constellation.acceptSleepover', { sleepoverId: second.id, bed: 1 });
    expect(error.code).toBe('CONFLICT');
    expect(error.field).toBe('bed');
    expect(error.message).toBe("Ava's stay cannot go in bed 1: Bed 1 is already booked for Noah on the night of Mon 7 Dec.");
    expect(store.db.prepare('SELECT * FROM sleepovers ORDER BY id').all()).toEqual(before);

    // The calendar says the same before anyone tries: bed 1 taken, bed 2 free.
    const calendar = await hub.ok('constellation.calendar', { constellationId: fx.ours.id, from: '2026-12-01', to: '2026-12-31' });
    const waiting = calendar.stays.find((s) => s.id === second.id)!;
    expect(waiting.bedChecks.map((c) => c.ok)).toEqual([false, true]);

    await hub.ok('constellation.acceptSleepover', { sleepoverId: second.id, bed: 2 });
    expect(doubleBookings()).toEqual([]);
  });

  it('a stay on the nights either side of a booking is not a clash', async () => {
    const middle = await request('Noah', '2026-12-10');
    const before = await request('Ava', '2026-12-09');
    const after = await request('Leo', '2026-12-11', '2026-12-12');
    await hub.ok('constellation.acceptSleepover', { sleepoverId: middle.id, bed: 1 });
    await hub.ok('constellation.acceptSleepover', { sleepoverId: before.id, bed: 1 });
    await hub.ok('constellation.acceptSleepover', { sleepoverId: after.id, bed: 1 });
    expect(doubleBookings()).toEqual([]);
  });

  it("refuses a child whose plan says solo while the hub's own child is at home, naming both", async () => {
    const stay = await request('Mia', '2026-12-05');
    expect(stay.bedChecks.every((c) => !c.ok)).toBe(true);
    const error = await hub.fails('constellation.acceptSleepover', { sleepoverId: stay.id, bed: 2 });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Mia (13) should be cared for without other children (solo recommended), but Hana (14) lives at the hub.');
  });

  it('holds "only with older children" against the hub child and against other accepted stays, both ways', async () => {
    // Leo (7) may only be with older children: Hana (14) is older, so on his own he is fine.
    const leo = await request('Leo', '2026-12-05');
    expect(leo.bedChecks.every((c) => c.ok)).toBe(true);
    await hub.ok('constellation.acceptSleepover', { sleepoverId: leo.id, bed: 1 });

    // Noah (9) is older than Leo: allowed. A younger visitor would not be.
    const noah = await request('Noah', '2026-12-05');
    expect(noah.bedChecks.find((c) => c.bed === 2)).toEqual({ bed: 2, ok: true, reasons: [] });
    await hub.ok('constellation.cancelSleepover', { sleepoverId: noah.id, reason: 'Not needed after all' });
  });

  it('declines with a reason and cancels to free a bed; finished requests cannot be answered twice', async () => {
    const a = await request('Noah', '2026-12-05');
    const b = await request('Ava', '2026-12-05');
    const declined = await hub.ok('constellation.declineSleepover', { sleepoverId: a.id, reason: 'Hub family away that weekend' });
    expect(declined).toMatchObject({ status: 'declined', note: 'Hub family away that weekend', bed: null });
    expect((await hub.fails('constellation.acceptSleepover', { sleepoverId: a.id, bed: 1 })).message).toBe(
      'That stay is already declined, so it cannot be accepted.',
    );
    await hub.ok('constellation.acceptSleepover', { sleepoverId: b.id, bed: 1 });
    const c = await request('Noah', '2026-12-05');
    expect((await hub.fails('constellation.acceptSleepover', { sleepoverId: c.id, bed: 1 })).code).toBe('CONFLICT');
    await hub.ok('constellation.cancelSleepover', { sleepoverId: b.id, reason: 'Ava is unwell' });
    expect((await hub.ok('constellation.acceptSleepover', { sleepoverId: c.id, bed: 1 })).bed).toBe(1);
  });

  it('refuses bad requests: a child from elsewhere, a past date, a reversed or too long range, a second request for the same nights', async () => {
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.ours.id,
          childId: fx.child['Hana']!,
          startDate: '2026-12-05',
          endDate: '2026-12-05',
          kind: 'planned',
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.ours.id,
          childId: fx.child['SECRETOtto']!,
          startDate: '2026-12-05',
          endDate: '2026-12-05',
          kind: 'planned',
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.ours.id,
          childId: fx.child['Noah']!,
          startDate: '2026-11-01',
          endDate: '2026-11-01',
          kind: 'planned',
        })
      ).field,
    ).toBe('startDate');
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.ours.id,
          childId: fx.child['Noah']!,
          startDate: '2026-12-05',
          endDate: '2026-12-04',
          kind: 'planned',
        })
      ).field,
    ).toBe('endDate');
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.ours.id,
          childId: fx.child['Noah']!,
          startDate: '2026-12-01',
          endDate: '2026-12-20',
          kind: 'planned',
        })
      ).message,
    ).toContain('at most 14 nights');
    await request('Noah', '2026-12-05', '2026-12-06');
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.ours.id,
          childId: fx.child['Noah']!,
          startDate: '2026-12-06',
          endDate: '2026-12-06',
          kind: 'planned',
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await hub.fails('constellation.requestSleepover', {
          constellationId: fx.theirs.id,
          childId: fx.child['Noah']!,
          startDate: '2026-12-06',
          endDate: '2026-12-06',
          kind: 'planned',
        })
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('audits every view of the calendar and each child on it', async () => {
    await request('Noah', '2026-12-05');
    const before = auditForRecord(store.db, 'child', String(fx.child['Noah'])).length;
    await hub.ok('constellation.calendar', { constellationId: fx.ours.id, from: '2026-12-01', to: '2026-12-31' });
    const after = auditForRecord(store.db, 'child', String(fx.child['Noah']));
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ action: 'view', method: 'constellation.calendar', username: fx.users.hubCarer, role: 'hub_carer', outcome: 'ok' });
  });
});

describe('rules of other children already in the hub', () => {
  it('a hub child who may only be with younger children refuses an older visitor, saying whose rule it is', async () => {
    await setUp({
      hubChildren: [{ firstName: 'Hana', birthDate: '2012-03-01', livingCompanions: 'Only with other younger children' }],
      satelliteChildren: [
        [{ firstName: 'Noah', birthDate: '2017-06-10' }],
        [{ firstName: 'Zara', birthDate: '2010-05-05' }],
        [{ firstName: 'Mia', birthDate: '2013-11-30' }],
      ],
    });
    expect((await request('Noah', '2026-12-05')).bedChecks.every((c) => c.ok)).toBe(true);
    const zara = await request('Zara', '2026-12-05');
    const error = await hub.fails('constellation.acceptSleepover', { sleepoverId: zara.id, bed: 1 });
    expect(error.message).toContain(
      'Hana (14) should only be cared for alongside younger children, but Zara (16) would be staying on the night of Sat 5 Dec and is not younger.',
    );
  });

  it('a visitor who needs to be alone refuses to join an accepted stay, and an accepted solo stay refuses the next visitor', async () => {
    await setUp({
      hubChildren: [],
      satelliteChildren: [
        [{ firstName: 'Noah', birthDate: '2017-06-10' }],
        [{ firstName: 'Solo', birthDate: '2013-01-01', livingCompanions: 'Solo placement recommended' }],
        [{ firstName: 'Mia', birthDate: '2013-11-30' }],
      ],
    });
    const solo = await request('Solo', '2026-12-05', '2026-12-06');
    await hub.ok('constellation.acceptSleepover', { sleepoverId: solo.id, bed: 1 });
    const noah = await request('Noah', '2026-12-06');
    const error = await hub.fails('constellation.acceptSleepover', { sleepoverId: noah.id, bed: 2 });
    expect(error.message).toContain(
      'Solo (13) should be cared for without other children (solo recommended), but Noah (9) would be staying on the night of Sun 6 Dec.',
    );
  });
});

describe("the hub household's approval", () => {
  it('refuses a child younger or older than the hub is approved for, on both beds, and takes one inside the range', async () => {
    await setUp();
    store.db.prepare('UPDATE foster_households SET approval_min_age = 10, approval_max_age = 12 WHERE home_id = ?').run(fx.ours.hubHomeId);
    const noah = await request('Noah', '2026-12-05');
    expect(noah.bedChecks).toEqual([
      { bed: 1, ok: false, reasons: ['Larkfield Hub is approved for children aged 10 to 12, and Noah would be 9.'] },
      { bed: 2, ok: false, reasons: ['Larkfield Hub is approved for children aged 10 to 12, and Noah would be 9.'] },
    ]);
    const error = await hub.fails('constellation.acceptSleepover', { sleepoverId: noah.id, bed: 1 });
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'bed' });
    expect(error.message).toBe("Noah's stay cannot go in bed 1: Larkfield Hub is approved for children aged 10 to 12, and Noah would be 9.");
    expect((await request('Mia', '2026-12-06')).bedChecks[0]!.reasons).toContain('Larkfield Hub is approved for children aged 10 to 12, and Mia would be 13.');
    // Ava is 11: inside the approval, and nothing else stands in the way.
    const ava = await request('Ava', '2026-12-05');
    expect(ava.bedChecks.every((c) => c.ok)).toBe(true);
    expect((await hub.ok('constellation.acceptSleepover', { sleepoverId: ava.id, bed: 2 })).bed).toBe(2);
  });
});

describe("the hub's approved number of children", () => {
  it('refuses, in words, a stay that would take the hub over its approved number on any night, and nothing changes', async () => {
    await setUp();
    // Approved for 2: Hana lives at the hub, so one child can stay on a night, though two beds are free.
    store.db.prepare('UPDATE foster_households SET approval_max_children = 2 WHERE home_id = ?').run(fx.ours.hubHomeId);
    const noah = await request('Noah', '2026-12-05');
    await hub.ok('constellation.acceptSleepover', { sleepoverId: noah.id, bed: 1 });
    const ava = await request('Ava', '2026-12-04', '2026-12-05');
    const over =
      'Larkfield Hub is approved for 2 children at a time; on the night of Sat 5 Dec, 2 would already be there (Hana (lives there), Noah (staying)), so Ava would take it over its approved number.';
    expect(ava.bedChecks).toEqual([
      { bed: 1, ok: false, reasons: [over, 'Bed 1 is already booked for Noah on the night of Sat 5 Dec.'] },
      { bed: 2, ok: false, reasons: [over] },
    ]);
    const before = store.db.prepare('SELECT * FROM sleepovers ORDER BY id').all();
    const error = await hub.fails('constellation.acceptSleepover', { sleepoverId: ava.id, bed: 2 });
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'bed', message: `Ava's stay cannot go in bed 2: ${over}` });
    expect(store.db.prepare('SELECT * FROM sleepovers ORDER BY id').all()).toEqual(before);

    const calendar = await hub.ok('constellation.calendar', { constellationId: fx.ours.id, from: '2026-12-01', to: '2026-12-31' });
    expect(calendar.hubApprovedChildren).toBe(2);
    // Cancelling Noah's stay gives the night back.
    await hub.ok('constellation.cancelSleepover', { sleepoverId: noah.id, reason: 'Plans changed' });
    expect((await hub.ok('constellation.acceptSleepover', { sleepoverId: ava.id, bed: 2 })).bed).toBe(2);
  });
});

describe('property: whatever the hub carer does, no bed is ever double-booked and no accepted pair breaks a rule', () => {
  it('holds over random sequences of requests, acceptances and cancellations', async () => {
    await setUp({
      hubChildren: [],
      satelliteChildren: [
        [{ firstName: 'Noah', birthDate: '2017-06-10' }],
        [
          { firstName: 'Ava', birthDate: '2015-02-20', livingCompanions: 'Only with other younger children' },
          { firstName: 'Leo', birthDate: '2019-09-09', livingCompanions: 'Only with other older children' },
        ],
        [
          { firstName: 'Mia', birthDate: '2013-11-30', livingCompanions: 'Solo placement recommended' },
          { firstName: 'Kai', birthDate: '2011-04-04' },
        ],
      ],
    });
    const children = ['Noah', 'Ava', 'Leo', 'Mia', 'Kai'];
    const action = fc.oneof(
      fc.record({
        type: fc.constant('request' as const),
        child: fc.constantFrom(...children),
        start: fc.integer({ min: 0, max: 12 }),
        nights: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({ type: fc.constant('accept' as const), pick: fc.nat(), bed: fc.constantFrom(1 as const, 2 as const) }),
      fc.record({ type: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    let acceptedSomewhere = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), async (actions) => {
        store.db.prepare('DELETE FROM sleepovers').run();
        const ids: number[] = [];
        for (const a of actions) {
          if (a.type === 'request') {
            const start = `2026-12-${String(1 + a.start).padStart(2, '0')}`;
            const end = `2026-12-${String(a.start + a.nights).padStart(2, '0')}`;
            const r = await hub.call('constellation.requestSleepover', {
              constellationId: fx.ours.id,
              childId: fx.child[a.child],
              startDate: start,
              endDate: end,
              kind: 'planned',
            });
            if (r.ok) ids.push((r.value as SleepoverView).id);
          } else if (ids.length > 0) {
            const id = ids[a.pick % ids.length]!;
            const r =
              a.type === 'accept'
                ? await hub.call('constellation.acceptSleepover', { sleepoverId: id, bed: a.bed })
                : await hub.call('constellation.cancelSleepover', { sleepoverId: id, reason: 'Plans changed' });
            if (!r.ok) expect(r.error.code).toBe('CONFLICT');
            else if (a.type === 'accept') acceptedSomewhere++;
          }
        }
        expect(doubleBookings()).toEqual([]);
        const accepted = store.db
          .prepare(
            `SELECT s.start_date AS s, s.end_date AS e, c.id AS child, c.birth_date AS born, c.living_companions AS rule
             FROM sleepovers s JOIN children c ON c.id = s.child_id WHERE s.status = 'accepted'`,
          )
          .all() as { s: string; e: string; child: number; born: string; rule: string }[];
        for (const x of accepted) {
          for (const y of accepted) {
            if (x === y || !(x.s <= y.e && y.s <= x.e)) continue;
            expect(x.child, 'one child in two beds on the same night').not.toBe(y.child);
            expect(x.rule, 'a solo child shared the hub').not.toBe('Solo placement recommended');
            if (x.rule === 'Only with other older children') expect(y.born < x.born, 'a younger child stayed with one who needs older company').toBe(true);
            if (x.rule === 'Only with other younger children') expect(y.born > x.born, 'an older child stayed with one who needs younger company').toBe(true);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
    // The property is only worth something if the runs really booked beds.
    expect(acceptedSomewhere).toBeGreaterThan(100);
  });
});
