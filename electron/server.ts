/**
 * Loopback host: runs the same backend as the desktop app on 127.0.0.1, for machines without
 * Electron's binary and for end-to-end tests, and opens the interface in Chromium's app mode.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../db/errors';
import { openStore } from '../db/open';
import { createBackend, prepareNewStore } from './backend';
import { loadOrCreatePlainKey } from './keyfile';
import { AuditSeal, plainSealKeyFile } from './auditSeal';
import { defaultDataDir, STORE_FILE } from './paths';
import { startLoopbackServer } from './rpc/http';
import { loadBundledSolver } from './solver';
import { APP_VERSION } from './version';
import { localIsoDate } from '../shared/domain/calendar';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

interface Args {
  storeKind: 'demo' | 'real';
  open: boolean;
  port: number;
  reason: string;
  /** The moment the app's clock starts from (it runs on from there); the computer's clock when null. */
  clockStart: Date | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { storeKind: 'demo', open: true, port: 0, reason: 'no Electron binary is installed', clockStart: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--real') args.storeKind = 'real';
    else if (a === '--no-open') args.open = false;
    else if (a === '--port') args.port = Number(argv[++i]);
    else if (a === '--reason') args.reason = argv[++i] ?? args.reason;
    else if (a === '--clock') args.clockStart = parseClockStart(argv[++i]);
    else throw new Error(`Unknown option ${a}. Options: --real, --no-open, --port N, --clock YYYY-MM-DDTHH:MM:SSZ`);
  }
  return args;
}

/** For demonstrations and tests on a known day: a date-time with its zone, e.g. 2026-11-25T10:00:00Z. */
function parseClockStart(value: string | undefined): Date {
  const ms = value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Error(`--clock needs a date and time with its zone, such as 2026-11-25T10:00:00Z (got ${value ?? 'nothing'}).`);
  return new Date(ms);
}

/** The computer's clock, or one that started at `start` when the server did and runs at the same pace. */
function appClock(start: Date | null): () => Date {
  if (!start) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

function findBrowser(): string | null {
  if (process.env.RCC_BROWSER) return process.env.RCC_BROWSER;
  return BROWSERS.find((b) => existsSync(b)) ?? null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = defaultDataDir();
  const { key } = loadOrCreatePlainKey(dataDir);
  console.warn(
    `[rcc] WARNING: loopback mode keeps the store key in a file readable only by you (${join(dataDir, 'store.key')}). ` +
      'The desktop app keeps it in the operating system\'s secure storage instead.',
  );
  const now = appClock(args.clockStart);
  if (args.clockStart) console.log(`[rcc] The app's clock starts at ${args.clockStart.toISOString()} (--clock), not the computer's time.`);
  loadBundledSolver(__dirname);
  const db = openStore({ file: join(dataDir, STORE_FILE), key });
  prepareNewStore(db, args.storeKind, localIsoDate(now()));
  const auditSeal = AuditSeal.open(dataDir, plainSealKeyFile(dataDir));
  const backend = createBackend(db, { version: APP_VERSION, mode: 'loopback', dataDir, keyProtection: 'key-file' }, now, { auditSeal });
  const server = await startLoopbackServer({
    backend,
    staticDir: join(__dirname, '..', 'renderer'),
    launchSecret: randomBytes(24).toString('base64url'),
    port: args.port,
  });

  console.log(`[rcc] Mode: loopback server on 127.0.0.1:${server.port}, because ${args.reason}.`);
  console.log(`[rcc] Data folder: ${dataDir}`);
  const browser = args.open ? findBrowser() : null;
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (browser && hasDisplay) {
    const profile = join(dataDir, 'browser-profile');
    mkdirSync(profile, { recursive: true });
    console.log(`[rcc] Opening the app in ${browser} (app mode).`);
    spawn(browser, [`--app=${server.launchUrl}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-sync', '--disable-component-update'], {
      stdio: 'ignore',
      detached: true,
    }).unref();
  } else {
    const why = !args.open ? '--no-open was given' : !browser ? 'no Chromium is installed' : 'there is no display';
    console.log(`[rcc] Not opening a browser (${why}). Open this link in Chromium or Chrome:\n\n    ${server.launchUrl}\n`);
  }
  if (process.stdin.isTTY) {
    // Each launch link works once, so a person who closed the window asks here for another.
    console.log('[rcc] Press Enter for a new launch link (each link works once, within two minutes). Press Ctrl+C to stop.');
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', () => console.log(`[rcc] New launch link:\n\n    ${server.newLaunchUrl()}\n`));
  } else {
    console.log('[rcc] Press Ctrl+C to stop.');
  }

  const stop = () => {
    void server.close().then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof StoreError) console.error(`[rcc] ${error.message}`);
  else console.error('[rcc] Could not start:', error);
  process.exit(1);
});
