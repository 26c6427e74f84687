import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/contract/constellation';
import { buildConstellationFixture, FIXTURE_PASSWORD, type ConstellationFixture } from '../helpers/constellation-fixture';
import { chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp, axeProblems } from './harness';

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
    fx = buildConstellationFixture(app.store.db, { prefix: 'Larkfield' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("the demo hub carer sees their constellation's roster and cannot open another constellation", async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /hub carer/i);
    await page.getByRole('heading', { name: 'Who to call' }).waitFor();
    const own = app.store.db.prepare("SELECT constellation_id FROM users WHERE username = 'demo.hubcarer'").pluck().get() as number;
    const ownName = app.store.db.prepare('SELECT name FROM constellations WHERE id = ?').pluck().get(own) as string;
    await page.getByRole('heading', { level: 1, name: ownName }).waitFor();
    await expect(page.getByText('Hub home', { exact: true }).count()).resolves.toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'hub-carer-01-roster');

    // Following a link to someone else's constellation: the dispatcher refuses, the screen says so.
    const other = app.store.db.prepare('SELECT id FROM constellations WHERE id <> ? ORDER BY id LIMIT 1').pluck().get(own) as number;
    const otherName = app.store.db.prepare('SELECT name FROM constellations WHERE id = ?').pluck().get(other) as string;
    const refusedBefore = app.store.db
      .prepare("SELECT count(*) FROM audit_log WHERE method = 'constellation.roster' AND outcome = 'refused' AND username = 'demo.hubcarer'")
      .pluck()
      .get() as number;
    await page.goto(`${new URL(page.url()).origin}/#/roster/${other}`);
    await page.getByText('You can only open your own constellation.').waitFor();
    await expect(page.getByText(otherName).count()).resolves.toBe(0);
    await screenshot(page, 'hub-carer-02-other-constellation-refused');
    expect(
      app.store.db.prepare("SELECT count(*) FROM audit_log WHERE method = 'constellation.roster' AND outcome = 'refused' AND username = 'demo.hubcarer'").pluck().get(),
    ).toBe(refusedBefore + 1);
    await page.getByRole('link', { name: 'Back to your own roster' }).click();
    await page.getByRole('heading', { level: 1, name: ownName }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Sleepover calendar' }).click();
    await page.getByRole('table', { name: /^Hub beds, / }).waitFor();
    await screenshot(page, 'hub-carer-03-demo-calendar');
    await nav.getByRole('link', { name: 'Constellation life' }).click();
    await page.getByText('No case recording.').waitFor();
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
      await dialog.getByLabel('First night').fill(startDate);
      await dialog.getByLabel('Last night').fill(endDate);
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
      app.store.db.prepare("SELECT status || ':' || coalesce(bed, '-') FROM sleepovers WHERE child_id = ?").pluck().get(fx.child['Ava']) as string;
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

  it('keeps meetings with attendance and a note log that refuses more than 1000 characters', async () => {
    const page = await app.openPage();
    await signIn(page, fx.users.hubCarer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Constellation life' }).click();
    await page.getByLabel('Title').fill('December monthly meeting');
    await page.getByLabel('Date').fill(addDays(localToday(), 7));
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
    await page.getByRole('list', { name: 'Notes' }).getByText(/Swimming at the leisure centre/).waitFor();
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
    const packPath = `${app.store.dir}/${download.suggestedFilename()}`;
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
    expect(app.store.db.prepare('SELECT count(*) FROM roster_packs').pluck().get()).toBe(0);
    await screenshot(page, 'hub-carer-11-pack-refused');
    await page.getByLabel('Passphrase').fill('river otter lantern 42');
    await page.getByRole('button', { name: 'Import pack' }).click();
    await page.getByText(new RegExp(`^Imported the roster of ${fx.ours.name}`)).waitFor();
    await page.getByRole('heading', { name: fx.ours.name }).waitFor();
    await page.getByRole('cell', { name: 'Noah', exact: true }).waitFor();
    await screenshot(page, 'hub-carer-12-pack-imported');
    await page.context().close();
  });
});
