import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLoopbackServer, type LoopbackServer } from '../../electron/rpc/http';
import { tempStore, testBackend } from '../helpers/store';
import type { Backend } from '../../electron/backend';

export const CHROMIUM = process.env.RCC_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('test-artifacts/screenshots');
const RENDERER_DIR = resolve('dist/renderer');

/** Flags for Chromium as root in a closed network (see the env notes in the README). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface RunningApp {
  server: LoopbackServer;
  backend: Backend;
  browser: Browser;
  store: ReturnType<typeof tempStore>;
  /** A new browser context (its own cookie, so its own session) on the app's first screen. */
  openPage(): Promise<Page>;
  close(): Promise<void>;
}

/** The real backend over the real loopback transport, on a fresh encrypted store, in real Chromium. */
export async function startApp(kind: 'demo' | 'real' = 'demo'): Promise<RunningApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    const built = spawnSync(process.execPath, ['build/bundle.mjs'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('Could not build the renderer for end-to-end tests');
  }
  const store = tempStore({ kind });
  const backend = testBackend(store.db, () => new Date());
  const server = await startLoopbackServer({ backend, staticDir: RENDERER_DIR, launchSecret: randomBytes(18).toString('base64url') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    backend,
    browser,
    store,
    async openPage() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
      // Screens are checked and photographed at rest: no half-finished fades or ripples.
      await context.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
          document.head.append(style);
        });
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('[page error]', e.message));
      await page.goto(server.launchUrl);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      store.remove();
    },
  };
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // A whole-page picture taken while scrolled draws the fixed app bar and navigation mid-page.
  if (options.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
}

export async function signInAsDemo(page: Page, roleLabel: RegExp): Promise<void> {
  await page.getByRole('button', { name: roleLabel }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export const chromiumAvailable = existsSync(CHROMIUM);

/** Serious or critical accessibility problems inside the main area, each with where and why. */
export async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${(n.failureSummary ?? '').replace(/\s+/g, ' ')})`));
}

/**
 * Types a date into one of the app's DD/MM/YYYY fields the way a person does: into the day, then
 * on through month and year (the field moves between them itself).
 */
export async function fillDate(page: Page, label: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  const field = page.getByRole('group', { name: label, exact: true });
  await field.getByRole('spinbutton', { name: 'Day' }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(`${day}${month}${year}`);
}
