import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM, screenshot, signInAsDemo, startApp, type RunningApp, axeProblems } from './harness';

if (!chromiumAvailable) console.warn(`[e2e] SKIPPED: no Chromium at ${CHROMIUM} (install the Debian package chromium, or set RCC_CHROMIUM).`);

describe.skipIf(!chromiumAvailable)('the region plan and the matching policy in Chromium', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp('demo');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an officer runs the region plan, sees it against first come, first served and accepts a match', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /placement officer/i);
    await page.getByRole('link', { name: 'Region plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Region plan' }).waitFor();
    await page.getByText('No plan run yet').waitFor();

    // The plan is a job: the screen follows its events and waits for the one call's answer, never polling.
    const calls: string[] = [];
    const count = (request: { url(): string }) => {
      const method = /\/api\/call\/([^/?]+)/.exec(request.url())?.[1];
      if (method) calls.push(decodeURIComponent(method));
    };
    page.on('request', count);
    const started = Date.now();
    await page.getByRole('button', { name: 'Run the plan' }).click();
    const comparison = page.getByRole('table', { name: 'Optimal plan against first come, first served' });
    await comparison.waitFor({ timeout: 60_000 });
    const shownMs = Date.now() - started;
    page.off('request', count);
    expect(calls.filter((m) => m === 'plan.start')).toHaveLength(1);
    // Nothing asked twice, and nothing asked about the job while it ran.
    expect(new Set(calls).size, calls.join(', ')).toBe(calls.length);
    expect(
      calls.filter((m) => m === 'jobs.get' || m === 'plan.status'),
      calls.join(', '),
    ).toEqual([]);
    console.info(`[plan e2e] Run pressed to comparison painted: ${shownMs} ms`);
    await expect(comparison.getByRole('row', { name: /Children placed/ }).count()).resolves.toBe(1);
    await expect(comparison.getByRole('row', { name: /Sibling groups kept together/ }).count()).resolves.toBe(1);
    await expect(comparison.getByRole('row', { name: /Weekly cost.*£/ }).count()).resolves.toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'plan-01-comparison');

    // Accept a match for a referral the workflow can shortlist: one that is new or being searched.
    const labels = await page.getByRole('button', { name: /^Accept / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    const statusOf = app.db
      .prepare(
        "SELECT r.status FROM referrals r JOIN children c ON c.id = r.child_id WHERE c.ref = ? AND r.status IN ('new','searching','shortlisted','offered')",
      )
      .pluck();
    const label = labels.find((l) => ['new', 'searching'].includes(statusOf.get(l.replace(/^.* for /, '')) as string)) ?? labels[0]!;
    const childRef = label.replace(/^.* for /, '');
    const referralId = app.db
      .prepare("SELECT r.id FROM referrals r JOIN children c ON c.id = r.child_id WHERE c.ref = ? AND r.status IN ('new','searching','shortlisted','offered')")
      .pluck()
      .get(childRef) as number;
    const accept = page.getByRole('button', { name: label, exact: true });
    await accept.focus();
    await page.keyboard.press('Enter');
    const cont = page.getByRole('link', { name: 'Held: continue on the referral' });
    await cont.waitFor();
    await screenshot(page, 'plan-02-accepted');
    expect(app.db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(referralId)).toBe('shortlisted');
    const held = app.db.prepare("SELECT count(*) FROM offers WHERE referral_id = ? AND reason = 'From the region plan'").pluck().get(referralId) as number;
    expect(held).toBe(1);

    await cont.click();
    await page.waitForURL(new RegExp(`#/referrals/${referralId}$`));
    await page.getByText('Shortlisted', { exact: true }).first().waitFor();
    await screenshot(page, 'plan-03-referral-shortlisted');
  }, 120_000);

  it('an administrator changes a weight, previews the effect and saves a new version', async () => {
    const page = await app.openPage();
    await signInAsDemo(page, /administrator/i);
    await page.getByRole('link', { name: 'Matching policy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Matching policy' }).waitFor();
    const before = app.db.prepare('SELECT COALESCE(MAX(version), 1) FROM policies').pluck().get() as number;

    // Keyboard only: the cost slider to its maximum.
    const cost = page.getByRole('slider', { name: /^Cost against the typical price/ });
    await cost.focus();
    await page.keyboard.press('End');
    await page.getByText(/Cost against the typical price: 100 \(\d+% of the total\)/).waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByText(/^Of \d+ open referrals, \d+ would get a different top match/).waitFor({ timeout: 30_000 });
    const rows = await page
      .getByRole('table', { name: 'Referrals whose top match would change' })
      .getByRole('row')
      .count()
      .catch(() => 0);
    console.info(`[policy e2e] preview rows shown (with header): ${rows}`);
    await screenshot(page, 'policy-01-preview');

    await page.getByLabel('Why the change (kept with the version)').fill('Cost weighs more while the budget is tight');
    await page.getByRole('button', { name: /^Save as version/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Save the new version' }).click();
    await page.getByText(/^Saved as version \d+/).waitFor();
    await page.getByText(/Version \d+ \(in force\): Cost weighs more/).waitFor();
    const after = app.db.prepare('SELECT MAX(version) FROM policies').pluck().get() as number;
    expect(after).toBe(before + 1);
    const saved = JSON.parse(app.db.prepare('SELECT policy FROM policies WHERE version = ?').pluck().get(after) as string) as { weights: { cost: number } };
    expect(saved.weights.cost).toBe(100);
    await screenshot(page, 'policy-02-saved');
  }, 120_000);
});
