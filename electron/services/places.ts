import { accessSync, constants, statSync } from 'node:fs';
import { basename, extname, isAbsolute } from 'node:path';
import type { ReadableDB } from '../../db/handle';
import { getCouncilArea, getPostcodeDirectory, resolvePostcode, type PostcodeRow } from '../../db/repositories/places';
import { ApiError } from '../../shared/contract';
import type { PostcodeImportReportView, ResolvedPlace } from '../../shared/contract/places';
import { allPlaces, findPlaceByLabel, GAZETTEER_SOURCE, placesNamed, searchPlaces, type GazetteerPlace } from '../../shared/geo/gazetteer';
import { formatGridReference, isInUkBox, isOnBritishGrid, latLonToGrid } from '../../shared/geo/grid';
import { checkPostcode, looksLikePostcode } from '../../shared/geo/postcode';
import { dfeMiles } from '../../shared/scoring/distance';
import type { Place } from '../../shared/scoring/types';
import type { Handlers } from '../rpc/context';
import { requireActor } from './scope';
import { currentPolicy } from '../../db/repositories/policies';

function postcodePlace(row: PostcodeRow): ResolvedPlace {
  const onGrid = row.easting !== null && row.northing !== null && isOnBritishGrid(row.easting, row.northing);
  return {
    label: row.postcode,
    kind: 'postcode',
    lat: row.lat,
    lon: row.lon,
    easting: onGrid ? row.easting : null,
    northing: onGrid ? row.northing : null,
    gridReference: onGrid ? formatGridReference(row.easting!, row.northing!) : null,
    gridSource: onGrid ? 'directory' : null,
    laCode: row.laCode,
    area: null,
  };
}

function townPlace(town: GazetteerPlace): ResolvedPlace {
  // Northern Ireland is off the British grid's map in practice; its towns get no grid reference.
  const grid = town.countryPart !== 'Northern Ireland' && isInUkBox(town.lat, town.lon) ? latLonToGrid(town.lat, town.lon) : null;
  const onGrid = grid !== null && isOnBritishGrid(grid.easting, grid.northing);
  return {
    label: town.label,
    kind: 'town',
    lat: town.lat,
    lon: town.lon,
    easting: onGrid ? grid.easting : null,
    northing: onGrid ? grid.northing : null,
    gridReference: onGrid ? formatGridReference(grid.easting, grid.northing) : null,
    gridSource: onGrid ? 'converted' : null,
    laCode: null,
    area: town.area,
  };
}

function directoryNote(db: ReadableDB): string {
  const directory = getPostcodeDirectory(db);
  if (!directory) {
    return 'no postcode directory has been imported yet, so only towns can be placed. An administrator can import the ONS Postcode Directory or Code-Point Open.';
  }
  return `it is not in the postcode directory in use (${directory.fileName}, imported ${directory.importedAt.slice(0, 10)}), which holds live postcodes only. Check it, or give the town instead.`;
}

/** A postcode from the directory, or NOT_FOUND saying why; BAD_INPUT for text that is not a postcode. */
export function resolvePostcodePlace(db: ReadableDB, postcode: string): ResolvedPlace {
  const check = checkPostcode(postcode);
  if (!check.ok) throw new ApiError('BAD_INPUT', check.message, 'postcode');
  const row = resolvePostcode(db, check.postcode);
  if (!row) throw new ApiError('NOT_FOUND', `${check.postcode} cannot be placed: ${directoryNote(db)}`);
  return postcodePlace(row);
}

/**
 * Where a place label is: a full postcode from the imported directory, else a gazetteer town by
 * its label ('Bolton', 'Newport, Isle of Wight'). A name shared by several towns, a postcode the
 * directory lacks and an unknown name each get their own clear error.
 */
export function resolvePlaceLabel(db: ReadableDB, label: string, field = 'label'): ResolvedPlace {
  const text = label.trim();
  if (text === '') throw new ApiError('BAD_INPUT', 'Enter a postcode or a town.', field);
  if (looksLikePostcode(text)) {
    const check = checkPostcode(text);
    if (!check.ok) throw new ApiError('BAD_INPUT', check.message, field);
    const row = resolvePostcode(db, check.postcode);
    if (!row) throw new ApiError('NOT_FOUND', `${check.postcode} cannot be placed: ${directoryNote(db)}`);
    return postcodePlace(row);
  }
  const exact = findPlaceByLabel(text);
  if (exact) return townPlace(exact);
  const namesake = placesNamed(text.split(',')[0]!);
  if (namesake.length > 1) {
    const examples = namesake.slice(0, 4).map((p) => `"${p.label}"`);
    throw new ApiError(
      'BAD_INPUT',
      `"${text}" could be any of ${namesake.length} places: say which, e.g. ${examples.join(', ')}${namesake.length > 4 ? ' …' : ''}.`,
      field,
    );
  }
  if (namesake.length === 1) return townPlace(namesake[0]!);
  const suggestions = searchPlaces(text.slice(0, 3), 3).map((p) => `"${p.label}"`);
  throw new ApiError(
    'NOT_FOUND',
    `There is no town called "${text}" in the gazetteer of UK towns, and it is not a postcode.` +
      (suggestions.length > 0 ? ` Places starting "${text.slice(0, 3)}" include ${suggestions.join(', ')}.` : ' Check the spelling, or give a postcode.'),
  );
}

/** The engine's view of a place: a grid reference only where the directory gave one, as the DfE's figures use. */
function enginePlace(place: ResolvedPlace): Place {
  const grid =
    place.gridSource === 'directory' && place.easting !== null && place.northing !== null ? { easting: place.easting, northing: place.northing } : undefined;
  return grid ? { lat: place.lat, lon: place.lon, grid } : { lat: place.lat, lon: place.lon };
}

// ---- Postcode directory imports: a job each (electron/jobs) ------------------------------------

/** The chosen file must be a readable .csv on this computer: the backend reads it from disk. */
function checkImportPath(path: string): { size: number } {
  if (!isAbsolute(path))
    throw new ApiError('BAD_INPUT', 'Give the full path of the file (e.g. C:\\Data\\ONSPD_FEB_2025_UK.csv or /home/me/ONSPD_FEB_2025_UK.csv).', 'path');
  if (extname(path).toLowerCase() !== '.csv') {
    throw new ApiError('BAD_INPUT', `${basename(path)} is not a .csv file. Unzip the download and choose the CSV in its Data folder.`, 'path');
  }
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new ApiError('BAD_INPUT', `${path} is a folder, not a file.`, 'path');
    size = stats.size;
    accessSync(path, constants.R_OK);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError('BAD_INPUT', code === 'ENOENT' ? `There is no file at ${path}.` : `${path} cannot be read (${code ?? 'unknown error'}).`, 'path');
  }
  if (size === 0) throw new ApiError('BAD_INPUT', `${basename(path)} is empty.`, 'path');
  return { size };
}

export const placeHandlers: Handlers<
  'places.search' | 'places.resolvePostcode' | 'places.resolve' | 'places.distance' | 'places.directory' | 'imports.postcodes'
> = {
  'places.search': (_ctx, input) => searchPlaces(input.prefix, input.limit),
  'places.resolvePostcode': (ctx, input) => resolvePostcodePlace(ctx.db, input.postcode),
  'places.resolve': (ctx, input) => resolvePlaceLabel(ctx.db, input.label),
  'places.distance': (ctx, input) => {
    const from = resolvePlaceLabel(ctx.db, input.from, 'from');
    const to = resolvePlaceLabel(ctx.db, input.to, 'to');
    const { miles, method } = dfeMiles(enginePlace(from), enginePlace(to));
    const council = input.childCouncilId === undefined ? null : getCouncilArea(ctx.db, input.childCouncilId);
    if (input.childCouncilId !== undefined && !council)
      throw new ApiError('NOT_FOUND', `There is no council with id ${input.childCouncilId}.`, 'childCouncilId');
    const inside = council && to.laCode ? to.laCode === council.onsCode : null;
    const line = currentPolicy(ctx.db).distance.twentyMileLine;

    const how =
      method === 'os-grid'
        ? `${miles} miles in a straight line between the postcodes' OS grid references (the DfE method)`
        : `${miles} miles as the crow flies (great-circle), because ${from.gridSource === 'directory' ? to.label : from.label} has no OS grid reference from the postcode directory`;
    let where = '';
    if (council) {
      where =
        inside === null
          ? `; whether ${to.label} is inside ${council.name} is unknown without its postcode`
          : `; ${to.label} is ${inside ? 'inside' : 'outside'} ${council.name}`;
    }
    return {
      from,
      to,
      miles,
      method,
      lineMiles: line,
      overTwentyMiles: miles > line,
      childCouncil: council,
      insideChildCouncil: inside,
      explanation: `${how}${where}.`,
    };
  },
  'places.directory': (ctx) => {
    const directory = getPostcodeDirectory(ctx.db);
    return {
      postcodes: directory?.postcodes ?? 0,
      directory: directory ? { fileName: directory.fileName, format: directory.format, importedAt: directory.importedAt } : null,
      gazetteer: { places: allPlaces().length, source: `${GAZETTEER_SOURCE.name} (${GAZETTEER_SOURCE.package})`, licence: GAZETTEER_SOURCE.licence },
    };
  },
  'imports.postcodes': (ctx, input) => {
    requireActor(ctx);
    checkImportPath(input.path);
    const request = {
      kind: 'postcodes',
      method: 'imports.postcodes',
      path: input.path,
      format: input.format,
      skipBadRows: input.skipBadRows,
      now: ctx.now().toISOString(),
    } as const;
    return ctx.jobs.run(request, input.jobId) as Promise<PostcodeImportReportView>;
  },
};
