import type { ReadableDB } from '../handle';
import { writeCsv } from '../importers/csv';
import { SSDA903_COLUMNS } from '../importers/ssda903';
import { isoToUkDate } from '../importers/values';
import type { ExportFile } from './file';

/**
 * Episodes in the DfE's SSDA903 episodes layout (column order as published, dates dd/mm/yyyy).
 * CHILD is the child's pseudonymous reference with anything but letters and digits removed, so
 * it fits the return's ten-character identifier; the council's own identifier is never stored.
 */
export function ssda903ChildId(ref: string): string {
  return ref.replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
}

interface EpisodeRecord {
  ref: string;
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

export function exportSsda903Episodes(db: ReadableDB, options: { councilId: number | null; today: string }): ExportFile {
  const rows = db
    .prepare(
      `SELECT ch.ref, e.decom, e.rne, e.ls, e.cin, e.place, e.place_provider AS placeProvider, e.dec, e.rec,
              e.reason_place_change AS reasonPlaceChange, e.home_post AS homePost, e.pl_post AS plPost, e.urn
       FROM episodes e JOIN children ch ON ch.id = e.child_id
       ${options.councilId === null ? '' : 'WHERE ch.council_id = ?'}
       ORDER BY ch.ref, e.decom`,
    )
    .all(...(options.councilId === null ? [] : [options.councilId])) as EpisodeRecord[];
  const data = rows.map((e) => [
    ssda903ChildId(e.ref),
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
