import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditHead, SignedHead } from '../db/repositories/audit';
import { StoreError } from '../db/errors';
import { AUDIT_CHECKPOINT_FILE, AUDIT_SEAL_KEY_FILE } from './paths';

/**
 * Where the audit seal's private key is kept, apart from the store. Loopback mode keeps it in a
 * file only this user can read, beside the store key; the desktop app wraps it with the operating
 * system's secure storage, as it does the store key. Either way, someone who has only the store
 * key cannot sign a checkpoint.
 */
export interface SealKeyStore {
  /** The Ed25519 private key (PKCS#8, DER), or null when none exists yet. */
  load(): Buffer | null;
  /** Keeps a new key; never overwrites one. */
  save(pkcs8Der: Buffer): void;
}

/** The loopback mode's key store: a file readable only by this user (0600). */
export function plainSealKeyFile(dataDir: string): SealKeyStore {
  const file = join(dataDir, AUDIT_SEAL_KEY_FILE);
  return {
    load() {
      if (!existsSync(file)) return null;
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    },
    save(pkcs8Der) {
      writeFileSync(file, pkcs8Der.toString('base64'), { mode: 0o600, flag: 'wx' });
    },
  };
}

/** A key the host already loaded (see AuditSeal.loadOrCreateKey): nothing to save. */
export function heldSealKey(pkcs8Der: Buffer): SealKeyStore {
  return {
    load: () => pkcs8Der,
    save: () => {
      throw new Error('The audit seal key is kept by the host, not the backend thread.');
    },
  };
}

interface CheckpointLine extends SignedHead {
  seq: number;
  sig: string;
  /** Set on the line written when an administrator restored the store from this backup file. */
  restoredFrom?: string;
}

const PREFIX = 'rcc-audit-checkpoint/1';

function message(c: Omit<CheckpointLine, 'sig'>, prevSig: string): Buffer {
  const parts: (string | number)[] = [PREFIX, c.seq, c.at, c.lastId, c.hash, prevSig];
  if (c.restoredFrom !== undefined) parts.push(`restored-from:${c.restoredFrom}`);
  return Buffer.from(parts.join('\n'), 'utf8');
}

export interface SealReading {
  checkpoints: SignedHead[];
  /** Set when the checkpoint file itself was altered (a bad signature, a gap, unreadable lines). */
  problem: string | null;
}

/**
 * Signed checkpoints of the audit chain's head, appended to a file outside the store after every
 * call that added entries. Each checkpoint also signs the one before it, so lines cannot be
 * removed from the middle or reordered. "Check the chain" compares the store with every
 * checkpoint: the administrator's own later sign-in adds entries but cannot make the store agree
 * with what was signed before a truncation.
 */
export class AuditSeal {
  private lastSig = '';
  private seq = 0;
  private sealed: AuditHead | null = null;
  private readonly publicKey: KeyObject;

  private constructor(
    private readonly file: string,
    private readonly privateKey: KeyObject,
    private readonly now: () => Date,
  ) {
    this.publicKey = createPublicKey(privateKey);
    const reading = this.read();
    const last = reading.lines.at(-1);
    if (last) {
      this.seq = last.seq;
      this.lastSig = last.sig;
      this.sealed = { lastId: last.lastId, hash: last.hash };
    }
  }

  /** Opens (or starts) the checkpoint file in the data folder, with the key from `keys`. */
  static open(dataDir: string, keys: SealKeyStore, now: () => Date = () => new Date()): AuditSeal {
    const der = AuditSeal.loadOrCreateKey(keys);
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      throw new StoreError('key-unavailable', `The audit seal key in ${dataDir} is damaged; the audit trail cannot be sealed.`);
    }
    const file = join(dataDir, AUDIT_CHECKPOINT_FILE);
    if (!existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    else if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return new AuditSeal(file, key, now);
  }

  /**
   * The private key from `keys`, made and kept there first when there is none. The host calls this
   * where its key store works (the desktop's secure storage is the main process's alone) and hands
   * the key to the backend thread, which opens the seal with heldSealKey.
   */
  static loadOrCreateKey(keys: SealKeyStore): Buffer {
    const der = keys.load();
    if (der) return der;
    const made = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    keys.save(made);
    return made;
  }

  /** Signs the chain's head if it moved since the last checkpoint. Call after the entries committed. */
  seal(head: AuditHead | null): void {
    if (!head || (this.sealed && this.sealed.lastId === head.lastId && this.sealed.hash === head.hash)) return;
    this.append({ seq: this.seq + 1, at: this.now().toISOString(), lastId: head.lastId, hash: head.hash });
  }

  /**
   * A restore rewinds the audit chain to the backup's head, on purpose. This signed line records it
   * (and from which file), and the store is judged against the checkpoints from here on; someone
   * holding only the store key cannot write such a line to hide a truncation.
   */
  restored(head: AuditHead | null, fileName: string): void {
    const at = head ?? { lastId: 0, hash: '' };
    this.append({ seq: this.seq + 1, at: this.now().toISOString(), lastId: at.lastId, hash: at.hash, restoredFrom: fileName });
    this.sealed = head;
  }

  private append(line: Omit<CheckpointLine, 'sig'>): void {
    const sig = sign(null, message(line, this.lastSig), this.privateKey).toString('base64');
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ ...line, sig })}\n`);
    } finally {
      closeSync(fd);
    }
    this.seq = line.seq;
    this.lastSig = sig;
    this.sealed = { lastId: line.lastId, hash: line.hash };
  }

  /** Every checkpoint whose signature holds, and what is wrong with the file if anything is. */
  checkpoints(): SealReading {
    const { lines, problem } = this.read();
    // Only what was signed since the last restore describes the store as it now is.
    const lastRestore = lines.findLastIndex((l) => l.restoredFrom !== undefined);
    const current = lastRestore < 0 ? lines : lines.slice(lastRestore);
    return { checkpoints: current.filter((l) => l.lastId > 0).map(({ lastId, hash, at }) => ({ lastId, hash, at })), problem };
  }

  private read(): { lines: CheckpointLine[]; problem: string | null } {
    const text = existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
    const lines: CheckpointLine[] = [];
    let prevSig = '';
    const rows = text.split('\n').filter((l) => l !== '');
    for (const [i, raw] of rows.entries()) {
      let line: CheckpointLine;
      try {
        line = JSON.parse(raw) as CheckpointLine;
      } catch {
        return { lines, problem: `Line ${i + 1} of the checkpoint file cannot be read: the file was altered.` };
      }
      const signed = typeof line.sig === 'string' && verify(null, message(line, prevSig), this.publicKey, Buffer.from(line.sig, 'base64'));
      if (!signed || line.seq !== i + 1) {
        return { lines, problem: `Checkpoint ${i + 1} does not carry a valid signature in its place: the checkpoint file was altered.` };
      }
      lines.push(line);
      prevSig = line.sig;
    }
    return { lines, problem: null };
  }
}
