import type { ReadableDB } from '../handle';
import {
  childIdForRef,
  collectionYearEnd,
  collectionYearLabel,
  collectionYearOf,
  collectionYearStart,
  NO_URN,
  PLACE_WITHOUT_URN,
  sexCodeFor,
  UPN_NOT_KNOWN,
} from '../../shared/domain/ssda903';
import type { Sex } from '../../shared/domain/homes';
import { writeCsv } from '../importers/csv';
import { SSDA903_COLUMNS } from '../importers/ssda903-layout';
import { isoToUkDate } from '../importers/values';
import { check903, type Row, type RuleProblem } from '../../shared/domain/ssda903-rules';
import type { ExportFile } from './file';

/**
 * One council's SSDA903 return for one collection year, as the DfE's header and episodes CSV files
 * (column order as published, dates dd/mm/yyyy, SEX coded as that year codes it):
 * - episodes: every episode open at some time in the year; one that ended after the year's last
 *   day is written as it stood then, open;
 * - header: one row per child in the episodes file;
 * - CHILD is the council's own identifier (from its return, or the seed); a child the council's
 *   return never named is written under the app's reference (childIdForRef);
 * - URN: as stored where the placement type takes one (XXXXXXX, the return's "unknown", when the
 *   store has none), and none for types that take none;
 * - UPN, MOTHER, MC_DOB as the council's return gave them.
 * Where the app had to fill something in (the app's reference for CHILD, UN5 for an unknown UPN,
 * 0 for an unknown MOTHER), the return is for analysis only: both files say so in their names, and
 * the reasons are given (describeSsda903Return) for the screen.
 */

export interface Ssda903ExportOptions {
  councilId: number;
  today: string;
  /** The collection year (its first calendar year); the current one by default. */
  collectionYear?: number;
}

/** A child the chosen year's layout cannot hold (sex U before 2024-25), or a year the app cannot export. */
export class Ssda903ExportError extends Error {}

/** @deprecated name kept for callers: see childIdForRef. */
export const ssda903ChildId = childIdForRef;

interface ChildRecord {
  id: number;
  ref: string;
  ownId: string | null;
  sex: Sex;
  dob: string;
  ethnicity: string;
  upn: string | null;
  mother: string | null;
  mcDob: string | null;
}

interface EpisodeRecord {
  childId: number;
  decom: string;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  dec: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  homePost: string | null;
  plPost: string | null;
  urn: string | null;
}

interface LoadedReturn {
  year: number;
  council: { name: string; dfeCode: string | null };
  children: ChildRecord[];
  episodes: EpisodeRecord[];
}

function loadReturn(db: ReadableDB, options: Ssda903ExportOptions): LoadedReturn {
  const current = collectionYearOf(options.today);
  const year = options.collectionYear ?? current;
  if (year > current) {
    throw new Ssda903ExportError(
      `The ${collectionYearLabel(year)} collection year has not started yet; choose ${collectionYearLabel(current)} or an earlier year.`,
    );
  }
  const council = db.prepare('SELECT name, dfe_code AS dfeCode FROM councils WHERE id = ?').get(options.councilId) as LoadedReturn['council'] | undefined;
  if (!council) throw new Ssda903ExportError(`There is no council ${options.councilId}.`);
  const params = { council: options.councilId, start: collectionYearStart(year), end: collectionYearEnd(year) };
  const IN_YEAR = 'e.decom <= @end AND (e.dec IS NULL OR e.dec >= @start)';
  const episodes = db
    .prepare(
      `SELECT e.child_id AS childId, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider AS placeProvider, e.dec, e.rec,
              e.reason_place_change AS reasonPlaceChange, e.home_post AS homePost, e.pl_post AS plPost, e.urn
       FROM episodes e JOIN children ch ON ch.id = e.child_id
       WHERE ch.council_id = @council AND ${IN_YEAR}
       ORDER BY e.child_id, e.decom, e.id`,
    )
    .all(params) as EpisodeRecord[];
  const children = db
    .prepare(
      `SELECT ch.id, ch.ref, o.council_child_id AS ownId, ch.sex, ch.birth_date AS dob, ch.ethnicity, o.upn, o.mother, o.mc_dob AS mcDob
       FROM children ch LEFT JOIN ssda903_children o ON o.child_id = ch.id
       WHERE ch.council_id = @council AND EXISTS (SELECT 1 FROM episodes e WHERE e.child_id = ch.id AND ${IN_YEAR})`,
    )
    .all(params) as ChildRecord[];
  return { year, council, children, episodes };
}

const childColumn = (c: ChildRecord) => c.ownId ?? childIdForRef(c.ref);

/** What the app filled in because it was never told, by child; empty when the return is the council's own. */
function estimates(r: LoadedReturn): string[] {
  const noId = r.children.filter((c) => c.ownId === null).length;
  const noUpn = r.children.filter((c) => c.upn === null).length;
  const noMother = r.children.filter((c) => c.mother === null && c.sex === 'F').length;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const reasons: string[] = [];
  if (noId > 0)
    reasons.push(`${n(noId, 'child has', 'children have')} no council child ID on record (never in an imported return): CHILD is the app's reference.`);
  if (noUpn > 0) reasons.push(`${n(noUpn, "child's", "children's")} UPN is not on record: written as ${UPN_NOT_KNOWN} (UPN not known).`);
  if (noMother > 0) reasons.push(`${n(noMother, "girl's", "girls'")} MOTHER is not on record: written as 0 (not a mother).`);
  return reasons;
}

/** The return as the export screen describes it before anything is downloaded. */
export interface Ssda903ReturnDescription {
  councilName: string;
  collectionYear: string;
  headerFileName: string;
  episodesFileName: string;
  children: number;
  episodes: number;
  /** Why the return is for analysis only; empty when every value is the council's own. */
  analysisOnlyReasons: string[];
  /** The DfE rules (restated in shared/domain/ssda903-rules.ts) the files would break: at most 20, and how many in all. */
  ruleProblems: RuleProblem[];
  ruleProblemCount: number;
}

type Cells = (string | null)[];

function headerRows(r: LoadedReturn): Cells[] {
  return [...r.children]
    .sort((a, b) => (childColumn(a) < childColumn(b) ? -1 : 1))
    .map((c) => {
      const child = childColumn(c);
      const sex = sexCodeFor(c.sex, r.year);
      if (sex === null) {
        throw new Ssda903ExportError(
          `Child ${child}'s sex is recorded as unknown or indeterminate (U), which the ${collectionYearLabel(r.year)} layout cannot hold ` +
            '(SEX was 1 or 2 until 2023-24). Export the 2024-25 layout or a later one.',
        );
      }
      // MOTHER is asked of girls; for a girl the app was never told about, 0 (an estimate, named in the file).
      const mother = c.mother ?? (c.sex === 'F' ? '0' : null);
      return [child, sex, isoToUkDate(c.dob), c.ethnicity, c.upn ?? UPN_NOT_KNOWN, mother, c.mcDob === null ? null : isoToUkDate(c.mcDob)];
    });
}

function episodeRows(r: LoadedReturn): Cells[] {
  const yearEnd = collectionYearEnd(r.year);
  const ids = new Map(r.children.map((c) => [c.id, childColumn(c)]));
  const rows = r.episodes.map((e): Cells => {
    // An episode that ended after the year's last day was open in that year's return.
    const ended = e.dec !== null && e.dec <= yearEnd;
    const urn = e.urn === '' ? null : e.urn;
    return [
      ids.get(e.childId)!,
      isoToUkDate(e.decom),
      e.rne,
      e.ls,
      e.cin,
      e.place,
      e.placeProvider,
      ended ? isoToUkDate(e.dec!) : null,
      ended ? e.rec : null,
      ended ? e.reasonPlaceChange : null,
      e.homePost,
      e.plPost,
      // The return gives a URN for registered provision (XXXXXXX when unknown) and none for other types.
      PLACE_WITHOUT_URN.has(e.place) ? (urn === NO_URN ? urn : null) : (urn ?? NO_URN),
    ];
  });
  // Stable: each child's episodes stay in start order.
  return rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

function fileName(r: LoadedReturn, file: 'header' | 'episodes', analysisOnly: boolean, today: string): string {
  const council = r.council.dfeCode ?? r.council.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `ssda903-${file}-${council}-${collectionYearLabel(r.year)}${analysisOnly ? '-analysis-only' : ''}-${today}.csv`;
}

const asRows = (columns: readonly string[], data: Cells[]): Row[] => data.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));

export function describeSsda903Return(db: ReadableDB, options: Ssda903ExportOptions): Ssda903ReturnDescription {
  const r = loadReturn(db, options);
  const reasons = estimates(r);
  const yearEnd = collectionYearEnd(r.year);
  const problems = check903({
    header: asRows(SSDA903_COLUMNS.header, headerRows(r)),
    episodes: asRows(SSDA903_COLUMNS.episodes, episodeRows(r)),
    year: r.year,
    asAt: options.today < yearEnd ? options.today : yearEnd,
  });
  return {
    councilName: r.council.name,
    collectionYear: collectionYearLabel(r.year),
    headerFileName: fileName(r, 'header', reasons.length > 0, options.today),
    episodesFileName: fileName(r, 'episodes', reasons.length > 0, options.today),
    children: r.children.length,
    episodes: r.episodes.length,
    analysisOnlyReasons: reasons,
    ruleProblems: problems.slice(0, 20),
    ruleProblemCount: problems.length,
  };
}

export function exportSsda903Header(db: ReadableDB, options: Ssda903ExportOptions): ExportFile {
  const r = loadReturn(db, options);
  const data = headerRows(r);
  return {
    fileName: fileName(r, 'header', estimates(r).length > 0, options.today),
    mimeType: 'text/csv',
    content: Buffer.from(writeCsv(SSDA903_COLUMNS.header, data), 'utf8'),
    rows: data.length,
  };
}

export function exportSsda903Episodes(db: ReadableDB, options: Ssda903ExportOptions): ExportFile {
  const r = loadReturn(db, options);
  const data = episodeRows(r);
  return {
    fileName: fileName(r, 'episodes', estimates(r).length > 0, options.today),
    mimeType: 'text/csv',
    content: Buffer.from(writeCsv(SSDA903_COLUMNS.episodes, data), 'utf8'),
    rows: data.length,
  };
}
