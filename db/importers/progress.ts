/** Where a long import has got to, for a progress bar. */
export type ImportPhase = 'reading' | 'checking' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export type ProgressCallback = (progress: ImportProgress) => void;

/** Reports about fifty times per phase (and at its end), never once per row. */
export class ProgressTicker {
  private done = 0;
  private nextReport: number;
  private readonly step: number;

  constructor(
    private readonly callback: ProgressCallback | undefined,
    private readonly phase: ImportPhase,
    private readonly total: number,
  ) {
    this.step = Math.max(500, Math.ceil(total / 50));
    this.nextReport = this.step;
    callback?.({ phase, done: 0, total });
  }

  tick(n = 1): void {
    this.done += n;
    if (this.callback && this.done >= this.nextReport && this.done < this.total) {
      this.nextReport = this.done + this.step;
      this.callback({ phase: this.phase, done: this.done, total: this.total });
    }
  }

  finish(): void {
    this.callback?.({ phase: this.phase, done: this.total, total: this.total });
  }
}
