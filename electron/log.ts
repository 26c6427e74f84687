import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import winston from 'winston';
import { LOG_FOLDER } from './paths';

/**
 * The log a council's IT reads: method names, outcomes, timings, error codes and record ids only.
 * Never a child's name, date of birth or any field value: callers pass facts, not payloads.
 */
export interface AppLog {
  readonly file: string | null;
  info(message: string, facts?: Record<string, string | number | boolean | null>): void;
  warn(message: string, facts?: Record<string, string | number | boolean | null>): void;
  error(message: string, facts?: Record<string, string | number | boolean | null>): void;
  /** The last lines of the current file, oldest first. */
  tail(lines: number): string[];
  close(): Promise<void>;
}

export const LOG_FILE_NAME = 'rcc-placements.log';
/** Five files of 2 MB: weeks of ordinary use, and small enough to email to a support desk. */
const MAX_BYTES = 2 * 1024 * 1024;
const MAX_FILES = 5;

export function openAppLog(dataDir: string): AppLog {
  const folder = join(dataDir, LOG_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, LOG_FILE_NAME);
  const transport = new winston.transports.File({
    filename: file,
    maxsize: MAX_BYTES,
    maxFiles: MAX_FILES,
    // The newest lines are always in rcc-placements.log; older ones move to rcc-placements1.log and on.
    tailable: true,
    json: false,
    timestamp: () => new Date().toISOString(),
  });
  const logger = new winston.Logger({ level: 'info', transports: [transport] });
  return {
    file,
    info: (message, facts) => void logger.info(message, facts ?? {}),
    warn: (message, facts) => void logger.warn(message, facts ?? {}),
    error: (message, facts) => void logger.error(message, facts ?? {}),
    tail: (lines) => tailOf(file, lines),
    close: () =>
      new Promise<void>((resolve) => {
        // Winston 2 has no flush promise; closing after the stream drains keeps the last lines.
        transport.once('closed', () => resolve());
        setTimeout(resolve, 500).unref();
        logger.close();
      }),
  };
}

/** For tests and hosts that keep no file. */
export const noLog: AppLog = {
  file: null,
  info: () => {},
  warn: () => {},
  error: () => {},
  tail: () => [],
  close: async () => {},
};

/** The last lines of a log file, oldest first (the backend thread reads the file the host writes). */
export function tailOf(file: string, lines: number): string[] {
  if (!existsSync(file)) return [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const all = buffer
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    return all.slice(-lines);
  } finally {
    closeSync(fd);
  }
}
