import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsv, scanCsv } from '../../../db/importers/csv';
import { decodeText, readTables } from '../../../db/importers/files';
import { ProblemLog } from '../../../db/importers/report';

/** Text with every character Node's own windows-1252 decoder gets wrong (0x80-0x9F), and £. */
const AWKWARD = 'St Mary’s House – “Eccles” — fee £1,250 … €';

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};

describe('decoding what spreadsheet programs save', () => {
  it('Windows-1252: curly quotes, dashes, ellipsis, euro and pound all come back', () => {
    const bytes = iconv.encode(AWKWARD, 'windows-1252');
    expect(bytes.length).toBe(AWKWARD.length);
    expect(bytes.includes(0x92) && bytes.includes(0x96) && bytes.includes(0xa3)).toBe(true);
    expect(decodeText(bytes)).toBe(AWKWARD);
    // What Node's TextDecoder makes of the same bytes: the reason decodeText does not use it.
    expect(new TextDecoder('windows-1252').decode(bytes)).not.toBe(AWKWARD);
  });

  it('UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(AWKWARD)]))).toBe(AWKWARD);
    expect(decodeText(Buffer.from(AWKWARD))).toBe(AWKWARD);
  });

  it('UTF-16 little- and big-endian, with a BOM and without one', () => {
    const text = `URN\tProvider name\r\nSC100001\t${AWKWARD}\r\n`;
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf16le'))).toBe(text);
    expect(decodeText(utf16be(text))).toBe(text);
  });

  it('a UTF-16 "Unicode text" file (tab-separated, as Excel saves it) reads as a table', () => {
    const text = `URN\tProvider name\r\nSC100001\t${AWKWARD}\r\n`;
    const log = new ProblemLog();
    const read = readTables({ fileName: 'list.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) }, log, {
      accept: ['csv'],
    });
    expect(log.listed).toEqual([]);
    expect(read!.tables[0]!.rows[0]!.cells).toEqual(['SC100001', AWKWARD]);
  });
});

describe('every CSV row has as many fields as the header', () => {
  it('a row cut short or with a stray comma is named with both counts', () => {
    const { table, problems } = readCsv('URN,Name,Places\r\nSC1,Elm,4\r\nSC2,Ash\r\nSC3,Oak, Lodge,3\r\n\r\nSC4,Yew,2\r\n', 'list.csv');
    expect(table!.rows.map((r) => r.row)).toEqual([2, 3, 4, 6]);
    expect(problems).toEqual([
      { row: 3, problem: expect.stringMatching(/^This row has 2 fields but the header \(row 1\) has 3.*cut short/) },
      { row: 4, problem: expect.stringMatching(/^This row has 4 fields but the header \(row 1\) has 3.*comma that is not inside quotes/) },
    ]);
  });

  it('a trailing comma on every line is fine when the header has one too, and an error when it does not', () => {
    expect(readCsv('URN,Name,\r\nSC1,Elm,\r\nSC2,Ash,\r\n', 'a.csv').problems).toEqual([]);
    const { problems } = readCsv('URN,Name\r\nSC1,Elm,\r\nSC2,Ash,\r\n', 'b.csv');
    expect(problems.map((p) => p.row)).toEqual([2, 3]);
    expect(problems[0]!.problem).toMatch(/has 3 fields but the header \(row 1\) has 2/);
  });

  it('the header below title lines is the one counted against', () => {
    const { problems } = readCsv('Providers at 31 March 2025\r\n\r\nURN,Name,Places\r\nSC1,Elm,4\r\nSC2,Elm,4,\r\n', 'c.csv', {
      isHeader: (cells) => cells.includes('URN'),
    });
    expect(problems).toEqual([{ row: 5, problem: expect.stringMatching(/has 4 fields but the header \(row 3\) has 3/) }]);
  });

  it('streamed files (SSDA903) are checked the same way', () => {
    const { scan } = scanCsv('CHILD,SEX,DOB\r\n1,1,01/01/2015\r\n2,2\r\n3,1,02/02/2016\r\n', 'header.csv');
    const rows: number[] = [];
    const problems = scan!.eachRow((r) => rows.push(r.row));
    expect(rows).toEqual([2, 3, 4]);
    expect(problems).toEqual([{ row: 3, problem: expect.stringMatching(/has 2 fields but the header \(row 1\) has 3/) }]);
  });

  it('in an import, the misaligned row gets that one error and no others from its shifted values', () => {
    const log = new ProblemLog();
    readTables({ fileName: 'list.csv', bytes: Buffer.from('URN,Name,Places\r\nSC1,Elm,4\r\nSC2,Oak, Lodge,3\r\n') }, log, { accept: ['csv'] });
    log.error('list.csv', 3, 'Places', "' Lodge' is not a whole number");
    log.error('list.csv', 2, 'Name', 'an error on another row still counts');
    expect(log.listed.map((p) => p.row)).toEqual([3, 2]);
    expect(log.listed[0]!.problem).toMatch(/has 4 fields/);
    expect(log.errorCount).toBe(2);
    expect(log.rowHasErrors('list.csv', 3)).toBe(true);
  });
});
