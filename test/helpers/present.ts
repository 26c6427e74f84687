import { existsSync } from 'node:fs';

/**
 * Decides whether tests that need a tool or file outside the project (Chromium, poppler, the
 * fixtures in ../shared) run. Missing on a developer's machine, they are skipped with a warning
 * that says what to install; missing under CI=true, where .ci/run installs them, the run fails
 * instead, so a broken CI machine cannot pass by skipping the tests that would have caught it.
 */
export function skipUnlessPresent(what: string, present: boolean, why: string): boolean {
  if (present) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${what} is missing (${why}). CI=true, so this fails the run instead of skipping the tests that need it.`);
  }
  console.warn(`[tests] SKIPPED: ${what} is missing (${why}), so the tests that need it are skipped.`);
  return false;
}

/** Poppler's tools, with which the PDF tests render pages back to pixels and text (Debian: poppler-utils). */
export function popplerPresent(): boolean {
  const tools = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext'];
  return skipUnlessPresent(
    'Poppler',
    tools.every((p) => existsSync(p)),
    `${tools.join(' and ')} not found; apt-get install -y poppler-utils`,
  );
}
