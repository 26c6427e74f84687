import { normalisePostcode } from '../../shared/geo/postcode';
import type { ReadableDB } from '../handle';
import { prepare } from '../statementCache';
import { getMeta } from './meta';
import type { CouncilRow } from './region';

/** One full postcode from the imported directory (ONSPD or Code-Point Open). */
export interface PostcodeRow {
  postcode: string;
  /** OS grid reference in metres; null in Northern Ireland (the directory's is on the Irish Grid). */
  easting: number | null;
  northing: number | null;
  lat: number;
  lon: number;
  /** Upper-tier local authority (county, else unitary/district), e.g. 'E08000001'; null if the directory has none. */
  laCode: string | null;
}

/** What the store records about the directory in use (meta key 'postcode_directory'). */
export interface PostcodeDirectoryRecord {
  fileName: string;
  format: 'onspd' | 'codepoint';
  importedAt: string;
  postcodes: number;
}

export const POSTCODE_DIRECTORY_META_KEY = 'postcode_directory';

/** The one postcode lookup (by primary key); exported so a test can check its query plan. */
export const SELECT_POSTCODE = 'SELECT postcode, easting, northing, lat, lon, la_code AS laCode FROM postcodes WHERE postcode = ?';

/**
 * A postcode from the imported directory, in any spelling ('m11ae', 'M1 1AE'); null when the
 * directory does not hold it (or none was imported). Throws PostcodeError, with a message for the
 * user, when the text is not a postcode at all.
 */
export function resolvePostcode(db: ReadableDB, postcode: string): PostcodeRow | null {
  const row = prepare(db, SELECT_POSTCODE).get(normalisePostcode(postcode)) as PostcodeRow | undefined;
  return row ?? null;
}

/** The directory in use, or null when none has been imported. */
export function getPostcodeDirectory(db: ReadableDB): PostcodeDirectoryRecord | null {
  const raw = getMeta(db, POSTCODE_DIRECTORY_META_KEY);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as PostcodeDirectoryRecord;
  } catch {
    return null;
  }
}

/** A council's name and ONS code, for "inside or outside the child's council area". */
export type CouncilArea = Pick<CouncilRow, 'id' | 'name' | 'onsCode'>;

export function getCouncilArea(db: ReadableDB, councilId: number): CouncilArea | null {
  const row = prepare(db, 'SELECT id, name, ons_code AS onsCode FROM councils WHERE id = ?').get(councilId) as CouncilArea | undefined;
  return row ?? null;
}
