import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Workbooks written byte by byte, for what exceljs cannot write: formulas saved without their
 * results, and "zip bombs" (a small file whose parts unpack to gigabytes, or declare less than they
 * unpack to). The zip layout (local headers, central directory, end record) is APPNOTE's.
 */
export interface ZipPart {
  name: string;
  /** The part's bytes as stored: deflated (method 8) unless stored is set. */
  packed: Uint8Array;
  /** What the headers declare the part unpacks to (a bomb may lie). */
  declaredSize: number;
  crc: number;
  stored?: boolean;
}

const u16 = (n: number) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export function zipOf(parts: ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.stored ? 0 : 8;
    // version 2.0, no flags, method, time 00:00, date 1980-01-01
    const common = [u16(20), u16(0), u16(method), u16(0), u16(0x21), u32(p.crc), u32(p.packed.length), u32(p.declaredSize), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...common, name]);
    chunks.push(local, Buffer.from(p.packed));
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    offset += local.length + p.packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(directory.length), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}

/** An honest part: deflated, with its real size and checksum. */
export function part(name: string, text: string): ZipPart {
  const bytes = Buffer.from(text, 'utf8');
  return { name, packed: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
}

const cellXml = (ref: string, v: BuiltCell) =>
  typeof v === 'number'
    ? `<c r="${ref}"><v>${v}</v></c>`
    : typeof v === 'string'
      ? `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`
      : `<c r="${ref}"><f>${v.formula}</f></c>`;

const letters = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letters(Math.floor(i / 26) - 1) + letters(i % 26));

export type BuiltCell = string | number | { formula: string };

/** A worksheet's XML: row r holds rows[r-1] (null for an empty row); a { formula } cell has no cached value (no <v>). */
export function sheetXml(rows: (BuiltCell[] | null)[], padding = ''): string {
  const body = rows
    .map((cells, r) => (cells === null ? '' : `<row r="${r + 1}">${cells.map((v, c) => cellXml(`${letters(c)}${r + 1}`, v)).join('')}</row>`))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${padding}</worksheet>`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The parts every workbook has, around its worksheet parts (xl/worksheets/sheetN.xml, in order). */
export function workbookParts(sheets: { name: string; part: ZipPart }[]): ZipPart[] {
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const entries = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  return [
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${entries}</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    ...sheets.map((s) => s.part),
  ];
}

/** A workbook of these sheets, every part honest. */
export function workbookOf(sheets: { name: string; rows: (BuiltCell[] | null)[] }[]): Uint8Array {
  return zipOf(workbookParts(sheets.map((s, i) => ({ name: s.name, part: part(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows)) }))));
}

/**
 * A worksheet part that unpacks to `mebibytes` MiB: a small sheet followed by spaces (XML allows
 * them between elements). The deflate stream repeats one sync-flushed, non-final piece that packs
 * 1 MiB of spaces into about a kilobyte, so a 2 GiB part takes about 2 MB and no time to build.
 * Its checksum is left 0: the checks must refuse it long before anything could verify it.
 */
export function bombSheet(mebibytes: number, declaredSize: number): ZipPart {
  const head = Buffer.from(
    sheetXml([
      ['URN', 'Provider type'],
      ['SC000001', "Children's home"],
    ]).replace('</worksheet>', ''),
  );
  const piece = (bytes: Buffer) => deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  const spaces = piece(Buffer.alloc(1024 * 1024, 0x20));
  const packed = Buffer.concat([piece(head), ...Array.from({ length: mebibytes }, () => spaces), deflateRawSync(Buffer.from('</worksheet>'))]);
  return { name: 'xl/worksheets/sheet1.xml', packed, declaredSize, crc: 0 };
}
