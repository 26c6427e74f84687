import { OFSTED_CATEGORIES, type OfstedCategory } from '../../shared/domain/ofsted';
import { hasColumn } from './csv';
import { headerKey } from './table';

/**
 * The layouts in which Ofsted publishes its lists of children's social care providers, and the
 * one table of which header each layout gives to each field the import reads. Recognising a list
 * by its headers (never by its file name) lets a council import whichever list it downloaded.
 *
 * Sources for the spellings (public descriptions of the files and code that reads them):
 * - councilList: the "Providers" and "SA Providers" sheets of the provider list Ofsted sends to
 *   councils (the layout of ../shared/fixtures/ssda903/ofsted_providers_2025_fake.xlsx).
 * - official2023: "Children's social care data in England 2023", provider-level sheets at 31 March
 *   and the management information at 31 August 2023 ("Provision type", "Places",
 *   "Organisation which owns the provider", "Latest full inspection date", and the judgement
 *   "Overall experiences and progress of children and young people").
 * - official2024: "Children's social care in England 2024", which added supported accommodation
 *   providers and the "Provider subtype" of short-break-only homes; setting names as
 *   "Setting name", places as "Number of registered places" or "Places".
 * - official2025: "Inspection and regulation of children's social care and supported
 *   accommodation providers 2025", sheet "Provider_level_at_30_09_25" ("Name", "Town",
 *   "Postcode", "Event type", "Inspection date", "Publication date"; children's homes' names and
 *   addresses published as "REDACTED").
 * Ofsted's social care judgements kept their four grades through these years; if a later list
 * renames the grade column, the import does not guess: stored grades stay as they were and the
 * report says so.
 */
export const OFSTED_LAYOUTS = {
  councilList: "Ofsted's provider list for councils",
  official2023: "Ofsted's children's social care data, 2023 layout",
  official2024: "Ofsted's children's social care data, 2024 layout",
  official2025: "Ofsted's children's social care data, 2025 layout",
} as const;
export type OfstedLayout = keyof typeof OFSTED_LAYOUTS;
const LAYOUT_IDS = Object.keys(OFSTED_LAYOUTS) as OfstedLayout[];

/** Ofsted's category-of-registration columns (its own wording, and the shared wording); only in the council list. */
const CATEGORY_COLUMNS: Record<OfstedCategory, string[]> = {
  EBD: ['Emotional and behavioural difficulties'],
  MHD: ['Mental disorders'],
  SI: ['Sensory impairment'],
  ALC: ['Present alcohol problems', OFSTED_CATEGORIES.ALC],
  DRUG: ['Present drug problems', OFSTED_CATEGORIES.DRUG],
  LD: ['Learning difficulty', OFSTED_CATEGORIES.LD],
  PD: ['Physical disabilities', OFSTED_CATEGORIES.PD],
};
const inCouncilList = (names: string[]) => ({ councilList: names });

const OVERALL_EXPERIENCES = 'Overall experiences and progress of children and young people';

/**
 * For each field, the headers each layout uses for it, most likely first. `label` names the field
 * in the report when its column is absent; `keeps` says what stays as stored when it is absent.
 */
export const OFSTED_COLUMNS = {
  la: {
    label: 'Local authority',
    keeps: null,
    layouts: {
      councilList: ['Setting Local Authority', 'Local authority', 'Provider local authority'],
      official2023: ['Local authority'],
      official2024: ['Local authority', 'Setting local authority'],
      official2025: ['Local authority'],
    },
  },
  urn: { label: 'URN', keeps: null, layouts: { councilList: ['URN'], official2023: ['URN'], official2024: ['URN'], official2025: ['URN'] } },
  type: {
    label: 'Provider type',
    keeps: null,
    layouts: {
      councilList: ['Provider type'],
      official2023: ['Provision type'],
      official2024: ['Provision type', 'Provider type'],
      official2025: ['Provision type'],
    },
  },
  sector: { label: 'Sector', keeps: null, layouts: { councilList: ['Sector'], official2023: ['Sector'], official2024: ['Sector'], official2025: ['Sector'] } },
  name: {
    label: 'Provider name',
    keeps: 'names',
    layouts: {
      councilList: ['Provider name'],
      official2023: ['Setting name', 'Provider name'],
      official2024: ['Setting name', 'Provider name'],
      official2025: ['Name', 'Setting name'],
    },
  },
  status: {
    label: 'Registration status',
    keeps: 'whether each home is open',
    layouts: {
      councilList: ['Registration status'],
      official2023: ['Registration status'],
      official2024: ['Registration status'],
      official2025: ['Registration status'],
    },
  },
  /** When a registration was suspended or ended; where a list has no such column, the day of the import stands in. */
  statusDate: {
    label: 'Deregistration date',
    keeps: null,
    layouts: {
      councilList: ['Deregistration date', 'Registration status date'],
      official2023: ['Deregistration date'],
      official2024: ['Deregistration date'],
      official2025: ['Deregistration date'],
    },
  },
  placeCode: { label: 'Placement code', keeps: null, layouts: inCouncilList(['Placement code']) },
  town: { label: 'Town', keeps: null, layouts: { councilList: ['Setting address town', 'Provider town'], official2024: ['Town'], official2025: ['Town'] } },
  postcode: {
    label: 'Postcode',
    keeps: null,
    layouts: {
      councilList: ['Setting address postcode', 'Provider postcode'],
      official2023: ['Postcode'],
      official2024: ['Postcode', 'Setting postcode'],
      official2025: ['Postcode'],
    },
  },
  phone: { label: 'Telephone number', keeps: 'telephone numbers', layouts: inCouncilList(['Provider telephone number']) },
  email: { label: 'Email address', keeps: 'email addresses', layouts: inCouncilList(['Provider email address']) },
  owner: {
    label: 'Owner',
    keeps: null,
    layouts: {
      councilList: ['Owner name'],
      official2023: ['Organisation which owns the provider', 'Organisation name'],
      official2024: ['Organisation which owns the provider', 'Organisation name'],
      official2025: ['Organisation which owns the provider'],
    },
  },
  inspected: {
    label: 'Date of the latest full inspection',
    keeps: 'inspection dates',
    layouts: {
      councilList: ['Date of last full inspection'],
      official2023: ['Latest full inspection date'],
      official2024: ['Latest full inspection date', 'Date of latest full inspection', 'Inspection date'],
      official2025: ['Inspection date', 'Latest full inspection date'],
    },
  },
  /** What the inspection date belongs to, where a list gives the latest event of any kind. */
  event: {
    label: 'Event type',
    keeps: null,
    layouts: { official2023: ['Inspection event type'], official2024: ['Inspection event type', 'Event type'], official2025: ['Event type'] },
  },
  grade: {
    label: 'Overall grade',
    keeps: 'Ofsted grades',
    layouts: {
      councilList: ['Overall effectiveness'],
      official2023: [OVERALL_EXPERIENCES],
      official2024: [OVERALL_EXPERIENCES, 'Overall effectiveness'],
      official2025: [OVERALL_EXPERIENCES, 'Overall effectiveness'],
    },
  },
  places: {
    label: 'Number of registered places',
    keeps: 'numbers of places',
    layouts: {
      councilList: ['Number of registered places', 'Capacity'],
      official2023: ['Places'],
      official2024: ['Number of registered places', 'Places'],
      official2025: ['Places'],
    },
  },
  setting: { label: 'Setting category', keeps: null, layouts: inCouncilList(['Setting category']) },
  ...(Object.fromEntries(
    Object.entries(CATEGORY_COLUMNS).map(([code, names]) => [code, { label: names[0]!, keeps: null, layouts: inCouncilList(names) }]),
  ) as Record<OfstedCategory, { label: string; keeps: null; layouts: Partial<Record<OfstedLayout, string[]>> }>),
} satisfies Record<string, { label: string; keeps: string | null; layouts: Partial<Record<OfstedLayout, readonly string[]>> }>;
export type OfstedField = keyof typeof OFSTED_COLUMNS;
export const OFSTED_FIELDS = Object.keys(OFSTED_COLUMNS) as OfstedField[];

function spellings(field: OfstedField): string[] {
  const layouts: Partial<Record<OfstedLayout, readonly string[]>> = OFSTED_COLUMNS[field].layouts;
  return LAYOUT_IDS.flatMap((id) => layouts[id] ?? []);
}

/** A header row of an Ofsted provider list: a URN, and a provider type or a name, in any layout. */
export function isOfstedHeader(cells: string[]): boolean {
  return hasColumn(cells, 'URN') && [...spellings('type'), ...spellings('name')].some((h) => hasColumn(cells, h));
}

/** The layout whose headers this sheet shares most (counting fields, not spellings). */
export function recogniseLayout(headers: readonly string[]): OfstedLayout {
  const keys = new Set(headers.map(headerKey));
  let best: OfstedLayout = 'councilList';
  let bestScore = -1;
  for (const id of LAYOUT_IDS) {
    let score = 0;
    for (const field of OFSTED_FIELDS) {
      const names: readonly string[] = (OFSTED_COLUMNS[field].layouts as Partial<Record<OfstedLayout, readonly string[]>>)[id] ?? [];
      if (names.some((n) => keys.has(headerKey(n)))) score++;
    }
    if (score > bestScore) [best, bestScore] = [id, score];
  }
  return best;
}

/**
 * Which header of this sheet holds each field: the recognised layout's spelling first, then any
 * other layout's (a list between two layouts), or null when the sheet has none of them.
 */
export function ofstedColumns(headers: readonly string[], layout: OfstedLayout): Record<OfstedField, string | null> {
  const out = {} as Record<OfstedField, string | null>;
  for (const field of OFSTED_FIELDS) {
    const own: readonly string[] = (OFSTED_COLUMNS[field].layouts as Partial<Record<OfstedLayout, readonly string[]>>)[layout] ?? [];
    out[field] = [...own, ...spellings(field)].find((h) => hasColumn(headers, h)) ?? null;
  }
  return out;
}

/** Headers that look like a grade or an inspection date the table does not know: named in the report, never read. */
const LOOKALIKES: Partial<Record<OfstedField, RegExp>> = {
  grade: /grade|judg(e)?ment|effectiveness|overall|rating|outcome/i,
  inspected: /inspect/i,
  places: /places|capacity|beds/i,
};

/** Headers Ofsted's lists have that the import knows and does not read (other judgements, other dates). */
const KNOWN_UNREAD = [
  'How well children and young people are helped and protected',
  'The effectiveness of leaders and managers',
  'CYP safety',
  'CYP outcomes',
  'Leadership and management',
  'Interim inspection start date',
  'Interim inspection overall effectiveness',
  'Assurance visit start date',
  'Linked school latest inspection date',
  'Inspection publication date',
  'Publication date',
  'Registration date',
];

/** Every header any layout gives any field, or that the import knows not to read: a look-alike is any other. */
const KNOWN_HEADER_KEYS: ReadonlySet<string> = new Set([...OFSTED_FIELDS.flatMap((f) => spellings(f)), ...KNOWN_UNREAD].map(headerKey));

export function unknownLookalikes(field: OfstedField, headers: readonly string[]): string[] {
  const pattern = LOOKALIKES[field];
  if (!pattern) return [];
  return headers.filter((h) => h !== '' && pattern.test(h) && !KNOWN_HEADER_KEYS.has(headerKey(h)));
}
