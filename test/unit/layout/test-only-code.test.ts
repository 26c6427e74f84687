import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { THREAD_ENTRIES } from '../../../electron/threads';

/**
 * Code the app never runs belongs under test/: a generator or helper that only tests and benchmarks
 * use must not sit among the sources that ship. Every source file must be reached from one of the
 * app's entry points, or hold nothing at run time (type declarations only).
 */
const ENTRIES = [
  'electron/main.ts',
  'electron/server.ts',
  'electron/preload.ts',
  'renderer/main.tsx',
  ...Object.values(THREAD_ENTRIES).map((t) => `electron/${t.source}`),
];

describe('test-only code lives under test/', () => {
  it('every source file outside test/ is reached from an app entry point or holds only types', async () => {
    const result = await build({
      entryPoints: ENTRIES,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      packages: 'external',
      jsx: 'automatic',
      outdir: 'unused',
      logLevel: 'silent',
      loader: { '.png': 'empty', '.svg': 'empty', '.woff2': 'empty', '.css': 'empty' },
    });
    const reached = new Set(Object.keys(result.metafile.inputs));
    const sources = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'electron', 'db', 'shared', 'renderer'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
    const strays: string[] = [];
    for (const file of sources) {
      if (reached.has(file)) continue;
      const js = (await transform(readFileSync(file, 'utf8'), { loader: file.endsWith('x') ? 'tsx' : 'ts' })).code;
      // What is left of a types-only module: nothing, or empty import/export lines.
      const runtime = js.split('\n').filter((line) => line.trim() !== '' && !/^(import|export)\s.*;$/.test(line.trim()) && !line.trim().startsWith('//'));
      if (runtime.length > 0) strays.push(file);
    }
    expect(strays, 'not reached from any entry point: move under test/ or delete').toEqual([]);
  }, 60_000);
});
