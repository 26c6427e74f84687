import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeText, type ImportFile } from './files';
import type { ProblemLog } from './report';
import { XML_EPISODE_ELEMENTS, XML_HEADER_VALUES, XML_MISSING_ELEMENTS, XML_OTHER_GROUPS, type FileKind, type RawRow } from './ssda903-layout';

/**
 * The SSDA903 return's XML form into the same rows as its CSV files. One CHILD element is one
 * row: its HEADER, EPISODEs and AMISSINGs are named by element path (EPISODE[2]/PL), and an
 * element the form does not have, or a value given twice, is an error naming it, never skipped.
 */

const XML_LISTS = new Set(['CHILD', 'EPISODE', 'AMISSING', 'AREVIEW']);

type XmlNode = Record<string, unknown>;

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function xmlList(node: XmlNode | undefined, tag: string): XmlNode[] {
  const v = node?.[tag];
  return Array.isArray(v) ? v.filter(isNode) : [];
}

/**
 * The single values of an element, checked: names outside `allowed` and values given twice go
 * into the log under the element's path. Groups (elements with elements inside) are left to the
 * caller, except that one in `allowed` is an error (a value was expected there).
 */
function valuesOf(
  node: XmlNode,
  path: string,
  allowed: ReadonlySet<string> | ReadonlyMap<string, string>,
  groups: ReadonlySet<string>,
  report: (column: string, problem: string) => void,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag, v] of Object.entries(node)) {
    if (groups.has(tag)) continue;
    if (!allowed.has(tag)) {
      report(`${path}/${tag}`, `${path} has an element ${tag}, which the SSDA903 XML form does not have there. Is it misspelt? Nothing was read from it.`);
      continue;
    }
    if (Array.isArray(v)) {
      report(`${path}/${tag}`, `${tag} appears ${v.length} times in ${path}; it holds one value.`);
      continue;
    }
    if (isNode(v)) {
      report(`${path}/${tag}`, `${tag} in ${path} holds elements, not a value.`);
      continue;
    }
    out[tag] = v === undefined || v === null ? '' : String(v).trim();
  }
  return out;
}

const NO_GROUPS: ReadonlySet<string> = new Set();
const HEADER_GROUPS: ReadonlySet<string> = new Set(['AMISSING', ...XML_OTHER_GROUPS]);
const CHILD_ELEMENTS: ReadonlySet<string> = new Set(['HEADER', 'EPISODE', 'AMISSING', ...XML_OTHER_GROUPS]);

/** Reads the XML form into `rows`; returns the number of CHILD elements (its rows). */
export function readSsda903Xml(file: ImportFile, log: ProblemLog, rows: Record<FileKind, RawRow[]>): number {
  const text = decodeText(file.bytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    log.error(file.fileName, null, null, `The XML is not well-formed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
    return 0;
  }
  // Values stay text (no number parsing: '01' stays '01'); entities are not expanded.
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: false,
    isArray: (name) => XML_LISTS.has(name),
  });
  const doc = parser.parse(text) as XmlNode;
  const root = doc['EXPSSDA903'];
  if (!isNode(root)) {
    log.error(file.fileName, null, null, 'This XML file is not an SSDA903 return: its root element is not EXPSSDA903.');
    return 0;
  }
  const children = xmlList(root, 'CHILD');
  const fileName = file.fileName;
  children.forEach((child, i) => {
    const n = i + 1;
    const report = (column: string, problem: string) => log.error(fileName, n, column, problem);
    for (const tag of Object.keys(child)) {
      if (!CHILD_ELEMENTS.has(tag))
        report(tag, `A CHILD element holds ${tag}, which the SSDA903 XML form does not have there. Is it misspelt? Nothing was read from it.`);
    }
    const headerNode = child['HEADER'];
    if (Array.isArray(headerNode)) report('HEADER', `This CHILD has ${headerNode.length} HEADER elements; it has one.`);
    const header = isNode(headerNode) ? headerNode : {};
    const h = valuesOf(header, 'HEADER', XML_HEADER_VALUES, HEADER_GROUPS, report);
    const id = h['CHILDID'] ?? '';
    // The child's identifier and date of birth are the HEADER's, whichever record a row is.
    const at = (prefix: string) => (column: string) =>
      column === 'CHILD' ? 'HEADER/CHILDID' : column === 'DOB' ? 'HEADER/DOB' : `${prefix}/${column === 'PLACE' ? 'PL' : column}`;
    const headerValues: Record<string, string> = {
      CHILD: id,
      SEX: h['SEX'] ?? '',
      DOB: h['DOB'] ?? '',
      ETHNIC: h['ETHNIC'] ?? '',
      UPN: h['UPN'] ?? '',
      MOTHER: h['MOTHER'] ?? '',
      MC_DOB: h['MC_DOB'] ?? '',
    };
    rows.header.push({ file: fileName, row: n, values: headerValues, label: at('HEADER') });
    const uasc = h['UASC'] ?? '';
    if (uasc === '1') {
      rows.uasc.push({
        file: fileName,
        row: n,
        values: { CHILD: id, SEX: headerValues.SEX!, DOB: headerValues.DOB!, DUC: h['DUC'] ?? '' },
        label: at('HEADER'),
      });
    } else if (uasc !== '' && uasc !== '0') {
      report('HEADER/UASC', `'${uasc}' is not a UASC flag (1 for an unaccompanied asylum-seeking child, otherwise empty)`);
    }
    const missing = [
      ...xmlList(header, 'AMISSING').map((m, j) => [`HEADER/AMISSING[${j + 1}]`, m] as const),
      ...xmlList(child, 'AMISSING').map((m, j) => [`AMISSING[${j + 1}]`, m] as const),
    ];
    missing.forEach(([path, m]) => {
      const v = valuesOf(m, path, XML_MISSING_ELEMENTS, NO_GROUPS, report);
      rows.missing.push({
        file: fileName,
        row: n,
        values: { CHILD: id, DOB: headerValues.DOB!, MISSING: v['MISSING'] ?? '', MIS_START: v['MIS_START'] ?? '', MIS_END: v['MIS_END'] ?? '' },
        label: at(path),
      });
    });
    xmlList(child, 'EPISODE').forEach((e, j) => {
      const path = `EPISODE[${j + 1}]`;
      const v = valuesOf(e, path, XML_EPISODE_ELEMENTS, NO_GROUPS, report);
      const values: Record<string, string> = { CHILD: id };
      for (const [tag, column] of XML_EPISODE_ELEMENTS) values[column] = v[tag] ?? '';
      rows.episodes.push({ file: fileName, row: n, values, label: at(path) });
    });
  });
  return children.length;
}
