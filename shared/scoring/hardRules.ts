/**
 * Hard rules: a home that breaks one is never offered, and the officer is told why in words they
 * can repeat to a family, a manager or a judge. One function serves both callers: with an `out`
 * list it records every failure (for "why not this home?" and a ranking's exclusions); without
 * one it stops at the first, which is what keeps planning a whole region fast.
 *
 * A ranking excludes thousands of homes, mostly for the same few reasons, so each reason is built
 * once per search and shared (ReasonCache): building the text afresh for every home was most of
 * a ranking's time.
 */
import { RISKS_TO_CHILD, RISKS_TO_OTHERS, type RiskToChild, type RiskToOthers } from '../domain/placements-standard';
import { HOME_KINDS, type Sex } from '../domain/homes';
import { APPROVAL_PURPOSES, PLACEMENT_PURPOSE_LABELS, STAYING_PUT_FROM_AGE, purposesInWords } from '../domain/purposes';
import { barredRegistrationWords, REGISTRATION_STATUSES, registrationBars, UNREGISTERED_MIN_AGE } from '../domain/registration';
import type { ChildContext } from './context';
import { milesToPacked } from './distance';
import { listText, miles, oneDecimal, plural, pounds, ukDate } from './format';
import { HARD_RULES, type HardRuleFailure, type HardRuleId, type Housemate } from './types';
import { specialismBits, type VacancyTable } from './vacancyTable';

const KIND_NAMES = { foster: 'foster care', residential: 'residential care', supported: 'supported accommodation' } as const;
const PARENT_AND_CHILD = specialismBits(['parent_and_child']);

/** One reason, as hardRulesPass records it: the failure, and a one-item list of it to share. */
export interface Reason {
  readonly failure: HardRuleFailure;
  readonly alone: readonly HardRuleFailure[];
}

/**
 * The reasons one home breaks, as hardRulesPass records them. Emptied for the next home without
 * giving up its storage: an array cut to length 0 lets go of it, and growing it again for every
 * excluded home was most of what a ranking allocated.
 */
export class ReasonList {
  readonly items: Reason[] = [];
  length = 0;

  push(reason: Reason): void {
    this.items[this.length++] = reason;
  }

  clear(): void {
    this.length = 0;
  }

  failures(): HardRuleFailure[] {
    const list = new Array<HardRuleFailure>(this.length);
    for (let i = 0; i < this.length; i++) list[i] = this.items[i]!.failure;
    return list;
  }
}

/**
 * Reasons already written in this search, by rule and by everything besides the child that the
 * words depend on. Failures are immutable, so sharing one between homes is safe.
 */
export class ReasonCache {
  // Every rule's map exists from the start, so the object keeps one shape and each lookup by a
  // rule named at the call site stays a fixed-offset read.
  private readonly byRule = Object.fromEntries(HARD_RULES.map((r) => [r, new Map<string | number, Reason>()])) as Record<
    HardRuleId,
    Map<string | number, Reason>
  >;

  get(rule: HardRuleId, key: string | number): Reason | undefined {
    return this.byRule[rule].get(key);
  }

  set(rule: HardRuleId, key: string | number, reason: string): Reason {
    const failure: HardRuleFailure = { rule, reason };
    const entry: Reason = { failure, alone: [failure] };
    this.byRule[rule].set(key, entry);
    return entry;
  }

  /**
   * The list to keep for a home excluded for these reasons. Most homes are excluded for one
   * reason and share its one-item list; a longer run is copied, since runs rarely repeat.
   */
  listOf(reasons: ReasonList): readonly HardRuleFailure[] {
    if (reasons.length === 1) return reasons.items[0]!.alone;
    return reasons.failures();
  }
}

function riskLabel(r: RiskToChild | RiskToOthers): string {
  return ((RISKS_TO_CHILD as Record<string, string>)[r] ?? (RISKS_TO_OTHERS as Record<string, string>)[r] ?? r).toLowerCase();
}

/** "a 9-year-old", "an 8-year-old". */
function yearOld(age: number): string {
  return `${age === 8 || age === 11 || age === 18 ? 'an' : 'a'} ${age}-year-old`;
}

function ageList(children: readonly Housemate[]): string {
  return listText(children.map((h) => yearOld(h.age)));
}

/** "a 9-year-old lives here", with anything to say about them before the verb. */
function livesHere(children: readonly Housemate[], about = ''): string {
  return `${ageList(children)}${about} ${children.length === 1 ? 'lives' : 'live'} here`;
}

function sameSexWords(sex: Sex, others: readonly Housemate[]): string {
  const girls = sex === 'F';
  const who = listText(others.map((h) => `${yearOld(h.age)} ${girls ? 'boy' : 'girl'}`));
  return `The care plan says the child should live only with other ${girls ? 'girls' : 'boys'}; ${who} ${others.length === 1 ? 'lives' : 'live'} here.`;
}

function youngerRiskWords(ctx: ChildContext, younger: readonly Housemate[]): string {
  const what = listText([...(ctx.sexualHarm ? ['sexual harm'] : []), ...(ctx.criminalExploitationOfOthers ? ['criminal exploitation of others'] : [])]);
  return `The child presents a risk of ${what}; ${livesHere(younger, ', younger than the child,')}.`;
}

/** Tests for the housemates a rule objects to; plain functions, so a check allocates nothing. */
type Objects<T> = (h: Housemate, x: T) => boolean;
const AGED_AT_MOST: Objects<number> = (h, age) => h.age <= age;
const AGED_AT_LEAST: Objects<number> = (h, age) => h.age >= age;
const YOUNGER_THAN: Objects<number> = (h, age) => h.age < age;
/** Unknown or indeterminate (U) is never taken as the other sex, for the child or a housemate. */
const OTHER_SEX: Objects<Sex> = (h, sex) => sex !== 'U' && h.sex !== 'U' && h.sex !== sex;

/** The housemates a rule objects to, in order, for the words of a reason. */
function those<T>(housemates: readonly Housemate[], objects: Objects<T>, x: T): Housemate[] {
  return housemates.filter((h) => objects(h, x));
}

/**
 * The reason-cache key naming which housemates a rule objects to (their ages, in order, under a
 * prefix that keeps each rule's variants apart), or null when it objects to none. Up to four ages
 * of 0-31 fit in a small integer; more fall back to a string.
 */
function objectors<T>(housemates: readonly Housemate[], objects: Objects<T>, x: T, prefix: number): number | string | null {
  let count = 0;
  let ages = 0;
  for (let i = 0; i < housemates.length; i++) {
    const h = housemates[i]!;
    if (!objects(h, x)) continue;
    if (count < 4) ages += (Math.min(31, Math.max(0, h.age)) + 1) * 32 ** count;
    count++;
  }
  if (count === 0) return null;
  if (count > 4)
    return `${prefix}:${those(housemates, objects, x)
      .map((h) => h.age)
      .join(',')}`;
  return prefix * 2 ** 23 + count * 2 ** 20 + ages;
}

/** What the referral needs, for the words of a reason: written only when a reason is. */
function bedsNeeded(ctx: ChildContext): string {
  return ctx.groupSize === 1 ? 'the child needs 1' : `the ${ctx.groupSize} siblings need ${ctx.groupSize} in one home`;
}

/** "Approved for 2 fostered children, with 2 already placed here": the approval and what uses it. */
function placesWords(foster: boolean, maxChildren: number, others: number, held: number): string {
  const limit = foster
    ? `Approved for ${plural(maxChildren, 'fostered child', 'fostered children')}`
    : `Registered for ${plural(maxChildren, 'child', 'children')}`;
  const placed = foster ? 'placed here' : 'living here';
  if (held === 0) return `${limit}, with ${others} already ${placed}`;
  const holds = `${plural(held, 'bed')} held for ${held === 1 ? 'a child' : 'children'} on the way`;
  return others === 0 ? `${limit}, with ${holds}` : `${limit}, with ${others} ${placed} and ${holds}`;
}

/**
 * Rules about who the child can live alongside, checked against the children already in a home
 * (and, when planning, against another referral's children placed in the same home).
 * Returns true when none is broken.
 */
export function housemateRulesPass(ctx: ChildContext, housemates: readonly Housemate[], out?: ReasonList): boolean {
  if (housemates.length === 0) return true;
  const age = ctx.child.age;
  const cache = ctx.reasons;
  let ok = true;
  switch (ctx.child.livingCompanions) {
    case 'Solo placement recommended': {
      if (!out) return false;
      ok = false;
      const n = housemates.length;
      out.push(
        cache.get('caredForAlongside', n) ??
          cache.set('caredForAlongside', n, `The referral recommends a solo placement; ${n === 1 ? 'another child lives' : `${n} other children live`} here.`),
      );
      break;
    }
    case 'Only with other older children': {
      const key = objectors(housemates, AGED_AT_MOST, age, 1);
      if (key !== null) {
        if (!out) return false;
        ok = false;
        out.push(
          cache.get('caredForAlongside', key) ??
            cache.set('caredForAlongside', key, `The child should live only with older children; ${livesHere(those(housemates, AGED_AT_MOST, age))}.`),
        );
      }
      break;
    }
    case 'Only with other younger children': {
      const key = objectors(housemates, AGED_AT_LEAST, age, 2);
      if (key !== null) {
        if (!out) return false;
        ok = false;
        out.push(
          cache.get('caredForAlongside', key) ??
            cache.set('caredForAlongside', key, `The child should live only with younger children; ${livesHere(those(housemates, AGED_AT_LEAST, age))}.`),
        );
      }
      break;
    }
    default:
      break;
  }
  if (ctx.child.onlyWithSameSex) {
    const sex = ctx.child.sex;
    const key = objectors(housemates, OTHER_SEX, sex, 5);
    if (key !== null) {
      if (!out) return false;
      ok = false;
      out.push(cache.get('housemateSex', key) ?? cache.set('housemateSex', key, sameSexWords(sex, those(housemates, OTHER_SEX, sex))));
    }
  }
  if (ctx.sexualHarm || ctx.criminalExploitationOfOthers) {
    const key = objectors(housemates, YOUNGER_THAN, age, 3);
    if (key !== null) {
      if (!out) return false;
      ok = false;
      out.push(cache.get('riskToOthers', key) ?? cache.set('riskToOthers', key, youngerRiskWords(ctx, those(housemates, YOUNGER_THAN, age))));
    }
  }
  if (ctx.physicalHarm) {
    const gap = ctx.policy.rules.physicalHarmAgeGap;
    const key = objectors(housemates, AGED_AT_MOST, age - gap, 4);
    if (key !== null) {
      if (!out) return false;
      ok = false;
      out.push(
        cache.get('riskToOthers', key) ??
          cache.set(
            'riskToOthers',
            key,
            `The child presents a risk of physical harm; ${livesHere(those(housemates, AGED_AT_MOST, age - gap), `, ${gap} or more years younger,`)}.`,
          ),
      );
    }
  }
  return ok;
}

/**
 * Checks every hard rule for row `i` of a vacancy table. `homeTenths` is the DfE distance from the
 * child's home in tenths of a mile (tenthsToPacked), worked out by the caller because ranking needs
 * it anyway. Everything a rule tests is read from the table's columns; the vacancy object is reached
 * only for the words of a reason not yet written in this search.
 */
export function hardRulesPass(ctx: ChildContext, t: VacancyTable, i: number, homeTenths: number, out?: ReasonList): boolean {
  const child = ctx.child;
  const policy = ctx.policy;
  const cache = ctx.reasons;
  let ok = true;
  const kindCode = t.kind[i]!;
  const foster = kindCode === 0;

  if (ctx.unsuitableByCode[kindCode]) {
    if (!out) return false;
    ok = false;
    const kind = HOME_KINDS[kindCode]!;
    out.push(cache.get('typeUnsuitable', kind) ?? cache.set('typeUnsuitable', kind, `The referral marks ${KIND_NAMES[kind]} as unsuitable for this child.`));
  }
  const secure = t.secure[i]!;
  const dol = child.legal.deprivationOfLiberty === true;
  if ((secure === 1) !== child.legal.secureOrder) {
    if (!out) return false;
    ok = false;
    // A DoL order is named where a reader could take it for a secure order; the words never say
    // a child without a secure order has one.
    const key = secure * 2 + (dol ? 1 : 0);
    out.push(
      cache.get('secure', key) ??
        cache.set(
          'secure',
          key,
          secure === 1
            ? `A secure children’s home can only be used under a secure accommodation order (Children Act 1989 s25), which this child does not have${dol ? ': a Deprivation of Liberty order does not authorise secure accommodation' : ''}.`
            : 'The child is subject to a secure accommodation order (Children Act 1989 s25): only a secure children’s home can take them, and secure welfare beds are allocated nationally by the Secure Welfare Coordination Unit, not from the region’s vacancies.',
        ),
    );
  }
  // A secure home placing under s25 has its own authority to restrict liberty; any other home must
  // have said it can meet a DoL order's conditions.
  if (dol && secure === 0 && t.dolCapable[i] === 0) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('deprivationOfLiberty', 0) ??
        cache.set(
          'deprivationOfLiberty',
          0,
          'The child is subject to a Deprivation of Liberty order; this home has not recorded that it is willing and able to meet the order’s conditions.',
        ),
    );
  }
  const registration = REGISTRATION_STATUSES[t.registrationStatus[i]!]!;
  if (registration !== 'registered') {
    if (registrationBars(registration)) {
      if (!out) return false;
      ok = false;
      // The words carry the home's own date, so they are kept per home.
      const homeId = t.homeId[i]!;
      out.push(
        cache.get('registration', homeId) ??
          cache.set('registration', homeId, `${barredRegistrationWords(registration, t.vacancies[i]!.registrationSince)}; the home cannot take a child.`),
      );
    } else if (registration === 'unregistered' && ctx.minAge < UNREGISTERED_MIN_AGE) {
      if (!out) return false;
      ok = false;
      out.push(
        cache.get('unregisteredUnder16', 0) ??
          cache.set('unregisteredUnder16', 0, `Unregistered provision: placing a child under ${UNREGISTERED_MIN_AGE} here would be unlawful; ${ctx.agesText}.`),
      );
    }
  }
  const approved = foster ? 'Approved' : 'Registered';
  const minAge = t.minAge[i]!;
  const maxAge = t.maxAge[i]!;
  if (ctx.minAge < minAge || ctx.maxAge > maxAge) {
    if (!out) return false;
    ok = false;
    const key = (foster ? 10_000 : 0) + minAge * 100 + maxAge;
    out.push(cache.get('ageRange', key) ?? cache.set('ageRange', key, `${approved} for ages ${minAge}-${maxAge}; ${ctx.agesText}.`));
  }
  const sex = t.approvalSex[i]!;
  if (sex !== 0 && (ctx.approvalSexOk & sex) === 0) {
    if (!out) return false;
    ok = false;
    const key = (foster ? 2 : 0) + sex - 1;
    const who = ctx.groupSize === 1 ? 'this child is' : 'the group includes';
    out.push(
      cache.get('approvalSex', key) ??
        cache.set('approvalSex', key, `${approved} for ${sex === 1 ? 'girls' : 'boys'} only; ${who} ${sex === 1 ? 'a boy' : 'a girl'}.`),
    );
  }
  // Bedrooms and approval places are two checks: the carers' own children sleep in rooms the
  // vacancy does not offer, but only children in care use the approval's places.
  const bedsFree = t.bedsFree[i]!;
  if (bedsFree < ctx.groupSize) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('bedsForGroup', bedsFree) ?? cache.set('bedsForGroup', bedsFree, `Has ${bedsFree} free bed${bedsFree === 1 ? '' : 's'}; ${bedsNeeded(ctx)}.`),
    );
  }
  const maxChildren = t.maxChildren[i]!;
  const taken = t.placesTaken[i]!;
  if (taken + ctx.groupSize > maxChildren) {
    if (!out) return false;
    ok = false;
    const others = t.others[i]!;
    const held = taken - others;
    const key = (foster ? 1 : 2) * 10_000_000 + maxChildren * 100_000 + others * 1_000 + held;
    out.push(cache.get('approvalPlaces', key) ?? cache.set('approvalPlaces', key, `${placesWords(foster, maxChildren, others, held)}; ${bedsNeeded(ctx)}.`));
  }
  if (ctx.groupSize > 1 && t.siblingsAccepted[i] === 0) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('siblingsNotAccepted', 0) ??
        cache.set('siblingsNotAccepted', 0, `Not approved for sibling groups; this referral is for ${ctx.groupSize} siblings to live together.`),
    );
  }
  const availableFrom = t.availableFrom[i]!;
  if (availableFrom > ctx.neededBy) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('availability', availableFrom) ??
        cache.set(
          'availability',
          availableFrom,
          `Free from ${ukDate(t.vacancies[i]!.availableFrom)}; the child needs a home by ${ukDate(child.neededByDate)} (${child.neededBy.toLowerCase()}).`,
        ),
    );
  }
  if (policy.excludeInadequate && t.inadequate[i] === 1) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('ofstedInadequate', 0) ??
        cache.set('ofstedInadequate', 0, 'Rated Inadequate by Ofsted; the RCC policy does not place children in Inadequate homes.'),
    );
  }
  if (kindCode === 1 && ctx.ofstedCategoryBits.length > 0) {
    const registered = t.registration[i]!;
    const cats = ctx.ofstedCategoryBits;
    let missingMask = 0;
    for (let c = 0; c < cats.length; c++) if ((registered & cats[c]!) === 0) missingMask |= 1 << c;
    if (missingMask !== 0) {
      if (!out) return false;
      ok = false;
      out.push(
        cache.get('ofstedCategory', missingMask) ??
          cache.set(
            'ofstedCategory',
            missingMask,
            `Not registered with Ofsted for ${listText(ctx.ofstedCategoryNames.filter((_, c) => missingMask & (1 << c)))}, which this child needs.`,
          ),
      );
    }
  }
  if (child.needs.wheelchairAdaptation && t.wheelchair[i] === 0) {
    if (!out) return false;
    ok = false;
    out.push(cache.get('wheelchair', 0) ?? cache.set('wheelchair', 0, 'The child needs a wheelchair-adapted home; this home is not adapted.'));
  }
  if (ctx.parentAndChild && (t.specialisms[i]! & PARENT_AND_CHILD) === 0) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('parentAndChild', 0) ?? cache.set('parentAndChild', 0, 'The referral is for a parent-and-child placement; this home does not offer one.'),
    );
  }
  if (!purposeAndKinshipPass(ctx, t, i, foster, out)) {
    if (!out) return false;
    ok = false;
  }
  const pets = t.pets[i] === 1;
  if (pets && (child.pets === 'No' || ctx.harmToAnimals)) {
    if (!out) return false;
    ok = false;
    out.push(
      ctx.harmToAnimals
        ? (cache.get('riskToOthers', 'animals') ?? cache.set('riskToOthers', 'animals', 'The child presents a risk of harm to animals; this home has pets.'))
        : (cache.get('pets', 'no') ?? cache.set('pets', 'no', 'The referral says the child cannot live with pets; this home has pets.')),
    );
  }
  if (!pets && child.pets === 'Yes - must') {
    if (!out) return false;
    ok = false;
    out.push(cache.get('pets', 'must') ?? cache.set('pets', 'must', 'The referral says the child must live with a pet; this home has none.'));
  }
  const housemates = t.housemates[i]!;
  if (housemates.length > 0 && ctx.hasHousemateRules && !housemateRulesPass(ctx, housemates, out)) {
    if (!out) return false;
    ok = false;
  }
  const cannot = t.cannotManage[i]!;
  if (cannot !== 0) {
    const risks = ctx.allRiskBits;
    let unmetMask = 0;
    for (let r = 0; r < risks.length; r++) if ((cannot & risks[r]!) !== 0) unmetMask |= 1 << r;
    if (unmetMask !== 0) {
      if (!out) return false;
      ok = false;
      out.push(
        cache.get('statementOfPurpose', unmetMask) ??
          cache.set(
            'statementOfPurpose',
            unmetMask,
            `The home’s statement of purpose says it cannot manage ${listText(ctx.allRisks.filter((_, r) => unmetMask & (1 << r)).map(riskLabel))}, which the referral records.`,
          ),
      );
    }
  }
  if (ctx.avoidCouncils.size > 0 && ctx.avoidCouncils.has(t.councilId[i]!)) {
    if (!out) return false;
    ok = false;
    const councilId = t.councilId[i]!;
    out.push(
      cache.get('areaToAvoid', councilId) ??
        cache.set('areaToAvoid', councilId, `In council area ${councilId}, which the care plan says the child should be kept away from.`),
    );
  }
  for (let p = 0; p < ctx.avoidPlaces.length; p++) {
    const place = ctx.avoidPlaces[p]!;
    const d = milesToPacked(place.centre, t.places, i);
    if (d <= place.radiusMiles) {
      if (!out) return false;
      ok = false;
      // Whole tenths of a mile keep the key a small integer (a fraction would be boxed per lookup).
      const key = p * 100_000 + Math.round(d * 10);
      out.push(
        cache.get('areaToAvoid', key) ??
          cache.set(
            'areaToAvoid',
            key,
            `${miles(d)} from ${place.label ?? 'a place'} the care plan says the child should be kept away from (within ${oneDecimal(place.radiusMiles)} miles).`,
          ),
      );
      break;
    }
  }
  const perChild = t.weekly[i]!;
  if (perChild > policy.caps.maxWeeklyPence) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('priceCap', perChild) ??
        cache.set('priceCap', perChild, `${pounds(perChild)} a week; the RCC policy’s limit is ${pounds(policy.caps.maxWeeklyPence)} a week.`),
    );
  }
  if (ctx.budgetCeiling !== undefined && perChild * ctx.groupSize > ctx.budgetCeiling) {
    if (!out) return false;
    ok = false;
    const weekly = perChild * ctx.groupSize;
    out.push(
      cache.get('budgetCeiling', weekly) ??
        cache.set(
          'budgetCeiling',
          weekly,
          `${pounds(weekly)} a week${ctx.groupSize > 1 ? ' for the group' : ''}; the budget agreed for this referral is ${pounds(ctx.budgetCeiling)} a week.`,
        ),
    );
  }
  const homeMiles = homeTenths / 10;
  if (homeMiles > policy.caps.maxMiles) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('distanceCap', homeTenths) ??
        cache.set('distanceCap', homeTenths, `${miles(homeMiles)} from the child’s home; the RCC policy’s limit is ${miles(policy.caps.maxMiles)}.`),
    );
  }
  return ok;
}

/**
 * Placement purpose and connected-person carers (issue 13, points 3 and 4): the approval must cover
 * what the referral asks for (shared/domain/purposes.ts), and a family and friends carer's vacancy is
 * for their named child and that child's brothers and sisters only.
 */
function purposeAndKinshipPass(ctx: ChildContext, t: VacancyTable, i: number, foster: boolean, out: ReasonList | undefined): boolean {
  const cache = ctx.reasons;
  let ok = true;
  const purpose = ctx.purpose;
  if (purpose === 'staying_put') {
    const young = ctx.child.age < STAYING_PUT_FROM_AGE;
    const here = foster && t.homeId[i] === ctx.child.currentHomeId;
    if (young || !here) {
      if (!out) return false;
      ok = false;
      const key = (young ? 1 : 0) + (here ? 0 : 2);
      out.push(
        cache.get('purpose', key) ??
          cache.set(
            'purpose',
            key,
            !here
              ? 'Staying put continues a care leaver’s home with the foster carers they live with now; this is not that home.'
              : `Staying put begins at ${STAYING_PUT_FROM_AGE}; this young person is ${ctx.child.age}.`,
          ),
      );
    }
  } else if (purpose !== 'parent_and_child' && (t.purposes[i]! & ctx.purposeCoverBits) === 0) {
    // A parent-and-child request is answered once, by the parentAndChild rule, which reads the approval too.
    if (!out) return false;
    ok = false;
    const approved = t.purposes[i]!;
    out.push(
      cache.get('purpose', 10 + approved) ??
        cache.set(
          'purpose',
          10 + approved,
          `Approved for ${purposesInWords(APPROVAL_PURPOSES.filter((_, b) => approved & (1 << b)))}; the referral asks for a ${PLACEMENT_PURPOSE_LABELS[purpose].toLowerCase()} placement, which that approval does not cover.`,
        ),
    );
  }
  const named = t.connectedChild[i]!;
  if (named !== null && !ctx.family.has(named)) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get('kinshipNamedChild', 0) ??
        cache.set(
          'kinshipNamedChild',
          0,
          'Family and friends (connected-person) carers approved for a named child (Care Planning Regulations 2010, reg 24); this child is not that child or one of their brothers or sisters.',
        ),
    );
  }
  return ok;
}
