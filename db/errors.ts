/** Problems opening the store, each with a message a user can act on. */
export class StoreError extends Error {
  constructor(
    readonly kind: 'wrong-key' | 'too-new' | 'migration-gap' | 'damaged' | 'not-enforcing' | 'key-unavailable' | 'key-missing' | 'store-missing',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A write the disk or the operating system refused: what happened, in words, and what to do. */
export interface StorageFault {
  kind: 'disk-full' | 'read-only' | 'no-permission' | 'io-error';
  message: string;
}

const SQLITE_CODES: Record<string, StorageFault['kind']> = {
  SQLITE_FULL: 'disk-full',
  SQLITE_READONLY: 'read-only',
  SQLITE_CANTOPEN: 'no-permission',
  SQLITE_PERM: 'no-permission',
  SQLITE_IOERR: 'io-error',
};
const NODE_CODES: Record<string, StorageFault['kind']> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'no-permission',
  EPERM: 'no-permission',
  EIO: 'io-error',
};

/**
 * The one place that turns SQLite's and the file system's fault codes into plain words. `what`
 * says what was being done ("this import", "the backup"); `where` is the folder concerned. Every
 * write runs in one transaction, so the message can promise that nothing was half-saved.
 */
export function describeStorageFault(error: unknown, what: string, where: string): StorageFault | null {
  if (!error || typeof error !== 'object') return null;
  const code = String((error as { code?: unknown }).code ?? '');
  // SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, ...) share their family's meaning.
  const family = Object.keys(SQLITE_CODES).find((c) => code === c || code.startsWith(`${c}_`));
  const kind = family ? SQLITE_CODES[family] : NODE_CODES[code];
  if (!kind) return null;
  const nothing = `nothing from ${what} was saved`;
  const messages: Record<StorageFault['kind'], string> = {
    'disk-full': `The disk is full: ${nothing}. Free space on the drive that holds ${where} and try again.`,
    'read-only': `The data folder cannot be written to (it is read-only): ${nothing}. Ask IT to make ${where} writable and try again.`,
    'no-permission': `This computer's account may not write to ${where}: ${nothing}. Ask IT to give your account write access and try again.`,
    'io-error': `The disk reported an error while writing: ${nothing}. Check the drive that holds ${where} (it may be failing or disconnected) and try again.`,
  };
  return { kind, message: messages[kind] };
}
