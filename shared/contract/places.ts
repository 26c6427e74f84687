import { z } from 'zod';
import { method } from './method';
import { JobIdInput } from './jobs';
import { Id, NoInput } from './common';
import { checkPostcode } from '../geo/postcode';
import { COUNTRY_PART_NAMES } from '../geo/country-parts';

/** Officers, commissioners and administrators place homes and children; a hub carer's screens never need to. */
const PLACE_USERS = ['placement_officer', 'commissioner', 'administrator'] as const;

/** Free text for a place: a postcode ('M1 1AE') or a gazetteer label ('Bolton', 'Newport, Isle of Wight'). */
const PlaceLabel = z.string().trim().min(1, 'Enter a postcode or a town').max(100, 'Keep a place under 100 characters');

/** A postcode in any spelling, checked and normalised ('sw1a1aa' becomes 'SW1A 1AA'). */
const PostcodeInput = z
  .string()
  .max(16, 'A postcode is at most 8 characters')
  .meta({ label: 'postcode' })
  .transform((text, ctx) => {
    const result = checkPostcode(text);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.postcode;
  });

export const GazetteerPlaceView = z.object({
  label: z.string(),
  name: z.string(),
  area: z.string(),
  countryPart: z.enum(COUNTRY_PART_NAMES),
  lat: z.number(),
  lon: z.number(),
});

/** A place as the app can measure from: where it is, and on what authority. */
export const ResolvedPlace = z.object({
  /** The postcode in normal form, or the gazetteer label. */
  label: z.string(),
  kind: z.enum(['postcode', 'town']),
  lat: z.number(),
  lon: z.number(),
  easting: z.number().int().nullable(),
  northing: z.number().int().nullable(),
  /** Lettered OS grid reference, e.g. 'SJ 838 977'. */
  gridReference: z.string().nullable(),
  /** 'directory': the OS grid reference the postcode directory gives (what the DfE uses); 'converted': from lat/lon. */
  gridSource: z.enum(['directory', 'converted']).nullable(),
  /** ONS code of the upper-tier local authority, known for directory postcodes only. */
  laCode: z.string().nullable(),
  /** The gazetteer's county or borough, for towns. */
  area: z.string().nullable(),
});
export type ResolvedPlace = z.infer<typeof ResolvedPlace>;

export const PostcodeImportProblem = z.object({
  row: z.number().int(),
  column: z.string(),
  problem: z.string(),
  value: z.string().optional(),
});

export const PostcodeImportReportView = z.object({
  imported: z.boolean(),
  fileName: z.string(),
  format: z.enum(['onspd', 'codepoint']).nullable(),
  rowsRead: z.number().int(),
  postcodes: z.number().int(),
  skippedTerminated: z.number().int(),
  skippedNoLocation: z.number().int(),
  badRows: z.number().int(),
  problems: z.array(PostcodeImportProblem),
  problemsTruncated: z.boolean(),
  elapsedMs: z.number().int(),
  message: z.string(),
});
export type PostcodeImportReportView = z.infer<typeof PostcodeImportReportView>;

export const placesContract = {
  'places.search': method({
    doc: 'Towns in the embedded UK gazetteer (GeoNames) whose name starts with the text typed, exact names first.',
    input: z
      .object({
        prefix: z.string().trim().min(1, 'Type the start of a town name').max(60, 'Type at most 60 characters').meta({ label: 'start of a town name' }),
        limit: z.number().int().min(1).max(50).default(10).meta({ label: 'number of towns to list' }),
      })
      .strict(),
    output: z.array(GazetteerPlaceView),
    access: PLACE_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'places.resolvePostcode': method({
    doc: 'A full postcode from the imported postcode directory: position, OS grid reference and local authority.',
    input: z.object({ postcode: PostcodeInput }).strict(),
    output: ResolvedPlace,
    access: PLACE_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'places.resolve': method({
    doc: 'A place label to a position: a postcode from the imported directory, else a gazetteer town; NOT_FOUND says why.',
    input: z.object({ label: PlaceLabel.meta({ label: 'postcode or town' }) }).strict(),
    output: ResolvedPlace,
    access: PLACE_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'places.distance': method({
    doc: "Miles between two places by the DfE method (OS grid, to 0.1 mile) or great-circle, and whether the second is in the child's council.",
    input: z
      .object({
        /** Usually the child's home. */
        from: PlaceLabel.meta({ label: 'place to measure from' }),
        /** Usually the placement. */
        to: PlaceLabel.meta({ label: 'place to measure to' }),
        /** The child's council: answers whether `to` lies inside its area. */
        childCouncilId: Id.optional().meta({ label: "child's council" }),
      })
      .strict(),
    output: z.object({
      from: ResolvedPlace,
      to: ResolvedPlace,
      miles: z.number(),
      method: z.enum(['os-grid', 'great-circle']),
      /** The policy's distance line (DfE's 20 miles by default); `overTwentyMiles` is whether `miles` is beyond it. */
      lineMiles: z.number(),
      overTwentyMiles: z.boolean(),
      childCouncil: z.object({ id: Id, name: z.string(), onsCode: z.string() }).nullable(),
      /** null when unknown: no council given, or `to` has no local authority (a town, not a directory postcode). */
      insideChildCouncil: z.boolean().nullable(),
      /** How the figure was reached, in a sentence a panel can read. */
      explanation: z.string(),
    }),
    access: PLACE_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'places.directory': method({
    doc: 'Which postcode directory is imported (file, date, count) and which gazetteer is embedded.',
    input: NoInput,
    output: z.object({
      postcodes: z.number().int(),
      directory: z.object({ fileName: z.string(), format: z.enum(['onspd', 'codepoint']), importedAt: z.string() }).nullable(),
      gazetteer: z.object({ places: z.number().int(), source: z.string(), licence: z.string() }),
    }),
    access: PLACE_USERS,
    writes: false,
    sensitivity: 'none',
  }),
  'imports.postcodes': method({
    doc: 'Imports an ONS Postcode Directory or Code-Point Open CSV from a local path, as a job; all-or-nothing unless skipBadRows.',
    input: z
      .object({
        /** An absolute path on this computer (the backend runs locally in both modes); the file is about 1.4 GB. */
        path: z.string().trim().min(1, 'Choose the postcode file').max(4096, 'That path is too long').meta({ label: 'postcode file' }),
        format: z.enum(['auto', 'onspd', 'codepoint']).default('auto').meta({ label: 'file format' }),
        skipBadRows: z.boolean().default(false).meta({ label: 'skip-bad-rows setting' }),
        /** Chosen by the caller, so it can match the job's events to this call and cancel it. */
        jobId: JobIdInput.optional(),
      })
      .strict(),
    output: PostcodeImportReportView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
    backupFirst: true,
    job: 'postcodes',
  }),
};
