/**
 * Desktop host: Electron window, OS-protected keys, IPC relay. The backend (store, dispatcher,
 * services) runs in its own thread (backendHost.ts), as in loopback mode; this process creates
 * windows, unwraps the keys with the OS's secure storage and relays IPC.
 */
import { app, dialog, net, protocol, safeStorage, session } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreError } from '../db/errors';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { startBackendHost, type BackendHost } from './backendHost';
import { missingKey, storeWasSetUp } from './keyfile';
import { openAppLog } from './log';
import { recoverStoreKey } from './recoveryKey';
import { createInterface } from 'node:readline/promises';
import { APP_FOLDER, WRAPPED_AUDIT_SEAL_KEY_FILE, WRAPPED_KEY_FILE } from './paths';
import { AuditSeal, type SealKeyStore } from './auditSeal';
import { registerIpcTransport } from './rpc/ipc';
import { APP_SCHEME, lockDownContents, lockDownSession } from './security';
import { APP_VERSION } from './version';
import { createMainWindow } from './window';

app.setName(APP_FOLDER);
// The same override loopback mode honours (tests, or data kept on another drive).
if (process.env.RCC_DATA_DIR) app.setPath('userData', process.env.RCC_DATA_DIR);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
if (!app.requestSingleInstanceLock()) app.quit();

/** The key, unwrapped by the OS; refuses (never falls back to plaintext) when that is unavailable. */
function loadWrappedKey(dataDir: string): Buffer {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    throw new StoreError(
      'key-unavailable',
      'This computer offers no secure storage for the store key (on Linux: install and unlock a keyring such as GNOME Keyring or KWallet). ' +
        "RCC Placements will not keep children's data with an unprotected key. Fix the keyring and start again, or ask IT to run the loopback mode described in the README.",
    );
  }
  const file = join(dataDir, WRAPPED_KEY_FILE);
  if (existsSync(file)) return Buffer.from(safeStorage.decryptString(readFileSync(file)), 'hex');
  // A lost secure-storage entry over an existing store: never a new key (it would lock the store for good).
  if (storeWasSetUp(dataDir)) throw missingKey(dataDir, file);
  const key = randomBytes(32);
  writeFileSync(file, safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return key;
}

/** The audit seal's key, wrapped by the OS like the store key (loadWrappedKey has checked it is available). */
function wrappedSealKeyFile(dataDir: string): SealKeyStore {
  const file = join(dataDir, WRAPPED_AUDIT_SEAL_KEY_FILE);
  return {
    load: () => (existsSync(file) ? Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64') : null),
    save: (der) => writeFileSync(file, safeStorage.encryptString(der.toString('base64')), { mode: 0o600, flag: 'wx' }),
  };
}

/** Serves the built renderer from app://rcc/, never file://, with our CSP on every response. */
function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    const target = file.startsWith(rendererDir + sep) && existsSync(file) ? file : join(rendererDir, 'index.html');
    const response = await net.fetch(pathToFileURL(target).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Electron's own ABI build of the SQLite module (see README), kept apart from Node's build. */
function electronNativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath, 'native', 'better_sqlite3.node'),
    join(__dirname, '..', '..', 'build', 'native', `electron-${process.versions.electron}`, 'better_sqlite3.node'),
  ];
  return candidates.find((c) => existsSync(c));
}

let backendHost: BackendHost | null = null;

app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
app.on('window-all-closed', () => app.quit());
// The backend thread closes the store (the one it holds, after a restore too) before the app ends.
app.on('will-quit', (event) => {
  const host = backendHost;
  if (!host) return;
  backendHost = null;
  event.preventDefault();
  void host.stop().finally(() => app.quit());
});

/**
 * `--recover`, run from a terminal: the recovery key typed there unwraps the store key (the same
 * code as loopback mode), which is wrapped again by this computer's secure storage.
 */
async function recoverWrappedKey(dataDir: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const typed = await rl.question('Type the recovery key (eight groups of four letters and digits), then press Enter: ');
  rl.close();
  const key = recoverStoreKey(dataDir, typed);
  writeFileSync(join(dataDir, WRAPPED_KEY_FILE), safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
}

void app.whenReady().then(async () => {
  try {
    const dataDir = app.getPath('userData');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const log = openAppLog(dataDir);
    if (process.argv.includes('--recover')) await recoverWrappedKey(dataDir);
    const key = loadWrappedKey(dataDir);
    const nativeBinding = electronNativeBinding();
    const restoreFrom = process.argv.indexOf('--restore');
    // The same start as loopback mode's (server.ts), with the keys unwrapped here: safeStorage
    // belongs to this process, and the backend thread never imports 'electron'.
    backendHost = await startBackendHost(
      {
        dataDir,
        storeKeyHex: key.toString('hex'),
        ...(nativeBinding ? { nativeBinding } : {}),
        restoreFrom: restoreFrom >= 0 ? (process.argv[restoreFrom + 1] ?? '') : null,
        // A new store waits for the first-run screen to choose, unless --real or --demo chose already.
        newStoreKind: process.argv.includes('--real') ? 'real' : process.argv.includes('--demo') ? 'demo' : null,
        clockOffsetMs: 0,
        pendingRecoveryKey: null,
        auditSealKeyBase64: AuditSeal.loadOrCreateKey(wrappedSealKeyFile(dataDir)).toString('base64'),
        facts: { version: APP_VERSION, mode: 'desktop', keyProtection: 'os-secure-storage' },
        logFile: log.file,
        solverDir: __dirname,
        schedule: true,
      },
      log,
    );
    lockDownSession(session.defaultSession);
    registerAppProtocol(join(__dirname, '..', 'renderer'));
    registerIpcTransport(backendHost.client);
    console.log(`[rcc] Mode: desktop (Electron ${process.versions.electron}). Data folder: ${dataDir}`);
    createMainWindow();
  } catch (error) {
    const message = error instanceof StoreError ? error.message : `RCC Placements could not start: ${String(error)}`;
    dialog.showErrorBox('RCC Placements cannot start', message);
    app.exit(1);
  }
});
