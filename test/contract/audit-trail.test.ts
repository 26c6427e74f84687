import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import type { AuditEntryView } from '../../shared/contract/audit';
import { AUDIT_WORDS } from '../../shared/domain/auditWords';
import { localIsoDate } from '../../shared/domain/calendar';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, type Client, type Transport, inProcess, overHttp } from '../helpers/transports';

/**
 * The audit trail answers an investigator's questions: who looked at this child, what did this
 * person do, between which days; page through all of it with a total; export it as CSV or PDF.
 * Entries read as words, never as method names, and carry no special-category values.
 */

type Page = { rows: AuditEntryView[]; total: number };
type Export = { filename: string; mimeType: string; base64: string; entries: number };

describe.each([inProcess, overHttp])('the audit trail over the $name', (transport: Transport) => {
  let store: ReturnType<typeof tempStore>;
  let running: Awaited<ReturnType<Transport['start']>>;
  let clock: ReturnType<typeof testClock>;
  let admin: Client;
  let childRef: string;
  let otherRef: string;
  const day = () => localIsoDate(clock.now());

  beforeAll(async () => {
    store = tempStore({ kind: 'demo' });
    clock = testClock('2026-11-25T10:00:00.000Z');
    running = await transport.start(testBackend(store.db, clock.now));
    const [child, other] = store.db.prepare('SELECT id, ref FROM children ORDER BY id LIMIT 2').all() as { id: number; ref: string }[];
    childRef = child!.ref;
    otherRef = other!.ref;
    const officer = await running.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }));
    expectOk(await officer.call('children.profile', { childId: child!.id }));
    expectOk(await officer.call('auth.signOut'));
    clock.advanceMinutes(24 * 60);
    const again = await running.newClient();
    expectOk(await again.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }));
    expectOk(await again.call('children.get', { childId: other!.id }));
    expectError(await (await running.newClient()).call('auth.signIn', { username: 'demo.officer', password: 'a guess that fails' }), 'UNAUTHENTICATED');
    admin = await running.newClient();
    expectOk(await admin.call('auth.signIn', { username: 'demo.admin', password: DEMO_PASSWORD }));
  });
  afterAll(async () => {
    await running?.close();
    store?.remove();
  });

  it("answers who looked at one child, in words, with the child's reference and no method names", async () => {
    const page = expectOk<Page>(await admin.call('audit.list', { filter: { childRef: childRef.toLowerCase() } }));
    expect(page.total).toBe(1);
    expect(page.rows[0]!.words).toBe(`Demo placement officer viewed child ${childRef}'s profile`);
    expect(page.rows[0]!.words).not.toMatch(/children\.profile/);
    expectError(await admin.call('audit.list', { filter: { childRef: 'RCC-NOPE' } }), 'NOT_FOUND', 'filter.childRef');
  });

  it('answers what one person did, by action and between days, and says who tried to sign in and failed', async () => {
    const everything = expectOk<Page>(await admin.call('audit.list', { filter: { username: 'demo.officer' }, limit: 500 }));
    expect(everything.rows.map((r) => r.words)).toEqual([
      // A failed sign-in proves only the username typed, not who typed it.
      'Someone using the username “demo.officer” tried to sign in and was refused',
      `Demo placement officer viewed child ${otherRef}`,
      'Demo placement officer signed in',
      'Demo placement officer signed out',
      `Demo placement officer viewed child ${childRef}'s profile`,
      'Demo placement officer signed in',
    ]);
    const signIns = expectOk<Page>(await admin.call('audit.list', { filter: { username: 'demo.officer', action: 'sign-in' } }));
    expect(signIns.total).toBe(3);
    const refused = expectOk<Page>(await admin.call('audit.list', { filter: { action: 'refused' } }));
    expect(refused.rows.every((r) => r.outcome !== 'ok')).toBe(true);
    const firstDay = expectOk<Page>(await admin.call('audit.list', { filter: { username: 'demo.officer', from: '2026-11-25', to: '2026-11-25' } }));
    expect(firstDay.total).toBe(3);
    const secondDay = expectOk<Page>(await admin.call('audit.list', { filter: { username: 'demo.officer', from: day(), to: day() } }));
    expect(secondDay.total).toBe(3);
    expectError(await admin.call('audit.list', { filter: { from: '2026-11-26', to: '2026-11-25' } }), 'BAD_INPUT', 'filter.to');
  });

  it('pages through all of it with a total, newest first, with no entry twice or missed', async () => {
    const all = expectOk<Page>(await admin.call('audit.list', { limit: 500 }));
    const seen: number[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const page = expectOk<Page>(await admin.call('audit.list', { offset, limit: 3 }));
      expect(page.total).toBe(all.total);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    // Every method an entry names has words in the one table (or is covered by its action).
    for (const row of all.rows) expect(row.words, row.method).not.toContain(row.method);
    expect(Object.keys(AUDIT_WORDS)).toContain('children.profile');
  });

  it('exports the matching entries as CSV and as PDF, and the export is itself on the record', async () => {
    const csv = expectOk<Export>(await admin.call('audit.export', { filter: { username: 'demo.officer' }, format: 'csv' }));
    expect(csv).toMatchObject({ mimeType: 'text/csv', entries: 6 });
    expect(csv.filename).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Entry,When (UTC),What happened,Outcome,Username,Role,Record type,Record');
    expect(lines).toHaveLength(7);
    expect(text).toContain(`Demo placement officer viewed child ${childRef}'s profile`);
    expect(text).not.toContain(DEMO_PASSWORD);
    const pdf = expectOk<Export>(await admin.call('audit.export', { filter: { childRef }, format: 'pdf' }));
    expect(pdf).toMatchObject({ mimeType: 'application/pdf', entries: 1 });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    const exports = expectOk<Page>(await admin.call('audit.list', { filter: { username: 'demo.admin', action: 'export' } }));
    expect(exports.rows.map((r) => r.words)).toEqual(['Demo administrator exported the audit trail', 'Demo administrator exported the audit trail']);
    // Only administrators read or export the trail.
    const officer = await running.newClient();
    expectOk(await officer.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }));
    expectError(await officer.call('audit.export', { format: 'csv' }), 'FORBIDDEN');
    expectError(await officer.call('audit.list', {}), 'FORBIDDEN');
  });
});
