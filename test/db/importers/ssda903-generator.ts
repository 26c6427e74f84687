/**
 * Writes synthetic SSDA903 returns (CSV files in the DfE's layout and the XML form) from invented
 * children, so the importer's tests and benchmark never need real data or the shared fixtures.
 */

export interface SyntheticEpisode {
  DECOM: string;
  RNE: string;
  LS: string;
  CIN: string;
  PLACE: string;
  PLACE_PROVIDER: string;
  DEC: string;
  REC: string;
  REASON_PLACE_CHANGE: string;
  HOME_POST: string;
  PL_POST: string;
  URN: string;
}

export interface SyntheticMissing {
  MISSING: 'M' | 'A';
  MIS_START: string;
  MIS_END: string;
}

export interface SyntheticChild {
  CHILD: string;
  /** 1 or 2 in returns up to 2023-24; M, F or U from 2024-25. */
  SEX: string;
  DOB: string;
  ETHNIC: string;
  UPN: string;
  /** Date UASC ceased, when the child is an unaccompanied asylum-seeking child. */
  DUC: string | null;
  episodes: SyntheticEpisode[];
  missing: SyntheticMissing[];
}

/** mulberry32: the same seed writes the same return on every machine. */
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

const ETHNIC = ['WBRI', 'WOTH', 'MWBC', 'AIND', 'APKN', 'BAFR', 'BCRB', 'CHNE', 'OOTH', 'NOBT'];
const LS = ['C1', 'C2', 'E1', 'V2', 'J1', 'L1'];
const CIN = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'];
/**
 * Placement types as each year's return allows them (written out here from the DfE's changes, not
 * read from the app's code list): H5, P2 and Z1 up to 2024-25, K3 from 2024-25, Z11-Z14 from 2025-26.
 */
export function placesIn(year: number): string[] {
  const common = ['U1', 'U3', 'U4', 'U6', 'K2', 'R1', 'P1', 'S1', 'T4'];
  if (year >= 2025) return [...common, 'K3', 'Z11', 'Z14'];
  if (year === 2024) return [...common, 'K3', 'H5', 'P2', 'Z1'];
  return [...common, 'H5', 'P2', 'Z1'];
}
/** SEX codes of a year: 1 and 2 up to 2023-24, then M, F and (for a few children) U. */
function sexCodesIn(year: number, rnd: () => number): string {
  const male = rnd() < 0.55;
  if (year < 2024) return male ? '1' : '2';
  return rnd() < 0.04 ? 'U' : male ? 'M' : 'F';
}
const PROVIDER = ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'];
const CHANGE = ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'CREQB', 'CHILD', 'LAREQ', 'PLACE', 'OTHER'];
const AREAS = ['M', 'OL', 'BL', 'WN', 'SK', 'WA', 'BB', 'PR', 'L', 'LS'];
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const DAY = 86_400_000;
const uk = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
/** The collection year (its first calendar year) a moment falls in. */
const yearOf = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
};

/**
 * `children` invented children with about `episodesPerChild` episodes each (exactly that many when
 * `exact`), a tenth of them UASC and some with missing episodes: the return for the collection year
 * starting in `year` (default 2025, the 2025-26 return), its latest dates in that year. Every code
 * is one the year allows; an episode that ended earlier uses the codes of the year it ended in.
 * `urnUnknown` is the share of children's homes placements given 'XXXXXXX' for their URN.
 */
export function syntheticReturn(options: {
  children: number;
  episodesPerChild?: number;
  exact?: boolean;
  seed?: number;
  year?: number;
  urnUnknown?: number;
}): SyntheticChild[] {
  const rnd = random(options.seed ?? 903);
  const year = options.year ?? 2025;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const per = options.episodesPerChild ?? 3;
  const postcode = () => `${pick(AREAS)}${1 + Math.floor(rnd() * 30)} ${Math.floor(rnd() * 10)}${pick([...LETTERS])}${pick([...LETTERS])}`;
  const out: SyntheticChild[] = [];
  const end = Date.UTC(year + 1, 2, 31);
  for (let i = 0; i < options.children; i++) {
    const count = options.exact ? per : Math.max(1, Math.round(per * (0.5 + rnd())));
    // Born early enough for every episode to end within the year.
    const dob = end - Math.max(2 * 365, count * 200 + 60) * DAY - Math.floor(rnd() * 14 * 365) * DAY;
    let start = Math.max(dob + 30 * DAY, end - count * 200 * DAY - Math.floor(rnd() * 400) * DAY);
    const home = postcode();
    const episodes: SyntheticEpisode[] = [];
    for (let e = 0; e < count; e++) {
      const last = e === count - 1;
      const finish = Math.min(start + (20 + Math.floor(rnd() * 170)) * DAY, end);
      const stillOpen = (last && rnd() < 0.7) || finish >= end;
      const place = pick(placesIn(stillOpen ? year : yearOf(finish)));
      episodes.push({
        DECOM: uk(start),
        RNE: e === 0 ? 'S' : pick(['P', 'L', 'T', 'B']),
        LS: pick(LS),
        CIN: pick(CIN),
        PLACE: place,
        PLACE_PROVIDER: place === 'P1' ? 'PR0' : pick(PROVIDER.slice(1)),
        DEC: stillOpen ? '' : uk(finish),
        REC: stillOpen ? '' : last ? pick(['E13', 'E4A', 'E8', 'E17']) : 'X1',
        REASON_PLACE_CHANGE: !stillOpen && !last ? pick(CHANGE) : '',
        HOME_POST: home,
        PL_POST: postcode(),
        URN: place === 'K2' ? (rnd() < (options.urnUnknown ?? 0) ? 'XXXXXXX' : `SC${String(100000 + Math.floor(rnd() * 899999))}`) : '',
      });
      if (stillOpen) break;
      start = finish;
    }
    const missing: SyntheticMissing[] = [];
    if (rnd() < 0.15) {
      const from = end - (30 + Math.floor(rnd() * 300)) * DAY;
      missing.push({ MISSING: pick(['M', 'A'] as const), MIS_START: uk(from), MIS_END: uk(from + (1 + Math.floor(rnd() * 9)) * DAY) });
    }
    out.push({
      CHILD: String(100000 + i),
      SEX: sexCodesIn(year, rnd),
      DOB: uk(dob),
      ETHNIC: pick(ETHNIC),
      UPN: `A${String(Math.floor(rnd() * 1e12)).padStart(12, '0')}`,
      DUC: rnd() < 0.1 ? uk(dob + 18 * 365 * DAY) : null,
      episodes,
      missing,
    });
  }
  return out;
}

const csv = (header: string[], rows: string[][]) => [header.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';

export function headerCsv(children: SyntheticChild[]): string {
  return csv(
    ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
    children.map((c) => [c.CHILD, c.SEX, c.DOB, c.ETHNIC, c.UPN, '', '']),
  );
}

export const EPISODE_COLUMNS = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'DEC',
  'REC',
  'REASON_PLACE_CHANGE',
  'HOME_POST',
  'PL_POST',
  'URN',
] as const;

export function episodeRows(children: SyntheticChild[]): string[][] {
  return children.flatMap((c) => c.episodes.map((e) => [c.CHILD, ...EPISODE_COLUMNS.slice(1).map((k) => e[k as keyof SyntheticEpisode])]));
}

export function episodesCsv(children: SyntheticChild[]): string {
  return csv([...EPISODE_COLUMNS], episodeRows(children));
}

export function uascCsv(children: SyntheticChild[]): string {
  return csv(
    ['CHILD', 'SEX', 'DOB', 'DUC'],
    children.filter((c) => c.DUC !== null).map((c) => [c.CHILD, c.SEX, c.DOB, c.DUC!]),
  );
}

export function missingCsv(children: SyntheticChild[]): string {
  return csv(
    ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
    children.flatMap((c) => c.missing.map((m) => [c.CHILD, c.DOB, m.MISSING, m.MIS_START, m.MIS_END])),
  );
}

const tag = (name: string, value: string) => (value === '' ? `<${name} />` : `<${name}>${value}</${name}>`);

/** The same children in the XML form (EXPSSDA903 › CHILD › HEADER, EPISODE; PL for PLACE). */
export function xml903(children: SyntheticChild[]): string {
  const parts = ["<?xml version='1.0' encoding='us-ascii'?>", '<EXPSSDA903>'];
  for (const c of children) {
    parts.push('<CHILD><HEADER>');
    parts.push(tag('CHILDID', c.CHILD), tag('UPN', c.UPN), tag('SEX', c.SEX), tag('DOB', c.DOB), tag('ETHNIC', c.ETHNIC));
    parts.push(tag('UASC', c.DUC === null ? '' : '1'));
    if (c.DUC !== null) parts.push(tag('DUC', c.DUC));
    for (const m of c.missing) parts.push(`<AMISSING>${tag('MISSING', m.MISSING)}${tag('MIS_START', m.MIS_START)}${tag('MIS_END', m.MIS_END)}</AMISSING>`);
    parts.push(tag('MOTHER', ''), tag('MC_DOB', ''), '</HEADER>');
    for (const e of c.episodes) {
      parts.push(
        '<EPISODE>',
        tag('DECOM', e.DECOM),
        tag('RNE', e.RNE),
        tag('LS', e.LS),
        tag('CIN', e.CIN),
        tag('PL', e.PLACE),
        tag('PL_POST', e.PL_POST),
        tag('HOME_POST', e.HOME_POST),
        tag('URN', e.URN),
        tag('PLACE_PROVIDER', e.PLACE_PROVIDER),
        tag('DEC', e.DEC),
        tag('REC', e.REC),
        tag('REASON_PLACE_CHANGE', e.REASON_PLACE_CHANGE),
        '</EPISODE>',
      );
    }
    parts.push('</CHILD>');
  }
  parts.push('</EXPSSDA903>');
  return parts.join('');
}

/** A file as the importers take it. */
export function fileOf(fileName: string, text: string): { fileName: string; bytes: Uint8Array } {
  return { fileName, bytes: new TextEncoder().encode(text) };
}
