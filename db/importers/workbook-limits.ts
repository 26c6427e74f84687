import { inflateRawSync } from 'node:zlib';
import { Unzip, unzipSync, type UnzipDecoder, type UnzipFile } from 'fflate';

/**
 * Limits an .xlsx workbook must keep before exceljs is given it. exceljs unpacks and parses a
 * whole workbook in memory, so a small upload that unpacks to gigabytes (a "zip bomb") or holds
 * millions of rows would take the backend's memory and time. The lists this app imports are a few
 * thousand rows; the limits leave ample room for those and refuse the rest in milliseconds.
 */
export const WORKBOOK_LIMITS = {
  /** Every part of the workbook together, unpacked. */
  unpackedBytes: 100 * 1024 * 1024,
  /** Rows in all worksheets together. */
  rows: 100_000,
  /** Parts (files inside the zip): a workbook has a few dozen. */
  entries: 5_000,
} as const;

/** The workbook breaks a limit, or is not a zip the app can unpack; the message is for the user as it stands. */
export class WorkbookRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookRefused';
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;
const TOO_BIG = `This workbook unpacks to more than ${mb(WORKBOOK_LIMITS.unpackedBytes)}, far more than a provider list or template needs. It may be damaged or built to overload the app; it was not opened. Save the sheet you need as a new workbook or as CSV and import that.`;

interface Declared {
  originalSize: number;
  compression: number;
}

/** The sizes the zip's central directory declares for each part, without unpacking anything. */
function centralDirectory(bytes: Uint8Array): Map<string, Declared> {
  const parts = new Map<string, Declared>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter(file) {
        if (parts.has(file.name))
          throw new WorkbookRefused(
            `The workbook holds the part ${file.name} twice, so it is damaged or was not made by a spreadsheet program; it was not opened.`,
          );
        parts.set(file.name, { originalSize: file.originalSize, compression: file.compression });
        total += file.originalSize;
        if (parts.size > WORKBOOK_LIMITS.entries)
          throw new WorkbookRefused(
            `The workbook holds more than ${WORKBOOK_LIMITS.entries.toLocaleString('en-GB')} parts, far more than a spreadsheet has; it was not opened.`,
          );
        if (total > WORKBOOK_LIMITS.unpackedBytes) throw new WorkbookRefused(TOO_BIG);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof WorkbookRefused) throw error;
    throw new WorkbookRefused(
      'This file is not a readable Excel workbook (its zip structure is damaged). Open it in Excel and save it again, or save it as CSV.',
    );
  }
  return parts;
}

/** Opening row tags: "<row" or "<prefix:row", then a space, ">" or "/"; not </row>, rowBreaks or text. */
function countRowTags(xml: Buffer): number {
  let n = 0;
  for (let at = xml.indexOf(ROW, 1); at >= 0; at = xml.indexOf(ROW, at + 1)) {
    const after = xml[at + 3];
    if (!(after === 0x20 || after === 0x3e || after === 0x2f || after === 0x0a || after === 0x0d || after === 0x09)) continue;
    let lt = at - 1;
    if (xml[lt] === 0x3a) {
      // Back over the namespace prefix to its "<".
      lt--;
      while (lt >= 0 && at - lt < 40 && isNameByte(xml[lt]!)) lt--;
    }
    if (lt >= 0 && xml[lt] === 0x3c && xml[lt + 1] !== 0x2f) n++;
  }
  return n;
}

const ROW = Buffer.from('row');

function isNameByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x2d || b === 0x2e;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Refuses (WorkbookRefused) a workbook that would unpack past the limits. First the sizes its
 * central directory declares are added up; then each part is really unpacked, by zlib with a hard
 * bound on its output (what the part declared, and what is left of the total), because declared
 * sizes can lie: a part that unpacks past its bound stops there. fflate walks the zip's structure;
 * the unpacked bytes are counted (and worksheet rows with them), then dropped.
 */
export function checkWorkbookLimits(bytes: Uint8Array): { unpackedBytes: number; rows: number } {
  const declared = centralDirectory(bytes);
  let unpacked = 0;
  let rows = 0;
  // Set from inside the unzip callbacks; an object so the checks after them see it.
  const state: { refusal: WorkbookRefused | null } = { refusal: null };
  const refuse = (refusal: WorkbookRefused) => {
    state.refusal ??= refusal;
  };

  /** Gathers one part's packed bytes, then inflates them at once with zlib, bounded. */
  class BoundedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: UnzipDecoder['ondata'] = () => undefined;
    private readonly packed: Uint8Array[] = [];
    constructor(private readonly name: string) {}

    push(chunk: Uint8Array, final: boolean): void {
      if (chunk.length > 0) this.packed.push(chunk.slice());
      if (!final || state.refusal) return;
      const entry = declared.get(this.name)!;
      const bound = Math.min(entry.originalSize, WORKBOOK_LIMITS.unpackedBytes - unpacked);
      try {
        this.ondata(null, inflateRawSync(Buffer.concat(this.packed), { maxOutputLength: Math.max(1, bound) }), true);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') {
          refuse(new WorkbookRefused(`The workbook's part ${this.name} could not be unpacked (${(error as Error).message}); the file is damaged.`));
        } else if (bound < entry.originalSize) {
          refuse(new WorkbookRefused(TOO_BIG));
        } else {
          refuse(
            new WorkbookRefused(
              `The workbook's part ${this.name} unpacks to more than the ${entry.originalSize.toLocaleString('en-GB')} bytes it declares, so the file is damaged or built to overload the app; it was not opened.`,
            ),
          );
        }
      }
    }
  }

  const unzip = new Unzip((file: UnzipFile) => {
    const entry = declared.get(file.name);
    if (!entry) {
      refuse(
        new WorkbookRefused('The workbook holds a part its index does not list, so it is damaged or was not made by a spreadsheet program; it was not opened.'),
      );
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      refuse(
        new WorkbookRefused(
          `The workbook's part ${file.name} is packed in a way Excel does not use (method ${file.compression}); it was not opened. Save it again from Excel.`,
        ),
      );
      return;
    }
    const isSheet = WORKSHEET.test(file.name);
    let partBytes = 0;
    file.ondata = (error, chunk) => {
      if (state.refusal) return;
      if (error) {
        refuse(new WorkbookRefused(`The workbook's part ${file.name} could not be unpacked (${error.message}); the file is damaged.`));
        return;
      }
      partBytes += chunk.length;
      unpacked += chunk.length;
      if (partBytes > entry.originalSize) {
        refuse(
          new WorkbookRefused(
            `The workbook's part ${file.name} holds more than the ${entry.originalSize.toLocaleString('en-GB')} bytes it declares, so the file is damaged; it was not opened.`,
          ),
        );
      } else if (unpacked > WORKBOOK_LIMITS.unpackedBytes) {
        refuse(new WorkbookRefused(TOO_BIG));
      } else if (isSheet) {
        rows += countRowTags(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
        if (rows > WORKBOOK_LIMITS.rows) {
          refuse(
            new WorkbookRefused(
              `The workbook has more than ${WORKBOOK_LIMITS.rows.toLocaleString('en-GB')} rows, far more than a provider list or template; it was not opened. Save the sheet you need on its own, or as CSV, and import that.`,
            ),
          );
        }
      }
    };
    file.start();
  });
  unzip.register(BoundedInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    refuse(
      new WorkbookRefused(`This file is not a readable Excel workbook (${(error as Error).message}). Open it in Excel and save it again, or save it as CSV.`),
    );
  }
  if (state.refusal) throw state.refusal;
  return { unpackedBytes: unpacked, rows };
}
