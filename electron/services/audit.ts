import { iterateAudit, listAudit, verifyAuditChain, type AuditListRow, type AuditQuery } from '../../db/repositories/audit';
import { writeCsv } from '../../db/importers/csv';
import { findChildIdByRef } from '../../db/repositories/children';
import { getStoreKind } from '../../db/repositories/meta';
import { listUsers } from '../../db/repositories/users';
import { ApiError } from '../../shared/contract';
import type { AuditEntryView, AuditFilter } from '../../shared/contract/audit';
import { AUDIT_ACTIONS, AUDIT_RECORD_WORDS, auditSentence } from '../../shared/domain/auditWords';
import type { Handlers, ServiceContext } from '../rpc/context';
import { auditPdf } from './reports/audit-pdf';

/** The start of a local calendar day as a UTC timestamp, as entries are stored. */
function startOfLocalDay(isoDate: string, plusDays = 0): string {
  const d = new Date(`${isoDate}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

function toQuery(ctx: ServiceContext, filter: AuditFilter): AuditQuery {
  let childId: number | undefined;
  if (filter.childRef) {
    const id = findChildIdByRef(ctx.db, filter.childRef);
    if (id === null) throw new ApiError('NOT_FOUND', `filter.childRef: there is no child ${filter.childRef}`, 'filter.childRef');
    childId = id;
  }
  const kind = filter.action ? AUDIT_ACTIONS[filter.action] : undefined;
  return {
    username: filter.username || undefined,
    childId,
    actions: kind && kind.actions.length ? kind.actions : undefined,
    methods: kind && 'methods' in kind ? kind.methods : undefined,
    refusedOnly: filter.action === 'refused',
    fromAt: filter.from ? startOfLocalDay(filter.from) : undefined,
    beforeAt: filter.to ? startOfLocalDay(filter.to, 1) : undefined,
  };
}

/** A list entry's "scope=region;count=40;total=120" as "across the region, 40 shown of 120". */
function scopeWords(recordId: string): string {
  const parts = new Map(recordId.split(';').map((p) => p.split('=') as [string, string]));
  const scope = parts.get('scope');
  const where = !scope
    ? null
    : scope === 'region'
      ? 'across the region'
      : scope.startsWith('council:')
        ? `in council ${scope.slice(8)}`
        : `in ${scope.replace(':', ' ')}`;
  const count = parts.get('count');
  const total = parts.get('total');
  const shown = count === undefined ? null : total === undefined ? `${count} shown` : `${count} shown of ${total}`;
  const rest = [...parts].filter(([k]) => !['scope', 'count', 'total', 'offset'].includes(k)).map(([k, v]) => `${k} ${v ?? ''}`.trim());
  return [where, shown, ...rest].filter(Boolean).join(', ');
}

/** Turns stored rows into entries that read as words; account names are looked up once per call. */
function wordsFor(ctx: ServiceContext): (row: AuditListRow) => AuditEntryView {
  const names = new Map(listUsers(ctx.db).map((u) => [String(u.id), u.displayName]));
  return (row) => {
    const who =
      row.displayName ??
      (row.role === 'system' ? 'RCC Placements' : row.username === 'anonymous' ? 'Someone not signed in' : `Someone using the username “${row.username}”`);
    const type = AUDIT_RECORD_WORDS[row.recordType] ?? row.recordType.replaceAll('_', ' ');
    const record =
      row.recordType === 'child' && row.childRef
        ? `child ${row.childRef}`
        : row.recordType === 'user' && names.has(row.recordId)
          ? `${names.get(row.recordId)!}’s account`
          : row.recordId === '*'
            ? `a ${type}`
            : row.recordId.includes('=')
              ? scopeWords(row.recordId)
              : `${type} ${row.recordId}`;
    return {
      id: row.id,
      at: row.at,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      method: row.method,
      action: row.action,
      recordType: row.recordType,
      recordId: row.recordId,
      outcome: row.outcome,
      words: auditSentence({ who, method: row.method, action: row.action, outcome: row.outcome, record, recordId: row.recordId }),
    };
  };
}

/** The filter in words, for the head of an export. */
function describeFilter(filter: AuditFilter): string {
  const parts = [
    filter.username && `by ${filter.username}`,
    filter.childRef && `about child ${filter.childRef}`,
    filter.action && `of kind “${AUDIT_ACTIONS[filter.action].label}”`,
    filter.from && `from ${filter.from}`,
    filter.to && `to ${filter.to}`,
  ].filter(Boolean);
  return parts.length ? `Entries ${parts.join(', ')}` : 'Every entry';
}

const EXPORT_LIMIT = 100_000;

export const auditHandlers: Handlers<'audit.list' | 'audit.export' | 'audit.verify'> = {
  'audit.list': (ctx, input) => {
    const page = listAudit(ctx.db, toQuery(ctx, input.filter), { offset: input.offset, limit: input.limit });
    const toView = wordsFor(ctx);
    return { rows: page.rows.map(toView), total: page.total };
  },

  'audit.export': (ctx, input) => {
    const toView = wordsFor(ctx);
    const entries: AuditEntryView[] = [];
    for (const row of iterateAudit(ctx.db, toQuery(ctx, input.filter))) {
      if (entries.length === EXPORT_LIMIT) throw new ApiError('BAD_INPUT', `More than ${EXPORT_LIMIT} entries match; narrow the dates or the person`, 'filter');
      entries.push(toView(row));
    }
    const stamp = ctx.now().toISOString().slice(0, 10);
    const filterWords = describeFilter(input.filter);
    ctx.audit('export', 'audit_log', `${input.format};entries=${entries.length}`);
    if (input.format === 'csv') {
      const csv = writeCsv(
        ['Entry', 'When (UTC)', 'What happened', 'Outcome', 'Username', 'Role', 'Record type', 'Record'],
        entries.map((e) => [e.id, e.at, e.words, e.outcome, e.username, e.role, e.recordType, e.recordId]),
      );
      return {
        filename: `audit-trail-${stamp}.csv`,
        mimeType: 'text/csv',
        base64: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8').toString('base64'),
        entries: entries.length,
      };
    }
    const pdf = auditPdf(entries, { filterWords, producedBy: ctx.actor!.displayName, producedAt: ctx.now(), demo: getStoreKind(ctx.db) === 'demo' });
    return { filename: `audit-trail-${stamp}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), entries: entries.length };
  },

  'audit.verify': (ctx) => {
    const reading = ctx.auditSeal?.checkpoints() ?? { checkpoints: [], problem: null };
    const chain = verifyAuditChain(ctx.db, reading.checkpoints);
    if (chain.intact && reading.problem) return { ...chain, intact: false, checkpoints: reading.checkpoints.length, problem: reading.problem };
    return { ...chain, checkpoints: reading.checkpoints.length };
  },
};
