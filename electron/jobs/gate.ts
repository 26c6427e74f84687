/**
 * Who wins when a cancel meets a commit. Terminating a job thread rolls back a transaction it has
 * not committed, but the call thread cannot know from outside whether the thread has just
 * committed. So both sides race for one shared word: the job flips it to COMMITTING inside its
 * write transaction, just before COMMIT; a cancel flips it to CANCELLED. Whichever flips it first
 * wins, atomically: a cancelled job throws at its gate and rolls back, and a cancel that comes too
 * late is refused (the job's changes stand and the user is told so).
 */
const OPEN = 0;
const COMMITTING = 1;
const CANCELLED = 2;

export class CancelledJob extends Error {
  constructor() {
    super('The job was cancelled before it committed.');
    this.name = 'CancelledJob';
  }
}

export class CommitGate {
  private readonly word: Int32Array;

  /** The same SharedArrayBuffer on both threads (passed in workerData). */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.word = new Int32Array(buffer);
  }

  /** The job's side, inside its write transaction: throws CancelledJob when the user got there first. */
  passBeforeCommit(): void {
    const was = Atomics.compareExchange(this.word, 0, OPEN, COMMITTING);
    if (was === CANCELLED) throw new CancelledJob();
  }

  /** True while the job could still check in and stop; false once it is committing or cancelled. */
  get cancelled(): boolean {
    return Atomics.load(this.word, 0) === CANCELLED;
  }

  /** The cancel's side: true when the job can no longer commit, false when it already is committing. */
  cancel(): boolean {
    const was = Atomics.compareExchange(this.word, 0, OPEN, CANCELLED);
    return was !== COMMITTING;
  }
}
