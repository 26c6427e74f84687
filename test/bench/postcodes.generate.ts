import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { gridToLatLon } from '../../shared/geo/grid';

/**
 * Writes synthetic postcode directories in the real layouts, for the benchmark and the DB tests.
 * Postcodes are well-formed but invented; coordinates are plausible points on the British grid.
 */

/** The ONSPD header as published from 2023 to 2024 (53 columns, the "classic" field names). */
export const ONSPD_CLASSIC_HEADER = [
  'pcd',
  'pcd2',
  'pcds',
  'dointr',
  'doterm',
  'oscty',
  'ced',
  'oslaua',
  'osward',
  'parish',
  'usertype',
  'oseast1m',
  'osnrth1m',
  'osgrdind',
  'oshlthau',
  'nhser',
  'ctry',
  'rgn',
  'streg',
  'pcon',
  'eer',
  'teclec',
  'ttwa',
  'pct',
  'itl',
  'statsward',
  'oa01',
  'casward',
  'park',
  'lsoa01',
  'msoa01',
  'ur01ind',
  'oac01',
  'oa11',
  'lsoa11',
  'msoa11',
  'wz11',
  'sicbl',
  'bua11',
  'buasd11',
  'ru11ind',
  'oac11',
  'lat',
  'long',
  'lep1',
  'lep2',
  'pfa',
  'imd',
  'calncv',
  'icb',
  'oa21',
  'lsoa21',
  'msoa21',
] as const;

/** The ONSPD header from 2025 on (renamed fields with boundary vintages, e.g. east1m, lad25cd). */
export const ONSPD_2025_HEADER = [
  'pcd7',
  'pcd8',
  'pcds',
  'dointr',
  'doterm',
  'usrtypind',
  'east1m',
  'north1m',
  'gridind',
  'oa21cd',
  'cty25cd',
  'ced25cd',
  'lad25cd',
  'wd25cd',
  'nhser24cd',
  'ctry25cd',
  'rgn25cd',
  'pcon24cd',
  'ttwa15cd',
  'itl25cd',
  'npark16cd',
  'lsoa21cd',
  'msoa21cd',
  'wz11cd',
  'sicbl24cd',
  'bua24cd',
  'ruc21ind',
  'oac11ind',
  'lat',
  'long',
  'lep21cd1',
  'lep21cd2',
  'pfa23cd',
  'imd20ind',
  'icb23cd',
] as const;

/** One postcode as the generator means it; the writers turn it into either layout. */
export interface SyntheticPostcode {
  pcds: string;
  easting: number | null;
  northing: number | null;
  lat: number;
  lon: number;
  terminated: boolean;
  county: string;
  district: string;
  country: string;
}

const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
// Real postcode areas of Great Britain (Northern Ireland's BT is added separately).
const AREAS = (
  'AB AL B BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL ' +
  'GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH ' +
  'PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
).split(' ');

/** A small deterministic generator (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Yields `count` postcodes in directory order (area, district, sector, unit), about a third of
 * them terminated, one in two hundred without a grid reference and about 2% in Northern Ireland,
 * as in the real ONSPD.
 */
export function* syntheticPostcodes(count: number, seed = 2027): Generator<SyntheticPostcode> {
  const rand = random(seed);
  const areas = [...AREAS, 'BT'].sort();
  const perArea = Math.ceil(count / areas.length);
  let made = 0;
  for (const area of areas) {
    const ni = area === 'BT';
    const centreE = ni ? 0 : 180_000 + Math.floor(rand() * 400_000);
    const centreN = ni ? 0 : 40_000 + Math.floor(rand() * 800_000);
    const niLat = 54.3 + rand() * 0.6;
    const niLon = -7.4 + rand() * 1.6;
    const county = area.length % 2 === 0 ? `E10${pad(Math.floor(rand() * 1000), 6)}` : 'E99999999';
    const country = ni ? 'N92000002' : area === 'CF' || area === 'SA' || area === 'LL' ? 'W92000004' : 'E92000001';
    const areaPostcodes = Math.min(perArea, count - made);
    // 400 units per sector, 10 sectors per district.
    const districts = Math.max(1, Math.ceil(areaPostcodes / 4000));
    let inArea = 0;
    for (let d = 1; d <= districts && inArea < areaPostcodes; d++) {
      const districtCode = `E0${['6', '7', '8', '9'][d % 4]}${pad(d * 7 + area.charCodeAt(0), 6)}`;
      for (let sector = 0; sector <= 9 && inArea < areaPostcodes; sector++) {
        for (let u = 0; u < 400 && inArea < areaPostcodes; u++) {
          const unit = UNIT_LETTERS[Math.floor(u / 20)]! + UNIT_LETTERS[u % 20]!;
          const pcds = `${area}${d} ${sector}${unit}`;
          const noGrid = rand() < 0.005;
          let easting: number | null = null;
          let northing: number | null = null;
          let lat = 99.999999;
          let lon = 0;
          if (!noGrid) {
            if (ni) {
              lat = niLat + (rand() - 0.5) * 0.2;
              lon = niLon + (rand() - 0.5) * 0.3;
              // NI grid references in ONSPD are on the Irish Grid; any plausible numbers will do here.
              easting = 300_000 + Math.floor(rand() * 60_000);
              northing = 350_000 + Math.floor(rand() * 60_000);
            } else {
              easting = centreE + Math.floor((rand() - 0.5) * 40_000);
              northing = centreN + Math.floor((rand() - 0.5) * 40_000);
              const ll = gridToLatLon(easting, northing);
              lat = ll.lat;
              lon = ll.lon;
            }
          }
          yield {
            pcds,
            easting,
            northing,
            lat,
            lon,
            terminated: rand() < 0.33,
            county,
            district: ni ? 'N09000003' : districtCode,
            country,
          };
          inArea++;
          made++;
        }
      }
    }
  }
}

/** The 7-character form: outward code padded so the whole is 7 ('B1  1AA', 'AB1 0AA', 'AB101AA'). */
function pcd7(pcds: string): string {
  const [outward = '', inward = ''] = pcds.split(' ');
  return outward + ' '.repeat(Math.max(0, 4 - outward.length)) + inward;
}

/** The 8-character form: outward code padded to 4, a space, the inward code ('AB1  0AA'). */
function pcd8(pcds: string): string {
  const [outward = '', inward = ''] = pcds.split(' ');
  return `${outward.padEnd(4, ' ')} ${inward}`;
}

/** One row in the classic ONSPD layout: strings quoted, lat/long/imd bare, northings zero-padded. */
export function onspdClassicRow(p: SyntheticPostcode): string {
  const q = (s: string) => `"${s}"`;
  const filler = (code: string) => q(code);
  const e = p.easting === null ? '' : String(p.easting);
  const n = p.northing === null ? '' : pad(p.northing, 7);
  const lat = p.lat.toFixed(6);
  const lon = p.lon.toFixed(6);
  return [
    q(pcd7(p.pcds)),
    q(pcd8(p.pcds)),
    q(p.pcds),
    q('198001'),
    q(p.terminated ? '201506' : ''),
    q(p.county),
    filler('E58000001'),
    q(p.district),
    filler('E05000026'),
    filler('E43000191'),
    q('0'),
    q(e),
    q(n),
    q(p.easting === null ? '9' : '1'),
    filler('E18000007'),
    filler('E40000010'),
    q(p.country),
    filler('E12000002'),
    q('0'),
    filler('E14000807'),
    filler('E15000002'),
    filler('E41000003'),
    filler('E30000239'),
    filler('E16000106'),
    filler('E06000017'),
    filler('00BLFA'),
    filler('E00000001'),
    filler('00BLFA'),
    filler('E65000001'),
    filler('E01000001'),
    filler('E02000001'),
    filler('A'),
    filler('3B1'),
    filler('E00000003'),
    filler('E01000001'),
    filler('E02000001'),
    filler('E33000251'),
    filler('E38000051'),
    filler('E34004707'),
    filler('E35000546'),
    filler('A1'),
    filler('3B1'),
    lat,
    lon,
    filler('E37000023'),
    filler(''),
    filler('E23000001'),
    '28473',
    filler('E56000001'),
    filler('E54000008'),
    filler('E00166756'),
    filler('E01033583'),
    filler('E02000001'),
  ].join(',');
}

/** One row in the 2025 ONSPD layout. */
export function onspd2025Row(p: SyntheticPostcode): string {
  const q = (s: string) => `"${s}"`;
  return [
    q(pcd7(p.pcds)),
    q(pcd8(p.pcds)),
    q(p.pcds),
    q('198001'),
    q(p.terminated ? '201506' : ''),
    q('0'),
    q(p.easting === null ? '' : String(p.easting)),
    q(p.northing === null ? '' : String(p.northing)),
    q(p.easting === null ? '9' : '1'),
    q('E00139875'),
    q(p.county),
    q('E99999999'),
    q(p.district),
    q('E05016114'),
    q('E40000012'),
    q(p.country),
    q('E12000001'),
    q('E14001285'),
    q('E30000064'),
    q('E06000057'),
    q('E65000001'),
    q('E01027484'),
    q('E02005728'),
    q('E33002161'),
    q('E38000130'),
    q('E63999999'),
    q('RSN1'),
    q('1B1'),
    p.lat.toFixed(6),
    p.lon.toFixed(6),
    q('E37000025'),
    q(''),
    q('E23000007'),
    '14500',
    q('E54000050'),
  ].join(',');
}

/**
 * One row of Code-Point Open (no header in the real files): postcode, quality, eastings, northings,
 * country, NHS region, NHS area, county, district, ward. Quality 90 means "no coordinates" (0, 0).
 */
export function codePointRow(p: SyntheticPostcode): string {
  const q = (s: string) => `"${s}"`;
  const noGrid = p.easting === null;
  return [
    q(pcd7(p.pcds)),
    noGrid ? '90' : '10',
    noGrid ? '0' : String(p.easting),
    noGrid ? '0' : String(p.northing),
    q(p.country),
    q('E19000003'),
    q('E18000007'),
    q(p.county === 'E99999999' ? '' : p.county),
    q(p.district),
    q('E05000026'),
  ].join(',');
}

/** Writes rows to a file with back-pressure; resolves with the byte count. */
export async function writeLines(path: string, header: string | null, rows: Iterable<string>): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let buffer: string[] = [];
  const flush = async () => {
    const text = buffer.join('');
    buffer = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  if (header !== null) buffer.push(`${header}\r\n`);
  for (const row of rows) {
    buffer.push(`${row}\r\n`);
    if (buffer.length >= 5000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Writes a synthetic ONSPD file in the classic layout with `count` rows. */
export async function writeSyntheticOnspd(path: string, count: number, seed?: number): Promise<number> {
  function* rows() {
    for (const p of syntheticPostcodes(count, seed)) yield onspdClassicRow(p);
  }
  return writeLines(path, ONSPD_CLASSIC_HEADER.join(','), rows());
}

/** Writes a synthetic Code-Point Open file (no header; Great Britain's live postcodes only) with about `count` rows. */
export async function writeSyntheticCodePoint(path: string, count: number, seed?: number): Promise<number> {
  function* rows() {
    for (const p of syntheticPostcodes(count, seed)) if (!p.pcds.startsWith('BT')) yield codePointRow({ ...p, terminated: false });
  }
  return writeLines(path, null, rows());
}
