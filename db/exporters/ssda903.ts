import type { ReadableDB } from '../handle';
import { collectionYearLabel, collectionYearOf, sexCodeFor } from '../../shared/domain/ssda903';
import type { Sex } from '../../shared/domain/homes';
import { writeCsv } from '../importers/csv';
import { SSDA903_COLUMNS } from '../importers/ssda903-layout';
import { isoToUkDate } from '../importers/values';
import type { ExportFile } from './file';

/**
 * A council's SSDA903 header and episodes files in the DfE's layout (column order as published,
 * dates dd/mm/yyyy), coded for one collection year (SEX 1/2 before 2024-25, M/F/U from it), so the
 * council's return can be read back by the council's own systems and by this app.
 *
 * CHILD is the council's own identifier when one council's return is exported and the child came
 * from its SSDA903 return; otherwise (the whole region, or a child recorded in the app) it is the
 * child's pseudonymous reference with anything but letters and digits removed, which fits the
 * return's ten characters. Every episode is written, history included, with URNs as stored (the
 * return's XXXXXXX for an unknown URN stays XXXXXXX).
 */

export interface Ssda903ExportOptions {
  councilId: number | null;
  today: string;
  /** The collection year whose codes to use (its first calendar year); the current year by default. */
  collectionYear?: number;
}

/** A child the chosen year's layout cannot hold (sex U before 2024-25). */
export class Ssda903ExportError extends Error {}

export function ssda903ChildId(ref: string): string {
  return ref.replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
}

const scope = (councilId: number | null) => (councilId === null ? '' : 'AND ch.council_id = @council');
/** Children in a return: those from SSDA903 returns and any child with an episode of care. */
const IN_RETURN = "(ch.source = 'ssda903' OR EXISTS (SELECT 1 FROM episodes x WHERE x.child_id = ch.id))";

function childColumn(councilId: number | null, ref: string, ownId: string | null): string {
  return councilId !== null && ownId !== null ? ownId : ssda903ChildId(ref);
}

export function exportSsda903Header(db: ReadableDB, options: Ssda903ExportOptions): ExportFile {
  const year = options.collectionYear ?? collectionYearOf(options.today);
  const rows = db
    .prepare(
      `SELECT ch.ref, o.council_child_id AS ownId, ch.sex, ch.birth_date AS dob, ch.ethnicity
       FROM children ch LEFT JOIN ssda903_children o ON o.child_id = ch.id
       WHERE ${IN_RETURN} ${scope(options.councilId)}
       ORDER BY ch.ref`,
    )
    .all(options.councilId === null ? {} : { council: options.councilId }) as { ref: string; ownId: string | null; sex: Sex; dob: string; ethnicity: string }[];
  const data = rows.map((c) => {
    const child = childColumn(options.councilId, c.ref, c.ownId);
    const sex = sexCodeFor(c.sex, year);
    if (sex === null) {
      throw new Ssda903ExportError(
        `Child ${child}'s sex is recorded as unknown or indeterminate (U), which the ${collectionYearLabel(year)} layout cannot hold ` +
          '(SEX was 1 or 2 until 2023-24). Export the 2024-25 layout or a later one.',
      );
    }
    return [child, sex, isoToUkDate(c.dob), c.ethnicity, null, null, null];
  });
  return {
    fileName: `ssda903-header-${collectionYearLabel(year)}-${options.today}.csv`,
    mimeType: 'text/csv',
    content: Buffer.from(writeCsv(SSDA903_COLUMNS.header, data), 'utf8'),
    rows: data.length,
  };
}

interface EpisodeRecord {
  ref: string;
  ownId: string | null;
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

export function exportSsda903Episodes(db: ReadableDB, options: Ssda903ExportOptions): ExportFile {
  const rows = db
    .prepare(
      `SELECT ch.ref, o.council_child_id AS ownId, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider AS placeProvider, e.dec, e.rec,
              e.reason_place_change AS reasonPlaceChange, e.home_post AS homePost, e.pl_post AS plPost, e.urn
       FROM episodes e JOIN children ch ON ch.id = e.child_id LEFT JOIN ssda903_children o ON o.child_id = ch.id
       WHERE 1 ${scope(options.councilId)}
       ORDER BY ch.ref, e.decom`,
    )
    .all(options.councilId === null ? {} : { council: options.councilId }) as EpisodeRecord[];
  const data = rows.map((e) => [
    childColumn(options.councilId, e.ref, e.ownId),
    isoToUkDate(e.decom),
    e.rne,
    e.ls,
    e.cin,
    e.place,
    e.placeProvider,
    e.dec === null ? null : isoToUkDate(e.dec),
    e.rec,
    e.reasonPlaceChange,
    e.homePost,
    e.plPost,
    e.urn,
  ]);
  return {
    fileName: `ssda903-episodes-${options.today}.csv`,
    mimeType: 'text/csv',
    content: Buffer.from(writeCsv(SSDA903_COLUMNS.episodes, data), 'utf8'),
    rows: data.length,
  };
}
