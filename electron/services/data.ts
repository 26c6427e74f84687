import { exportPlacementsStandard, type PlacementsDetail } from '../../db/exporters/placements-standard';
import { describeSsda903Return, exportSsda903Episodes, exportSsda903Header, Ssda903ExportError, type Ssda903ExportOptions } from '../../db/exporters/ssda903';
import { exportVacancyTemplate } from '../../db/exporters/vacancy-template';
import type { ExportFile } from '../../db/exporters/file';
import type { ImportFile } from '../../db/importers/files';
import { ApiError } from '../../shared/contract';
import { mayCall } from '../../shared/contract/access';
import type { ImportKind, ImportResultView } from '../../shared/contract/data';
import type { JobRequest } from '../jobs/bodies';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';
import { looksLikeRealReturn } from './demoGuard';
import { localIsoDate } from '../../shared/domain/calendar';
import { parseCollectionYear } from '../../shared/domain/ssda903';
import { exportFileName } from '../../shared/domain/demo';
import { getStoreKind } from '../../db/repositories/meta';
import { seededCouncilChildIds } from '../../db/importers/ssda903-history';
import { councilExists } from '../../db/repositories/region';

type DataMethod =
  | 'imports.ssda903'
  | 'imports.ofsted'
  | 'imports.vacancies'
  | 'imports.fosterHouseholds'
  | 'exports.placementsStandard'
  | 'exports.ssda903Return'
  | 'exports.ssda903Header'
  | 'exports.ssda903Episodes'
  | 'exports.vacancyTemplate';

export function decode(file: { fileName: string; contentBase64: string }): ImportFile {
  return { fileName: file.fileName, bytes: Buffer.from(file.contentBase64, 'base64') };
}

function today(ctx: ServiceContext): string {
  return localIsoDate(ctx.now());
}

const IMPORT_KIND_OF = {
  'imports.ssda903': 'ssda903',
  'imports.ofsted': 'ofsted',
  'imports.vacancies': 'vacancies',
  'imports.fosterHouseholds': 'fosterHouseholds',
  'imports.councils': 'councils',
} as const satisfies Record<string, ImportKind>;

/**
 * Starts an import as a job (electron/jobs) once the caller's checks have passed; answers with its
 * report when it ends. The job writes the one audit entry: the files by a hash of their bytes,
 * never by name or contents (either could hold a child's details), with the rows read.
 */
export function startImport(
  ctx: ServiceContext,
  method: keyof typeof IMPORT_KIND_OF,
  files: ImportFile[],
  options: { skipBadRows: boolean; dryRun: boolean; jobId?: string | undefined },
  extra: { councilId?: number; collectionYear?: number } = {},
): Promise<ImportResultView> {
  const actor = requireActor(ctx);
  const request: JobRequest = {
    kind: 'import',
    method,
    importKind: IMPORT_KIND_OF[method],
    files,
    skipBadRows: options.skipBadRows,
    dryRun: options.dryRun,
    now: ctx.now().toISOString(),
    today: today(ctx),
    userId: actor.id,
    scopeCouncilId: actor.councilId,
    ...extra,
  };
  return ctx.jobs.run(request, options.jobId) as Promise<ImportResultView>;
}

/** A council-scoped user's own council, or the one asked for when it is in scope. */
function exportCouncil(ctx: ServiceContext, councilId: number | undefined): number | null {
  const actor = requireActor(ctx);
  if (councilId === undefined) return actor.councilId;
  requireCouncilInScope(ctx, councilId);
  return councilId;
}

/** A return is one council's: a region-wide user must say whose. */
function ssda903Options(ctx: ServiceContext, input: { councilId?: number | undefined; collectionYear?: string | undefined }): Ssda903ExportOptions {
  const councilId = exportCouncil(ctx, input.councilId);
  if (councilId === null) throw new ApiError('BAD_INPUT', 'Choose the council whose SSDA903 return to export: a return is one council’s.', 'councilId');
  if (!councilExists(ctx.db, councilId)) throw new ApiError('NOT_FOUND', `There is no council ${councilId}.`, 'councilId');
  const collectionYear = input.collectionYear === undefined ? undefined : parseCollectionYear(input.collectionYear)!;
  return { councilId, today: today(ctx), ...(collectionYear === undefined ? {} : { collectionYear }) };
}

/** Runs an SSDA903 export, turning what the year's layout cannot hold into the caller's error. */
function ssda903<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Ssda903ExportError) throw new ApiError('BAD_INPUT', error.message, 'collectionYear');
    throw error;
  }
}

function encoded(ctx: ServiceContext, file: ExportFile) {
  return {
    fileName: exportFileName(file.fileName, getStoreKind(ctx.db)),
    mimeType: file.mimeType,
    contentBase64: file.content.toString('base64'),
    rows: file.rows,
  };
}

export const dataHandlers: Handlers<DataMethod> = {
  'imports.ssda903': (ctx, input) => {
    const actor = requireActor(ctx);
    const councilId = input.councilId ?? actor.councilId;
    if (councilId === null) throw new ApiError('BAD_INPUT', 'Choose the council whose SSDA903 return this is.', 'councilId');
    if (!councilExists(ctx.db, councilId)) throw new ApiError('NOT_FOUND', `There is no council ${councilId}.`, 'councilId');
    requireCouncilInScope(ctx, councilId);
    const files = input.files.map(decode);
    const real = !input.dryRun && !input.confirmIntoDemo && getStoreKind(ctx.db) === 'demo' ? looksLikeRealReturn(files, seededCouncilChildIds(ctx.db)) : null;
    if (real) {
      throw new ApiError(
        'CONFLICT',
        `This is the demo region, and this file looks like a real SSDA903 return (${real.children} children whose references are not the demo's). ` +
          "Real children's details must never go into the demo. Nothing was imported; import it anyway only if it is synthetic test data.",
        'confirmIntoDemo',
      );
    }
    return startImport(ctx, 'imports.ssda903', files, input, {
      councilId,
      ...(input.collectionYear === undefined ? {} : { collectionYear: parseCollectionYear(input.collectionYear)! }),
    });
  },

  'imports.ofsted': (ctx, input) => startImport(ctx, 'imports.ofsted', [decode(input)], input),
  'imports.vacancies': (ctx, input) => startImport(ctx, 'imports.vacancies', [decode(input)], input),
  'imports.fosterHouseholds': (ctx, input) => startImport(ctx, 'imports.fosterHouseholds', [decode(input)], input),

  'exports.placementsStandard': (ctx, input) => {
    const actor = requireActor(ctx);
    const councilId = exportCouncil(ctx, input.councilId);
    // The full view carries each child's needs and risks: only a role that may open a child's record gets it.
    const readsChildren = mayCall(actor.role, 'children.get');
    const detail: PlacementsDetail = input.detail ?? (readsChildren ? 'full' : 'market');
    if (!readsChildren && detail === 'full') {
      throw new ApiError('FORBIDDEN', "Commissioners receive the market view of placements (no child's needs or risks beyond a pseudonymous id).", 'detail');
    }
    const file = exportPlacementsStandard(ctx.db, { councilId, detail, today: today(ctx) });
    ctx.audit('export', 'child', `placements-standard;detail=${detail};scope=${councilId ?? 'region'};rows=${file.rows}`);
    return encoded(ctx, file);
  },

  'exports.ssda903Return': (ctx, input) => {
    const options = ssda903Options(ctx, input);
    const view = ssda903(() => describeSsda903Return(ctx.db, options));
    ctx.audit('view', 'child', `ssda903-return;scope=${options.councilId};year=${view.collectionYear};children=${view.children}`);
    const kind = getStoreKind(ctx.db);
    return { ...view, headerFileName: exportFileName(view.headerFileName, kind), episodesFileName: exportFileName(view.episodesFileName, kind) };
  },

  'exports.ssda903Header': (ctx, input) => {
    const options = ssda903Options(ctx, input);
    const file = ssda903(() => exportSsda903Header(ctx.db, options));
    ctx.audit('export', 'child', `ssda903-header;scope=${options.councilId};year=${options.collectionYear ?? 'current'};rows=${file.rows}`);
    return encoded(ctx, file);
  },

  'exports.ssda903Episodes': (ctx, input) => {
    const options = ssda903Options(ctx, input);
    const file = ssda903(() => exportSsda903Episodes(ctx.db, options));
    ctx.audit('export', 'child', `ssda903-episodes;scope=${options.councilId};year=${options.collectionYear ?? 'current'};rows=${file.rows}`);
    return encoded(ctx, file);
  },

  'exports.vacancyTemplate': (ctx, input) => {
    const councilId = exportCouncil(ctx, input.councilId);
    const file = exportVacancyTemplate(ctx.db, { format: input.format, councilId, providerId: input.providerId ?? null, today: today(ctx) });
    ctx.audit('export', 'vacancy', `vacancy-template;format=${input.format};scope=${councilId ?? 'region'};rows=${file.rows}`);
    return encoded(ctx, file);
  },
};
