/**
 * Desktop smoke test: launches the real Electron main process (dist/electron/main.cjs) and checks the
 * window is locked down. It needs Electron's binary, which cannot be downloaded on every machine:
 * without it the suite is reported as skipped, with the reason in its name and on the console.
 *
 * Playwright's own Electron loader adds --password-store=basic, which our main process rightly refuses
 * (no plaintext key), so the binary is launched directly with a tiny test-only preload instead: it
 * points userData at a temp folder (main.ts reads app.getPath('userData'), not RCC_DATA_DIR) and turns
 * dialog.showErrorBox into stderr output, so a refusal to start fails fast with its message instead of
 * a modal dialog. On Linux the OS keyring (GNOME Keyring / KWallet, unlocked) must be available.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './harness';

const ROOT = resolve(__dirname, '..', '..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs');

function electronBinary(): string | null {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string }).version;
}

const binary = electronBinary();
const nativeModule = join(ROOT, 'build', 'native', `electron-${electronVersion()}`, 'better_sqlite3.node');
const skipReason = !binary
  ? 'no Electron binary (node_modules/electron/path.txt or its dist/ binary is missing; the download is off or impossible on this machine)'
  : !existsSync(nativeModule)
    ? `no Electron build of the SQLite module at ${nativeModule} (run: node build/native-electron.mjs)`
    : null;
if (skipReason) console.warn(`[e2e] SKIPPED Electron smoke test: ${skipReason}.`);

const SHIM = `const { app, dialog } = require('electron');
if (process.env.RCC_DATA_DIR) app.setPath('userData', process.env.RCC_DATA_DIR);
dialog.showErrorBox = (title, content) => process.stderr.write('[rcc-smoke] ' + title + ': ' + content + '\\n');
`;

describe.skipIf(skipReason !== null)(`the desktop app in Electron${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let work: string;
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;
  let output = '';

  beforeAll(async () => {
    // A stale dist/ would test yesterday's main process.
    ensureBuilt();

    work = realpathSync(mkdtempSync(join(tmpdir(), 'rcc-electron-smoke-')));
    dataDir = join(work, 'data');
    const shim = join(work, 'smoke-preload.cjs');
    writeFileSync(shim, SHIM);

    app = await electron.launch({
      executablePath: binary!,
      args: ['-r', shim, MAIN],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), RCC_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    app.process().stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const exitedEarly = new Promise<never>((_, reject) => {
      app.once('close', () => {
        reject(new Error(`Electron exited before opening its window. Its output:\n${output}`));
      });
    });
    exitedEarly.catch(() => undefined); // also closes normally in afterAll
    page = await Promise.race([app.firstWindow({ timeout: 60_000 }), exitedEarly]);
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('locks the window down: context isolation and sandbox on, Node integration off', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      // getLastWebPreferences() is real but missing from Electron's typings.
      const contents = windows[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null } | undefined;
      if (!contents?.getLastWebPreferences) return { windows: windows.length, prefs: null };
      const p = contents.getLastWebPreferences() ?? {};
      const pick = (k: string) => (p[k] === undefined ? 'unset' : p[k]);
      return {
        windows: windows.length,
        prefs: {
          contextIsolation: pick('contextIsolation'),
          sandbox: pick('sandbox'),
          nodeIntegration: pick('nodeIntegration'),
          nodeIntegrationInWorker: pick('nodeIntegrationInWorker'),
          webSecurity: pick('webSecurity'),
          allowRunningInsecureContent: pick('allowRunningInsecureContent'),
          webviewTag: pick('webviewTag'),
        },
      };
    });
    expect(prefs.windows).toBe(1);
    expect(prefs.prefs, 'webContents.getLastWebPreferences() is unavailable in this Electron').not.toBeNull();
    expect(prefs.prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('serves the UI from app://rcc, not file://', async () => {
    expect(page.url()).toMatch(/^app:\/\/rcc\//);
    await expect(page.evaluate(() => location.origin)).resolves.toBe('app://rcc');
  });

  it('gives the page only rcc.call and rcc.on, and no Node', async () => {
    const seen = await page.evaluate(() => {
      const bridge = (window as unknown as { rcc?: Record<string, unknown> }).rcc;
      return {
        keys: bridge ? Object.keys(bridge).sort() : null,
        types: bridge ? Object.values(bridge).map((v) => typeof v) : null,
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        module: typeof (globalThis as { module?: unknown }).module,
        Buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
      };
    });
    expect(seen).toEqual({
      keys: ['call', 'on'],
      types: ['function', 'function'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
    });
  });

  it('answers IPC calls from our own page, in desktop mode, on the temp data folder', async () => {
    const result = (await page.evaluate(() =>
      (window as unknown as { rcc: { call(m: string, p: unknown): Promise<unknown> } }).rcc.call('system.info', {}),
    )) as { ok: boolean; value?: { mode: string; dataDir: string }; error?: unknown };
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, value: { mode: 'desktop' } });
    expect(realpathSync(result.value!.dataDir)).toBe(realpathSync(dataDir));
  });

  it('runs the region plan in its job thread: HiGHS loads its WebAssembly from beside the bundles', async () => {
    const outcome = await page.evaluate(async () => {
      type Result = { ok: boolean; value?: { matches?: unknown[] }; error?: { message: string } };
      const rcc = (window as unknown as { rcc: { call(m: string, p: unknown): Promise<Result> } }).rcc;
      const signedIn = await rcc.call('auth.signIn', { username: 'demo.officer', password: 'demo-password' });
      if (!signedIn.ok) return { state: 'not signed in', phase: signedIn.error?.message ?? '' };
      // A job in its own thread: the call answers with the plan when it ends.
      const plan = await rcc.call('plan.start', {});
      if (!plan.ok) return { state: 'failed', phase: plan.error?.message ?? '' };
      return { state: (plan.value?.matches?.length ?? 0) > 0 ? 'done' : 'no matches', phase: '' };
    });
    expect(outcome.state, `${outcome.phase}\nElectron printed:\n${output}`).toBe('done');
  }, 90_000);

  it('refuses new windows and navigation away from the app', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/rcc\//);
    await expect(app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).resolves.toBe(1);
  });
});
