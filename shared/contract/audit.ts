import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate, NoInput } from './common';
import { AUDIT_ACTIONS, type AuditActionFilter } from '../domain/auditWords';

export const AuditEntryView = z.object({
  id: Id,
  at: z.string(),
  username: z.string(),
  /** The account's name when the entry names a known account. */
  displayName: z.string().nullable(),
  role: z.string(),
  method: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  outcome: z.string(),
  /** The entry as a sentence: "Sam Patel viewed child RCC-00012's profile". */
  words: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

const ACTIONS = Object.keys(AUDIT_ACTIONS) as [AuditActionFilter, ...AuditActionFilter[]];

/** Which entries: by person, by child, by action and between two days (inclusive); all optional. */
export const AuditFilter = z
  .object({
    username: z.string().trim().max(64, 'A username has at most 64 characters').optional().meta({ label: 'username' }),
    /** A child's reference, e.g. RCC-00012. */
    childRef: z.string().trim().toUpperCase().max(40, 'A reference has at most 40 characters').optional().meta({ label: "child's reference" }),
    action: z.enum(ACTIONS).optional().meta({ label: 'action' }),
    from: IsoDate.optional().meta({ label: 'first day' }),
    to: IsoDate.optional().meta({ label: 'last day' }),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The first day must not be after the last day', path: ['to'] });
export type AuditFilter = z.infer<typeof AuditFilter>;

const AuditPageInput = z
  .object({
    filter: AuditFilter.default({}).meta({ label: 'filter' }),
    offset: z.number().int().min(0).default(0).meta({ label: 'number of entries to skip' }),
    limit: z.number().int().min(1).max(500).default(100).meta({ label: 'number of entries per page' }),
  })
  .strict();

export const AuditVerification = z.object({
  intact: z.boolean(),
  entries: z.number().int(),
  /** The first entry found edited, removed or out of order. */
  firstBadId: Id.nullable(),
  /** Signed checkpoints of the chain's head, kept outside the store, that were checked. */
  checkpoints: z.number().int(),
  /** What was found, in words; null when intact. */
  problem: z.string().nullable(),
});

export const auditContract = {
  'audit.list': method({
    doc: 'One page of the audit trail, newest first, filtered by person, child, action and dates, with the count of all that match.',
    input: AuditPageInput,
    output: z.object({ rows: z.array(AuditEntryView), total: z.number().int().nonnegative() }),
    access: ['administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'audit.export': method({
    doc: 'Every audit entry that matches a filter, as CSV or PDF, for an investigation or a subject access request; the export is itself audited.',
    input: z.object({ filter: AuditFilter.default({}).meta({ label: 'filter' }), format: z.enum(['csv', 'pdf']).meta({ label: 'file format' }) }).strict(),
    output: z.object({ filename: z.string(), mimeType: z.string(), base64: z.string(), entries: z.number().int().nonnegative() }),
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'audit.verify': method({
    doc: 'Recomputes the audit hash chain and checks it against the signed checkpoints kept outside the store; says whether any entry was edited, removed or reordered.',
    input: NoInput,
    output: AuditVerification,
    access: ['administrator'],
    writes: false,
    sensitivity: 'none',
  }),
};
