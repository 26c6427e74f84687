import { createHash } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../handle';

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string;
  role: string;
  method: string;
  /** view, list, change, denied, sign-in … */
  action: string;
  recordType: string;
  recordId: string;
  outcome: 'ok' | 'refused' | 'failed';
}

export interface AuditRow extends AuditEntry {
  id: number;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function hashEntry(prevHash: string, e: AuditEntry): string {
  const canonical = JSON.stringify([prevHash, e.at, e.userId, e.username, e.role, e.method, e.action, e.recordType, e.recordId, e.outcome]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry, chained to the one before it. Call inside the caller's transaction. */
export function appendAudit(db: WritableDB, entry: AuditEntry): void {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  db.prepare(
    `INSERT INTO audit_log (at, user_id, username, role, method, action, record_type, record_id, outcome, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.at, entry.userId, entry.username, entry.role, entry.method, entry.action, entry.recordType, entry.recordId, entry.outcome, prevHash, hashEntry(prevHash, entry));
  // The chain's head, kept apart from the table, so deleting the newest entries is detectable too.
  db.prepare("INSERT INTO meta (key, value) VALUES ('audit_head', (SELECT id || ':' || hash FROM audit_log ORDER BY id DESC LIMIT 1)) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
}

const SELECT_AUDIT = `SELECT id, at, user_id AS userId, username, role, method, action, record_type AS recordType,
  record_id AS recordId, outcome, prev_hash AS prevHash, hash FROM audit_log`;

export function listAudit(db: ReadableDB, limit: number): AuditRow[] {
  return db.prepare(`${SELECT_AUDIT} ORDER BY id DESC LIMIT ?`).all(limit) as AuditRow[];
}

export function auditForRecord(db: ReadableDB, recordType: string, recordId: string): AuditRow[] {
  return db.prepare(`${SELECT_AUDIT} WHERE record_type = ? AND record_id = ? ORDER BY id`).all(recordType, recordId) as AuditRow[];
}

/** Walks the chain from the first entry; the first entry whose link or hash is wrong is reported. */
export function verifyAuditChain(db: ReadableDB): { intact: boolean; entries: number; firstBadId: number | null } {
  let prev = GENESIS;
  let entries = 0;
  let lastId = 0;
  for (const row of db.prepare(`${SELECT_AUDIT} ORDER BY id`).iterate() as Iterable<AuditRow>) {
    entries++;
    if (row.prevHash !== prev || hashEntry(prev, row) !== row.hash) return { intact: false, entries, firstBadId: row.id };
    prev = row.hash;
    lastId = row.id;
  }
  const head = db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").pluck().get() as string | undefined;
  if (head !== undefined && head !== `${lastId}:${prev}`) {
    // The newest entries are gone: report the first missing position.
    return { intact: false, entries, firstBadId: lastId + 1 };
  }
  return { intact: true, entries, firstBadId: null };
}
