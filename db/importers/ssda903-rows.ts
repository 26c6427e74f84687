import { z } from 'zod';
import {
  CATEGORY_OF_NEED_CODES,
  ETHNIC_CODES,
  LEGAL_STATUS_CODES,
  PLACE_CODES,
  PLACE_PROVIDER_CODES,
  REASON_EPISODE_CEASED_CODES,
  REASON_NEW_EPISODE_CODES,
  REASON_PLACE_CHANGE_CODES,
  SEX_CODES,
  type Code,
  NO_URN,
} from '../../shared/domain/ssda903';
import { codeCell, dateCell, optionCell, postcodeCell, urnCell } from './values';

/**
 * One SSDA903 row on its own, as zod schemas over the shared code lists. A code is accepted here
 * if any year's list has it; whether the return's own year allows it is checked with the row's
 * dates (ssda903.ts), so the message can name the year.
 */

const childIdCell = z.string().transform((raw, ctx) => {
  if (raw === '') {
    ctx.addIssue({ code: 'custom', message: "The child's identifier is required but the cell is empty" });
    return z.NEVER;
  }
  if (!/^[A-Za-z0-9]{1,10}$/.test(raw)) {
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not an SSDA903 child identifier (up to 10 letters and digits)` });
    return z.NEVER;
  }
  return raw;
});

const sexCell = codeCell(SEX_CODES, 'an SSDA903 sex', { required: true });

/** The return's placeholder for a placement whose Ofsted URN is unknown or does not exist; kept as written. */
export { NO_URN };
const ofstedUrn = urnCell();
const episodeUrnCell = z.string().transform((raw, ctx) => {
  if (raw.replace(/\s+/g, '').toUpperCase() === NO_URN) return NO_URN;
  const parsed = ofstedUrn.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
  return z.NEVER;
});

/** The UPN as the return gives it (a pupil number, or a UN code saying why there is none), upper-cased. */
const upnCell = z.string().transform((raw, ctx) => {
  if (raw === '') return null;
  if (!/^[A-Za-z0-9]{1,13}$/.test(raw)) {
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not a UPN (13 letters and digits) or an unknown-UPN code such as UN5` });
    return z.NEVER;
  }
  return raw.toUpperCase();
});

/** MOTHER: 1 the child is a mother, 0 not; spreadsheets often write 1.0. */
const motherCell = z.string().transform((raw, ctx) => {
  if (raw === '') return null;
  const value = { '1': '1', '1.0': '1', '0': '0', '0.0': '0' }[raw];
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: `'${raw}' is not a MOTHER value (1 if the child is a mother, 0 if not, or empty)` });
    return z.NEVER;
  }
  return value;
});

/** UPN, MOTHER and MC_DOB are kept with the council's identifier, for the council's own export (ssda903_children). */
export const headerRow = z.object({
  CHILD: childIdCell,
  SEX: sexCell,
  DOB: dateCell({ required: true }),
  ETHNIC: codeCell(ETHNIC_CODES, 'an ethnicity (ETHNIC)', { required: true }),
  UPN: upnCell,
  MOTHER: motherCell,
  MC_DOB: dateCell(),
});

export const episodeRow = z
  .object({
    CHILD: childIdCell,
    DECOM: dateCell({ required: true }),
    RNE: codeCell(REASON_NEW_EPISODE_CODES, 'a reason for new episode (RNE)', { required: true }),
    LS: codeCell(LEGAL_STATUS_CODES, 'a legal status (LS)', { required: true }),
    CIN: codeCell(CATEGORY_OF_NEED_CODES, 'a category of need (CIN)', { required: true }),
    PLACE: codeCell(PLACE_CODES, 'a placement type (PLACE)', { required: true }),
    PLACE_PROVIDER: codeCell(PLACE_PROVIDER_CODES, 'a placement provider (PLACE_PROVIDER)'),
    DEC: dateCell(),
    REC: codeCell(REASON_EPISODE_CEASED_CODES, 'a reason episode ceased (REC)'),
    REASON_PLACE_CHANGE: codeCell(REASON_PLACE_CHANGE_CODES, 'a reason for placement change'),
    HOME_POST: postcodeCell(),
    PL_POST: postcodeCell(),
    URN: episodeUrnCell,
  })
  .superRefine((row, ctx) => {
    if (row.DEC !== null && row.DECOM !== null && row.DEC < row.DECOM) {
      ctx.addIssue({ code: 'custom', path: ['DEC'], message: `The episode ends (${row.DEC}) before it starts (DECOM ${row.DECOM})` });
    }
  });

export const uascRow = z.object({ CHILD: childIdCell, SEX: sexCell, DOB: dateCell({ required: true }), DUC: dateCell() });

export const missingRow = z
  .object({
    CHILD: childIdCell,
    DOB: dateCell(),
    MISSING: optionCell(['M', 'A'], 'a missing code (M missing, A away from placement without authorisation)', { required: true }),
    MIS_START: dateCell({ required: true }),
    MIS_END: dateCell(),
  })
  .superRefine((row, ctx) => {
    if (row.MIS_END !== null && row.MIS_START !== null && row.MIS_END < row.MIS_START) {
      ctx.addIssue({ code: 'custom', path: ['MIS_END'], message: `The episode ends (${row.MIS_END}) before it starts (MIS_START ${row.MIS_START})` });
    }
  });

export type HeaderRow = z.output<typeof headerRow>;
export type EpisodeRow = z.output<typeof episodeRow>;
export type UascRow = z.output<typeof uascRow>;
export type MissingRow = z.output<typeof missingRow>;

/** The coded columns of an episode, with their lists, for the check by collection year. */
export const EPISODE_CODE_COLUMNS: readonly (readonly [keyof EpisodeRow, Record<string, Code>])[] = [
  ['RNE', REASON_NEW_EPISODE_CODES],
  ['LS', LEGAL_STATUS_CODES],
  ['CIN', CATEGORY_OF_NEED_CODES],
  ['PLACE', PLACE_CODES],
  ['PLACE_PROVIDER', PLACE_PROVIDER_CODES],
  ['REC', REASON_EPISODE_CEASED_CODES],
  ['REASON_PLACE_CHANGE', REASON_PLACE_CHANGE_CODES],
];
