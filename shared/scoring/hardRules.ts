/**
 * Hard rules: a home that breaks one is never offered, and the officer is told why in words they
 * can repeat to a family, a manager or a judge. One function serves both callers: with an `out`
 * array it records every failure (for "why not this home?"); without one it stops at the first,
 * which is what keeps planning a whole region fast.
 */
import { RISKS_TO_CHILD, RISKS_TO_OTHERS, type RiskToChild, type RiskToOthers } from '../domain/placements-standard';
import { type ChildContext } from './context';
import { milesBetween } from './distance';
import { listText, miles, oneDecimal, pounds, ukDate } from './format';
import { weeklyTotal } from './policy';
import type { HardRuleFailure, HardRuleId, Housemate, VacancyForMatching } from './types';

const KIND_NAMES = { foster: 'foster care', residential: 'residential care', supported: 'supported accommodation' } as const;
const SEX_GROUP = { F: 'girls', M: 'boys' } as const;

function fail(rule: HardRuleId, reason: string): HardRuleFailure {
  return { rule, reason };
}

function riskLabel(r: RiskToChild | RiskToOthers): string {
  return ((RISKS_TO_CHILD as Record<string, string>)[r] ?? (RISKS_TO_OTHERS as Record<string, string>)[r] ?? r).toLowerCase();
}

function ageList(children: readonly Housemate[]): string {
  return listText(children.map((h) => `a ${h.age}-year-old`));
}

function livesHere(children: readonly Housemate[]): string {
  return `${ageList(children)} ${children.length === 1 ? 'lives' : 'live'} here`;
}

/**
 * Rules about who the child can live alongside, checked against the children already in a home
 * (and, when planning, against another referral's children placed in the same home).
 * Returns true when none is broken.
 */
export function housemateRulesPass(ctx: ChildContext, housemates: readonly Housemate[], out?: HardRuleFailure[]): boolean {
  if (housemates.length === 0) return true;
  const age = ctx.child.age;
  let ok = true;
  switch (ctx.child.livingCompanions) {
    case 'Solo placement recommended':
      if (!out) return false;
      ok = false;
      out.push(fail('caredForAlongside', `The referral recommends a solo placement; ${housemates.length === 1 ? 'another child lives' : `${housemates.length} other children live`} here.`));
      break;
    case 'Only with other older children': {
      const notOlder = housemates.filter((h) => h.age <= age);
      if (notOlder.length > 0) {
        if (!out) return false;
        ok = false;
        out.push(fail('caredForAlongside', `The child should live only with older children; ${livesHere(notOlder)}.`));
      }
      break;
    }
    case 'Only with other younger children': {
      const notYounger = housemates.filter((h) => h.age >= age);
      if (notYounger.length > 0) {
        if (!out) return false;
        ok = false;
        out.push(fail('caredForAlongside', `The child should live only with younger children; ${livesHere(notYounger)}.`));
      }
      break;
    }
    default:
      break;
  }
  if (ctx.sexualHarm || ctx.criminalExploitationOfOthers) {
    const younger = housemates.filter((h) => h.age < age);
    if (younger.length > 0) {
      if (!out) return false;
      ok = false;
      const what = listText([...(ctx.sexualHarm ? ['sexual harm'] : []), ...(ctx.criminalExploitationOfOthers ? ['criminal exploitation of others'] : [])]);
      out.push(fail('riskToOthers', `The child presents a risk of ${what}; ${ageList(younger)}, younger than the child, ${younger.length === 1 ? 'lives' : 'live'} here.`));
    }
  }
  if (ctx.physicalHarm) {
    const gap = ctx.policy.rules.physicalHarmAgeGap;
    const muchYounger = housemates.filter((h) => h.age <= age - gap);
    if (muchYounger.length > 0) {
      if (!out) return false;
      ok = false;
      out.push(fail('riskToOthers', `The child presents a risk of physical harm; ${ageList(muchYounger)}, ${gap} or more years younger, ${muchYounger.length === 1 ? 'lives' : 'live'} here.`));
    }
  }
  return ok;
}

/**
 * Checks every hard rule for one home. `homeMiles` is the DfE distance from the child's home,
 * worked out by the caller because ranking needs it anyway.
 */
export function hardRulesPass(ctx: ChildContext, v: VacancyForMatching, homeMiles: number, out?: HardRuleFailure[]): boolean {
  const child = ctx.child;
  const policy = ctx.policy;
  let ok = true;

  if (ctx.unsuitable[v.kind]) {
    if (!out) return false;
    ok = false;
    out.push(fail('typeUnsuitable', `The referral marks ${KIND_NAMES[v.kind]} as unsuitable for this child.`));
  }
  if (v.secure !== child.legal.secureOrder) {
    if (!out) return false;
    ok = false;
    out.push(
      fail(
        'secure',
        v.secure
          ? 'A secure children’s home can only be used under a secure accommodation order, which this child does not have.'
          : 'The child is subject to a secure accommodation order; this home is not secure.',
      ),
    );
  }
  const a = v.approval;
  if (ctx.minAge < a.minAge || ctx.maxAge > a.maxAge) {
    if (!out) return false;
    ok = false;
    out.push(fail('ageRange', `${v.kind === 'foster' ? 'Approved' : 'Registered'} for ages ${a.minAge}-${a.maxAge}; ${ctx.agesText}.`));
  }
  if (a.sex !== undefined && (ctx.groupSexes.size > 1 || !ctx.groupSexes.has(a.sex))) {
    if (!out) return false;
    ok = false;
    out.push(fail('approvalSex', `${v.kind === 'foster' ? 'Approved' : 'Registered'} for ${SEX_GROUP[a.sex]} only; ${ctx.groupSize === 1 ? 'this child is' : 'the group includes'} ${a.sex === 'F' ? 'a boy' : 'a girl'}.`));
  }
  if (v.bedsFree < ctx.groupSize || v.otherChildren.length + ctx.groupSize > a.maxChildren) {
    if (!out) return false;
    ok = false;
    const need = ctx.groupSize === 1 ? 'the child needs 1' : `the ${ctx.groupSize} siblings need ${ctx.groupSize} in one home`;
    out.push(
      fail(
        'bedsForGroup',
        v.bedsFree < ctx.groupSize
          ? `Has ${v.bedsFree} free bed${v.bedsFree === 1 ? '' : 's'}; ${need}.`
          : `Approved for ${a.maxChildren} children with ${v.otherChildren.length} already there; ${need}.`,
      ),
    );
  }
  if (ctx.groupSize > 1 && !a.siblingsAccepted) {
    if (!out) return false;
    ok = false;
    out.push(fail('siblingsNotAccepted', `Not approved for sibling groups; this referral is for ${ctx.groupSize} siblings to live together.`));
  }
  if (v.availableFrom > child.neededByDate) {
    if (!out) return false;
    ok = false;
    out.push(fail('availability', `Free from ${ukDate(v.availableFrom)}; the child needs a home by ${ukDate(child.neededByDate)} (${child.neededBy.toLowerCase()}).`));
  }
  if (policy.excludeInadequate && v.ofstedGrade === 'inadequate') {
    if (!out) return false;
    ok = false;
    out.push(fail('ofstedInadequate', 'Rated Inadequate by Ofsted; the RCC policy does not place children in Inadequate homes.'));
  }
  if (v.kind === 'residential' && child.needs.ofstedCategories.length > 0) {
    const missing: string[] = [];
    const cats = child.needs.ofstedCategories;
    for (let i = 0; i < cats.length; i++) if (!v.registrationCategories.includes(cats[i]!)) missing.push(ctx.ofstedCategoryNames[i]!);
    if (missing.length > 0) {
      if (!out) return false;
      ok = false;
      out.push(fail('ofstedCategory', `Not registered with Ofsted for ${listText(missing)}, which this child needs.`));
    }
  }
  if (child.needs.wheelchairAdaptation && !v.wheelchairAdapted) {
    if (!out) return false;
    ok = false;
    out.push(fail('wheelchair', 'The child needs a wheelchair-adapted home; this home is not adapted.'));
  }
  if (child.needs.parentAndChild && !v.specialisms.includes('parent_and_child')) {
    if (!out) return false;
    ok = false;
    out.push(fail('parentAndChild', 'The referral is for a parent-and-child placement; this home does not offer one.'));
  }
  if (v.petsInHome && (child.pets === 'No' || ctx.harmToAnimals)) {
    if (!out) return false;
    ok = false;
    out.push(
      ctx.harmToAnimals
        ? fail('riskToOthers', 'The child presents a risk of harm to animals; this home has pets.')
        : fail('pets', 'The referral says the child cannot live with pets; this home has pets.'),
    );
  }
  if (!v.petsInHome && child.pets === 'Yes - must') {
    if (!out) return false;
    ok = false;
    out.push(fail('pets', 'The referral says the child must live with a pet; this home has none.'));
  }
  if (!housemateRulesPass(ctx, v.otherChildren, out)) {
    if (!out) return false;
    ok = false;
  }
  if (v.cannotManage && v.cannotManage.length > 0) {
    const unmet = ctx.allRisks.filter((r) => v.cannotManage!.includes(r));
    if (unmet.length > 0) {
      if (!out) return false;
      ok = false;
      out.push(fail('statementOfPurpose', `The home’s statement of purpose says it cannot manage ${listText(unmet.map(riskLabel))}, which the referral records.`));
    }
  }
  if (ctx.avoidCouncils.has(v.councilId)) {
    if (!out) return false;
    ok = false;
    out.push(fail('areaToAvoid', `In council area ${v.councilId}, which the care plan says the child should be kept away from.`));
  }
  for (const place of ctx.avoidPlaces) {
    const d = milesBetween(place.centre, v.location);
    if (d <= place.radiusMiles) {
      if (!out) return false;
      ok = false;
      out.push(
        fail(
          'areaToAvoid',
          `${miles(d)} from ${place.label ?? 'a place'} the care plan says the child should be kept away from (within ${oneDecimal(place.radiusMiles)} miles).`,
        ),
      );
      break;
    }
  }
  const perChild = weeklyTotal(v);
  if (perChild > policy.caps.maxWeeklyPence) {
    if (!out) return false;
    ok = false;
    out.push(fail('priceCap', `${pounds(perChild)} a week; the RCC policy’s limit is ${pounds(policy.caps.maxWeeklyPence)} a week.`));
  }
  if (ctx.budgetCeiling !== undefined && perChild * ctx.groupSize > ctx.budgetCeiling) {
    if (!out) return false;
    ok = false;
    out.push(fail('budgetCeiling', `${pounds(perChild * ctx.groupSize)} a week${ctx.groupSize > 1 ? ' for the group' : ''}; the budget agreed for this referral is ${pounds(ctx.budgetCeiling)} a week.`));
  }
  if (homeMiles > policy.caps.maxMiles) {
    if (!out) return false;
    ok = false;
    out.push(fail('distanceCap', `${miles(homeMiles)} from the child’s home; the RCC policy’s limit is ${miles(policy.caps.maxMiles)}.`));
  }
  return ok;
}
