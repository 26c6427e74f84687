import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, screenshot, startApp, type RunningApp } from './harness';

describe.skipIf(!chromiumAvailable)("the first run's choice between the demo region and the real store, in Chromium", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo', { ask: true });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('asks once; choosing the demo region seeds it and marks it, and the choice cannot be made again', async () => {
    const page = await app.openPage({ viewport: { width: 1366, height: 768 } });
    await page.getByRole('heading', { name: 'Welcome to RCC Placements' }).waitFor();
    await screenshot(page, 'first-run-01-choice', { fullPage: false });
    expect(app.db.prepare("SELECT count(*) FROM meta WHERE key = 'store_kind'").pluck().get()).toBe(0);
    await page.getByRole('button', { name: 'Open the demo region' }).click();
    await page.getByText('Demo region: synthetic data only').waitFor();
    await screenshot(page, 'first-run-02-demo-sign-in', { fullPage: false });
    const api = await app.connect();
    const again = await api.call('system.chooseStore', { kind: 'real' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/already set up \(the demo region\)/);
    await page.context().close();
  }, 120_000);
});
