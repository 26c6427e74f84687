import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp } from './harness';

/*
 * Every screen each demo role can open, at a 1366×768 laptop screen: plain words ("1 bed", never
 * "1 bed(s)"), UK dates only, no serious or critical axe findings, and a picture of each screen in
 * test-artifacts/screenshots (plain-words-<role>-<screen>.png) to be looked at.
 */

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM}.`);

const LAPTOP = { width: 1366, height: 768 };
/** ISO dates (2026-11-25) and US-style numeric dates (11/25/2026) have no place on a UK screen. */
const NOT_UK_DATE = /\b\d{4}-\d{2}-\d{2}\b|\b(0?[1-9]|1[0-2])\/(1[3-9]|2\d|3[01])\/\d{4}\b/;

const ROLES = [
  ['officer', /placement officer/i],
  ['commissioner', /commissioner/i],
  ['hubcarer', /hub carer/i],
  ['admin', /administrator/i],
] as const;

/** Waits until the screen has finished loading its figures (no progress bar left). */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main [role="progressbar"]').length === 0, undefined, { timeout: 30_000 });
}

describe.skipIf(!chromiumAvailable)('plain words and UK dates on every screen at 1366×768 (demo region)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  for (const [role, label] of ROLES) {
    it(`every screen the ${role} opens`, async () => {
      const page = await app.openPage({ viewport: LAPTOP });
      await signInAsDemo(page, label);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const links = await nav.getByRole('link').allTextContents();
      const problems: string[] = [];
      for (const [i, link] of links.entries()) {
        await nav.getByRole('link', { name: link, exact: true }).click();
        await settled(page);
        const text = await page.locator('main').innerText();
        if (text.includes('(s)')) problems.push(`${link}: "(s)" in ${JSON.stringify(text.slice(Math.max(0, text.indexOf('(s)') - 40), text.indexOf('(s)') + 3))}`);
        const date = NOT_UK_DATE.exec(text);
        if (date) problems.push(`${link}: a date not in UK style, ${date[0]}`);
        for (const p of await axeProblems(page)) problems.push(`${link}: ${p}`);
        await screenshot(page, `plain-words-${role}-${String(i + 1).padStart(2, '0')}-${link.toLowerCase().replace(/[^a-z]+/g, '-')}`, { fullPage: false });
      }
      expect(problems).toEqual([]);
      await page.context().close();
    }, 300_000);
  }
});
