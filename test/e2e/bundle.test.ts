/**
 * The built bundles carry everything they load at run time. Sources that pass every other suite can
 * still fail once bundled (a package's loader that finds its files through import.meta, a file left
 * in node_modules), so these tests look at dist/ itself and use the built server over HTTP, with no
 * browser: they run wherever Node does.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_FILES, RUNTIME_PACKAGES, THREAD_BUNDLES } from '../../build/runtime-files.mjs';
import type { MethodOutput } from '../../shared/contract';
import { ensureBuilt, ROOT, SERVER_BUNDLE, startServer, type ApiClient, type AppServer } from './harness';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

const BUNDLES = ['main.cjs', 'server.cjs', 'preload.cjs', 'backend-thread.cjs', ...THREAD_BUNDLES.map((b) => b.name)].map((name) =>
  join(ROOT, 'dist', 'electron', name),
);
const PLAN_LIMIT_MS = 60_000;

/** Whether electron-builder.yml's `files` patterns (later ones win, `!` excludes) put this path in the package. */
function packaged(path: string): boolean {
  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { files?: string[] };
  let included = false;
  for (const pattern of config.files ?? []) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(path, pattern.slice(1))) included = false;
    } else if (matchesGlob(path, pattern)) included = true;
  }
  return included;
}

describe('the main-process bundles in dist/', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('never leave import.meta empty (a package would lose the way to its own files)', () => {
    for (const bundle of BUNDLES) {
      const emptied = readFileSync(bundle, 'utf8').match(/\bimport_meta\d*\s*=\s*\{\s*\}/g) ?? [];
      expect(emptied, `${bundle} has an empty stand-in for import.meta`).toEqual([]);
    }
  });

  it('have every file they read at run time beside them, and electron-builder packages it', () => {
    expect(RUNTIME_FILES.map((f) => f.name)).toContain('highs.wasm');
    for (const file of RUNTIME_FILES) {
      const copy = join(ROOT, 'dist', 'electron', file.name);
      expect(existsSync(copy), `${file.why}: dist/electron/${file.name} is missing`).toBe(true);
      expect(statSync(copy).size, `dist/electron/${file.name} differs from ${file.from}`).toBe(statSync(file.from).size);
      expect(packaged(`dist/electron/${file.name}`), `electron-builder.yml's files leave out dist/electron/${file.name}`).toBe(true);
    }
  });

  it('include the backend thread, which both hosts start from beside their own bundle, and electron-builder packages it', () => {
    expect(existsSync(join(ROOT, 'dist', 'electron', 'backend-thread.cjs'))).toBe(true);
    expect(packaged('dist/electron/backend-thread.cjs')).toBe(true);
  });

  it('include each thread bundle the hosts start, and electron-builder packages it', () => {
    for (const bundle of THREAD_BUNDLES) {
      expect(existsSync(join(ROOT, 'dist', 'electron', bundle.name)), `${bundle.why}: dist/electron/${bundle.name} is missing`).toBe(true);
      expect(packaged(`dist/electron/${bundle.name}`), `electron-builder.yml's files leave out dist/electron/${bundle.name}`).toBe(true);
    }
  });

  it('find each package they load from node_modules, and each is a production dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const fromBundle = createRequire(SERVER_BUNDLE);
    for (const [name, why] of Object.entries(RUNTIME_PACKAGES)) {
      expect(pkg.dependencies[name], `${name} (${why}) must be in dependencies, or electron-builder will not ship it`).toBeDefined();
      expect(() => fromBundle.resolve(name), `${name} cannot be found from dist/electron`).not.toThrow();
    }
  });
});

describe('starting the built loopback server', () => {
  it('refuses a bad option in plain words, and the harness shows what the server printed', async () => {
    await expect(startServer({ clock: '25/11/2026' })).rejects.toThrow(/exited \(code 1\)[\s\S]*--clock needs a date and time with its zone/);
  });
});

describe('the built loopback server over HTTP (no browser)', () => {
  let server: AppServer;
  let officer: ApiClient;
  let commissioner: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    officer = await server.connect();
    await officer.ok('auth.signIn', { username: 'demo.officer', password: 'demo-password' });
    commissioner = await server.connect();
    await commissioner.ok('auth.signIn', { username: 'demo.commissioner', password: 'demo-password' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it(
    'runs the region plan in its job thread: HiGHS loads its WebAssembly from dist/electron',
    async () => {
      const plan = await officer.call('plan.start', {});
      expect(plan.ok, `${JSON.stringify(plan).slice(0, 400)}\nThe server printed:\n${server.output()}`).toBe(true);
      const result = (plan as { ok: true; value: MethodOutput<'plan.start'> }).value;
      expect(result.optimal.childrenPlaced).toBeGreaterThan(0);
      expect(result.matches.length).toBeGreaterThan(0);
      expect(server.output()).not.toMatch(/solver \(HiGHS\) could not be loaded/);
    },
    PLAN_LIMIT_MS,
  );

  it('writes an Excel workbook: exceljs runs in its worker thread from the bundle', async () => {
    const file = await officer.ok('exports.vacancyTemplate', { format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    expect(workbook.worksheets[0]!.rowCount).toBe(file.rows + 1);
  });

  it('draws the sufficiency summary PDF: pdfkit finds its fonts', async () => {
    const pdf = await commissioner.ok('market.summaryPdf', {});
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.pages).toBeGreaterThan(1);
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/Helvetica/);
  });
});
