import { headerKey } from './table';

/**
 * The SSDA903 return's published layouts: the columns of each CSV file and the elements of the
 * XML form. Checking a file's header against them is what stops a misspelt column from being
 * read as blank.
 */

/** Column order of each SSDA903 CSV file, as the DfE publishes it. */
export const SSDA903_COLUMNS = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  uasc: ['CHILD', 'SEX', 'DOB', 'DUC'],
  missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
} as const;

export type FileKind = keyof typeof SSDA903_COLUMNS;

/**
 * Columns a file must have: those whose values the app needs. The header file's UPN, MOTHER and
 * MC_DOB (kept, when given, for the council's own export), and the missing file's DOB, may be left out.
 */
export const REQUIRED_COLUMNS: Record<FileKind, readonly string[]> = {
  header: ['CHILD', 'SEX', 'DOB', 'ETHNIC'],
  episodes: SSDA903_COLUMNS.episodes,
  uasc: SSDA903_COLUMNS.uasc,
  missing: ['CHILD', 'MISSING', 'MIS_START', 'MIS_END'],
};

/** Columns whose values are read; the others in the layout are allowed and ignored. */
export const READ_COLUMNS: Record<FileKind, readonly string[]> = {
  header: SSDA903_COLUMNS.header,
  episodes: SSDA903_COLUMNS.episodes,
  uasc: SSDA903_COLUMNS.uasc,
  missing: SSDA903_COLUMNS.missing,
};

export const KIND_LABELS: Record<FileKind, string> = {
  header: 'SSDA903 header',
  episodes: 'SSDA903 episodes',
  uasc: 'SSDA903 UASC',
  missing: 'SSDA903 missing',
};

/** The other SSDA903 files, recognised so that selecting the whole return explains what is left out. */
export const OTHER_FILES: { name: string; column: string }[] = [
  { name: 'reviews', column: 'REVIEW_CODE' },
  { name: 'OC2 (outcomes)', column: 'SDQ_SCORE' },
  { name: 'OC3 (care leavers)', column: 'IN_TOUCH' },
  { name: 'previous permanence', column: 'PREV_PERM' },
  { name: 'social worker episodes', column: 'SW_ID' },
  { name: 'deprivation of liberty', column: 'DOLO_START' },
  { name: 'adoption (AD1)', column: 'DATE_INT' },
  { name: 'placed for adoption', column: 'DATE_PLACED' },
];

/** Columns only one of the four files has: a header row is recognised by them, so one misspelt column still finds its file. */
const DISTINCT_COLUMNS: readonly (readonly [FileKind, readonly string[]])[] = [
  ['episodes', SSDA903_COLUMNS.episodes.filter((c) => c !== 'CHILD')],
  ['missing', ['MISSING', 'MIS_START', 'MIS_END']],
  ['uasc', ['DUC']],
  ['header', ['ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']],
];

/** Which of the four files a header row belongs to: the one with most of its own columns there. */
export function kindOfHeader(cells: readonly string[]): FileKind | null {
  const keys = new Set(cells.map(headerKey));
  let best: FileKind | null = null;
  let bestCount = 0;
  for (const [kind, columns] of DISTINCT_COLUMNS) {
    const n = columns.filter((c) => keys.has(headerKey(c))).length;
    if (n > bestCount) {
      best = kind;
      bestCount = n;
    }
  }
  // Only the header and UASC files have SEX; without DUC it is the header file.
  return best ?? (keys.has('sex') ? 'header' : null);
}

export interface HeaderProblem {
  column: string;
  problem: string;
}

/**
 * What is wrong with a file's header row against its layout: columns not in the layout (a
 * misspelling would otherwise leave the real column blank), columns named twice, and required
 * columns missing. Order does not matter; case and spacing are forgiven; a blank header cell is
 * not a column.
 */
export function headerProblems(headers: readonly string[], kind: FileKind): HeaderProblem[] {
  const layout = SSDA903_COLUMNS[kind] as readonly string[];
  const known = new Map(layout.map((c) => [headerKey(c), c] as const));
  const seen = new Map<string, number>();
  const problems: HeaderProblem[] = [];
  headers.forEach((raw, i) => {
    const key = headerKey(raw);
    if (key === '') return;
    const name = known.get(key);
    if (name === undefined) {
      const problem = `The column '${raw.trim()}' (column ${i + 1}) is not in the ${KIND_LABELS[kind]} layout (${layout.join(', ')}). Is it misspelt? Nothing was read from this file.`;
      problems.push({ column: raw.trim(), problem });
      return;
    }
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    problems.push({
      column: name,
      problem: `The column ${name} appears twice (columns ${first + 1} and ${i + 1}), so which one to read is unclear. Nothing was read from this file.`,
    });
  });
  const absent = REQUIRED_COLUMNS[kind].filter((c) => !seen.has(headerKey(c)));
  if (absent.length > 0) {
    const what = `column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`;
    problems.push({ column: absent.join(', '), problem: `This ${KIND_LABELS[kind]} file has no ${what}, so it cannot be read.` });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The XML form: EXPSSDA903 › CHILD › HEADER (with AMISSING, AREVIEW, …) and EPISODEs.

/** Elements of an EPISODE (PL is the CSV's PLACE). */
export const XML_EPISODE_ELEMENTS: ReadonlyMap<string, string> = new Map(
  SSDA903_COLUMNS.episodes.filter((c) => c !== 'CHILD').map((c) => [c === 'PLACE' ? 'PL' : c, c] as const),
);

/** Elements of an AMISSING. */
export const XML_MISSING_ELEMENTS: ReadonlySet<string> = new Set(['MISSING', 'MIS_START', 'MIS_END']);

/**
 * Single values a HEADER may hold: the header file's (CHILDID for CHILD), the UASC flag and date,
 * and those of the return's other files that the XML form places in HEADER (care leavers,
 * adoption). A HEADER value not in this list is refused by name rather than ignored.
 */
export const XML_HEADER_VALUES: ReadonlySet<string> = new Set([
  'CHILDID',
  'UPN',
  'SEX',
  'DOB',
  'ETHNIC',
  'MOTHER',
  'MC_DOB',
  'UASC',
  'DUC',
  'IN_TOUCH',
  'ACTIV',
  'ACCOM',
  'DATE_INT',
  'DATE_MATCH',
  'FOSTER_CARE',
  'NB_ADOPTR',
  'SEX_ADOPTR',
  'LS_ADOPTR',
]);

/** Groups within a HEADER or CHILD that belong to files the app does not import. */
export const XML_OTHER_GROUPS: ReadonlySet<string> = new Set(['AREVIEW', 'OC2', 'OC3', 'PERMANENCE', 'AD1', 'AD_PLACED', 'SW_EPISODE', 'SW_EPISODES', 'DOLO']);

/** One row of any SSDA903 file, wherever it came from (a CSV line or an XML element). */
export interface RawRow {
  file: string;
  row: number;
  values: Record<string, string>;
  /** How the report names a column: the CSV column, or the XML element's path. */
  label(column: string): string;
}
