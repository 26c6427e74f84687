import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

describe.skipIf(!chromiumAvailable)('backups and restore on the Backups and recovery screen, in Chromium', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('an administrator backs up, a change is made, and restoring the backup undoes it and signs everyone out', async () => {
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await signInAsDemo(page, /administrator/i);
    await page.getByText('Demo region — synthetic data').waitFor();
    await page.getByRole('link', { name: 'Backups and recovery' }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText(/^Backed up to rcc-.*; it opens with the key\.$/).waitFor();
    await page.getByRole('cell', { name: 'Opens with the key' }).first().waitFor();
    await screenshot(page, 'backups-01-list', { fullPage: false });

    // Something changed after the backup: an officer withdrew a vacancy.
    const officer = await app.connect();
    await officer.ok('auth.signIn', { username: 'demo.officer', password: 'demo-password' });
    const vacancyId = (await officer.ok('vacancies.list', { status: 'open', limit: 1 })).rows[0]!.id;
    await officer.ok('vacancies.setStatus', { vacancyId, status: 'withdrawn' });
    const status = () => app.db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId);
    expect(status()).toBe('withdrawn');

    await page.getByRole('button', { name: 'Restore…' }).first().click();
    await page.getByRole('dialog', { name: 'Restore this backup?' }).waitFor();
    await screenshot(page, 'backups-02-confirm-restore', { fullPage: false });
    await page.getByRole('button', { name: 'Restore and sign everyone out' }).click();
    await page.getByText('An administrator restored the store from a backup: please sign in again.').waitFor();
    await screenshot(page, 'backups-03-signed-out-after-restore', { fullPage: false });

    // The test's own connection still holds the replaced file; a fresh one sees the restored store.
    const check = await app.connect();
    expect((await check.call('vacancies.list', { status: 'open', limit: 1 })).ok).toBe(false);
    expect((await officer.call('vacancies.list', { status: 'open', limit: 1 })).ok).toBe(false);
    await check.ok('auth.signIn', { username: 'demo.officer', password: 'demo-password' });
    const open = await check.ok('vacancies.list', { status: 'open', limit: 500 });
    expect(open.rows.some((v) => v.id === vacancyId)).toBe(true);

    await signInAsDemo(page, /administrator/i);
    await page.getByRole('link', { name: 'Backups and recovery' }).click();
    await page.getByRole('cell', { name: 'Before a restore' }).waitFor();
    await page.getByText(/The log is at/).scrollIntoViewIfNeeded();
    await screenshot(page, 'backups-04-after-restore-and-log', { fullPage: true });
    await page.context().close();
  }, 120_000);
});
