import { z } from 'zod';
import { method } from './method';
import { Id } from './common';
import { base64Length, MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE } from './uploads';
import { parseCollectionYear } from '../domain/ssda903';
import { JobIdInput } from './jobs';

/**
 * Imports and exports of the region's data. An import takes the file itself (base64; the desktop
 * and loopback clients read it in the browser) and answers with its validation report: every
 * problem by file, row, column and words. Imports are all-or-nothing unless skipBadRows; dryRun
 * checks and counts without writing. Each import runs as a job (shared/contract/jobs.ts): the
 * caller's window receives 'job.progress' events while a long file is read, checked and written,
 * other calls are answered meanwhile, and jobs.cancel stops it with nothing changed.
 */

export const ImportFileInput = z
  .object({
    fileName: z.string().trim().min(1, 'Name the file').max(255, 'The file name is too long').meta({ label: "file's name" }),
    contentBase64: z
      .base64('The file content must be base64-encoded')
      .min(1, 'The file is empty')
      .max(base64Length(MAX_UPLOAD_BYTES), UPLOAD_TOO_LARGE)
      .meta({ label: "file's content" }),
  })
  .strict();

const importOptions = {
  /** Import the good rows and leave out rows with errors; otherwise any error stops the import. */
  skipBadRows: z.boolean().default(false).meta({ label: 'skip-bad-rows setting' }),
  /** Check and count only: nothing is written (the "preview"). */
  dryRun: z.boolean().default(false).meta({ label: 'check-only setting' }),
  /** Chosen by the caller, so it can match the job's events to this call and cancel it. */
  jobId: JobIdInput.optional(),
};

const SingleFileImport = ImportFileInput.extend(importOptions).strict();

/** An SSDA903 collection year as written on the return: '2019-20' (1 April 2019 to 31 March 2020). */
const CollectionYear = z
  .string()
  .trim()
  .refine((v) => parseCollectionYear(v) !== null, 'Write the collection year as its two years, e.g. 2019-20')
  .meta({ label: 'collection year' });

export const IMPORT_KINDS = ['ssda903', 'ofsted', 'vacancies', 'fosterHouseholds', 'councils'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const ImportProblemView = z.object({
  file: z.string(),
  /** The row a spreadsheet shows (header = 1); an XML file's CHILD element; null for the file as a whole. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  problem: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ImportProblemView = z.infer<typeof ImportProblemView>;

export const ImportResultView = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** True only when rows were written; never for a dry run. */
  imported: z.boolean(),
  dryRun: z.boolean(),
  files: z.array(z.object({ fileName: z.string(), format: z.enum(['csv', 'xlsx', 'xml']), content: z.string(), rows: z.number().int() })),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsSkipped: z.number().int(),
  changes: z.array(z.object({ record: z.string(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })),
  /** The first problems (up to 2,000); the counts below are exact. */
  problems: z.array(ImportProblemView),
  problemCount: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  summary: z.string(),
});
export type ImportResultView = z.infer<typeof ImportResultView>;

export const ExportFileView = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
  /** Data rows in the file. */
  rows: z.number().int(),
});
export type ExportFileView = z.infer<typeof ExportFileView>;

/** One council's SSDA903 return: a region-wide user names the council; the year is the current one unless chosen. */
const Ssda903ExportInput = z.object({ councilId: Id.optional(), collectionYear: CollectionYear.optional() }).strict();

export const Ssda903ReturnView = z.object({
  councilName: z.string(),
  /** '2026-27'. */
  collectionYear: z.string(),
  headerFileName: z.string(),
  episodesFileName: z.string(),
  children: z.number().int(),
  episodes: z.number().int(),
  /** Why the return is for analysis only (values the app filled in); empty when it is the council's own. */
  analysisOnlyReasons: z.array(z.string()),
  /** DfE validator rules the files would break (restated in shared/domain/ssda903-rules.ts): the first 20, and how many in all. */
  ruleProblems: z.array(z.object({ rule: z.string(), file: z.enum(['header', 'episodes']), child: z.string(), message: z.string() })),
  ruleProblemCount: z.number().int(),
});
export type Ssda903ReturnView = z.infer<typeof Ssda903ReturnView>;

export const dataContract = {
  'imports.ssda903': method({
    doc: "Imports a council's SSDA903 return (header, episodes, UASC and missing CSVs, or the XML form) into children and their episodes.",
    input: z
      .object({
        files: z
          .array(ImportFileInput)
          .min(1, 'Choose at least one file')
          .max(12, 'Choose at most 12 files')
          .refine((files) => files.reduce((n, f) => n + f.contentBase64.length, 0) <= base64Length(MAX_UPLOAD_BYTES), UPLOAD_TOO_LARGE)
          .meta({ label: 'files' }),
        /** The council whose return this is; a council-scoped user's own council when left out. */
        councilId: Id.optional(),
        /** The return's collection year; worked out from its dates when left out (the summary says which). */
        collectionYear: CollectionYear.optional(),
        /** The user confirmed that a file which looks like a real council's return may go into the demo region. */
        confirmIntoDemo: z.boolean().default(false).meta({ label: 'demo region confirmation' }),
        ...importOptions,
      })
      .strict(),
    output: ImportResultView,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'child',
    backupFirst: true,
    job: 'import',
  }),
  'imports.ofsted': method({
    doc: "Imports Ofsted's list of children's social care providers (CSV or XLSX): grades and registrations by URN, new homes in the region.",
    input: SingleFileImport,
    output: ImportResultView,
    access: ['placement_officer', 'commissioner', 'administrator'],
    writes: true,
    sensitivity: 'none',
    backupFirst: true,
    job: 'import',
  }),
  'imports.vacancies': method({
    doc: 'Imports a provider vacancy feed in the app’s template (CSV or XLSX): updates listed vacancies, adds new ones.',
    input: SingleFileImport,
    output: ImportResultView,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'none',
    backupFirst: true,
    job: 'import',
  }),
  'imports.fosterHouseholds': method({
    doc: 'Imports a list of approved foster households in the app’s template (CSV or XLSX), keyed by the provider’s household reference.',
    input: SingleFileImport,
    output: ImportResultView,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'none',
    backupFirst: true,
    job: 'import',
  }),
  'imports.councils': method({
    doc: 'Imports the partner councils from a list (CSV or XLSX: Council, DfE LA code, ONS code, Centre), adding new codes and updating known ones.',
    input: SingleFileImport,
    output: ImportResultView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
    backupFirst: true,
    job: 'import',
  }),
  'exports.placementsStandard': method({
    doc: "Placements in the Placements Data Standard's CSV layout; commissioners get the market view (no child needs or risks).",
    input: z
      .object({
        councilId: Id.optional(),
        /** 'full' (officers, administrators) or 'market' (pseudonymous child id and the placement only). */
        detail: z.enum(['full', 'market']).optional().meta({ label: 'level of detail' }),
      })
      .strict(),
    output: ExportFileView,
    access: ['placement_officer', 'commissioner', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'exports.ssda903Return': method({
    doc: "What one council's SSDA903 return for a collection year holds before it is exported: its two files' names, counts, and why it is for analysis only, if it is.",
    input: Ssda903ExportInput,
    output: Ssda903ReturnView,
    access: ['placement_officer', 'administrator'],
    writes: false,
    // The rule problems name children by their CHILD identifier.
    sensitivity: 'child',
  }),
  'exports.ssda903Header': method({
    doc: "One council's children in the DfE SSDA903 header CSV layout for a collection year (the current one by default), by the council's own CHILD identifiers.",
    input: Ssda903ExportInput,
    output: ExportFileView,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'exports.ssda903Episodes': method({
    doc: "One council's episodes of care open in a collection year, in the DfE SSDA903 episodes CSV layout (dd/mm/yyyy), by the council's own CHILD identifiers.",
    input: Ssda903ExportInput,
    output: ExportFileView,
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'child',
  }),
  'exports.vacancyTemplate': method({
    doc: 'The vacancy feed template (CSV or XLSX) pre-filled with open and held vacancies, for providers to fill in and send back.',
    input: z
      .object({
        format: z.enum(['csv', 'xlsx']).default('csv').meta({ label: 'file format' }),
        councilId: Id.optional(),
        providerId: Id.optional(),
      })
      .strict(),
    output: ExportFileView,
    access: ['placement_officer', 'commissioner', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
};
