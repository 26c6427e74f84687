/**
 * Benchmark: generating the demo region and the ten-times `large` preset (issue 3, point 6) into a
 * fresh encrypted store, in one transaction each. Times generating in memory and writing apart,
 * plus the administrator's reset of the demo region, and saves the figures with the machine and
 * the row counts under bench-results/. It never fails because a machine was slow.
 *
 *   npm run bench -- generate        (or: node --import tsx test/bench/generate.bench.ts)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WritableDB } from '../../db/handle';
import { openStore } from '../../db/open';
import { countRegion, generateRegion, seedDemoRegion } from '../../db/seed/demo';
import type { RegionSize } from '../../db/seed/model';
import { resetDemoRegion } from '../../db/seed/reset';
import { machineInfo, medianOf, saveBenchReport, SQLITE_STORE } from './machine';

const SEED = 20251;
const TODAY = '2026-11-25';
/** The demo region is generated whenever a new demo store opens, so it must be quick. */
const DEMO_TARGET_MS = 2_000;
const RUNS: Record<RegionSize, number> = { demo: 5, large: 2 };

interface Run {
  generateMs: number;
  seedMs: number;
  cpuMs: number;
}

function freshStore(): { db: WritableDB; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rcc-bench-generate-'));
  const db = openStore({ file: join(dir, 'store.db'), key: randomBytes(32) });
  return {
    db,
    remove() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const round = (n: number) => Math.round(n);

function measure(size: RegionSize): { runs: Run[]; counts: Record<string, number>; resetMs: number | null } {
  const runs: Run[] = [];
  let counts: Record<string, number> = {};
  let resetMs: number | null = null;
  for (let i = 0; i < RUNS[size]; i++) {
    // In memory only: the generator's own cost.
    const g0 = performance.now();
    generateRegion({ seed: SEED, today: TODAY, size });
    const generateMs = performance.now() - g0;

    // What a new store pays: generate, write every row with prepared statements, one commit.
    const store = freshStore();
    const cpu0 = process.cpuUsage();
    const s0 = performance.now();
    seedDemoRegion(store.db, { seed: SEED, today: TODAY, size });
    const seedMs = performance.now() - s0;
    const cpu = process.cpuUsage(cpu0);
    runs.push({ generateMs: round(generateMs), seedMs: round(seedMs), cpuMs: round((cpu.user + cpu.system) / 1000) });
    counts = countRegion(store.db);
    if (i === 0 && size === 'demo') {
      const r0 = performance.now();
      resetDemoRegion(store.db, TODAY);
      resetMs = round(performance.now() - r0);
    }
    store.remove();
  }
  return { runs, counts, resetMs };
}

function main(): void {
  const results = (['demo', 'large'] as const).map((size) => {
    console.log(`Generating the ${size} region ${RUNS[size]} times…`);
    const { runs, counts, resetMs } = measure(size);
    return {
      size,
      runs,
      medianGenerateMs: medianOf(runs.map((r) => r.generateMs)),
      medianSeedMs: medianOf(runs.map((r) => r.seedMs)),
      medianCpuMs: medianOf(runs.map((r) => r.cpuMs)),
      resetMs,
      counts,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
    };
  });

  const demo = results.find((r) => r.size === 'demo')!;
  const report = {
    benchmark: 'generate-region',
    at: new Date().toISOString(),
    seed: SEED,
    today: TODAY,
    target: { description: 'the demo region generated and written in well under 2 s', ms: DEMO_TARGET_MS, met: demo.medianSeedMs < DEMO_TARGET_MS },
    machine: { ...machineInfo(), sqlite: SQLITE_STORE },
    results,
  };

  console.log(`\nMachine: ${report.machine.cpuModel} × ${report.machine.cpuCount}, ${report.machine.totalMemoryGb} GB, Node ${report.machine.node}`);
  console.table(
    results.map((r) => ({
      size: r.size,
      children: r.counts.children,
      homes: r.counts.homes,
      vacancies: r.counts.vacancies,
      referrals: r.counts.referrals,
      episodes: r.counts.episodes,
      'rows in all': r.rows,
      'generate ms': r.medianGenerateMs,
      'generate + write ms': r.medianSeedMs,
      'cpu ms': r.medianCpuMs,
      'reset ms': r.resetMs ?? '',
    })),
  );
  console.log(
    `Target: demo region under ${DEMO_TARGET_MS / 1000} s: ${report.target.met ? 'met' : 'NOT met'} (median ${(demo.medianSeedMs / 1000).toFixed(2)} s).`,
  );

  console.log(`Saved ${saveBenchReport(report.benchmark, report)}`);
}

main();
