import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'RCC Placements';

/**
 * The same folder Electron's app.getPath('userData') gives, so both modes find one store.
 * RCC_DATA_DIR overrides it (tests, or a council that keeps data on another drive).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RCC_DATA_DIR) return env.RCC_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

export const STORE_FILE = 'store.db';
/** Desktop: the key wrapped by the OS (safeStorage). */
export const WRAPPED_KEY_FILE = 'store.key.wrapped';
/** Loopback mode: the key in a file only the user can read. */
export const PLAIN_KEY_FILE = 'store.key';
/** The audit seal's private key (Ed25519), kept apart from the store; wrapped by the OS on desktop. */
export const AUDIT_SEAL_KEY_FILE = 'audit-seal.key';
export const WRAPPED_AUDIT_SEAL_KEY_FILE = 'audit-seal.key.wrapped';
/** Signed checkpoints of the audit chain's head, one JSON line each, outside the store. */
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.log';
/** The store key wrapped by the recovery key (see recoveryKey.ts). */
export const RECOVERY_FILE = 'store.key.recovery';
/** Says which kind of store was set up here, so a lost store.db is never silently replaced by a demo. */
export const STORE_KIND_FILE = 'store.kind';
/** The administrator's backup settings; read before the store opens, so recovery can find the backups. */
export const BACKUP_SETTINGS_FILE = 'backups.json';
export const DEFAULT_BACKUP_FOLDER = 'backups';
export const LOG_FOLDER = 'logs';
