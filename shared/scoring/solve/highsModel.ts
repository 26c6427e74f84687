/**
 * A thin layer over HiGHS for the plan's models: columns are added one at a time with their row
 * entries, the model is passed as compressed columns in one call (far faster than LP text for
 * thousands of columns) and always disposed, since HiGHS's WebAssembly memory is not collected.
 */
import type { Highs } from 'highs';

export class ColumnBuilder {
  readonly cost: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];

  /** Adds a column; `rows` must be distinct. */
  add(cost: number, rows: readonly number[], coefs: readonly number[]): void {
    const order = rows.map((_, i) => i).sort((a, b) => rows[a]! - rows[b]!);
    for (const i of order) {
      this.indices.push(rows[i]!);
      this.values.push(coefs[i]!);
    }
    this.cost.push(cost);
    this.starts.push(this.indices.length);
  }

  get count(): number {
    return this.cost.length;
  }
}

export interface HighsRun {
  optimal: boolean;
  timeLimited: boolean;
  status: number;
  x: Float64Array;
  rowDual: Float64Array;
}

/** Maximises over the columns subject to row activity <= rowUpper (and >= 0 columns). */
export function runHighs(
  highs: Highs,
  rowUpper: readonly number[],
  columns: ColumnBuilder,
  options: { integer: boolean; timeLimitSeconds: number; colUpper: number },
): HighsRun {
  const n = columns.count;
  const numRows = rowUpper.length;
  const model = highs.createModel({
    numCols: n,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: Float64Array.from(columns.cost),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(options.colUpper),
    rowLower: new Float64Array(numRows).fill(-highs.infinity),
    rowUpper: Float64Array.from(rowUpper),
    matrix: {
      format: 'csc',
      numRows,
      numCols: n,
      starts: Int32Array.from(columns.starts),
      indices: Int32Array.from(columns.indices),
      values: Float64Array.from(columns.values),
    },
    ...(options.integer ? { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) } : {}),
  });
  try {
    // Objective coefficients are integers, so an absolute gap under 1 proves a MIP optimal.
    model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 0, mip_abs_gap: 0.5, random_seed: 0 });
    model.run();
    const status = model.getModelStatus();
    const sol = model.getSolution();
    return {
      optimal: status === highs.constants.modelStatus.optimal,
      timeLimited: status === highs.constants.modelStatus.timeLimit,
      status,
      x: sol.colValue,
      rowDual: sol.rowDual,
    };
  } finally {
    model.dispose();
  }
}
