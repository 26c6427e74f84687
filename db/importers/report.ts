/**
 * The validation report every import produces: one entry per problem, naming the file, the row a
 * spreadsheet user would see (the header is row 1), the column and what is wrong in words.
 */
export type Severity = 'error' | 'warning';

export interface ImportProblem {
  file: string;
  /** Spreadsheet row (header = 1); for XML, the CHILD element's number; null for the file as a whole. */
  row: number | null;
  column: string | null;
  problem: string;
  /** Errors stop the row (or, without "skip bad rows", the whole import); warnings never do. */
  severity: Severity;
}

/** A report longer than this lists the first problems and counts the rest; counts stay exact. */
export const MAX_LISTED_PROBLEMS = 2000;

/** Collects problems and remembers which rows have errors, so writers can skip exactly those. */
export class ProblemLog {
  readonly listed: ImportProblem[] = [];
  errorCount = 0;
  warningCount = 0;
  /** An error about a whole file (unreadable, a required column missing): nothing can be imported. */
  fileErrors = 0;
  private readonly badRows = new Set<string>();
  /** Rows whose fields could not be lined up with the header: one problem says so, and nothing more is said about them. */
  private readonly unreadableRows = new Set<string>();

  add(problem: ImportProblem): void {
    if (problem.row !== null && this.unreadableRows.size > 0 && this.unreadableRows.has(`${problem.file}\u0000${problem.row}`)) return;
    if (problem.severity === 'error') {
      this.errorCount++;
      if (problem.row === null) this.fileErrors++;
      else this.badRows.add(`${problem.file}\u0000${problem.row}`);
    } else {
      this.warningCount++;
    }
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  error(file: string, row: number | null, column: string | null, problem: string): void {
    this.add({ file, row, column, problem, severity: 'error' });
  }

  warning(file: string, row: number | null, column: string | null, problem: string): void {
    this.add({ file, row, column, problem, severity: 'warning' });
  }

  /**
   * An error for a row whose values cannot be matched to their columns (a field too many or too
   * few). Problems found later in its misplaced values would only mislead, so they are not listed.
   */
  unreadableRow(file: string, row: number, problem: string): void {
    this.error(file, row, null, problem);
    this.unreadableRows.add(`${file}\u0000${row}`);
  }

  rowHasErrors(file: string, row: number): boolean {
    return this.badRows.size > 0 && this.badRows.has(`${file}\u0000${row}`);
  }

  get badRowCount(): number {
    return this.badRows.size;
  }

  get problemCount(): number {
    return this.errorCount + this.warningCount;
  }
}

/** How many records of one kind an import created, changed or found already up to date. */
export interface RecordChanges {
  record: string;
  created: number;
  updated: number;
  unchanged: number;
}

export type FileFormat = 'csv' | 'xlsx' | 'xml';

export interface ImportedFile {
  fileName: string;
  format: FileFormat;
  /** What the file was recognised as, e.g. "SSDA903 episodes". */
  content: string;
  rows: number;
}

export type ImportKind = 'ssda903' | 'ofsted' | 'vacancies' | 'fosterHouseholds' | 'councils';

/** What an import (or its dry run) did, for the caller and the screen. */
export interface ImportOutcome {
  kind: ImportKind;
  /** True only when rows were written and committed (never for a dry run). */
  imported: boolean;
  dryRun: boolean;
  files: ImportedFile[];
  rowsRead: number;
  /** Rows written (or, in a dry run, that would be). */
  rowsImported: number;
  /** Rows left out because they had errors ("skip bad rows"), or all rows when the import stopped. */
  rowsSkipped: number;
  changes: RecordChanges[];
  problems: ImportProblem[];
  problemCount: number;
  errorCount: number;
  warningCount: number;
  /** One sentence for the screen and the log. */
  summary: string;
}

/** Counts per record kind, in the order first touched. */
export class ChangeCounter {
  private readonly counts = new Map<string, RecordChanges>();

  private entry(record: string): RecordChanges {
    let e = this.counts.get(record);
    if (!e) {
      e = { record, created: 0, updated: 0, unchanged: 0 };
      this.counts.set(record, e);
    }
    return e;
  }

  created(record: string, n = 1): void {
    this.entry(record).created += n;
  }

  updated(record: string, n = 1): void {
    this.entry(record).updated += n;
  }

  unchanged(record: string, n = 1): void {
    this.entry(record).unchanged += n;
  }

  list(): RecordChanges[] {
    return [...this.counts.values()];
  }
}
