import type { WritableDB } from '../handle';
import type { ProgressCallback } from './progress';
import { ChangeCounter, type ImportedFile, type ImportKind, type ImportOutcome, type ProblemLog, type RecordChanges } from './report';

export interface ImportOptions {
  /** Import the good rows and leave out rows with errors; otherwise any error stops the whole import. */
  skipBadRows: boolean;
  /** Check everything and count what would change, then roll back: nothing is written. */
  dryRun: boolean;
  onProgress?: ProgressCallback;
  /**
   * Runs inside the write transaction, just before it commits (not for a dry run): a job's cancel
   * gate (electron/jobs/gate.ts) throws here when the user cancelled, so the import rolls back.
   */
  beforeCommit?: () => void;
}

/** What an importer hands over once every row is read and checked. */
export interface CheckedImport {
  kind: ImportKind;
  files: ImportedFile[];
  log: ProblemLog;
  rowsRead: number;
  /** Writes every row that passed; runs inside one transaction. */
  write(changes: ChangeCounter): void;
}

class DryRunRollback extends Error {}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function describeChanges(changes: RecordChanges[]): string {
  const parts = changes
    .filter((c) => c.created + c.updated > 0)
    .map((c) => `${c.record}: ${c.created.toLocaleString('en-GB')} new, ${c.updated.toLocaleString('en-GB')} updated`);
  return parts.length > 0 ? parts.join('; ') : 'no records needed changing';
}

/**
 * The one rule every import follows: bad input changes nothing. A file-level problem stops the
 * import; so does any row error unless the caller chose to skip bad rows. Writing happens in one
 * transaction (a savepoint when the caller already holds one), so a failure half-way leaves the
 * store as it was; a dry run writes and then rolls back, so its counts are exactly what an import would do.
 */
export function finishImport(db: WritableDB, options: ImportOptions, checked: CheckedImport): ImportOutcome {
  const { log } = checked;
  const badRows = Math.min(log.badRowCount, checked.rowsRead);
  const goodRows = checked.rowsRead - badRows;
  const base = {
    kind: checked.kind,
    dryRun: options.dryRun,
    files: checked.files,
    rowsRead: checked.rowsRead,
    problems: log.listed,
    problemCount: log.problemCount,
    errorCount: log.errorCount,
    warningCount: log.warningCount,
  };

  const stopped = log.fileErrors > 0 || (log.errorCount > 0 && !options.skipBadRows);
  if (stopped) {
    const why =
      log.fileErrors > 0
        ? `${plural(log.fileErrors, 'problem')} with the file itself`
        : `${plural(log.errorCount, 'error')} in ${plural(badRows, 'row')}; fix them, or choose "skip bad rows" to import the other ${plural(goodRows, 'row')}`;
    return { ...base, imported: false, rowsImported: 0, rowsSkipped: checked.rowsRead, changes: [], summary: `Nothing was imported: ${why}.` };
  }

  const changes = new ChangeCounter();
  if (options.dryRun) {
    try {
      db.transaction(() => {
        checked.write(changes);
        throw new DryRunRollback();
      })();
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
  } else {
    // IMMEDIATE: the write lock is taken at BEGIN, so a store that another connection (a job thread,
    // the call thread) wrote meanwhile waits for its turn instead of failing with SQLITE_BUSY.
    db.transaction(() => {
      checked.write(changes);
      options.beforeCommit?.();
    }).immediate();
  }
  const list = changes.list();
  const skipped = badRows > 0 ? `, leaving out ${plural(badRows, 'row')} with errors` : '';
  const summary = options.dryRun
    ? `Ready to import ${plural(goodRows, 'row')} of ${checked.rowsRead.toLocaleString('en-GB')}${skipped} (${describeChanges(list)}). Nothing has been changed yet.`
    : `Imported ${plural(goodRows, 'row')} of ${checked.rowsRead.toLocaleString('en-GB')}${skipped} (${describeChanges(list)}).`;
  return { ...base, imported: !options.dryRun, rowsImported: goodRows, rowsSkipped: badRows, changes: list, summary };
}
