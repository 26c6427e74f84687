import { z } from 'zod';
import { method } from './method';
import { Id, IsoDate, NoInput, WeeklyPricePart } from './common';
import { HOME_KINDS, OFSTED_GRADES, VACANCY_STATUSES } from '../domain/homes';
import { APPROVAL_PURPOSES } from '../domain/purposes';
import { councilCentreProblem, councilNameProblem, dfeLaCodeProblem, normaliseLaCode, onsLaCodeProblem } from '../domain/councils';

export const CouncilView = z.object({
  id: Id,
  name: z.string(),
  onsCode: z.string(),
  /** The DfE's three-digit LA code; null for a council recorded before the app asked for it. */
  dfeCode: z.string().nullable(),
  /** The postcode or town its centre was placed from; null where only the position is known. */
  centreLabel: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
});
export type CouncilView = z.infer<typeof CouncilView>;

/** Text checked by one of the shared council rules, in its stored form. */
function councilText(problem: (value: string) => string | null, normalise: (raw: string) => string) {
  return z
    .string()
    .max(200, 'Type at most 200 characters')
    .transform((raw, ctx) => {
      const value = normalise(raw);
      const message = problem(value);
      if (message !== null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return value;
    });
}

const trimmed = (raw: string) => raw.trim().replace(/\s+/g, ' ');

/** A partner council as an administrator enters it; the centre is placed by the postcode directory or the gazetteer. */
export const CouncilFieldsInput = z
  .object({
    name: councilText(councilNameProblem, trimmed).meta({ label: "council's name" }),
    dfeCode: councilText(dfeLaCodeProblem, normaliseLaCode).meta({ label: 'DfE LA code' }),
    onsCode: councilText(onsLaCodeProblem, normaliseLaCode).meta({ label: 'ONS code' }),
    /** A postcode ('M60 2LA') or a gazetteer town ('Manchester', 'Newport, Isle of Wight'). */
    centre: councilText(councilCentreProblem, trimmed).meta({ label: "council's centre" }),
  })
  .strict();
export type CouncilFieldsInput = z.input<typeof CouncilFieldsInput>;
export const ConstellationView = z.object({ id: Id, name: z.string(), councilId: Id, hubHomeName: z.string() });

/**
 * What a home is approved for. A connected-person (family and friends) carer is approved for a
 * named child: the reference is given only to an officer or administrator whose scope holds that
 * child's council, others read only that the home is for a named child.
 */
export const HomeApprovalView = z.object({
  approvedPurposes: z.array(z.enum(APPROVAL_PURPOSES)),
  connectedPerson: z.boolean(),
  namedChildRef: z.string().nullable(),
});
export type HomeApprovalView = z.infer<typeof HomeApprovalView>;

export const VacancyView = z.object({
  id: Id,
  homeId: Id,
  homeName: z.string(),
  homeKind: z.enum(HOME_KINDS),
  providerName: z.string(),
  ofstedGrade: z.enum(OFSTED_GRADES),
  councilId: Id,
  councilName: z.string(),
  placeLabel: z.string(),
  beds: z.number().int(),
  availableFrom: IsoDate,
  status: z.enum(VACANCY_STATUSES),
  weeklyPricePence: z.number().int(),
  priceCorePence: z.number().int(),
  priceSupportPence: z.number().int(),
  priceEducationPence: z.number().int(),
  priceOtherPence: z.number().int(),
  restrictions: z.string(),
  /** Open and held vacancies at the same home, this one included: they are beds of one home. */
  homeVacancies: z.number().int(),
  /** What the home is approved for, and whether it is a connected-person carer's (issue 13, points 3 and 4); on the board's list. */
  approval: HomeApprovalView.optional(),
  /** Why the app withdrew it ("Ofsted registration suspended on 1 Dec 2026"); null when withdrawn by hand or not withdrawn. */
  withdrawnReason: z.string().nullable(),
  /** The home has recorded that it is willing and able to meet a Deprivation of Liberty order's conditions. */
  dolCapable: z.boolean(),
  /** Why the home may take no child now (its Ofsted registration), or null; such a vacancy cannot be opened or held. */
  homeBarred: z.string().nullable(),
});
export type VacancyView = z.infer<typeof VacancyView>;

/** One page of the board, and how many vacancies match the filters in all (for "N vacancies" and the pager). */
export const VacancyPage = z.object({ rows: z.array(VacancyView), total: z.number().int().nonnegative() });
export type VacancyPage = z.infer<typeof VacancyPage>;

/** A home an officer may post a vacancy for: the Add vacancy form's picker. */
export const VacancyHomeOption = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(HOME_KINDS),
  providerName: z.string(),
  councilName: z.string(),
  placeLabel: z.string(),
});
export type VacancyHomeOption = z.infer<typeof VacancyHomeOption>;

/**
 * A vacancy as typed into the board's Add vacancy form: the text of each field, checked on the
 * server by the vacancy feed's own rules, so a typed-in vacancy meets exactly what an imported one must.
 */
export const VacancyAddInput = z
  .object({
    homeId: Id.meta({ label: 'home' }),
    beds: z.string().max(40).meta({ label: 'number of beds' }),
    /** YYYY-MM-DD from the date field; empty when nothing (or no real date) was entered. */
    availableFrom: z.string().max(40).meta({ label: 'available-from date' }),
    /** Pounds a week, as typed (820 or 820.50); empty for nothing. */
    priceCore: z.string().max(40).meta({ label: 'core weekly price' }),
    priceSupport: z.string().max(40).meta({ label: 'weekly price for support' }),
    priceEducation: z.string().max(40).meta({ label: 'weekly price for education' }),
    priceOther: z.string().max(40).meta({ label: 'other weekly price' }),
    restrictions: z.string().max(2000).meta({ label: 'restrictions' }),
  })
  .strict();
export type VacancyAddInput = z.infer<typeof VacancyAddInput>;

export const regionContract = {
  'region.councils': method({
    doc: "The RCC's partner councils.",
    input: NoInput,
    output: z.array(CouncilView),
    access: ['placement_officer', 'commissioner', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'councils.create': method({
    doc: 'Adds a partner council (name, DfE LA code, ONS code, centre placed from a postcode or town), for administrators.',
    input: CouncilFieldsInput,
    output: CouncilView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'councils.update': method({
    doc: "Corrects a partner council's name, codes or centre; the ONS code is fixed once children are imported for it.",
    input: CouncilFieldsInput.extend({ councilId: Id }).strict(),
    output: CouncilView,
    access: ['administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'region.constellations': method({
    doc: 'The Mockingbird constellations; a hub carer sees only their own.',
    input: NoInput,
    output: z.array(ConstellationView),
    access: ['placement_officer', 'commissioner', 'hub_carer', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'vacancies.list': method({
    doc: 'One page of vacancies across the region, soonest free first, optionally by status, council, type of home and the date by which they are free, with the count of all that match.',
    input: z
      .object({
        status: z.enum(VACANCY_STATUSES).optional().meta({ label: 'vacancy status' }),
        councilId: Id.optional(),
        homeKind: z.enum(HOME_KINDS).optional().meta({ label: 'kind of home' }),
        /** Only vacancies free on or before this date. */
        availableBy: IsoDate.optional().meta({ label: 'available-by date' }),
        /** Rows in the page: a request never returns the whole region at once. */
        limit: z.number().int().min(1).max(500).default(100).meta({ label: 'number of vacancies per page' }),
        /** Matching rows to skip before the page starts (in the board's order). */
        offset: z.number().int().min(0).default(0).meta({ label: 'number of vacancies to skip' }),
      })
      .strict(),
    output: VacancyPage,
    access: ['placement_officer', 'commissioner', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'vacancies.setStatus': method({
    doc: 'Changes a vacancy to open, held, filled or withdrawn, keeping the history; others see it at once.',
    input: z.object({ vacancyId: Id, status: z.enum(VACANCY_STATUSES).meta({ label: 'vacancy status' }) }).strict(),
    output: VacancyView,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'vacancies.update': method({
    doc: "Corrects a vacancy's beds, date, weekly price split and restrictions; others see it at once. Filled vacancies are history and cannot change.",
    input: z
      .object({
        vacancyId: Id,
        beds: z
          .number()
          .int()
          .min(1, 'A vacancy has at least one bed')
          .max(20, 'No home offers more than 20 beds in one vacancy')
          .meta({ label: 'number of beds' }),
        availableFrom: IsoDate.meta({ label: 'available-from date' }),
        priceCorePence: WeeklyPricePart.min(1, 'The core weekly price must be more than £0').meta({ label: 'core weekly price' }),
        priceSupportPence: WeeklyPricePart.meta({ label: 'weekly price for support' }),
        priceEducationPence: WeeklyPricePart.meta({ label: 'weekly price for education' }),
        priceOtherPence: WeeklyPricePart.meta({ label: 'other weekly price' }),
        restrictions: z.string().trim().max(500, 'Keep restrictions under 500 characters').meta({ label: 'restrictions' }),
      })
      .strict(),
    output: VacancyView,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'none',
  }),
  'vacancies.homes': method({
    doc: "The homes the caller may post a vacancy for (a council-scoped officer: their council's), by name, for the Add vacancy form.",
    input: NoInput,
    output: z.array(VacancyHomeOption),
    access: ['placement_officer', 'administrator'],
    writes: false,
    sensitivity: 'none',
  }),
  'vacancies.add': method({
    doc: 'Adds an open vacancy a provider sent by e-mail, checked by the same rules as the vacancy feed; others see it at once.',
    input: VacancyAddInput,
    output: VacancyView,
    access: ['placement_officer', 'administrator'],
    writes: true,
    sensitivity: 'none',
  }),
};
