import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, auditForRecord, listAudit, verifyAuditChain, type AuditEntry } from '../../db/repositories/audit';
import { tempStore } from '../helpers/store';

type Store = ReturnType<typeof tempStore>;
let s: Store;

beforeEach(() => {
  s = tempStore({ kind: 'empty' });
  for (let n = 1; n <= 6; n++) appendAudit(s.db, entry(n));
});
afterEach(() => s.remove());

function entry(n: number): AuditEntry {
  return {
    at: `2026-11-25T10:00:0${n}.000Z`,
    userId: 7,
    username: 'demo.officer',
    role: 'placement_officer',
    method: 'children.get',
    action: 'view',
    recordType: 'child',
    recordId: String(100 + n),
    outcome: 'ok',
  };
}

interface RawRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  role: string;
  method: string;
  action: string;
  record_type: string;
  record_id: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

function row(id: number): RawRow {
  return s.db.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as RawRow;
}

/** What a tamperer who knows the scheme would compute for an edited row. */
function forgeHash(prevHash: string, r: RawRow): string {
  const canonical = JSON.stringify([prevHash, r.at, r.user_id, r.username, r.role, r.method, r.action, r.record_type, r.record_id, r.outcome]);
  return createHash('sha256').update(canonical).digest('hex');
}

describe('audit hash chain', () => {
  it('verifies after appends, each row linked to the one before', () => {
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: true, entries: 6, firstBadId: null });
    expect(row(1).prev_hash).toBe('0'.repeat(64));
    for (let id = 2; id <= 6; id++) expect(row(id).prev_hash).toBe(row(id - 1).hash);
    // An empty log is intact too.
    const empty = tempStore({ kind: 'empty' });
    try {
      expect(verifyAuditChain(empty.db)).toMatchObject({ intact: true, entries: 0, firstBadId: null });
    } finally {
      empty.remove();
    }
  });

  it('the database refuses UPDATE and DELETE of audit rows', () => {
    const before = row(3);
    expect(() => s.db.prepare("UPDATE audit_log SET username = 'someone.else' WHERE id = 3").run()).toThrow(/audit entries cannot be changed/);
    expect(() => s.db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/audit entries cannot be deleted/);
    expect(row(3)).toEqual(before);
    expect(verifyAuditChain(s.db).intact).toBe(true);
  });

  it('detects an edited row (trigger dropped) at that row', () => {
    s.db.exec('DROP TRIGGER audit_log_no_update');
    s.db.prepare("UPDATE audit_log SET record_id = '999' WHERE id = 3").run();
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: false, entries: 3, firstBadId: 3 });
  });

  it('detects an edited row whose hash was recomputed, at the next row', () => {
    s.db.exec('DROP TRIGGER audit_log_no_update');
    const edited = { ...row(3), action: 'list' };
    s.db.prepare('UPDATE audit_log SET action = ?, hash = ? WHERE id = 3').run(edited.action, forgeHash(edited.prev_hash, edited));
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: false, entries: 4, firstBadId: 4 });
  });

  it('detects a deleted middle row (trigger dropped) at the row after it', () => {
    s.db.exec('DROP TRIGGER audit_log_no_delete');
    s.db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: false, entries: 3, firstBadId: 4 });
  });

  it('detects the newest entries deleted (truncation) through the head kept in meta', () => {
    s.db.exec('DROP TRIGGER audit_log_no_delete');
    s.db.prepare('DELETE FROM audit_log WHERE id >= 5').run();
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: false, entries: 4, firstBadId: 5 });
  });

  it('detects two rows swapped (reordering)', () => {
    s.db.exec('DROP TRIGGER audit_log_no_update');
    const a = row(2);
    const b = row(5);
    const put = s.db.prepare(
      'UPDATE audit_log SET at = ?, user_id = ?, username = ?, role = ?, method = ?, action = ?, record_type = ?, record_id = ?, outcome = ?, prev_hash = ?, hash = ? WHERE id = ?',
    );
    const values = (r: RawRow) => [r.at, r.user_id, r.username, r.role, r.method, r.action, r.record_type, r.record_id, r.outcome, r.prev_hash, r.hash];
    s.db.transaction(() => {
      put.run(...values(b), 2);
      put.run(...values(a), 5);
    })();
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: false, entries: 2, firstBadId: 2 });
  });

  it('keeps chaining after a verified run, and reads back by record and newest first', () => {
    appendAudit(s.db, { ...entry(7), recordId: '103', action: 'change' });
    expect(verifyAuditChain(s.db)).toMatchObject({ intact: true, entries: 7, firstBadId: null });
    expect(auditForRecord(s.db, 'child', '103').map((r) => r.action)).toEqual(['view', 'change']);
    expect(listAudit(s.db, {}, { offset: 0, limit: 2 })).toMatchObject({ total: 7, rows: [{ id: 7 }, { id: 6 }] });
  });
});
