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
  // One line per event, as IT reads it: "<ISO time> - <level>: <message> key=value, key=value".
  const line = winston.format.printf((info) => {
    const { level, message, timestamp, ...facts } = info as { level: string; message: string; timestamp: string } & Record<string, unknown>;
    const pairs = Object.entries(facts).map(([k, v]) => `${k}=${String(v)}`);
    return `${timestamp} - ${level}: ${message}${pairs.length > 0 ? ` ${pairs.join(', ')}` : ''}`;
  });
  const transport = new winston.transports.File({
    filename: file,
    maxsize: MAX_BYTES,
    maxFiles: MAX_FILES,
    // The newest lines are always in rcc-placements.log; older ones move to rcc-placements1.log and on.
    tailable: true,
  });
  const logger = winston.createLogger({ level: 'info', format: winston.format.combine(winston.format.timestamp(), line), transports: [transport] });
  return {
    file,
    info: (message, facts) => void logger.info(message, facts ?? {}),
    warn: (message, facts) => void logger.warn(message, facts ?? {}),
    error: (message, facts) => void logger.error(message, facts ?? {}),
    tail: (lines) => tailOf(file, lines),
    close: () =>
      new Promise<void>((resolve) => {
        // Ending the logger flushes the file transport; 'finish' says the last lines are written.
        logger.once('finish', () => resolve());
        setTimeout(resolve, 1000).unref();
        logger.end();
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
