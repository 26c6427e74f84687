import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

describe.skipIf(!chromiumAvailable)('resetting the demo region, in Chromium', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('only an administrator sees it; it asks first, then regenerates the region and keeps the accounts', async () => {
    const db = app.db;
    const officer = await app.openPage();
    await signInAsDemo(officer, /placement officer/i);
    expect(await officer.getByRole('button', { name: 'Reset the demo region' }).count()).toBe(0);
    await officer.context().close();

    // Something a training session changed: an officer withdrew a vacancy.
    const trainee = await app.connect();
    await trainee.ok('auth.signIn', { username: 'demo.officer', password: 'demo-password' });
    const vacancyId = (await trainee.ok('vacancies.list', { status: 'open', limit: 1 })).rows[0]!.id;
    await trainee.ok('vacancies.setStatus', { vacancyId, status: 'withdrawn' });
    const snapshot = () => ({
      children: db.prepare('SELECT count(*) FROM children').pluck().get(),
      users: db.prepare('SELECT count(*) FROM users').pluck().get(),
      status: db.prepare('SELECT status FROM vacancies WHERE id = ?').pluck().get(vacancyId),
    });
    const before = snapshot();

    const page = await app.openPage();
    await signInAsDemo(page, /administrator/i);
    await page.getByRole('button', { name: 'Reset the demo region' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the demo region?' });
    await screenshot(page, 'demo-reset-01-confirm', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(snapshot()).toEqual(before);

    await page.getByRole('button', { name: 'Reset the demo region' }).click();
    await dialog.getByRole('button', { name: 'Reset the demo region' }).click();
    await page.getByText(/^Demo region generated afresh for /).waitFor();
    await screenshot(page, 'demo-reset-02-done', { fullPage: false });
    expect(snapshot()).toEqual({ children: before.children, users: before.users, status: 'open' });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE method = 'demo.reset' AND outcome = 'ok'").pluck().get()).toBeGreaterThan(0);
    // The administrator is still signed in: accounts and sessions survive.
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.context().close();
  });
});
