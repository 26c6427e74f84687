import { createHash } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';

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
  const last = prepare(db, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  prepare(
    db,
    `INSERT INTO audit_log (at, user_id, username, role, method, action, record_type, record_id, outcome, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.at,
    entry.userId,
    entry.username,
    entry.role,
    entry.method,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.outcome,
    prevHash,
    hashEntry(prevHash, entry),
  );
  // The chain's head, kept apart from the table, so deleting the newest entries is detectable too.
  prepare(
    db,
    "INSERT INTO meta (key, value) VALUES ('audit_head', (SELECT id || ':' || hash FROM audit_log ORDER BY id DESC LIMIT 1)) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run();
}

const SELECT_AUDIT = `SELECT id, at, user_id AS userId, username, role, method, action, record_type AS recordType,
  record_id AS recordId, outcome, prev_hash AS prevHash, hash FROM audit_log`;

/** The newest entry's position and hash: what a checkpoint signs. */
export interface AuditHead {
  lastId: number;
  hash: string;
}

export function auditHead(db: ReadableDB): AuditHead | null {
  return (prepare(db, 'SELECT id AS lastId, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditHead | undefined) ?? null;
}

export function auditForRecord(db: ReadableDB, recordType: string, recordId: string): AuditRow[] {
  return prepare(db, `${SELECT_AUDIT} WHERE record_type = ? AND record_id = ? ORDER BY id`).all(recordType, recordId) as AuditRow[];
}

/** Which entries an administrator asked for; every part optional. Dates are whole days, inclusive. */
export interface AuditQuery {
  username?: string | undefined;
  /** A child's id, when the filter named a child. */
  childId?: number | undefined;
  /** Actions (the action column) to include. */
  actions?: readonly string[] | undefined;
  /** Methods to include, alongside actions (e.g. the account changes). */
  methods?: readonly string[] | undefined;
  /** Only refused or failed entries. */
  refusedOnly?: boolean | undefined;
  fromAt?: string | undefined;
  /** Exclusive upper bound on the timestamp. */
  beforeAt?: string | undefined;
}

export interface AuditListRow extends AuditRow {
  displayName: string | null;
  /** The child's reference when the entry is about one child. */
  childRef: string | null;
}

function whereOf(q: AuditQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (q.username) {
    parts.push('a.username = ? COLLATE NOCASE');
    params.push(q.username);
  }
  if (q.childId !== undefined) {
    parts.push("a.record_type = 'child' AND a.record_id = ?");
    params.push(String(q.childId));
  }
  const kinds: string[] = [];
  if (q.actions?.length) {
    kinds.push(`a.action IN (${q.actions.map(() => '?').join(', ')})`);
    params.push(...q.actions);
  }
  if (q.methods?.length) {
    kinds.push(`a.method IN (${q.methods.map(() => '?').join(', ')})`);
    params.push(...q.methods);
  }
  if (kinds.length) parts.push(`(${kinds.join(' OR ')})`);
  if (q.refusedOnly) parts.push("a.outcome <> 'ok'");
  if (q.fromAt) {
    parts.push('a.at >= ?');
    params.push(q.fromAt);
  }
  if (q.beforeAt) {
    parts.push('a.at < ?');
    params.push(q.beforeAt);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const SELECT_AUDIT_LIST = `SELECT a.id, a.at, a.user_id AS userId, a.username, a.role, a.method, a.action,
  a.record_type AS recordType, a.record_id AS recordId, a.outcome, a.prev_hash AS prevHash, a.hash,
  u.display_name AS displayName,
  CASE WHEN a.record_type = 'child' THEN (SELECT c.ref FROM children c WHERE CAST(c.id AS TEXT) = a.record_id) END AS childRef
  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`;

/** One page of matching entries, newest first, and how many match in all. */
export function listAudit(db: ReadableDB, q: AuditQuery, page: { offset: number; limit: number }): { rows: AuditListRow[]; total: number } {
  const where = whereOf(q);
  const total = prepare(db, `SELECT count(*) FROM audit_log a ${where.sql}`)
    .pluck()
    .get(...where.params) as number;
  const rows = prepare(db, `${SELECT_AUDIT_LIST} ${where.sql} ORDER BY a.id DESC LIMIT ? OFFSET ?`).all(
    ...where.params,
    page.limit,
    page.offset,
  ) as AuditListRow[];
  return { rows, total };
}

/** Every matching entry, oldest first, one at a time (exports). */
export function iterateAudit(db: ReadableDB, q: AuditQuery): IterableIterator<AuditListRow> {
  const where = whereOf(q);
  return prepare(db, `${SELECT_AUDIT_LIST} ${where.sql} ORDER BY a.id`).iterate(...where.params) as IterableIterator<AuditListRow>;
}

/** A signed statement, kept outside the store, that entry `lastId` had hash `hash`. */
export interface SignedHead extends AuditHead {
  at: string;
}

export interface ChainCheck {
  intact: boolean;
  entries: number;
  firstBadId: number | null;
  problem: string | null;
}

/**
 * Walks the chain from the first entry, and compares it with every signed checkpoint: an entry
 * whose link or hash is wrong, or that differs from (or is missing against) what a checkpoint
 * signed, is reported. A checkpoint is what someone holding only the store key cannot forge, so
 * deleting the newest entries, or rewriting entries and recomputing every later hash, shows up.
 */
export function verifyAuditChain(db: ReadableDB, checkpoints: readonly SignedHead[] = []): ChainCheck {
  const pending = [...checkpoints].sort((a, b) => a.lastId - b.lastId);
  let next = 0;
  let prev = GENESIS;
  let entries = 0;
  let lastId = 0;
  const when = (c: SignedHead) => c.at.replace('T', ' ').slice(0, 19);
  for (const row of prepare(db, `${SELECT_AUDIT} ORDER BY id`).iterate() as Iterable<AuditRow>) {
    entries++;
    // Checkpoints naming an entry below this one name an entry that is gone.
    while (next < pending.length && pending[next]!.lastId < row.id) {
      const c = pending[next]!;
      return { intact: false, entries, firstBadId: c.lastId, problem: `Entry ${c.lastId}, signed at ${when(c)} UTC, is missing: entries were deleted.` };
    }
    if (row.prevHash !== prev || hashEntry(prev, row) !== row.hash) {
      return {
        intact: false,
        entries,
        firstBadId: row.id,
        problem: `Entry ${row.id} was edited, removed or moved: its hash no longer follows from the entry before it.`,
      };
    }
    while (next < pending.length && pending[next]!.lastId === row.id) {
      const c = pending[next]!;
      if (c.hash !== row.hash) {
        return {
          intact: false,
          entries,
          firstBadId: row.id,
          problem: `Entry ${row.id} differs from what was signed at ${when(c)} UTC: entries were deleted or rewritten after that time.`,
        };
      }
      next++;
    }
    prev = row.hash;
    lastId = row.id;
  }
  if (next < pending.length) {
    const c = pending[next]!;
    return {
      intact: false,
      entries,
      firstBadId: c.lastId,
      problem: `Entry ${c.lastId}, signed at ${when(c)} UTC, is missing: the newest entries were deleted.`,
    };
  }
  const head = prepare(db, "SELECT value FROM meta WHERE key = 'audit_head'").pluck().get() as string | undefined;
  if (head !== undefined && head !== `${lastId}:${prev}`) {
    return { intact: false, entries, firstBadId: lastId + 1, problem: `The entries after ${lastId} are missing: the newest entries were deleted.` };
  }
  return { intact: true, entries, firstBadId: null, problem: null };
}
