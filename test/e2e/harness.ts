/**
 * End-to-end tests run what `npm start` runs in loopback mode: the built dist/electron/server.cjs in
 * its own Node process, on its own data folder, driven through real Chromium. Nothing of the app
 * runs inside the test process; a test that needs to look into the store opens a second connection
 * on the same encrypted file with the key from the data folder (WAL lets both read and write).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { WritableDB } from '../../db/handle';
import { openStore } from '../../db/open';
import { getStoreKind } from '../../db/repositories/meta';
import { loadOrCreatePlainKey } from '../../electron/keyfile';
import { prepareNewStore } from '../../electron/backend';
import { skipUnlessPresent } from '../helpers/present';
import { STORE_FILE } from '../../electron/paths';
import type { ApiResult, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { followCookie } from '../helpers/transports';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.RCC_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts/screenshots');
export const SERVER_BUNDLE = join(ROOT, 'dist/electron/server.cjs');

/** Flags for Chromium as root in a closed network (see the env notes in the README). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STARTUP_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 10_000;
const OUTPUT_KEPT_CHARS = 64 * 1024;
const LAUNCH_LINK = /http:\/\/127\.0\.0\.1:\d+\/launch\/[A-Za-z0-9_-]+/;

export const chromiumAvailable = skipUnlessPresent(
  'Chromium',
  existsSync(CHROMIUM),
  `no Chromium at ${CHROMIUM}; install the Debian package chromium, or set RCC_CHROMIUM`,
);

/** What the bundles are built from; dist/ older than any of these is rebuilt before a test starts. */
const SOURCES = ['electron', 'shared', 'db', 'renderer', 'build/bundle.mjs', 'build/runtime-files.mjs', 'vite.config.ts', 'package.json'];
const OUTPUTS = [
  'dist/electron/server.cjs',
  'dist/electron/backend-thread.cjs',
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/electron/highs.wasm',
  'dist/renderer/index.html',
];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** Builds dist/ (as `npm start` does) when it is missing or older than its sources. */
export function ensureBuilt(): void {
  const outputs = OUTPUTS.map((o) => join(ROOT, o));
  const built = outputs.every((o) => existsSync(o)) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  const sources = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter((s) => existsSync(s))
      .map(newestChange),
  );
  if (built > sources) return;
  console.info(`[e2e] ${built === 0 ? 'dist/ is missing' : 'dist/ is older than its sources'}: building it (node build/bundle.mjs).`);
  const result = spawnSync(process.execPath, ['build/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('node build/bundle.mjs failed (see above), so the end-to-end tests cannot run the built app.');
}

/** A client of the app's HTTP API with its own connection, as one browser tab has. */
export interface ApiClient {
  call(method: string, payload?: unknown): Promise<ApiResult<unknown>>;
  /** Calls a method that must succeed; throws with the app's error otherwise. */
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export interface AppServer {
  /**
   * A fresh launch link for one more tab or client. Each link works once (as in the app), so the
   * link the server printed is spent on the harness's own first connection, and every later page
   * or client asks the running app for one of its own, as a second window would.
   */
  newLaunchUrl(): Promise<string>;
  dataDir: string;
  /** A scratch folder for files a test writes (downloads, files to import); removed on close. */
  workDir: string;
  /** A second connection to the app's store, opened on first use (see the top of this file). */
  readonly db: WritableDB;
  /** Everything the server has printed so far (the last 64 KB). */
  output(): string;
  connect(): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The demo region (default) or a real, empty store, as `npm start -- --real`. */
  kind?: 'demo' | 'real';
  /** Leaves a new store's kind to the first-run screen (the server's --ask), as the desktop app does. */
  ask?: boolean;
  /** Starts the app's clock at this instant (the server's --clock). */
  clock?: string;
  /**
   * Fills a new store before the server first opens it (for a hand-made region). The store is then
   * marked as a real store, or the server would add the demo region to it.
   */
  prepare?: (db: WritableDB) => void;
}

function openSecondConnection(dataDir: string): WritableDB {
  const { key } = loadOrCreatePlainKey(dataDir);
  const db = openStore({ file: join(dataDir, STORE_FILE), key });
  // The server holds the write lock while it writes; wait for it rather than fail.
  db.pragma('busy_timeout = 10000');
  return db;
}

/** The built loopback server as `npm start -- --no-open` runs it, on a fresh data folder. */
export async function startServer(options: ServerOptions = {}): Promise<AppServer> {
  ensureBuilt();
  const root = mkdtempSync(join(tmpdir(), 'rcc-e2e-'));
  const dataDir = join(root, 'data');
  const workDir = join(root, 'work');
  mkdirSync(workDir, { recursive: true });
  if (options.prepare) {
    try {
      const db = openSecondConnection(dataDir);
      try {
        options.prepare(db);
        if (getStoreKind(db) === null) prepareNewStore(db, 'real', '');
      } finally {
        db.close();
      }
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  const args = [SERVER_BUNDLE, '--no-open', '--port', '0'];
  if (options.kind === 'real') args.push('--real');
  if (options.ask) args.push('--ask');
  if (options.clock) args.push('--clock', options.clock);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env: { ...process.env, RCC_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let started = false;
  let stopping = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    // The server's own errors (a failed plan, a refused request) belong next to the test that caused them.
    process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '[app server] '));
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code, signal) => done(code ?? (signal ? -1 : null))));
  void exited.then((code) => {
    // Before its launch link, the failure to start carries this output already.
    if (started && !stopping) console.error(`[e2e] The app server (pid ${child.pid}) stopped by itself (exit ${code}). Everything it printed:\n${output}`);
  });
  // Never leave a server behind, even when the test worker ends without its afterAll.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let timer: NodeJS.Timeout | undefined;
  const launchUrl = await new Promise<string>((done, fail) => {
    const look = () => {
      const link = LAUNCH_LINK.exec(output)?.[0];
      if (link) done(link);
    };
    child.stdout!.on('data', look);
    void exited.then((code) => fail(new Error(`The app server exited (code ${code}) before printing its launch link. It printed:\n${output}`)));
    timer = setTimeout(
      () => fail(new Error(`The app server printed no launch link within ${STARTUP_LIMIT_MS / 1000} s. It printed:\n${output}`)),
      STARTUP_LIMIT_MS,
    );
  })
    .catch(async (error: unknown) => {
      stopping = true;
      child.kill('SIGKILL');
      await exited;
      process.off('exit', killOnExit);
      rmSync(root, { recursive: true, force: true });
      throw error;
    })
    .finally(() => clearTimeout(timer));
  started = true;

  let db: WritableDB | null = null;
  let first: Promise<string> | null = null;
  const newLaunchUrl = async (): Promise<string> => {
    first ??= openLaunchLink(launchUrl);
    const cookie = await first;
    const response = await fetch(`${new URL(launchUrl).origin}/api/launch-link`, { method: 'POST', headers: { cookie, 'x-rcc-client': '1' } });
    const body = (await response.json()) as ApiResult<{ url: string }>;
    if (!body.ok) throw new Error(`The app gave no new launch link: ${body.error.code} ${body.error.message}`);
    return body.value.url;
  };
  return {
    newLaunchUrl,
    dataDir,
    workDir,
    get db() {
      db ??= openSecondConnection(dataDir);
      return db;
    },
    output: () => output,
    connect: async () => connectApi(await newLaunchUrl()),
    async close() {
      stopping = true;
      if (db?.open) db.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const stop = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
        await exited;
        clearTimeout(stop);
      }
      process.off('exit', killOnExit);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Opens a launch link as a browser would and answers the connection cookie it sets. */
async function openLaunchLink(launchUrl: string): Promise<string> {
  const launched = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = launched.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`The launch link answered ${launched.status} without a connection cookie.`);
  return cookie;
}

/** Opens the launch link as a browser would, then calls the API with the connection cookie it set. */
export async function connectApi(launchUrl: string): Promise<ApiClient> {
  let cookie = await openLaunchLink(launchUrl);
  const origin = new URL(launchUrl).origin;
  const call = async (method: string, payload: unknown = {}): Promise<ApiResult<unknown>> => {
    const response = await fetch(`${origin}/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { cookie, 'x-rcc-client': '1', 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    // Signing in issues a fresh connection cookie (a cookie planted earlier cannot carry the
    // session), so the client keeps whatever the app last set, as a browser does.
    cookie = followCookie(response, cookie);
    return (await response.json()) as ApiResult<unknown>;
  };
  return {
    call,
    async ok(method, input) {
      const result = await call(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
  };
}

export interface RunningApp extends AppServer {
  browser: Browser;
  /** A new browser context (its own cookie, so its own session) on the app's first screen. */
  openPage(options?: Pick<BrowserContextOptions, 'viewport'>): Promise<Page>;
}

/** The built app in its own process, with real Chromium to drive it. */
export async function startApp(kind: 'demo' | 'real' = 'demo', options: Omit<ServerOptions, 'kind'> = {}): Promise<RunningApp> {
  const server = await startServer({ ...options, kind });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    throw error;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    newLaunchUrl: server.newLaunchUrl,
    dataDir: server.dataDir,
    workDir: server.workDir,
    get db() {
      return server.db;
    },
    output: server.output,
    connect: server.connect,
    browser,
    async openPage(contextOptions: Pick<BrowserContextOptions, 'viewport'> = {}) {
      const context = await browser.newContext({
        viewport: contextOptions.viewport ?? { width: 1400, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        acceptDownloads: true,
      });
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
      await page.goto(await server.newLaunchUrl());
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
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
