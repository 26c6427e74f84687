/** Desktop host: Electron window, OS-protected store key, IPC transport. */
import { app, dialog, net, protocol, safeStorage, session } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreError } from '../db/errors';
import { openStore } from '../db/open';
import type { WritableDB } from '../db/handle';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { createBackend, prepareNewStore } from './backend';
import { APP_FOLDER, STORE_FILE, WRAPPED_AUDIT_SEAL_KEY_FILE, WRAPPED_KEY_FILE } from './paths';
import { AuditSeal, type SealKeyStore } from './auditSeal';
import { registerIpcTransport } from './rpc/ipc';
import { APP_SCHEME, lockDownContents, lockDownSession } from './security';
import { loadBundledSolver } from './solver';
import { APP_VERSION } from './version';
import { createMainWindow } from './window';
import { localIsoDate } from '../shared/domain/calendar';

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
        'RCC Placements will not keep children\'s data with an unprotected key. Fix the keyring and start again, or ask IT to run the loopback mode described in the README.',
    );
  }
  const file = join(dataDir, WRAPPED_KEY_FILE);
  if (existsSync(file)) return Buffer.from(safeStorage.decryptString(readFileSync(file)), 'hex');
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

let db: WritableDB | null = null;

app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => db?.close());

void app.whenReady().then(() => {
  try {
    const dataDir = app.getPath('userData');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const key = loadWrappedKey(dataDir);
    const nativeBinding = electronNativeBinding();
    db = openStore({ file: join(dataDir, STORE_FILE), key, ...(nativeBinding ? { nativeBinding } : {}) });
    prepareNewStore(db, process.argv.includes('--real') ? 'real' : 'demo', localIsoDate(new Date()));
    const auditSeal = AuditSeal.open(dataDir, wrappedSealKeyFile(dataDir));
    const backend = createBackend(db, { version: APP_VERSION, mode: 'desktop', dataDir, keyProtection: 'os-secure-storage' }, undefined, { auditSeal });
    lockDownSession(session.defaultSession);
    registerAppProtocol(join(__dirname, '..', 'renderer'));
    registerIpcTransport(backend);
    loadBundledSolver(__dirname);
    console.log(`[rcc] Mode: desktop (Electron ${process.versions.electron}). Data folder: ${dataDir}`);
    createMainWindow();
  } catch (error) {
    const message = error instanceof StoreError ? error.message : `RCC Placements could not start: ${String(error)}`;
    dialog.showErrorBox('RCC Placements cannot start', message);
    app.exit(1);
  }
});
