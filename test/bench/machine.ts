import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';

/** What every benchmark on an encrypted store measures against. */
export const SQLITE_STORE = 'better-sqlite3-multiple-ciphers (encrypted store, WAL, synchronous=FULL)';

/** The machine a figure was measured on; a busy shared machine explains a slow figure. */
export function machineInfo() {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpuCount: cpus().length,
    totalMemoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    release: release(),
    /** The 1, 5 and 15 minute load averages (none on Windows). */
    loadAverage: process.platform === 'win32' ? [] : loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export interface SaveOptions {
  /** Also write bench-results/<name>-latest.json, for tools that read the newest figures. */
  latest?: boolean;
}

/**
 * Saves one benchmark's report under bench-results/ and returns the file name. The machine is
 * described as the report is saved; a report may add to it (or keep a reading taken earlier, such
 * as the load average when the run started) by giving its own `machine`.
 */
export function saveBenchReport(name: string, report: object, options: SaveOptions = {}): string {
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const text = `${JSON.stringify({ benchmark: name, machine: machineInfo(), ...report }, null, 2)}\n`;
  writeFileSync(file, text);
  if (options.latest) writeFileSync(`bench-results/${name}-latest.json`, text);
  return file;
}

export function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
