import type { ReadableDB } from '../handle';
import { ADDITIONAL_SUPPORT, COMMUNICATION_REQUIREMENTS, RISKS_TO_CHILD, RISKS_TO_OTHERS, type RiskLevel } from '../../shared/domain/placements-standard';
import { childIdForRef } from '../../shared/domain/ssda903';
import { writeCsv } from '../importers/csv';
import type { ExportFile } from './file';

/**
 * Placements in the national Placements Data Standard's layout: one CSV row per placement, one
 * column per field of the standard, named and ordered as its entities define them, with its own
 * option strings. Booleans are true/false, dates ISO YYYY-MM-DD, and a field that may hold several
 * options (specificCommunicationRequirements) separates them with "; ". childId is the council's own
 * child identifier, as in its SSDA903 return: the standard types it as a number, but a council's
 * identifiers may hold letters (SSDA903 CHILD allows up to ten letters and digits), and a council
 * can only use the identifier it knows the child by.
 */
export const PLACEMENTS_STANDARD_LAYOUT = [
  { entity: 'PlacementAvailability', fields: ['childId', 'neededBy', 'siblingCount', 'preferredLocation'] },
  {
    entity: 'PlacementRequirements',
    fields: [
      'communicationNeeds',
      'specificCommunicationRequirements',
      'homeAdaptation',
      'culturalNeeds',
      'livingCompanions',
      'pets',
      'additionalSupport',
      'deprivationOfLiberty',
    ],
  },
  { entity: 'PlacementRecommendation', fields: ['fosterCareSuitability', 'residentialCareSuitability', 'supportedAccommodationSuitability'] },
  { entity: 'Risks', fields: [...Object.keys(RISKS_TO_CHILD), 'riskOther', ...Object.keys(RISKS_TO_OTHERS), 'riskToOthersOther'] },
  {
    entity: 'ActualPlacement',
    fields: ['totalWeeklyCost', 'placementLocation', 'preferabilityLocation', 'educationContinuity', 'providerURN', 'siblingsPlacedTogether', 'placementType'],
  },
  { entity: 'QualityAssurance', fields: ['referralOfficerName', 'referralDate', 'placementOfficerName', 'placementDate', 'costOfficerName', 'costDate'] },
] as const;

export const PLACEMENTS_STANDARD_COLUMNS: readonly string[] = PLACEMENTS_STANDARD_LAYOUT.flatMap((e) => e.fields);

/** Entities that describe the child (needs and risks) rather than the placement made: left empty in the market view. */
const CHILD_DETAIL_ENTITIES = new Set<string>(['PlacementRequirements', 'PlacementRecommendation', 'Risks']);
const CHILD_DETAIL_FIELDS = new Set<string>([
  ...PLACEMENTS_STANDARD_LAYOUT.filter((e) => CHILD_DETAIL_ENTITIES.has(e.entity)).flatMap((e) => e.fields),
  'neededBy',
  'siblingCount',
  'preferredLocation',
]);

/**
 * 'full' for placement officers and administrators; 'market' keeps only the pseudonymous child id
 * and the placement made (cost, type, location, provider, officers), for commissioners.
 */
export type PlacementsDetail = 'full' | 'market';

interface PlacementRecord {
  childId: number;
  childRef: string;
  councilChildId: string | null;
  preferredLocationReason: string | null;
  childRisks: string;
  childCommunication: string;
  childWheelchair: number;
  childLivingCompanions: string;
  childPets: string;
  neededBy: string | null;
  siblingCount: number | null;
  preferredLocation: string | null;
  communicationNeeds: string | null;
  communicationRequirements: string | null;
  homeAdaptation: number | null;
  culturalNeeds: string | null;
  livingCompanions: string | null;
  pets: string | null;
  additionalSupport: string | null;
  deprivationOfLiberty: number | null;
  fosterSuitability: string | null;
  residentialSuitability: string | null;
  supportedSuitability: string | null;
  risks: string | null;
  riskOther: string | null;
  riskToOthersOther: string | null;
  totalPence: number;
  locationLabel: string;
  locationPreferable: number;
  educationContinuity: number;
  providerUrn: string;
  siblingsTogether: number;
  placementType: string;
  referralOfficerName: string;
  referralDate: string | null;
  placementOfficerName: string;
  placementDate: string;
  costOfficerName: string;
  costDate: string;
}

const SELECT = `
  SELECT p.child_id AS childId, ch.ref AS childRef, o.council_child_id AS councilChildId,
         r.preferred_location_reason AS preferredLocationReason, ch.risks AS childRisks, ch.communication AS childCommunication, ch.wheelchair AS childWheelchair,
         ch.living_companions AS childLivingCompanions, ch.pets AS childPets,
         r.needed_by AS neededBy, r.sibling_count AS siblingCount, r.preferred_location AS preferredLocation,
         r.communication_needs AS communicationNeeds, r.communication_requirements AS communicationRequirements,
         r.home_adaptation AS homeAdaptation, r.cultural_needs AS culturalNeeds, r.living_companions AS livingCompanions, r.pets,
         r.additional_support AS additionalSupport, r.deprivation_of_liberty AS deprivationOfLiberty,
         r.foster_suitability AS fosterSuitability, r.residential_suitability AS residentialSuitability,
         r.supported_suitability AS supportedSuitability, r.risks, r.risk_other AS riskOther, r.risk_to_others_other AS riskToOthersOther,
         p.price_core_pence + p.price_support_pence + p.price_education_pence + p.price_other_pence AS totalPence,
         p.location_label AS locationLabel, p.location_preferable AS locationPreferable, p.education_continuity AS educationContinuity,
         p.provider_urn AS providerUrn, p.siblings_together AS siblingsTogether, p.placement_type AS placementType,
         COALESCE(NULLIF(p.referral_officer_name, ''), r.referral_officer_name, '') AS referralOfficerName,
         COALESCE(p.referral_date, substr(r.received_at, 1, 10)) AS referralDate,
         p.placement_officer_name AS placementOfficerName, p.placement_date AS placementDate,
         p.cost_officer_name AS costOfficerName, p.cost_date AS costDate
  FROM placements p
  JOIN children ch ON ch.id = p.child_id
  LEFT JOIN ssda903_children o ON o.child_id = ch.id
  LEFT JOIN referrals r ON r.id = p.referral_id`;

const bool = (n: number | null): string => (n === null ? '' : n ? 'true' : 'false');

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * One placement as the standard's fields. A placement recorded without a referral (history) has
 * the child's own record answer the requirements the standard makes compulsory: their risks,
 * communication, who they can live with, pets, and a wheelchair for home adaptation; its referral
 * date is the placement date. The referral-only questions (when needed, siblings, support) stay empty.
 */
/** What the referral asked for, with its reason when it gave one: the standard has one field for both. */
function preferredLocation(p: PlacementRecord): string | null {
  if (!p.preferredLocation) return null;
  return p.preferredLocationReason ? `${p.preferredLocation} (reason: ${p.preferredLocationReason})` : p.preferredLocation;
}

function fields(p: PlacementRecord, detail: PlacementsDetail): Record<string, string | number | null> {
  const hasReferral = p.neededBy !== null;
  const childRisks = new Set(parseJson<string[]>(p.childRisks, []));
  const referralRisks = parseJson<Record<string, RiskLevel>>(p.risks, {});
  const risk = (key: string): RiskLevel => (hasReferral ? (referralRisks[key] ?? 'No known risk') : childRisks.has(key) ? 'Risk Present' : 'No known risk');
  const communication = hasReferral ? parseJson<string[]>(p.communicationRequirements, ['None']) : parseJson<string[]>(p.childCommunication, []);
  const requirements = communication.filter((x) => (COMMUNICATION_REQUIREMENTS as readonly string[]).includes(x));
  // The standard allows one additional support; several are sent as the first in the standard's own order.
  const support = parseJson<string[]>(p.additionalSupport, []);
  const firstSupport = ADDITIONAL_SUPPORT.find((o) => support.includes(o)) ?? null;
  const out: Record<string, string | number | null> = {
    // The council's own child ID (as in its SSDA903 return; the app's reference when it has none);
    // the market view keeps the store's pseudonymous number instead.
    childId: detail === 'market' ? p.childId : (p.councilChildId ?? childIdForRef(p.childRef)),
    neededBy: p.neededBy,
    siblingCount: p.siblingCount,
    preferredLocation: preferredLocation(p),
    communicationNeeds: p.communicationNeeds ?? (requirements.some((r) => r !== 'None') ? 'Y' : 'Not Specified'),
    specificCommunicationRequirements: (requirements.length > 0 ? requirements : ['None']).join('; '),
    homeAdaptation: bool(hasReferral ? p.homeAdaptation : p.childWheelchair),
    culturalNeeds: p.culturalNeeds ?? 'Not Known',
    livingCompanions: p.livingCompanions ?? p.childLivingCompanions,
    pets: p.pets ?? p.childPets,
    additionalSupport: hasReferral ? (firstSupport ?? 'NA') : null,
    deprivationOfLiberty: hasReferral ? bool(p.deprivationOfLiberty) : null,
    fosterCareSuitability: p.fosterSuitability ?? 'Not specified',
    residentialCareSuitability: p.residentialSuitability ?? 'Not specified',
    supportedAccommodationSuitability: p.supportedSuitability ?? 'Not specified',
    riskOther: p.riskOther || null,
    riskToOthersOther: p.riskToOthersOther || null,
    totalWeeklyCost: Math.round(p.totalPence / 100),
    placementLocation: p.locationLabel,
    preferabilityLocation: bool(p.locationPreferable),
    educationContinuity: bool(p.educationContinuity),
    providerURN: p.providerUrn,
    siblingsPlacedTogether: p.siblingsTogether,
    placementType: p.placementType,
    referralOfficerName: p.referralOfficerName || null,
    referralDate: p.referralDate ?? p.placementDate,
    placementOfficerName: p.placementOfficerName,
    placementDate: p.placementDate,
    costOfficerName: p.costOfficerName || null,
    costDate: p.costDate,
  };
  for (const key of [...Object.keys(RISKS_TO_CHILD), ...Object.keys(RISKS_TO_OTHERS)]) out[key] = risk(key);
  return out;
}

export interface PlacementsExportOptions {
  /** Only this council's placements; null for the whole region. */
  councilId: number | null;
  detail: PlacementsDetail;
  today: string;
}

export function exportPlacementsStandard(db: ReadableDB, options: PlacementsExportOptions): ExportFile {
  const rows = db
    .prepare(`${SELECT} ${options.councilId === null ? '' : 'WHERE p.council_id = ?'} ORDER BY p.start_date, p.id`)
    .all(...(options.councilId === null ? [] : [options.councilId])) as PlacementRecord[];
  const data = rows.map((p) => {
    const f = fields(p, options.detail);
    return PLACEMENTS_STANDARD_COLUMNS.map((c) => (options.detail === 'market' && CHILD_DETAIL_FIELDS.has(c) ? null : (f[c] ?? null)));
  });
  const suffix = options.detail === 'market' ? '-market' : '';
  return {
    fileName: `placements-standard${suffix}-${options.today}.csv`,
    mimeType: 'text/csv',
    content: Buffer.from(`\uFEFF${writeCsv(PLACEMENTS_STANDARD_COLUMNS, data)}`, 'utf8'),
    rows: data.length,
  };
}
