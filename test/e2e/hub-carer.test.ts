import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar';
import { addPlacementSearch, buildConstellationFixture, FIXTURE_PASSWORD, type ConstellationFixture } from '../helpers/constellation-fixture';
import { signInAs } from '../helpers/as-user';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { chromiumAvailable, CHROMIUM, fillDate, screenshot, signInAsDemo, startApp, type RunningApp, axeProblems } from './harness';

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM} (install the Debian package chromium, or set RCC_CHROMIUM).`);

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(FIXTURE_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe.skipIf(!chromiumAvailable)('a Mockingbird hub carer in Chromium over the loopback transport', () => {
  let app: RunningApp;
  let fx: ConstellationFixture;
  beforeAll(async () => {
    app = await startApp('demo');
    // A small hand-made constellation beside the demo region, so the booking steps do not depend on
    // what the demo generator puts in the hub's beds.
    fx = buildConstellationFixture(app.db, { prefix: 'Larkfield' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("the demo hub carer sees their constellation's roster and cannot open another constellation", async () => {
    // A council laptop's screen: the roster, calendar and meetings must read at 1366 × 768.
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await signInAsDemo(page, /hub carer/i);
    await page.getByRole('heading', { name: 'Who to call' }).waitFor();
    const own = app.db.prepare("SELECT constellation_id FROM users WHERE username = 'demo.hubcarer'").pluck().get() as number;
    const ownName = app.db.prepare('SELECT name FROM constellations WHERE id = ?').pluck().get(own) as string;
    await page.getByRole('heading', { level: 1, name: ownName }).waitFor();
    await expect(page.getByText('Hub home', { exact: true }).count()).resolves.toBe(1);
    // Mockingbird as practised: the demo's satellites include special guardianship and adoptive households.
    const kinds = app.db
      .prepare("SELECT DISTINCT household_kind FROM homes WHERE constellation_id = ? AND household_kind <> 'foster'")
      .pluck()
      .all(own) as string[];
    if (kinds.includes('adoptive')) await page.getByText('Adoptive household', { exact: true }).first().waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'hub-carer-01-roster');

    // Following a link to someone else's constellation: the dispatcher refuses, the screen says so.
    const other = app.db.prepare('SELECT id FROM constellations WHERE id <> ? ORDER BY id LIMIT 1').pluck().get(own) as number;
    const otherName = app.db.prepare('SELECT name FROM constellations WHERE id = ?').pluck().get(other) as string;
    const refusedBefore = app.db
      .prepare("SELECT count(*) FROM audit_log WHERE method = 'constellation.roster' AND outcome = 'refused' AND username = 'demo.hubcarer'")
      .pluck()
      .get() as number;
    await page.goto(`${new URL(page.url()).origin}/#/roster/${other}`);
    await page.getByText('You can only open your own constellation.').waitFor();
    await expect(page.getByText(otherName).count()).resolves.toBe(0);
    await screenshot(page, 'hub-carer-02-other-constellation-refused');
    expect(
      app.db
        .prepare("SELECT count(*) FROM audit_log WHERE method = 'constellation.roster' AND outcome = 'refused' AND username = 'demo.hubcarer'")
        .pluck()
        .get(),
    ).toBe(refusedBefore + 1);
    await page.getByRole('link', { name: 'Back to your own roster' }).click();
    await page.getByRole('heading', { level: 1, name: ownName }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Sleepover calendar' }).click();
    await page.getByRole('table', { name: /^Hub beds, / }).waitFor();
    await page.getByText(/approved for \d children at a time\. With/).waitFor();
    await screenshot(page, 'hub-carer-03-demo-calendar');
    await nav.getByRole('link', { name: 'Constellation life' }).click();
    await page.getByText('No case recording.').waitFor();
    await page
      .getByRole('list', { name: 'Coming up' })
      .getByText(/^Planned for .* at \d\d:\d\d · /)
      .first()
      .waitFor();
    await screenshot(page, 'hub-carer-04-demo-life');
    await page.context().close();
  });

  it('records two requests, books one, and a stale second window is refused a double-booking with the reason', async () => {
    const first = addDays(localToday(), 10);
    const second = addDays(first, 1);
    const page = await app.openPage();
    await signIn(page, fx.users.hubCarer);
    await page.getByRole('heading', { level: 1, name: fx.ours.name }).waitFor();
    await page.getByRole('cell', { name: 'Noah', exact: true }).waitFor();
    await screenshot(page, 'hub-carer-05-roster');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sleepover calendar' }).click();
    const record = async (child: string, startDate: string, endDate: string, kind: 'Planned' | 'Emergency') => {
      await page.getByRole('button', { name: 'Record a request' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record a sleepover request' });
      await dialog.getByLabel('Child').selectOption(String(fx.child[child]));
      await fillDate(page, 'First night', startDate);
      await fillDate(page, 'Last night', endDate);
      await dialog.getByLabel(kind).check();
      await dialog.getByRole('button', { name: 'Record request' }).click();
      await page.getByText(new RegExp(`^Request recorded: ${child},`)).waitFor();
    };
    await record('Noah', first, second, 'Emergency');
    await record('Ava', second, second, 'Planned');
    await page.getByRole('article', { name: /^Request: Ava,/ }).waitFor();
    await screenshot(page, 'hub-carer-06-requests-waiting');

    // A second window opens the calendar now, and starts accepting Ava into bed 1.
    const stale = await app.openPage();
    await signIn(stale, fx.users.hubCarer);
    await stale.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sleepover calendar' }).click();
    await stale.getByRole('table', { name: /^Hub beds, / }).waitFor();
    if (second.slice(0, 7) !== localToday().slice(0, 7)) await stale.getByRole('button', { name: 'Next month' }).click();
    await stale.getByRole('button', { name: "Accept Ava's stay" }).click();
    const staleDialog = stale.getByRole('dialog', { name: "Accept Ava's stay" });
    await staleDialog.getByRole('button', { name: 'Accept into bed 1' }).waitFor();

    // Meanwhile the first window books Noah's emergency stay into bed 1.
    await page.getByRole('button', { name: "Accept Noah's stay" }).click();
    await page.getByRole('dialog', { name: "Accept Noah's stay" }).getByRole('button', { name: 'Accept into bed 1' }).click();
    await page.getByText("Noah's stay is booked in bed 1.").waitFor();
    const noahButton = page.getByRole('button', { name: /^Bed 1: Noah, \d+, emergency stay/ });
    await noahButton.waitFor();

    // The stale window still offers bed 1; the service refuses it, in plain English, and nothing changes.
    await staleDialog.getByRole('button', { name: 'Accept into bed 1' }).click();
    const refusal = staleDialog.getByRole('alert');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/^Ava's stay cannot go in bed 1: Bed 1 is already booked for Noah on the night of /);
    await screenshot(stale, 'hub-carer-07-double-booking-refused');
    const avaStatus = () =>
      app.db.prepare("SELECT status || ':' || coalesce(bed, '-') FROM sleepovers WHERE child_id = ?").pluck().get(fx.child['Ava']) as string;
    expect(avaStatus()).toBe('requested:-');
    // The dialog has caught up: bed 1 is shown as taken, bed 2 is offered instead.
    await staleDialog.getByRole('button', { name: 'Accept into bed 2' }).click();
    await stale.getByText("Ava's stay is booked in bed 2.").waitFor();
    expect(avaStatus()).toBe('accepted:2');
    await stale.getByRole('button', { name: /^Bed 2: Ava, \d+, planned stay/ }).waitFor();
    expect(await axeProblems(stale)).toEqual([]);
    await screenshot(stale, 'hub-carer-08-calendar-two-beds');
    await stale.context().close();

    // The timeline is usable from the keyboard: focus a booked stay and press Enter to open it.
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sleepover calendar' }).click();
    await page.getByRole('table', { name: /^Hub beds, / }).waitFor();
    if (first.slice(0, 7) !== localToday().slice(0, 7)) await page.getByRole('button', { name: 'Next month' }).click();
    await noahButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: "Noah's stay in bed 1" }).getByText('Emergency').waitFor();
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('plans meetings with time and place, takes attendance only once they have happened, and keeps a note log that refuses more than 1000 characters', async () => {
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, fx.users.hubCarer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Constellation life' }).click();
    // Next week's meeting reads as planned, with its time and place, and offers no attendance to record.
    await page.getByLabel('Title').fill('Next monthly meeting');
    await fillDate(page, 'Date', addDays(localToday(), 7));
    await page.getByLabel('Time', { exact: true }).fill('19:00');
    await page.getByLabel('Place', { exact: true }).fill('Larkfield Community Centre');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const coming = page.getByRole('list', { name: 'Coming up' });
    await coming.getByText(/Planned for .* at 19:00 · Larkfield Community Centre/).waitFor();
    await expect(coming.getByText('Planned', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /^Attendance for Next monthly meeting/ }).count()).resolves.toBe(0);
    // Last week's has happened: attendance can be recorded.
    await page.getByLabel('Title').fill('December monthly meeting');
    await fillDate(page, 'Date', addDays(localToday(), -7));
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByLabel('Place', { exact: true }).fill('Larkfield Hub');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: /^Attendance for December monthly meeting/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Larkfield Ash').check();
    await dialog.getByLabel('Larkfield Hub').check();
    await dialog.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText(/2 of 4 households came/).waitFor();
    const note = page.getByLabel('New note (no case recording)');
    await note.fill('x'.repeat(1200));
    await expect(note.inputValue()).resolves.toHaveLength(1000);
    await note.fill('Swimming at the leisure centre after the meeting; Ash household bringing snacks.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page
      .getByRole('list', { name: 'Notes' })
      .getByText(/Swimming at the leisure centre/)
      .waitFor();
    await screenshot(page, 'hub-carer-09-life');
    await page.context().close();
  });

  it("imports the officer's encrypted roster pack, refuses a wrong passphrase, and shows the imported roster", async () => {
    // The officer exports (through the same dispatcher the officer's screen uses).
    const officer = await app.openPage();
    await signIn(officer, fx.users.officer);
    await officer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Constellations' }).click();
    await officer.getByRole('button', { name: `Manage ${fx.ours.name}` }).click();
    await officer.getByRole('table', { name: `Households of ${fx.ours.name}` }).waitFor();
    await officer.getByLabel('Passphrase', { exact: true }).fill('river otter lantern 42');
    await officer.getByLabel('Passphrase again').fill('river otter lantern 42');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: 'Export roster pack' }).click()]);
    const packPath = `${app.workDir}/${download.suggestedFilename()}`;
    await download.saveAs(packPath);
    expect(download.suggestedFilename()).toMatch(/^roster-larkfield-constellation-\d{4}-\d{2}-\d{2}\.rccpack$/);
    await screenshot(officer, 'hub-carer-10-officer-manage-export');
    await officer.context().close();

    const page = await app.openPage();
    await signIn(page, fx.users.hubCarer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster pack' }).click();
    await page.getByText('No roster pack imported on this computer yet').waitFor();
    await page.getByLabel('Roster pack file').setInputFiles(packPath);
    await page.getByLabel('Passphrase').fill('not the right one');
    await page.getByRole('button', { name: 'Import pack' }).click();
    await page.getByText(/The passphrase is wrong, or the file was changed after it was exported/).waitFor();
    expect(app.db.prepare('SELECT count(*) FROM roster_packs').pluck().get()).toBe(0);
    await screenshot(page, 'hub-carer-11-pack-refused');
    await page.getByLabel('Passphrase').fill('river otter lantern 42');
    await page.getByRole('button', { name: 'Import pack' }).click();
    await page.getByText(new RegExp(`^Imported the roster of ${fx.ours.name}`)).waitFor();
    await page.getByRole('heading', { name: fx.ours.name }).waitFor();
    await page.getByRole('cell', { name: 'Noah', exact: true }).waitFor();
    await screenshot(page, 'hub-carer-12-pack-imported');
    await page.context().close();
  });

  it('shows the officer constellation support as a stability factor when matching a child into a satellite home', async () => {
    const scenario = addPlacementSearch(app.db, fx, new Date().toISOString());
    const page = await app.openPage();
    await signIn(page, fx.users.officer);
    await page.goto(`${new URL(page.url()).origin}/#/referrals/${scenario.referralId}`);
    await page.getByRole('button', { name: 'Search the region' }).click();
    await page.getByRole('article').first().waitFor();
    // The region's other homes rank too; the council filter puts the two alike homes side by side.
    await page.getByRole('combobox', { name: 'Council' }).click();
    await page.getByRole('option', { name: 'Larkfield Borough' }).click();
    const satellite = page.getByRole('article', { name: /^\d+\. Larkfield Cedar$/ });
    const loose = page.getByRole('article', { name: /^\d+\. Larkfield Elm$/ });
    await satellite.getByRole('button', { name: 'Why this score' }).click();
    await satellite
      .getByRole('list', { name: 'Why this score' })
      .getByText(/^Stability · Part of a Mockingbird constellation: hub support and sleepovers/)
      .waitFor();
    await loose.getByRole('button', { name: 'Why this score' }).click();
    await loose
      .getByRole('list', { name: 'Why this score' })
      .getByText(/^Stability · Not part of a Mockingbird constellation/)
      .waitFor();
    // Visible on the folded card too, and only on the satellite home.
    await satellite.getByText('Mockingbird constellation support', { exact: true }).waitFor();
    expect(await loose.getByText('Mockingbird constellation support', { exact: true }).count()).toBe(0);
    await satellite.getByText(/^Stability · Part of a Mockingbird constellation/).scrollIntoViewIfNeeded();
    await screenshot(page, 'hub-carer-13-officer-search-mockingbird-factor', { fullPage: false });
    await page.context().close();
  });
});

describe.skipIf(!chromiumAvailable)("a hub carer's own laptop: a fresh copy of the app importing the officer's roster pack", () => {
  let app: RunningApp;
  let region: ReturnType<typeof tempStore>;
  let fx: ConstellationFixture;
  const passphrase = 'kestrel harbour lamp 1987';
  const files = { older: '', newer: '', tampered: '', notAPack: '' };
  let newerExportedAt = '';

  beforeAll(async () => {
    // The region's copy, where the officer exports through the dispatcher (the officer's export
    // screen is driven above); the carer's laptop is a separate, empty copy in Chromium.
    region = tempStore({ kind: 'real' });
    fx = buildConstellationFixture(region.db, { prefix: 'Larkfield' });
    // Packs exported 20 and 10 minutes ago, so the screens read as they would on the day.
    const clock = testClock(new Date(Date.now() - 20 * 60_000).toISOString());
    const officer = await signInAs(testBackend(region.db, clock.now), fx.users.officer, FIXTURE_PASSWORD);
    const older = await officer.ok('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase });
    // A child joins a satellite household; the next pack has her and the old one does not.
    region.db
      .prepare(
        "INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, school_label, care_notes, current_home_id) VALUES ('REF-RUBY', 'Ruby', '2018-05-05', 'F', ?, 'Somewhere', 'Ruby''s Primary', 'Ruby: asthma inhaler in her bag', ?)",
      )
      .run(fx.councilId, fx.ours.satelliteIds[0]);
    clock.advanceMinutes(10);
    const newer = await officer.ok('constellation.exportRosterPack', { constellationId: fx.ours.id, passphrase });
    newerExportedAt = newer.exportedAt;

    app = await startApp('real');
    const save = (name: string, bytes: Buffer) => {
      const path = join(app.workDir, name);
      writeFileSync(path, bytes);
      return path;
    };
    files.older = save(`older-${older.fileName}`, Buffer.from(older.packBase64, 'base64'));
    files.newer = save(newer.fileName, Buffer.from(newer.packBase64, 'base64'));
    const tampered = Buffer.from(newer.packBase64, 'base64');
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x20;
    files.tampered = save(`tampered-${newer.fileName}`, tampered);
    files.notAPack = save('holiday-photo.rccpack', Buffer.from('not a roster pack, just some bytes'));
  });
  afterAll(async () => {
    await app?.close();
    region?.remove();
  });

  it('sets up the first account, refuses altered, foreign and wrong-passphrase packs, imports, and a newer pack replaces the old', async () => {
    const packs = () => app.db.prepare('SELECT constellation_name AS name, exported_at AS exportedAt FROM roster_packs').all();
    const page = await app.openPage();
    // A new copy on the carer's laptop: the carer becomes its first (and only) account.
    await page.getByRole('heading', { name: 'Set up RCC Placements' }).waitFor();
    await page.getByLabel('Your name').fill('Jo Larkfield');
    await page.getByLabel('Username').fill('jo.larkfield');
    await page.getByLabel(/^Password\s*\*?$/).fill('hub laptop password 1');
    await page.getByLabel('Password again').fill('hub laptop password 1');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText('Jo Larkfield · Administrator').waitFor();
    // A new real store shows its first administrator the recovery key once.
    await page.getByTestId('recovery-key').waitFor();
    await page.getByRole('button', { name: 'I have printed or saved it' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster pack' }).click();
    await page.getByText('No roster pack imported on this computer yet').waitFor();
    const importPack = async (file: string, pass: string) => {
      await page.getByLabel('Roster pack file').setInputFiles(file);
      await page.getByLabel('Passphrase').fill(pass);
      await page.getByRole('button', { name: 'Import pack' }).click();
    };
    const refusal = page.getByRole('alert').filter({ hasText: 'Nothing was imported.' });

    // One byte changed in transit: refused, with what to do next.
    await importPack(files.tampered, passphrase);
    await refusal
      .getByText(/^The passphrase is wrong, or the file was changed after it was exported\. Check the passphrase with the officer who sent the pack\./)
      .waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'hub-carer-14-own-laptop-tampered-pack-refused');
    await importPack(files.notAPack, passphrase);
    await refusal.getByText('This file is not an RCC Placements roster pack. Nothing was imported.').waitFor();
    await importPack(files.newer, 'kestrel harbour lamp 1988');
    await refusal.getByText(/^The passphrase is wrong/).waitFor();
    expect(packs()).toEqual([]);
    await expect(page.getByText('Noah').count()).resolves.toBe(0);

    // The right passphrase opens the older pack: the roster, read from this laptop alone.
    await importPack(files.older, passphrase);
    await page.getByText(new RegExp(`^Imported the roster of ${fx.ours.name}, exported `)).waitFor();
    await page.getByRole('heading', { name: fx.ours.name }).waitFor();
    await page.getByRole('cell', { name: 'Noah', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'Ruby', exact: true }).count()).resolves.toBe(0);
    await screenshot(page, 'hub-carer-15-own-laptop-pack-imported');

    // The newer pack replaces it, after the carer confirms.
    await importPack(files.newer, passphrase);
    const confirm = page.getByRole('dialog', { name: 'Replace the roster on this computer?' });
    await confirm.getByRole('button', { name: 'Replace roster' }).click();
    await page.getByText(/; it replaces the one exported /).waitFor();
    await page.getByRole('cell', { name: 'Ruby', exact: true }).waitFor();
    expect(packs()).toEqual([{ name: fx.ours.name, exportedAt: newerExportedAt }]);
    await screenshot(page, 'hub-carer-16-own-laptop-pack-replaced');

    // Going back to the older pack is refused, and the newer roster stays.
    await importPack(files.older, passphrase);
    await page.getByRole('dialog', { name: 'Replace the roster on this computer?' }).getByRole('button', { name: 'Replace roster' }).click();
    await refusal.getByText(/before the one already imported .*ask the officer for the newest pack/).waitFor();
    expect(packs()).toEqual([{ name: fx.ours.name, exportedAt: newerExportedAt }]);
    await page.getByRole('cell', { name: 'Ruby', exact: true }).waitFor();
    await page.context().close();
  });
});
