/**
 * Loopback host: runs the same backend as the desktop app (in its own thread) behind 127.0.0.1, for
 * machines without Electron's binary and for end-to-end tests, and opens the interface in Chromium's
 * app mode.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../db/errors';
import { startBackendHost } from './backendHost';
import { loadOrCreatePlainKey, savePlainKey } from './keyfile';
import { defaultDataDir, PLAIN_KEY_FILE } from './paths';
import { AuditSeal, plainSealKeyFile } from './auditSeal';
import { startLoopbackServer } from './rpc/http';
import { APP_VERSION } from './version';
import { createInterface } from 'node:readline/promises';
import { openAppLog } from './log';
import { recoverStoreKey } from './recoveryKey';

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

interface Args {
  /** null: a new store waits for the first-run screen's choice, as the desktop app's does (--ask). */
  storeKind: 'demo' | 'real' | null;
  open: boolean;
  port: number;
  reason: string;
  /** The moment the app's clock starts from (it runs on from there); the computer's clock when null. */
  clockStart: Date | null;
  /** Asks for the recovery key and rewrites a lost key file from it. */
  recover: boolean;
  /** A backup file to put in place of the store before opening it. */
  restore: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { storeKind: 'demo', open: true, port: 0, reason: 'no Electron binary is installed', clockStart: null, recover: false, restore: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--real') args.storeKind = 'real';
    else if (a === '--ask') args.storeKind = null;
    else if (a === '--no-open') args.open = false;
    else if (a === '--port') args.port = Number(argv[++i]);
    else if (a === '--reason') args.reason = argv[++i] ?? args.reason;
    else if (a === '--clock') args.clockStart = parseClockStart(argv[++i]);
    else if (a === '--recover') args.recover = true;
    else if (a === '--restore') args.restore = argv[++i] ?? null;
    else throw new Error(`Unknown option ${a}. Options: --real, --ask, --no-open, --port N, --clock YYYY-MM-DDTHH:MM:SSZ, --recover, --restore FILE`);
    if (a === '--restore' && !args.restore)
      throw new Error('--restore needs the backup file, e.g. --restore "C:\\RCC backups\\rcc-20261125T020000000Z-scheduled.rccbackup".');
  }
  return args;
}

/** For demonstrations and tests on a known day: a date-time with its zone, e.g. 2026-11-25T10:00:00Z. */
function parseClockStart(value: string | undefined): Date {
  const ms = value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Error(`--clock needs a date and time with its zone, such as 2026-11-25T10:00:00Z (got ${value ?? 'nothing'}).`);
  return new Date(ms);
}

function findBrowser(): string | null {
  if (process.env.RCC_BROWSER) return process.env.RCC_BROWSER;
  return BROWSERS.find((b) => existsSync(b)) ?? null;
}

/** Reads one line from the terminal (the recovery key is never taken from the command line, which shells keep). */
async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function storeKey(dataDir: string, recover: boolean): Promise<Buffer> {
  if (!recover) return loadOrCreatePlainKey(dataDir).key;
  const typed = await ask('Type the recovery key (eight groups of four letters and digits), then press Enter: ');
  const key = recoverStoreKey(dataDir, typed);
  savePlainKey(dataDir, key);
  console.log(`[rcc] The store key was recovered and saved in ${join(dataDir, PLAIN_KEY_FILE)}.`);
  return key;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = defaultDataDir();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const log = openAppLog(dataDir);
  log.info('starting', { mode: 'loopback', version: APP_VERSION });
  const key = await storeKey(dataDir, args.recover);
  console.warn(
    `[rcc] WARNING: loopback mode keeps the store key in a file readable only by you (${join(dataDir, 'store.key')}). ` +
      "The desktop app keeps it in the operating system's secure storage instead.",
  );
  if (args.clockStart) console.log(`[rcc] The app's clock starts at ${args.clockStart.toISOString()} (--clock), not the computer's time.`);
  // The store, the dispatcher and the services run in their own thread (backendThread.ts).
  const host = await startBackendHost(
    {
      dataDir,
      storeKeyHex: key.toString('hex'),
      restoreFrom: args.restore,
      newStoreKind: args.storeKind,
      clockOffsetMs: args.clockStart ? args.clockStart.getTime() - Date.now() : 0,
      pendingRecoveryKey: null,
      auditSealKeyBase64: AuditSeal.loadOrCreateKey(plainSealKeyFile(dataDir)).toString('base64'),
      facts: { version: APP_VERSION, mode: 'loopback', keyProtection: 'key-file' },
      logFile: log.file,
      solverDir: __dirname,
      schedule: true,
    },
    log,
  );
  const server = await startLoopbackServer({
    backend: host.client,
    staticDir: join(__dirname, '..', 'renderer'),
    launchSecret: randomBytes(24).toString('base64url'),
    port: args.port,
  });

  console.log(`[rcc] Mode: loopback server on 127.0.0.1:${server.port}, because ${args.reason}.`);
  console.log(`[rcc] Data folder: ${dataDir}`);
  console.log(`[rcc] Log: ${log.file ?? 'none'}`);
  const browser = args.open ? findBrowser() : null;
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (browser && hasDisplay) {
    const profile = join(dataDir, 'browser-profile');
    mkdirSync(profile, { recursive: true });
    console.log(`[rcc] Opening the app in ${browser} (app mode).`);
    spawn(
      browser,
      [
        `--app=${server.launchUrl}`,
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
        '--disable-component-update',
      ],
      {
        stdio: 'ignore',
        detached: true,
      },
    ).unref();
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
    void server.close().then(async () => {
      await host.stop();
      log.info('stopped');
      await log.close();
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
