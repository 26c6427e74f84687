import {
  latestPolicyJson, listOpenReferredChildren, listOpenVacanciesForRules, listSiblingGroupMembers,
  type ReferredChildRow, type VacancyForRulesRow,
} from '../../db/repositories/market';
import { listReferrals, type ReferralRow } from '../../db/repositories/referrals';
import type { SufficiencyView } from '../../shared/contract/market';
import { OFSTED_CATEGORY_CODES, type OfstedCategory } from '../../shared/domain/ofsted';
import { RISKS_TO_CHILD, RISKS_TO_OTHERS, type RiskToChild, type RiskToOthers } from '../../shared/domain/placements-standard';
import { OPEN_REFERRAL_STATUSES } from '../../shared/domain/referrals';
import {
  DEFAULT_POLICY, FEE_TIERS, OWNERSHIPS, SPECIALISMS, SUPPORTED_TYPES, hardRulesPass, milesBetween, prepareChild, validatePolicy,
  type ChildForMatching, type Housemate, type MatchingPolicy, type Ownership, type Specialism, type SupportedType, type VacancyForMatching,
} from '../../shared/scoring';
import type { MarketData } from './market-data';
import { groupBy } from './market-stats';
import { parseCodeList } from './market-prices';

/*
 * "Referrals with no suitable match": open referrals for which not one open vacancy in the region
 * passes the matching engine's hard rules (shared/scoring: age and sex approval, beds for the
 * sibling group, type suitability, registration categories, pets, wheelchair, secure status,
 * availability by the needed-by date, areas to avoid, Ofsted Inadequate, the policy's price and
 * distance caps and the referral's budget). Only the hard rules are asked: ranking is the officer's
 * search, not a market figure. The engine is given what the database holds; fields the hard rules
 * never read (wishes, history, carer profile) are filled with neutral values. A referral already
 * past its needed-by date is asked as of today, since the child still needs a home.
 */

/** The policy in force: the newest stored version if it is valid, else the engine's default. */
export function policyInForce(json: string | null): MatchingPolicy {
  if (json === null) return DEFAULT_POLICY;
  try {
    const stored = JSON.parse(json) as MatchingPolicy;
    return validatePolicy(stored).length === 0 ? stored : DEFAULT_POLICY;
  } catch {
    return DEFAULT_POLICY;
  }
}

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

export function toVacancyForMatching(v: VacancyForRulesRow, housemates: readonly Housemate[]): VacancyForMatching {
  const specialisms = parseCodeList(v.specialisms).filter((s): s is Specialism => isOneOf(SPECIALISMS, s));
  const registration = parseCodeList(v.categories).filter((c): c is OfstedCategory => isOneOf(OFSTED_CATEGORY_CODES, c));
  return {
    vacancyId: String(v.id),
    homeId: String(v.homeId),
    kind: v.kind,
    ownership: (isOneOf(OWNERSHIPS, v.ownership) ? v.ownership : 'private') as Ownership,
    feeTier: FEE_TIERS[Math.min(3, Math.max(0, (v.feeTier ?? 1) - 1))]!,
    location: { lat: v.lat, lon: v.lon, ...(v.easting !== null && v.northing !== null ? { grid: { easting: v.easting, northing: v.northing } } : {}) },
    councilId: String(v.councilId),
    bedsFree: v.beds,
    availableFrom: v.availableFrom,
    approval: {
      minAge: v.minAge,
      maxAge: v.maxAge,
      ...(v.approvalSex === 'F' || v.approvalSex === 'M' ? { sex: v.approvalSex } : {}),
      maxChildren: v.maxChildren,
      siblingsAccepted: v.siblings === 1,
    },
    registrationCategories: registration,
    ...(v.kind === 'foster' ? {} : { ofstedGrade: v.grade }),
    otherChildren: housemates,
    petsInHome: v.pets === 1,
    specialisms,
    languages: parseCodeList(v.languages),
    wheelchairAdapted: v.wheelchairAdapted === 1,
    carer: { yearsApproved: v.yearsApproved ?? 0, skillsTier: (Math.min(3, Math.max(1, v.skillsTier ?? 2)) as 1 | 2 | 3) },
    pastEndings: { planned: v.endingsPlanned ?? 0, unplanned: v.endingsUnplanned ?? 0 },
    mockingbird: v.mockingbird === 1,
    weeklyPrice: { core: v.core, support: v.support, education: v.education, other: v.other },
    ...(v.supportedKind !== null && isOneOf(SUPPORTED_TYPES, v.supportedKind) ? { supportedType: v.supportedKind as SupportedType } : {}),
    educationOnSite: v.educationOnSite === 1,
    secure: v.secure === 1,
  };
}

export function toChildForMatching(
  r: ReferralRow,
  child: ReferredChildRow,
  siblings: readonly { childId: number; age: number; sex: 'F' | 'M' }[],
  today: string,
): ChildForMatching {
  const f = r.fields;
  const risksToChild = (Object.keys(RISKS_TO_CHILD) as RiskToChild[]).filter((k) => f.risks[k] === 'Risk Present');
  const risksToOthers = (Object.keys(RISKS_TO_OTHERS) as RiskToOthers[]).filter((k) => f.risks[k] === 'Risk Present');
  return {
    referralId: String(r.id),
    childId: String(r.childId),
    referralDate: r.receivedAt.slice(0, 10),
    neededBy: f.neededBy,
    // A referral already past its needed-by date still needs a home: asked as of today, not of a day gone by.
    neededByDate: f.neededByDate < today ? today : f.neededByDate,
    age: child.ageAtNeed,
    sex: child.sex,
    home: { lat: child.homeLat, lon: child.homeLon },
    homeCouncilId: String(r.councilId),
    siblings: siblings.slice(0, f.siblingCount).map((s) => ({ id: String(s.childId), age: s.age, sex: s.sex })),
    suitability: { foster: f.fosterSuitability, residential: f.residentialSuitability, supported: f.supportedSuitability },
    livingCompanions: f.livingCompanions,
    pets: f.pets,
    risksToChild,
    risksToOthers,
    needs: {
      disability: child.disability === 1,
      wheelchairAdaptation: f.homeAdaptation || child.wheelchair === 1,
      communication: f.communicationRequirements.filter((c) => c !== 'None'),
      languages: [],
      culturalNeeds: f.culturalNeeds,
      uasc: child.uasc === 1,
      therapeutic: f.additionalSupport.includes('therapeutic support'),
      parentAndChild: false,
      ofstedCategories: f.ofstedNeeds.filter((c): c is OfstedCategory => isOneOf(OFSTED_CATEGORY_CODES, c)),
      educationOnSite: false,
    },
    // A deprivation-of-liberty order is not a secure accommodation order (s25): secure homes stay excluded.
    legal: { secureOrder: false },
    avoidCouncilIds: f.avoidCouncilIds.map(String),
    avoidPlaces: [],
    history: { movesLast12Months: 0, totalPlacements: 0, priorResidential: false, yearsInCare: 0 },
    wishes: { text: '' },
    ...(f.budgetCeilingPence !== null ? { budgetCeilingWeeklyPence: f.budgetCeilingPence } : {}),
  };
}

/** Open referrals (in scope) for which no open vacancy in the region passes the engine's hard rules. */
export function countReferralsWithoutMatch(data: MarketData, councilId: number | null): SufficiencyView['noSuitableMatch'] {
  const { db, today } = data;
  const referrals = listReferrals(db, { councilId, statuses: OPEN_REFERRAL_STATUSES, refPrefix: null });
  const policy = policyInForce(latestPolicyJson(db));
  const children = new Map(listOpenReferredChildren(db, councilId).map((c) => [c.referralId, c]));
  // Who lives in each home today, from the placements the sufficiency view has already read (region-wide).
  const byHome = groupBy(data.currentWithNeeds(null), (p) => p.homeId);
  const vacancies = listOpenVacanciesForRules(db).map((v) => toVacancyForMatching(v, (byHome.get(v.homeId) ?? []).map((p) => ({ age: p.ageToday, sex: p.sex }))));

  let unmatched = 0;
  for (const r of referrals) {
    const child = children.get(r.id);
    if (!child) continue;
    const siblings =
      r.fields.siblingCount > 0 && child.siblingGroup !== null
        ? listSiblingGroupMembers(db, child.siblingGroup, r.fields.neededByDate).filter((s) => s.childId !== r.childId)
        : [];
    const forEngine = toChildForMatching(r, child, siblings, today);
    const ctx = prepareChild(forEngine, policy);
    if (!vacancies.some((v) => hardRulesPass(ctx, v, milesBetween(forEngine.home, v.location)))) unmatched++;
  }
  return {
    status: 'computed',
    count: unmatched,
    openReferrals: referrals.length,
    note: `No open vacancy passes the matching engine's hard rules (policy "${policy.name}", version ${policy.version}).`,
  };
}
