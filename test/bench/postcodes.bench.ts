// Benchmark: importing a 2.7-million-row postcode file (issue 3, point 6; target under 60 s).
//
//   node --import tsx test/bench/postcodes.bench.ts            (or: npm run bench -- postcodes)
//   node --import tsx test/bench/postcodes.bench.ts --rows=500000 --keep-file
//   node --import tsx test/bench/postcodes.bench.ts --layout=codepoint --rows=1700000
//
// Writes a synthetic ONSPD in the real 53-column classic layout (quoted, CRLF, about 1.4 GB for
// 2.7 million rows, a third of them terminated, as in the real directory) to a temp folder, imports
// it into a fresh encrypted store, prints a table and saves JSON with the machine and dataset
// under bench-results/. It never fails because the machine was slow.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importPostcodeFile } from '../../db/importers/postcodes';
import { openStore } from '../../db/open';
import { resolvePostcode } from '../../db/repositories/places';
import { machineInfo, saveBenchReport } from './machine';
import { syntheticPostcodes, writeSyntheticCodePoint, writeSyntheticOnspd } from './postcodes.generate';

const TARGET_SECONDS = 60;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const rows = Number(arg('rows') ?? 2_700_000);
const layout = arg('layout') === 'codepoint' ? 'codepoint' : 'onspd';
const keepFile = process.argv.includes('--keep-file');

const dir = mkdtempSync(join(tmpdir(), 'rcc-bench-postcodes-'));
const csv = join(dir, layout === 'onspd' ? 'ONSPD_SYNTHETIC_UK.csv' : 'codepoint_synthetic_gb.csv');
const storeFile = join(dir, 'store.db');
const secs = (ms: number) => Math.round(ms / 100) / 10;

try {
  console.log(`Writing a synthetic ${layout === 'onspd' ? 'ONSPD' : 'Code-Point Open file'} of ${rows.toLocaleString('en-GB')} rows to ${csv} …`);
  let t = performance.now();
  const bytes = layout === 'onspd' ? await writeSyntheticOnspd(csv, rows) : await writeSyntheticCodePoint(csv, rows);
  const generateMs = performance.now() - t;

  const db = openStore({ file: storeFile, key: randomBytes(32) });
  // On a shared machine other work competes for the cores: the figures are only read with this beside them.
  const loadBefore = loadavg()[0]!;
  // How long any other call would have waited for the import to let go of the event loop.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  console.log(`Importing (${(bytes / 1e9).toFixed(2)} GB) into an encrypted store …`);
  loopDelay.enable();
  t = performance.now();
  const report = await importPostcodeFile(db, csv, {
    onProgress: (p) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (p.phase === 'reading') {
        process.stdout.write(`  ${p.rowsRead.toLocaleString('en-GB')} rows read, ${Math.round((100 * p.bytesRead) / p.totalBytes)}%\r`);
      }
    },
  });
  const importMs = performance.now() - t;
  const loadAfter = loadavg()[0]!;
  loopDelay.disable();
  process.stdout.write('\n');

  // Lookups once imported: the repository's single-postcode query, on postcodes that exist.
  const sample = [...syntheticPostcodes(Math.min(rows, 200_000))]
    .filter((p) => (layout === 'onspd' ? !p.terminated : !p.pcds.startsWith('BT')) && p.easting !== null)
    .slice(0, 20_000);
  t = performance.now();
  let found = 0;
  for (const p of sample) if (resolvePostcode(db, p.pcds)) found++;
  const lookupUs = ((performance.now() - t) * 1000) / Math.max(1, sample.length);
  db.close();
  const storeBytes = statSync(storeFile).size;

  const result = {
    benchmark: layout === 'onspd' ? 'postcodes-import' : 'postcodes-import-codepoint',
    when: new Date().toISOString(),
    machine: {
      ...machineInfo(),
      loadAverage1m: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadAfter * 10) / 10 },
    },
    dataset: {
      layout: layout === 'onspd' ? 'ONSPD classic (53 columns, quoted, CRLF), synthetic' : 'Code-Point Open (10 columns, no header, CRLF), synthetic',
      rows: report.rowsRead,
      fileBytes: bytes,
      terminated: report.skippedTerminated,
      withoutLocation: report.skippedNoLocation,
    },
    results: {
      imported: report.imported,
      postcodes: report.postcodes,
      badRows: report.badRows,
      importSeconds: secs(importMs),
      rowsPerSecond: Math.round(report.rowsRead / (importMs / 1000)),
      megabytesPerSecond: Math.round(bytes / 1e6 / (importMs / 1000)),
      generateSeconds: secs(generateMs),
      peakRssMb: Math.round(peakRss / 1e6),
      eventLoopMaxBlockMs: Math.round(loopDelay.max / 1e6),
      eventLoopP99BlockMs: Math.round(loopDelay.percentile(99) / 1e6),
      storeMb: Math.round(storeBytes / 1e6),
      lookupMicroseconds: Math.round(lookupUs * 10) / 10,
      lookupsFound: `${found}/${sample.length}`,
    },
    target: { importSeconds: TARGET_SECONDS, met: importMs / 1000 < TARGET_SECONDS },
  };

  console.table({
    'rows in file': report.rowsRead.toLocaleString('en-GB'),
    'file size': `${(bytes / 1e9).toFixed(2)} GB`,
    'postcodes imported': report.postcodes.toLocaleString('en-GB'),
    'terminated / no location skipped': `${report.skippedTerminated.toLocaleString('en-GB')} / ${report.skippedNoLocation.toLocaleString('en-GB')}`,
    'import time': `${secs(importMs)} s (target < ${TARGET_SECONDS} s: ${result.target.met ? 'met' : 'NOT met'})`,
    throughput: `${result.results.rowsPerSecond.toLocaleString('en-GB')} rows/s, ${result.results.megabytesPerSecond} MB/s`,
    'longest event-loop block': `${result.results.eventLoopMaxBlockMs} ms (p99 ${result.results.eventLoopP99BlockMs} ms)`,
    'peak memory (RSS)': `${result.results.peakRssMb} MB`,
    'store size': `${result.results.storeMb} MB`,
    'postcode lookup': `${result.results.lookupMicroseconds} µs`,
    machine: `${result.machine.cpuModel}, ${result.machine.cpuCount} cores, ${result.machine.totalMemoryGb} GB, Node ${result.machine.node}`,
    'load average (1 min)': `${result.machine.loadAverage1m.before} before, ${result.machine.loadAverage1m.after} after`,
  });
  if (!report.imported) console.log(report.message);

  console.log(`Saved ${saveBenchReport(result.benchmark, result)}`);
} finally {
  if (keepFile) console.log(`Kept ${csv}`);
  else rmSync(dir, { recursive: true, force: true });
}
