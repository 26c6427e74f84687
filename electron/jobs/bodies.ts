/**
 * What each kind of job does, given its own connection to the store. These run in the job's
 * thread (thread.ts), or on the call thread for a store in memory, which no second connection can
 * open (runner.ts). Every check that needs the caller (role, scope, the demo guard) was made by the
 * starting call before the job began; a body reads, computes and writes one transaction at most.
 */
import { createHash } from 'node:crypto';
import type { WritableDB } from '../../db/handle';
import type { ImportFile } from '../../db/importers/files';
import { importCouncils } from '../../db/importers/councils';
import { importFosterHouseholds } from '../../db/importers/foster-households';
import { importOfsted } from '../../db/importers/ofsted';
import { importPostcodeFile, PostcodeImportError } from '../../db/importers/postcodes';
import type { ImportProgress } from '../../db/importers/progress';
import type { ImportOutcome } from '../../db/importers/report';
import { importSsda903 } from '../../db/importers/ssda903';
import { importVacancies } from '../../db/importers/vacancies';
import { ApiError, type MethodName, type MethodOutput } from '../../shared/contract';
import type { ImportKind } from '../../shared/contract/data';
import type { EventName } from '../../shared/contract/events';
import type { VacancyStatus } from '../../shared/domain/homes';
import { MarketData } from '../services/market-data';
import { loadPlanInput, runRegionPlan } from '../services/plan';
import { placeCentre } from '../services/councils';
import { buildSufficiencyPdf } from '../services/reports/sufficiency-pdf';

/** What a job is asked to do: plain data, since it crosses to the job's thread. */
export type JobRequest =
  | { kind: 'plan'; method: 'plan.start'; councilId: number | null; today: string }
  | {
      kind: 'import';
      method: Extract<MethodName, `imports.${string}`>;
      importKind: ImportKind;
      files: ImportFile[];
      skipBadRows: boolean;
      dryRun: boolean;
      /** The starting call's clock, ISO. */
      now: string;
      today: string;
      userId: number;
      /** The caller's council scope (null: the whole region). */
      scopeCouncilId: number | null;
      /** SSDA903: the council whose return it is, and the collection year when the user chose one. */
      councilId?: number;
      collectionYear?: number;
    }
  | { kind: 'postcodes'; method: 'imports.postcodes'; path: string; format: 'auto' | 'onspd' | 'codepoint'; skipBadRows: boolean; now: string }
  | { kind: 'pdf'; method: 'market.summaryPdf'; councilId: number | null; scope: string; demo: boolean; today: string; fileName: string };

/** One entry for the audit trail; the runner writes it with the job's owner and outcome. */
export interface JobAudit {
  action: string;
  recordType: string;
  recordId: string;
}

export interface JobOutcome {
  value: unknown;
  /** The job's one entry, then any per-record entries its work calls for (councils added by an import). */
  audits: JobAudit[];
  /** Announced to every window once the job has committed. */
  events: { event: EventName; payload: unknown }[];
}

export interface JobTools {
  /** Where the job has got to, in words and counts. */
  progress(phase: string, done: number, total: number): void;
  /** Inside the job's write transaction, just before COMMIT: throws when the job was cancelled. */
  beforeCommit(): void;
}

/** What the audit entry of a request names before it has run (used too when it fails or is cancelled). */
export function auditOfRequest(request: JobRequest): JobAudit {
  switch (request.kind) {
    case 'plan':
      return { action: 'plan', recordType: 'region', recordId: request.councilId === null ? 'region' : `council:${request.councilId}` };
    case 'import':
      return {
        action: request.dryRun ? 'import-check' : 'import',
        recordType: IMPORT_RECORD_TYPES[request.importKind],
        recordId: filesRecordId(request.files, null),
      };
    case 'postcodes':
      return { action: 'import', recordType: 'postcode-directory', recordId: request.path.split(/[\\/]/).pop() ?? request.path };
    case 'pdf':
      return { action: 'export', recordType: 'market-summary', recordId: `scope=${request.councilId ?? 'region'}` };
  }
}

const IMPORT_RECORD_TYPES: Record<ImportKind, string> = {
  ssda903: 'child',
  ofsted: 'provider',
  vacancies: 'vacancy',
  fosterHouseholds: 'home',
  councils: 'council',
};

const IMPORT_PHASES: Record<ImportProgress['phase'], string> = { reading: 'Reading the file', checking: 'Checking rows', writing: 'Writing' };

/**
 * The files an import read, named by a hash of their bytes, never by name or contents (either
 * could hold a child's details), with the rows read and whether anything was committed.
 */
function filesRecordId(files: ImportFile[], outcome: ImportOutcome | null): string {
  const digests = files.map((f) => `sha256:${createHash('sha256').update(f.bytes).digest('hex').slice(0, 16)}`).join('+');
  if (!outcome) return `file=${digests}`;
  return `file=${digests};rows=${outcome.rowsRead};committed=${outcome.imported ? 'yes' : 'no'}`;
}

function runImport(db: WritableDB, request: Extract<JobRequest, { kind: 'import' }>, tools: JobTools): JobOutcome {
  const common = {
    skipBadRows: request.skipBadRows,
    dryRun: request.dryRun,
    onProgress: (p: ImportProgress) => tools.progress(IMPORT_PHASES[p.phase], p.done, p.total),
    beforeCommit: tools.beforeCommit,
  };
  const files = request.files;
  const audits: JobAudit[] = [];
  const events: JobOutcome['events'] = [];
  let outcome: ImportOutcome;
  switch (request.importKind) {
    case 'ssda903':
      outcome = importSsda903(db, files, {
        ...common,
        councilId: request.councilId!,
        today: request.today,
        ...(request.collectionYear === undefined ? {} : { collectionYear: request.collectionYear }),
      });
      break;
    case 'ofsted': {
      const withdrawn: number[] = [];
      outcome = importOfsted(db, files, { ...common, today: request.today, now: request.now, onVacancyWithdrawn: (id) => withdrawn.push(id) });
      // Vacancies withdrawn because a home's registration bars it leave every open board at once.
      for (const vacancyId of withdrawn.slice(0, 200)) events.push({ event: 'vacancy.changed', payload: { vacancyId, status: 'withdrawn' } });
      break;
    }
    case 'vacancies': {
      const changed: { vacancyId: number; status: VacancyStatus }[] = [];
      outcome = importVacancies(db, files, {
        ...common,
        now: request.now,
        userId: request.userId,
        scopeCouncilId: request.scopeCouncilId,
        onVacancyChanged: (vacancyId, status) => changed.push({ vacancyId, status }),
      });
      // Other windows refresh their vacancy lists once the import has committed.
      if (outcome.imported) for (const c of changed.slice(0, 200)) events.push({ event: 'vacancy.changed', payload: c });
      break;
    }
    case 'fosterHouseholds':
      outcome = importFosterHouseholds(db, files, { ...common, scopeCouncilId: request.scopeCouncilId });
      break;
    case 'councils':
      outcome = importCouncils(db, files, {
        ...common,
        locateCentre: placeCentre(db),
        // An administrator's change to a council is on the record council by council, as when made by hand.
        onRecordChanged: (record, id, change) => audits.push({ action: change, recordType: record, recordId: String(id) }),
      });
      break;
  }
  const first: JobAudit = { ...auditOfRequest(request), recordId: filesRecordId(files, outcome) };
  return { value: outcome, audits: [first, ...audits], events };
}

/** Runs one job on the given connection. */
export async function runJobBody(db: WritableDB, request: JobRequest, tools: JobTools): Promise<JobOutcome> {
  switch (request.kind) {
    case 'plan': {
      tools.progress('Reading the open referrals and vacancies', 0, 0);
      const input = loadPlanInput(db, request.councilId, request.today);
      const value = await runRegionPlan(input, (phase) => tools.progress(phase, 0, 0));
      return { value, audits: [auditOfRequest(request)], events: [] };
    }
    case 'import':
      return runImport(db, request, tools);
    case 'postcodes': {
      let report: MethodOutput<'imports.postcodes'>;
      try {
        report = await importPostcodeFile(db, request.path, {
          format: request.format,
          skipBadRows: request.skipBadRows,
          now: () => new Date(request.now),
          beforeCommit: tools.beforeCommit,
          onProgress: (p) => {
            const rows = `${p.rowsRead.toLocaleString('en-GB')} rows read`;
            if (p.phase === 'replacing') tools.progress('Putting the new directory in place', p.totalBytes, p.totalBytes);
            else if (p.phase === 'reading') tools.progress(`Reading the file (${rows})`, p.bytesRead, p.totalBytes);
          },
        });
      } catch (error) {
        if (error instanceof PostcodeImportError) throw new ApiError('BAD_INPUT', `Nothing was imported: ${error.message}`, 'path');
        throw error;
      }
      const audit = auditOfRequest(request);
      return { value: report, audits: [{ ...audit, action: report.imported ? 'import' : 'import-failed' }], events: [] };
    }
    case 'pdf': {
      tools.progress('Drawing the summary', 0, 0);
      const { bytes, pages } = buildSufficiencyPdf(new MarketData(db, request.today), {
        councilId: request.councilId,
        scope: request.scope,
        demo: request.demo,
      });
      return {
        value: { filename: request.fileName, base64: bytes.toString('base64'), bytes: bytes.length, pages },
        audits: [auditOfRequest(request)],
        events: [],
      };
    }
  }
}
