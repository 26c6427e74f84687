import { join } from 'node:path';
import { loadSolver } from '../shared/scoring';

/**
 * Loads the region plan's solver (HiGHS, WebAssembly) from the copy build/bundle.mjs puts beside
 * the main-process bundles, and does it at start: a missing or damaged file is then reported when
 * the app opens, not when someone first presses Run on the region plan.
 */
export function loadBundledSolver(bundleDir: string): void {
  loadSolver({ locateFile: (file) => join(bundleDir, file) }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(
      `[rcc] The region plan's solver (HiGHS) could not be loaded from ${bundleDir}: ${reason}. The region plan will not run until it can; reinstall the app.`,
    );
  });
}
