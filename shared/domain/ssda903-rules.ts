import { addYears, isCalendarDate } from './calendar';
import { checkPostcode } from '../geo/postcode';
import {
  CATEGORY_OF_NEED_CODES,
  codeStatusIn,
  collectionYearEnd,
  collectionYearLabel,
  ETHNIC_CODES,
  LEGAL_STATUS_CODES,
  NO_URN,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  PLACE_WITHOUT_URN,
  REASON_EPISODE_CEASED_CODES,
  REASON_NEW_EPISODE_CODES,
  REASON_PLACE_CHANGE_CODES,
  SEX_CODES,
  type Code,
} from './ssda903';

/**
 * The DfE's SSDA903 validation rules that concern the header and episodes fields this app writes,
 * restated in our own words and code (the public validator, data-to-insight/csc-validator-be-903,
 * is where they are published; its number is given with each rule). A return is checked as a whole:
 * its header and episodes rows as the CSV files hold them (dates dd/mm/yyyy, blanks as ''), for one
 * collection year. Used by the tests of the app's own export; the app may also run them before it
 * exports.
 */

export type Row = Readonly<Record<string, string>>;

export interface Return903 {
  header: readonly Row[];
  episodes: readonly Row[];
  /** The collection year, as the calendar year it starts in (2026 for 2026-27). */
  year: number;
  /**
   * The day the return describes: the year's last day, or the export day for a year still under
   * way (a child who turns 18 later in the year is rightly still looked after today).
   */
  asAt: string;
}

export interface RuleProblem {
  rule: string;
  file: 'header' | 'episodes';
  child: string;
  message: string;
}

export interface Rule903 {
  /** The validator's rule number(s). */
  id: string;
  /** The rule in one sentence. */
  says: string;
  check(r: Return903): RuleProblem[];
}

/** dd/mm/yyyy → YYYY-MM-DD, or null when it is not a real date in that form. */
export function isoOf(uk: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(uk);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isCalendarDate(iso) ? iso : null;
}

const TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
/** Placements that need no provider code (the validator's rule 526): temporary and "other" placements. */
const NO_PROVIDER_NEEDED = new Set([...TEMPORARY, 'Z11', 'Z12', 'Z13', 'Z14']);
const CONTINUATION = new Set(['P', 'L', 'T', 'U', 'B']);
const PLACEMENT_CHANGE = new Set(['P', 'B', 'T', 'U']);
/** 'A' then 12 digits, or 11 digits and a check letter; the first letter is never I, O or S. */
const UPN_SHAPE = /^(?![IOS])[A-Z](\d{12}|\d{11}[A-Z])$/;
const UPN_UNKNOWN = /^UN[1-5]$/;
/** An Ofsted URN: SC and six digits (children's homes) or seven digits (agencies and others). */
const URN_SHAPE = /^(SC\d{6}|\d{6,7})$/;

/** Episodes by child, in start order (the file's order among equal starts). */
function byChild(episodes: readonly Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const e of episodes) {
    const list = out.get(e.CHILD!) ?? [];
    list.push(e);
    out.set(e.CHILD!, list);
  }
  for (const list of out.values()) list.sort((a, b) => (isoOf(a.DECOM!) ?? '').localeCompare(isoOf(b.DECOM!) ?? ''));
  return out;
}

const problem = (rule: string, file: RuleProblem['file'], row: Row, message: string): RuleProblem => ({ rule, file, child: row.CHILD ?? '', message });

/** A code must be in its list and valid in the return's year. */
function codeRule(id: string, file: RuleProblem['file'], column: string, list: Record<string, Code>, required: boolean): Rule903 {
  return {
    id,
    says: `${column} is ${required ? 'given and is ' : 'blank or '}a code valid in the return's collection year.`,
    check: (r) =>
      r[file].flatMap((row) => {
        const code = row[column] ?? '';
        if (code === '') return required ? [problem(id, file, row, `${column} is blank`)] : [];
        const entry = list[code];
        if (!entry || codeStatusIn(entry, r.year) !== 'valid')
          return [problem(id, file, row, `${column} '${code}' is not a valid code in ${collectionYearLabel(r.year)}`)];
        return [];
      }),
  };
}

export const RULES_903: readonly Rule903[] = [
  // --- Header ---
  {
    id: 'INT32',
    says: 'Each child has one header row.',
    check: (r) => {
      const seen = new Set<string>();
      return r.header.flatMap((h) => {
        if (seen.has(h.CHILD!)) return [problem('INT32', 'header', h, 'a second header row for this child')];
        seen.add(h.CHILD!);
        return [];
      });
    },
  },
  {
    id: 'INT03',
    says: 'Every child in the episodes file has a header row.',
    check: (r) => {
      const inHeader = new Set(r.header.map((h) => h.CHILD));
      return r.episodes.filter((e) => !inHeader.has(e.CHILD)).map((e) => problem('INT03', 'episodes', e, 'no header row for this child'));
    },
  },
  {
    id: 'CHILD',
    says: 'CHILD is one to ten letters and digits.',
    check: (r) =>
      [...r.header.map((h) => ['header', h] as const), ...r.episodes.map((e) => ['episodes', e] as const)]
        .filter(([, row]) => !/^[A-Za-z0-9]{1,10}$/.test(row.CHILD ?? ''))
        .map(([file, row]) => problem('CHILD', file, row, `CHILD '${row.CHILD}' is not one to ten letters and digits`)),
  },
  codeRule('101', 'header', 'SEX', SEX_CODES, true),
  {
    id: '102/301',
    says: 'DOB is a real date, not after the end of the collection year.',
    check: (r) =>
      r.header.flatMap((h) => {
        const dob = isoOf(h.DOB ?? '');
        if (dob === null) return [problem('102', 'header', h, `DOB '${h.DOB}' is not a date dd/mm/yyyy`)];
        return dob > collectionYearEnd(r.year) ? [problem('301', 'header', h, 'DOB is after the end of the collection year')] : [];
      }),
  },
  codeRule('103', 'header', 'ETHNIC', ETHNIC_CODES, true),
  {
    id: '442/168',
    says: 'UPN is given: a pupil number (a letter other than I, O or S, then 12 digits, or 11 digits and a letter) or UN1-UN5.',
    check: (r) =>
      r.header.flatMap((h) => {
        const upn = h.UPN ?? '';
        if (upn === '') return [problem('442', 'header', h, 'UPN is blank')];
        return UPN_SHAPE.test(upn) || UPN_UNKNOWN.test(upn) ? [] : [problem('168', 'header', h, `UPN '${upn}' is not a UPN or UN1-UN5`)];
      }),
  },
  {
    id: '393',
    says: 'A girl looked after other than under short-break legal status (V3, V4) has MOTHER given.',
    check: (r) => {
      const counted = new Set(r.episodes.filter((e) => e.LS !== 'V3' && e.LS !== 'V4').map((e) => e.CHILD));
      return r.header
        .filter((h) => (h.SEX === 'F' || h.SEX === '2') && counted.has(h.CHILD) && (h.MOTHER ?? '') === '')
        .map((h) => problem('393', 'header', h, 'MOTHER is blank for a girl in care'));
    },
  },
  {
    id: '611/612/174',
    says: 'MOTHER is blank, 0 or 1; MC_DOB is given exactly when MOTHER is 1, never for a boy, and is a real date.',
    check: (r) =>
      r.header.flatMap((h) => {
        const mother = h.MOTHER ?? '';
        const mcDob = h.MC_DOB ?? '';
        const out: RuleProblem[] = [];
        if (!['', '0', '1'].includes(mother)) out.push(problem('MOTHER', 'header', h, `MOTHER '${mother}' is not 0 or 1`));
        if (mother === '1' && mcDob === '') out.push(problem('611', 'header', h, 'MOTHER is 1 but MC_DOB is blank'));
        if (mother !== '1' && mcDob !== '') out.push(problem('612', 'header', h, 'MC_DOB is given but MOTHER is not 1'));
        if (mcDob !== '' && (h.SEX === 'M' || h.SEX === '1')) out.push(problem('174', 'header', h, 'MC_DOB is given for a boy'));
        if (mcDob !== '' && isoOf(mcDob) === null) out.push(problem('171', 'header', h, `MC_DOB '${mcDob}' is not a date dd/mm/yyyy`));
        return out;
      }),
  },
  // --- Episodes on their own ---
  {
    id: '141/147',
    says: 'DECOM is a real date; DEC is blank or a real date.',
    check: (r) =>
      r.episodes.flatMap((e) => [
        ...(isoOf(e.DECOM ?? '') === null ? [problem('141', 'episodes', e, `DECOM '${e.DECOM}' is not a date dd/mm/yyyy`)] : []),
        ...((e.DEC ?? '') !== '' && isoOf(e.DEC!) === null ? [problem('147', 'episodes', e, `DEC '${e.DEC}' is not a date dd/mm/yyyy`)] : []),
      ]),
  },
  {
    id: '356/355',
    says: 'An episode ends after the day it starts.',
    check: (r) =>
      r.episodes.flatMap((e) => {
        const start = isoOf(e.DECOM ?? '');
        const end = isoOf(e.DEC ?? '');
        if (start === null || end === null) return [];
        if (end < start) return [problem('356', 'episodes', e, 'DEC is before DECOM')];
        return end === start ? [problem('355', 'episodes', e, 'the episode starts and ends on the same day')] : [];
      }),
  },
  {
    id: '354/385',
    says: 'No episode starts or ends after the last day of the collection year.',
    check: (r) =>
      r.episodes.flatMap((e) =>
        (['DECOM', 'DEC'] as const)
          .filter((c) => (isoOf(e[c] ?? '') ?? '') > collectionYearEnd(r.year))
          .map((c) => problem(c === 'DECOM' ? '354' : '385', 'episodes', e, `${c} is after the end of ${collectionYearLabel(r.year)}`)),
      ),
  },
  {
    id: '148',
    says: 'DEC and REC are both given or both blank.',
    check: (r) =>
      r.episodes
        .filter((e) => ((e.DEC ?? '') === '') !== ((e.REC ?? '') === ''))
        .map((e) => problem('148', 'episodes', e, 'DEC and REC must both be given or both be blank')),
  },
  codeRule('143', 'episodes', 'RNE', REASON_NEW_EPISODE_CODES, true),
  codeRule('144', 'episodes', 'LS', LEGAL_STATUS_CODES, true),
  codeRule('145', 'episodes', 'CIN', CATEGORY_OF_NEED_CODES, true),
  codeRule('146', 'episodes', 'PLACE', PLACE_CODES, true),
  codeRule('178', 'episodes', 'PLACE_PROVIDER', PLACE_PROVIDER_CODES, false),
  codeRule('149', 'episodes', 'REC', REASON_EPISODE_CEASED_CODES, false),
  codeRule('1009', 'episodes', 'REASON_PLACE_CHANGE', REASON_PLACE_CHANGE_CODES, false),
  {
    id: '526',
    says: 'PLACE_PROVIDER is given for every placement but temporary and "other" ones.',
    check: (r) =>
      r.episodes
        .filter((e) => !NO_PROVIDER_NEEDED.has(e.PLACE!) && (e.PLACE_PROVIDER ?? '') === '')
        .map((e) => problem('526', 'episodes', e, `PLACE_PROVIDER is blank for PLACE ${e.PLACE}`)),
  },
  {
    id: '550/527/528/530/531',
    says: 'PR0 (parents) goes with P1 (placed with parents) and P1 with PR0 only.',
    check: (r) =>
      r.episodes.flatMap((e) => {
        const provider = e.PLACE_PROVIDER ?? '';
        if (provider === 'PR0' && e.PLACE !== 'P1') return [problem('550', 'episodes', e, `PR0 with PLACE ${e.PLACE}`)];
        if (e.PLACE === 'P1' && provider !== '' && provider !== 'PR0') return [problem('527-531', 'episodes', e, `P1 with ${provider}`)];
        return [];
      }),
  },
  {
    id: '527/528/529',
    says: 'Council provision (PR1, PR2) is never NHS care (R2) or custody (R5); other public provision (PR3) is never adoption, a children’s home or foster care.',
    check: (r) =>
      r.episodes.flatMap((e) => {
        const provider = e.PLACE_PROVIDER ?? '';
        const place = e.PLACE ?? '';
        if ((provider === 'PR1' || provider === 'PR2') && (place === 'R2' || place === 'R5'))
          return [problem('527/528', 'episodes', e, `${provider} with PLACE ${place}`)];
        if (provider === 'PR3' && /^(P1|A[3-6]|K[12]|U[1-6])$/.test(place)) return [problem('529', 'episodes', e, `PR3 with PLACE ${place}`)];
        return [];
      }),
  },
  {
    id: '218/222/1008',
    says: 'A placement in registered provision gives its URN (XXXXXXX when unknown); other placements give none; a URN is SC and six digits or six or seven digits.',
    check: (r) =>
      r.episodes.flatMap((e) => {
        const urn = e.URN ?? '';
        const exempt = PLACE_WITHOUT_URN.has(e.PLACE!);
        if (!exempt && urn === '') return [problem('218', 'episodes', e, `URN is blank for PLACE ${e.PLACE}`)];
        if (exempt && urn !== '' && urn !== NO_URN) return [problem('222', 'episodes', e, `URN given for PLACE ${e.PLACE}`)];
        if (urn !== '' && urn !== NO_URN && !URN_SHAPE.test(urn)) return [problem('1008', 'episodes', e, `URN '${urn}' is not an Ofsted URN`)];
        return [];
      }),
  },
  {
    id: '392c',
    says: 'HOME_POST and PL_POST, when given, are UK postcodes.',
    check: (r) =>
      r.episodes.flatMap((e) =>
        (['HOME_POST', 'PL_POST'] as const)
          .filter((c) => (e[c] ?? '') !== '' && !checkPostcode(e[c]!).ok)
          .map((c) => problem('392c', 'episodes', e, `${c} '${e[c]}' is not a postcode`)),
      ),
  },
  // --- A child's episodes together ---
  {
    id: '142/501/433/431',
    says: 'A child’s episodes do not overlap: each ends before the next starts; a continuation starts the day the last ended; a new period of care (S) does not.',
    check: (r) =>
      [...byChild(r.episodes).values()].flatMap((list) =>
        list.slice(1).flatMap((e, i) => {
          const before = list[i]!;
          const end = isoOf(before.DEC ?? '');
          const start = isoOf(e.DECOM ?? '');
          if (end === null) return [problem('142', 'episodes', before, `an episode starts (${e.DECOM}) while this one is still open`)];
          if (start !== null && start < end) return [problem('501', 'episodes', e, `starts ${e.DECOM}, before the last episode ended (${before.DEC})`)];
          if (CONTINUATION.has(e.RNE!) && start !== end) return [problem('433', 'episodes', e, `RNE ${e.RNE} but the last episode ended ${before.DEC}`)];
          if (e.RNE === 'S' && start === end) return [problem('431', 'episodes', e, 'RNE S but the last episode ended the same day')];
          return [];
        }),
      ),
  },
  {
    id: '388',
    says: 'REC X1 (a new episode follows) has a next episode starting that day; any other ending has none that day.',
    check: (r) =>
      [...byChild(r.episodes).values()].flatMap((list) =>
        list.flatMap((e, i) => {
          if ((e.DEC ?? '') === '') return [];
          const next = list[i + 1];
          const continues = next !== undefined && next.DECOM === e.DEC;
          if (e.REC === 'X1' && !continues) return [problem('388', 'episodes', e, 'REC X1 but no episode starts the day this one ends')];
          if (e.REC !== 'X1' && continues) return [problem('388', 'episodes', e, `REC ${e.REC} but an episode starts the day this one ends`)];
          return [];
        }),
      ),
  },
  {
    id: '225/226',
    says: 'REASON_PLACE_CHANGE is given when an episode ends X1 and the next changes placement (RNE P, B, T or U; neither temporary), and blank otherwise.',
    check: (r) =>
      [...byChild(r.episodes).values()].flatMap((list) =>
        list.flatMap((e, i) => {
          const next = list[i + 1];
          const needed = e.REC === 'X1' && next !== undefined && PLACEMENT_CHANGE.has(next.RNE!) && !TEMPORARY.has(e.PLACE!) && !TEMPORARY.has(next.PLACE!);
          const given = (e.REASON_PLACE_CHANGE ?? '') !== '';
          if (needed && !given) return [problem('225', 'episodes', e, 'the placement changes but REASON_PLACE_CHANGE is blank')];
          if (!needed && given)
            return [problem('226', 'episodes', e, `REASON_PLACE_CHANGE ${e.REASON_PLACE_CHANGE} given where the placement does not change`)];
          return [];
        }),
      ),
  },
  {
    id: '302',
    says: 'No episode starts before the child was born.',
    check: (r) => {
      const dob = new Map(r.header.map((h) => [h.CHILD, isoOf(h.DOB ?? '')]));
      return r.episodes
        .filter((e) => (isoOf(e.DECOM ?? '') ?? '9') < (dob.get(e.CHILD) ?? ''))
        .map((e) => problem('302', 'episodes', e, 'DECOM is before DOB'));
    },
  },
  {
    id: '352/359',
    says: 'No one starts to be looked after at 18 or over, and an episode open past the 18th birthday is only V2 in a children’s home (K2).',
    check: (r) => {
      const dob = new Map(r.header.map((h) => [h.CHILD, isoOf(h.DOB ?? '')]));
      return r.episodes.flatMap((e) => {
        const born = dob.get(e.CHILD);
        if (!born) return [];
        const eighteen = addYears(born, 18);
        const start = isoOf(e.DECOM ?? '');
        if (e.RNE === 'S' && start !== null && start >= eighteen) return [problem('352', 'episodes', e, 'starts to be looked after aged 18 or over')];
        if ((e.DEC ?? '') === '' && eighteen <= r.asAt && !(e.LS === 'V2' && e.PLACE === 'K2'))
          return [problem('359', 'episodes', e, `still open after the 18th birthday (${eighteen}) as ${e.LS} in ${e.PLACE}`)];
        return [];
      });
    },
  },
];

/** Every rule's problems with a return: none means it passes them all. */
export function check903(r: Return903): RuleProblem[] {
  return RULES_903.flatMap((rule) => rule.check(r));
}
