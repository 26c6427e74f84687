import { createHash } from 'node:crypto';
import { exportPlacementsStandard, type PlacementsDetail } from '../../db/exporters/placements-standard';
import { exportSsda903Episodes, exportSsda903Header, Ssda903ExportError } from '../../db/exporters/ssda903';
import { exportVacancyTemplate } from '../../db/exporters/vacancy-template';
import type { ExportFile } from '../../db/exporters/file';
import type { ImportFile } from '../../db/importers/files';
import { importFosterHouseholds } from '../../db/importers/foster-households';
import { importOfsted } from '../../db/importers/ofsted';
import type { ProgressCallback } from '../../db/importers/progress';
import type { ImportOutcome } from '../../db/importers/report';
import { importSsda903 } from '../../db/importers/ssda903';
import { importVacancies } from '../../db/importers/vacancies';
import { ApiError } from '../../shared/contract';
import type { VacancyStatus } from '../../shared/domain/homes';
import type { Handlers, ServiceContext } from '../rpc/context';
import { requireActor, requireCouncilInScope } from './scope';
import { looksLikeRealReturn } from './demoGuard';
import { localIsoDate } from '../../shared/domain/calendar';
import { parseCollectionYear } from '../../shared/domain/ssda903';
import { exportFileName } from '../../shared/domain/demo';
import { getStoreKind } from '../../db/repositories/meta';
import { councilExists } from '../../db/repositories/region';

type DataMethod =
  | 'imports.ssda903'
  | 'imports.ofsted'
  | 'imports.vacancies'
  | 'imports.fosterHouseholds'
  | 'exports.placementsStandard'
  | 'exports.ssda903Header'
  | 'exports.ssda903Episodes'
  | 'exports.vacancyTemplate';

export function decode(file: { fileName: string; contentBase64: string }): ImportFile {
  return { fileName: file.fileName, bytes: Buffer.from(file.contentBase64, 'base64') };
}

function today(ctx: ServiceContext): string {
  return localIsoDate(ctx.now());
}

export function progressOf(ctx: ServiceContext, importId: string | undefined): ProgressCallback | undefined {
  return importId === undefined ? undefined : (p) => ctx.progress({ importId, ...p });
}

/**
 * One audit entry per imported file. The file is named by a hash of its bytes, never by its name
 * or contents (either could hold a child's details); the counts say what the import did.
 */
export function auditImport(ctx: ServiceContext, recordType: string, files: ImportFile[], outcome: ImportOutcome): void {
  for (const file of files) {
    const digest = createHash('sha256').update(file.bytes).digest('hex').slice(0, 16);
    const read = outcome.files.filter((f) => f.fileName === file.fileName || f.fileName.startsWith(`${file.fileName} › `)).reduce((n, f) => n + f.rows, 0);
    ctx.audit(outcome.dryRun ? 'import-check' : 'import', recordType, `file=sha256:${digest};rows=${read};committed=${outcome.imported ? 'yes' : 'no'}`);
  }
}

/** A council-scoped user's own council, or the one asked for when it is in scope. */
function exportCouncil(ctx: ServiceContext, councilId: number | undefined): number | null {
  const actor = requireActor(ctx);
  if (councilId === undefined) return actor.councilId;
  requireCouncilInScope(ctx, councilId);
  return councilId;
}

function encoded(ctx: ServiceContext, file: ExportFile) {
  return { fileName: exportFileName(file.fileName, getStoreKind(ctx.db)), mimeType: file.mimeType, contentBase64: file.content.toString('base64'), rows: file.rows };
}

export const dataHandlers: Handlers<DataMethod> = {
  'imports.ssda903': (ctx, input) => {
    const actor = requireActor(ctx);
    const councilId = input.councilId ?? actor.councilId;
    if (councilId === null) throw new ApiError('BAD_INPUT', 'Choose the council whose SSDA903 return this is.', 'councilId');
    if (!councilExists(ctx.db, councilId)) throw new ApiError('NOT_FOUND', `There is no council ${councilId}.`, 'councilId');
    requireCouncilInScope(ctx, councilId);
    const files = input.files.map(decode);
    const real = !input.dryRun && !input.confirmIntoDemo && getStoreKind(ctx.db) === 'demo' ? looksLikeRealReturn(files) : null;
    if (real) {
      throw new ApiError(
        'CONFLICT',
        `This is the demo region, and this file looks like a real SSDA903 return (${real.children} children whose references are not the demo's). ` +
          'Real children\'s details must never go into the demo. Nothing was imported; import it anyway only if it is synthetic test data.',
        'confirmIntoDemo',
      );
    }
    const outcome = importSsda903(ctx.db, files, {
      councilId,
      today: today(ctx),
      ...(input.collectionYear === undefined ? {} : { collectionYear: parseCollectionYear(input.collectionYear)! }),
      skipBadRows: input.skipBadRows,
      dryRun: input.dryRun,
      onProgress: progressOf(ctx, input.importId),
    });
    auditImport(ctx, 'child', files, outcome);
    return outcome;
  },

  'imports.ofsted': (ctx, input) => {
    const files = [decode(input)];
    const outcome = importOfsted(ctx.db, files, { today: today(ctx), skipBadRows: input.skipBadRows, dryRun: input.dryRun, onProgress: progressOf(ctx, input.importId) });
    auditImport(ctx, 'provider', files, outcome);
    return outcome;
  },

  'imports.vacancies': (ctx, input) => {
    const actor = requireActor(ctx);
    const files = [decode(input)];
    const changed: { vacancyId: number; status: VacancyStatus }[] = [];
    const outcome = importVacancies(ctx.db, files, {
      now: ctx.now().toISOString(),
      userId: actor.id,
      scopeCouncilId: actor.councilId,
      skipBadRows: input.skipBadRows,
      dryRun: input.dryRun,
      onProgress: progressOf(ctx, input.importId),
      onVacancyChanged: (vacancyId, status) => changed.push({ vacancyId, status }),
    });
    // Other windows refresh their vacancy lists once the import has committed.
    for (const c of changed.slice(0, 200)) ctx.emit('vacancy.changed', c);
    auditImport(ctx, 'vacancy', files, outcome);
    return outcome;
  },

  'imports.fosterHouseholds': (ctx, input) => {
    const actor = requireActor(ctx);
    const files = [decode(input)];
    const outcome = importFosterHouseholds(ctx.db, files, {
      scopeCouncilId: actor.councilId,
      skipBadRows: input.skipBadRows,
      dryRun: input.dryRun,
      onProgress: progressOf(ctx, input.importId),
    });
    auditImport(ctx, 'home', files, outcome);
    return outcome;
  },

  'exports.placementsStandard': (ctx, input) => {
    const actor = requireActor(ctx);
    const councilId = exportCouncil(ctx, input.councilId);
    let detail: PlacementsDetail = input.detail ?? (actor.role === 'commissioner' ? 'market' : 'full');
    if (actor.role === 'commissioner' && detail === 'full') {
      throw new ApiError('FORBIDDEN', "Commissioners receive the market view of placements (no child's needs or risks beyond a pseudonymous id).", 'detail');
    }
    if (actor.role === 'commissioner') detail = 'market';
    const file = exportPlacementsStandard(ctx.db, { councilId, detail, today: today(ctx) });
    ctx.audit('export', 'child', `placements-standard;detail=${detail};scope=${councilId ?? 'region'};rows=${file.rows}`);
    return encoded(ctx, file);
  },

  'exports.ssda903Header': (ctx, input) => {
    const councilId = exportCouncil(ctx, input.councilId);
    const collectionYear = input.collectionYear === undefined ? undefined : parseCollectionYear(input.collectionYear)!;
    let file: ExportFile;
    try {
      file = exportSsda903Header(ctx.db, { councilId, today: today(ctx), ...(collectionYear === undefined ? {} : { collectionYear }) });
    } catch (error) {
      if (error instanceof Ssda903ExportError) throw new ApiError('BAD_INPUT', error.message, 'collectionYear');
      throw error;
    }
    ctx.audit('export', 'child', `ssda903-header;scope=${councilId ?? 'region'};rows=${file.rows}`);
    return encoded(ctx, file);
  },

  'exports.ssda903Episodes': (ctx, input) => {
    const councilId = exportCouncil(ctx, input.councilId);
    const file = exportSsda903Episodes(ctx.db, { councilId, today: today(ctx) });
    ctx.audit('export', 'child', `ssda903-episodes;scope=${councilId ?? 'region'};rows=${file.rows}`);
    return encoded(ctx, file);
  },

  'exports.vacancyTemplate': (ctx, input) => {
    const councilId = exportCouncil(ctx, input.councilId);
    const file = exportVacancyTemplate(ctx.db, { format: input.format, councilId, providerId: input.providerId ?? null, today: today(ctx) });
    ctx.audit('export', 'vacancy', `vacancy-template;format=${input.format};scope=${councilId ?? 'region'};rows=${file.rows}`);
    return encoded(ctx, file);
  },
};
