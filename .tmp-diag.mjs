// shared/scoring/types.ts
var FACTORS = ["cost", "distance", "stability", "needs", "wishes"];

// shared/domain/stats.ts
function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// shared/scoring/policy.ts
var DEFAULT_BENCHMARKS = [
  { kind: "foster", tier: "mainstream", weeklyPence: 45e3 },
  { kind: "foster", tier: "enhanced", weeklyPence: 82e3 },
  { kind: "foster", tier: "specialist", weeklyPence: 11e4 },
  { kind: "foster", tier: "complex", weeklyPence: 15e4 },
  { kind: "residential", tier: "mainstream", weeklyPence: 383e3 },
  { kind: "residential", tier: "enhanced", weeklyPence: 5e5 },
  { kind: "residential", tier: "specialist", weeklyPence: 65e4 },
  { kind: "residential", tier: "complex", weeklyPence: 85e4 },
  { kind: "supported", tier: "mainstream", weeklyPence: 9e4 },
  { kind: "supported", tier: "enhanced", weeklyPence: 15e4 },
  { kind: "supported", tier: "specialist", weeklyPence: 22e4 },
  { kind: "supported", tier: "complex", weeklyPence: 3e5 }
];
var DEFAULT_POLICY = {
  id: "rcc-default",
  version: 1,
  name: "RCC default matching policy",
  weights: { cost: 20, distance: 20, stability: 30, needs: 20, wishes: 10 },
  caps: { maxMiles: 75, maxWeeklyPence: 12e5 },
  inHouseBonus: 3,
  excludeInadequate: true,
  tieBreak: ["stability", "distance", "cost"],
  distance: { twentyMileLine: 20, nearMiles: 2, farMiles: 60, schoolShare: 0.5, schoolKeptMiles: 5, schoolLostMiles: 15 },
  benchmarks: DEFAULT_BENCHMARKS,
  stability: {
    weights: {
      carerSkills: 0.35,
      kinship: 0.31,
      carerExperience: 0.15,
      endingsRecord: 0.14,
      siblingsTogether: 0.16,
      schoolKept: 0.15,
      mockingbird: 0.1
    },
    contextMultipliers: { olderAtPlacement: 0.5, recentMoves: 0.5, priorResidential: 0.25 },
    olderFromAge: 12
  },
  rules: { physicalHarmAgeGap: 3 },
  plan: { objective: "maximiseQuality", qualityFloor: 40, candidatesPerReferral: 8 }
};
function deriveBenchmarks(vacancies2, fallback = DEFAULT_BENCHMARKS) {
  const prices = /* @__PURE__ */ new Map();
  for (const v of vacancies2) {
    const key = `${v.kind}:${v.feeTier}`;
    const list = prices.get(key) ?? [];
    list.push(weeklyTotal(v));
    prices.set(key, list);
  }
  const out = /* @__PURE__ */ new Map();
  for (const b of fallback) out.set(`${b.kind}:${b.tier}`, b);
  for (const [key, list] of prices) {
    const [kind, tier] = key.split(":");
    out.set(key, { kind, tier, weeklyPence: Math.round(median(list) ?? 0) });
  }
  return [...out.values()].sort((a, b) => a.kind === b.kind ? a.tier.localeCompare(b.tier) : a.kind.localeCompare(b.kind));
}
function weeklyTotal(v) {
  const p = v.weeklyPrice;
  return p.core + p.support + p.education + p.other;
}

// shared/scoring/distance.ts
var DFE_KM_PER_MILE = 1.6093;
var EARTH_RADIUS_MILES = 3958.8;
var RAD = Math.PI / 180;
function roundTenth(x) {
  return Math.round(x * 10) / 10;
}
function gridMilesRaw(e1, n1, e2, n2) {
  const dE = e1 - e2;
  const dN = n1 - n2;
  return Math.sqrt(dE * dE + dN * dN) / 1e3 / DFE_KM_PER_MILE;
}
function greatCircleMilesRaw(lat1, lon1, lat2, lon2) {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(s)));
}
function packPlaces(places) {
  const n = places.length;
  const packed = { easting: new Float64Array(n), northing: new Float64Array(n), lat: new Float64Array(n), lon: new Float64Array(n) };
  places.forEach((p, i) => {
    packed.easting[i] = p.grid ? p.grid.easting : NaN;
    packed.northing[i] = p.grid ? p.grid.northing : NaN;
    packed.lat[i] = p.lat;
    packed.lon[i] = p.lon;
  });
  return packed;
}
function milesToPacked(a, packed, i) {
  const e = packed.easting[i];
  return a.grid && e === e ? roundTenth(gridMilesRaw(a.grid.easting, a.grid.northing, e, packed.northing[i])) : roundTenth(greatCircleMilesRaw(a.lat, a.lon, packed.lat[i], packed.lon[i]));
}
function milesBetween(a, b) {
  return a.grid && b.grid ? roundTenth(gridMilesRaw(a.grid.easting, a.grid.northing, b.grid.easting, b.grid.northing)) : roundTenth(greatCircleMilesRaw(a.lat, a.lon, b.lat, b.lon));
}

// shared/domain/placements-standard.ts
var RISKS_TO_CHILD = {
  riskSelfHarm: "Self-harm",
  riskSexualExploitation: "Sexual exploitation",
  riskCriminalExploitation: "Criminal exploitation",
  riskDrugAlcohol: "Drug and alcohol use",
  riskEatingDisorder: "Eating disorder",
  riskMissing: "Going missing"
};
var RISKS_TO_OTHERS = {
  riskToOthersPhysical: "Physical harm",
  riskToOthersSexual: "Sexual harm",
  riskToOthersFire: "Fire-setting",
  riskToOthersAnimals: "Harm to animals",
  riskToOthersCriminal: "Criminal exploitation of others"
};

// shared/scoring/format.ts
function pounds(pence) {
  const negative = pence < 0;
  let whole = Math.round(Math.abs(pence) / 100);
  let text = "";
  while (whole >= 1e3) {
    const group = whole % 1e3;
    text = `,${group < 10 ? "00" : group < 100 ? "0" : ""}${group}${text}`;
    whole = Math.floor(whole / 1e3);
  }
  return `${negative ? "-" : ""}\xA3${whole}${text}`;
}
function miles(m) {
  return `${m.toFixed(1)} mile${m === 1 ? "" : "s"}`;
}
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function ukDate(iso) {
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  return month ? `${Number(iso.slice(8, 10))} ${month} ${iso.slice(0, 4)}` : iso;
}
function percent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}
function listText(items) {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function oneDecimal(x) {
  return x.toFixed(1);
}

// shared/scoring/hardRules.ts
var KIND_NAMES = { foster: "foster care", residential: "residential care", supported: "supported accommodation" };
var SEX_GROUP = { F: "girls", M: "boys" };
var ReasonCache = class {
  byRule = /* @__PURE__ */ new Map();
  get(rule, key) {
    return this.byRule.get(rule)?.get(key);
  }
  set(rule, key, reason) {
    let map = this.byRule.get(rule);
    if (!map) {
      map = /* @__PURE__ */ new Map();
      this.byRule.set(rule, map);
    }
    const failure = { rule, reason };
    map.set(key, failure);
    return failure;
  }
};
function riskLabel(r) {
  return (RISKS_TO_CHILD[r] ?? RISKS_TO_OTHERS[r] ?? r).toLowerCase();
}
function ageList(children) {
  return listText(children.map((h) => `a ${h.age}-year-old`));
}
function livesHere(children) {
  return `${ageList(children)} ${children.length === 1 ? "lives" : "live"} here`;
}
function agesKey(children) {
  let key = "";
  for (const h of children) key += `${h.age},`;
  return key;
}
function housemateRulesPass(ctx, housemates, out) {
  if (housemates.length === 0) return true;
  const age = ctx.child.age;
  const cache = ctx.reasons;
  let ok = true;
  switch (ctx.child.livingCompanions) {
    case "Solo placement recommended": {
      if (!out) return false;
      ok = false;
      const n = housemates.length;
      out.push(
        cache.get("caredForAlongside", n) ?? cache.set("caredForAlongside", n, `The referral recommends a solo placement; ${n === 1 ? "another child lives" : `${n} other children live`} here.`)
      );
      break;
    }
    case "Only with other older children": {
      const notOlder = housemates.filter((h) => h.age <= age);
      if (notOlder.length > 0) {
        if (!out) return false;
        ok = false;
        const key = `o${agesKey(notOlder)}`;
        out.push(cache.get("caredForAlongside", key) ?? cache.set("caredForAlongside", key, `The child should live only with older children; ${livesHere(notOlder)}.`));
      }
      break;
    }
    case "Only with other younger children": {
      const notYounger = housemates.filter((h) => h.age >= age);
      if (notYounger.length > 0) {
        if (!out) return false;
        ok = false;
        const key = `y${agesKey(notYounger)}`;
        out.push(cache.get("caredForAlongside", key) ?? cache.set("caredForAlongside", key, `The child should live only with younger children; ${livesHere(notYounger)}.`));
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
      const key = `s${agesKey(younger)}`;
      const what = listText([...ctx.sexualHarm ? ["sexual harm"] : [], ...ctx.criminalExploitationOfOthers ? ["criminal exploitation of others"] : []]);
      out.push(
        cache.get("riskToOthers", key) ?? cache.set("riskToOthers", key, `The child presents a risk of ${what}; ${ageList(younger)}, younger than the child, ${younger.length === 1 ? "lives" : "live"} here.`)
      );
    }
  }
  if (ctx.physicalHarm) {
    const gap = ctx.policy.rules.physicalHarmAgeGap;
    const muchYounger = housemates.filter((h) => h.age <= age - gap);
    if (muchYounger.length > 0) {
      if (!out) return false;
      ok = false;
      const key = `p${agesKey(muchYounger)}`;
      out.push(
        cache.get("riskToOthers", key) ?? cache.set(
          "riskToOthers",
          key,
          `The child presents a risk of physical harm; ${ageList(muchYounger)}, ${gap} or more years younger, ${muchYounger.length === 1 ? "lives" : "live"} here.`
        )
      );
    }
  }
  return ok;
}
function hardRulesPass(ctx, v, homeMiles, out) {
  const child = ctx.child;
  const policy2 = ctx.policy;
  const cache = ctx.reasons;
  let ok = true;
  if (ctx.unsuitable[v.kind]) {
    if (!out) return false;
    ok = false;
    out.push(cache.get("typeUnsuitable", v.kind) ?? cache.set("typeUnsuitable", v.kind, `The referral marks ${KIND_NAMES[v.kind]} as unsuitable for this child.`));
  }
  if (v.secure !== child.legal.secureOrder) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get("secure", v.secure ? 1 : 0) ?? cache.set(
        "secure",
        v.secure ? 1 : 0,
        v.secure ? "A secure children\u2019s home can only be used under a secure accommodation order, which this child does not have." : "The child is subject to a secure accommodation order; this home is not secure."
      )
    );
  }
  const a = v.approval;
  const approved = v.kind === "foster" ? "Approved" : "Registered";
  if (ctx.minAge < a.minAge || ctx.maxAge > a.maxAge) {
    if (!out) return false;
    ok = false;
    const key = (v.kind === "foster" ? 1e4 : 0) + a.minAge * 100 + a.maxAge;
    out.push(cache.get("ageRange", key) ?? cache.set("ageRange", key, `${approved} for ages ${a.minAge}-${a.maxAge}; ${ctx.agesText}.`));
  }
  if (a.sex !== void 0 && (ctx.groupSexes.size > 1 || !ctx.groupSexes.has(a.sex))) {
    if (!out) return false;
    ok = false;
    const key = `${approved}${a.sex}`;
    const who = ctx.groupSize === 1 ? "this child is" : "the group includes";
    out.push(cache.get("approvalSex", key) ?? cache.set("approvalSex", key, `${approved} for ${SEX_GROUP[a.sex]} only; ${who} ${a.sex === "F" ? "a boy" : "a girl"}.`));
  }
  if (v.bedsFree < ctx.groupSize || v.otherChildren.length + ctx.groupSize > a.maxChildren) {
    if (!out) return false;
    ok = false;
    const need = ctx.groupSize === 1 ? "the child needs 1" : `the ${ctx.groupSize} siblings need ${ctx.groupSize} in one home`;
    if (v.bedsFree < ctx.groupSize) {
      out.push(cache.get("bedsForGroup", v.bedsFree) ?? cache.set("bedsForGroup", v.bedsFree, `Has ${v.bedsFree} free bed${v.bedsFree === 1 ? "" : "s"}; ${need}.`));
    } else {
      const key = `${a.maxChildren}/${v.otherChildren.length}`;
      out.push(cache.get("bedsForGroup", key) ?? cache.set("bedsForGroup", key, `Approved for ${a.maxChildren} children with ${v.otherChildren.length} already there; ${need}.`));
    }
  }
  if (ctx.groupSize > 1 && !a.siblingsAccepted) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get("siblingsNotAccepted", 0) ?? cache.set("siblingsNotAccepted", 0, `Not approved for sibling groups; this referral is for ${ctx.groupSize} siblings to live together.`)
    );
  }
  if (v.availableFrom > child.neededByDate) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get("availability", v.availableFrom) ?? cache.set("availability", v.availableFrom, `Free from ${ukDate(v.availableFrom)}; the child needs a home by ${ukDate(child.neededByDate)} (${child.neededBy.toLowerCase()}).`)
    );
  }
  if (policy2.excludeInadequate && v.ofstedGrade === "inadequate") {
    if (!out) return false;
    ok = false;
    out.push(cache.get("ofstedInadequate", 0) ?? cache.set("ofstedInadequate", 0, "Rated Inadequate by Ofsted; the RCC policy does not place children in Inadequate homes."));
  }
  if (v.kind === "residential" && child.needs.ofstedCategories.length > 0) {
    const cats = child.needs.ofstedCategories;
    let missingAny = false;
    for (let i = 0; i < cats.length && !missingAny; i++) missingAny = !v.registrationCategories.includes(cats[i]);
    if (missingAny) {
      if (!out) return false;
      ok = false;
      const missingKey = cats.filter((c) => !v.registrationCategories.includes(c)).join(",");
      const missing = cats.flatMap((c, i) => v.registrationCategories.includes(c) ? [] : [ctx.ofstedCategoryNames[i]]);
      out.push(cache.get("ofstedCategory", missingKey) ?? cache.set("ofstedCategory", missingKey, `Not registered with Ofsted for ${listText(missing)}, which this child needs.`));
    }
  }
  if (child.needs.wheelchairAdaptation && !v.wheelchairAdapted) {
    if (!out) return false;
    ok = false;
    out.push(cache.get("wheelchair", 0) ?? cache.set("wheelchair", 0, "The child needs a wheelchair-adapted home; this home is not adapted."));
  }
  if (child.needs.parentAndChild && !v.specialisms.includes("parent_and_child")) {
    if (!out) return false;
    ok = false;
    out.push(cache.get("parentAndChild", 0) ?? cache.set("parentAndChild", 0, "The referral is for a parent-and-child placement; this home does not offer one."));
  }
  if (v.petsInHome && (child.pets === "No" || ctx.harmToAnimals)) {
    if (!out) return false;
    ok = false;
    out.push(
      ctx.harmToAnimals ? cache.get("riskToOthers", "animals") ?? cache.set("riskToOthers", "animals", "The child presents a risk of harm to animals; this home has pets.") : cache.get("pets", "no") ?? cache.set("pets", "no", "The referral says the child cannot live with pets; this home has pets.")
    );
  }
  if (!v.petsInHome && child.pets === "Yes - must") {
    if (!out) return false;
    ok = false;
    out.push(cache.get("pets", "must") ?? cache.set("pets", "must", "The referral says the child must live with a pet; this home has none."));
  }
  if (!housemateRulesPass(ctx, v.otherChildren, out)) {
    if (!out) return false;
    ok = false;
  }
  const cannot = v.cannotManage;
  let cannotAny = false;
  if (cannot && cannot.length > 0) for (let i = 0; i < ctx.allRisks.length && !cannotAny; i++) cannotAny = cannot.includes(ctx.allRisks[i]);
  if (cannot && cannotAny) {
    if (!out) return false;
    ok = false;
    const unmet = ctx.allRisks.filter((r) => cannot.includes(r));
    const key = unmet.join(",");
    out.push(
      cache.get("statementOfPurpose", key) ?? cache.set("statementOfPurpose", key, `The home\u2019s statement of purpose says it cannot manage ${listText(unmet.map(riskLabel))}, which the referral records.`)
    );
  }
  if (ctx.avoidCouncils.has(v.councilId)) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get("areaToAvoid", v.councilId) ?? cache.set("areaToAvoid", v.councilId, `In council area ${v.councilId}, which the care plan says the child should be kept away from.`)
    );
  }
  for (let i = 0; i < ctx.avoidPlaces.length; i++) {
    const place = ctx.avoidPlaces[i];
    const d = milesBetween(place.centre, v.location);
    if (d <= place.radiusMiles) {
      if (!out) return false;
      ok = false;
      const key = i * 1e5 + d;
      out.push(
        cache.get("areaToAvoid", key) ?? cache.set(
          "areaToAvoid",
          key,
          `${miles(d)} from ${place.label ?? "a place"} the care plan says the child should be kept away from (within ${oneDecimal(place.radiusMiles)} miles).`
        )
      );
      break;
    }
  }
  const perChild = weeklyTotal(v);
  if (perChild > policy2.caps.maxWeeklyPence) {
    if (!out) return false;
    ok = false;
    out.push(cache.get("priceCap", perChild) ?? cache.set("priceCap", perChild, `${pounds(perChild)} a week; the RCC policy\u2019s limit is ${pounds(policy2.caps.maxWeeklyPence)} a week.`));
  }
  if (ctx.budgetCeiling !== void 0 && perChild * ctx.groupSize > ctx.budgetCeiling) {
    if (!out) return false;
    ok = false;
    const weekly = perChild * ctx.groupSize;
    out.push(
      cache.get("budgetCeiling", weekly) ?? cache.set(
        "budgetCeiling",
        weekly,
        `${pounds(weekly)} a week${ctx.groupSize > 1 ? " for the group" : ""}; the budget agreed for this referral is ${pounds(ctx.budgetCeiling)} a week.`
      )
    );
  }
  if (homeMiles > policy2.caps.maxMiles) {
    if (!out) return false;
    ok = false;
    out.push(
      cache.get("distanceCap", homeMiles) ?? cache.set("distanceCap", homeMiles, `${miles(homeMiles)} from the child\u2019s home; the RCC policy\u2019s limit is ${miles(policy2.caps.maxMiles)}.`)
    );
  }
  return ok;
}

// shared/domain/ofsted.ts
var OFSTED_CATEGORIES = {
  EBD: "Emotional and behavioural difficulties",
  MHD: "Mental disorders",
  SI: "Sensory impairment",
  ALC: "Alcohol misuse",
  DRUG: "Drug misuse",
  LD: "Learning disability",
  PD: "Physical disability"
};
var OFSTED_CATEGORY_CODES = Object.keys(OFSTED_CATEGORIES);

// shared/scoring/scores/distance.ts
function milesScore(m, d) {
  if (m <= d.nearMiles) return 100;
  if (m <= d.twentyMileLine) return 100 - 40 * (m - d.nearMiles) / (d.twentyMileLine - d.nearMiles);
  if (m >= d.farMiles) return 0;
  return 40 * (1 - (m - d.twentyMileLine) / (d.farMiles - d.twentyMileLine));
}
function schoolKeptValue(schoolMiles, d) {
  if (schoolMiles <= d.schoolKeptMiles) return 1;
  if (schoolMiles >= d.schoolLostMiles) return 0;
  return 1 - (schoolMiles - d.schoolKeptMiles) / (d.schoolLostMiles - d.schoolKeptMiles);
}
function distanceScore(homeMiles, schoolMiles, d, lines) {
  const home = milesScore(homeMiles, d);
  const score = schoolMiles === void 0 ? home : (1 - d.schoolShare) * home + d.schoolShare * milesScore(schoolMiles, d);
  if (lines) {
    const line = homeMiles <= d.twentyMileLine ? `inside the DfE ${d.twentyMileLine}-mile line` : `beyond the DfE ${d.twentyMileLine}-mile line`;
    lines.push(`${homeMiles.toFixed(1)} miles from the child\u2019s home, ${line}.`);
    if (schoolMiles !== void 0) {
      const keep = schoolKeptValue(schoolMiles, d);
      const verdict = keep === 1 ? "the child can keep their school" : keep === 0 ? "too far to keep their school" : "keeping their school would mean a long journey";
      lines.push(`${schoolMiles.toFixed(1)} miles from school: ${verdict}.`);
    }
  }
  return score;
}

// shared/scoring/scores/stability.ts
var FACTORS2 = [
  {
    id: "carerSkills",
    weight: (ctx) => ctx.policy.stability.weights.carerSkills * ctx.supportMultiplier,
    value: (ctx, v) => {
      const gap = ctx.needTier - v.carer.skillsTier;
      return gap <= 0 ? 1 : gap === 1 ? 0.4 : 0;
    },
    text: (ctx, v) => {
      const why = ctx.needTierReasons[0] ? ` (${ctx.needTierReasons[0]})` : "";
      const verdict = v.carer.skillsTier >= ctx.needTier ? "meets" : "is below";
      return `Carer skills tier ${v.carer.skillsTier} ${verdict} the level of need assessed at ${ctx.needTier}${why}. Behaviour problems are the strongest correlate of breakdown across 42 studies (r = .35).`;
    }
  },
  {
    id: "kinship",
    // Only where family or friends have been assessed: otherwise it would mark every home down alike.
    weight: (ctx) => ctx.kinshipHomes.size > 0 ? ctx.policy.stability.weights.kinship : 0,
    value: (ctx, v) => ctx.kinshipHomes.has(v.homeId) ? 1 : 0,
    text: (_ctx, _v, value) => value === 1 ? "A family and friends (kinship) home for this child: non-kinship care is associated with more breakdowns (r = .31)." : "Not one of the family and friends homes assessed for this child; non-kinship care is associated with more breakdowns (r = .31)."
  },
  {
    id: "carerExperience",
    weight: (ctx) => ctx.policy.stability.weights.carerExperience * ctx.supportMultiplier,
    value: (_ctx, v) => Math.min(1, v.carer.yearsApproved / 5),
    text: (_ctx, v) => `${v.kind === "foster" ? "Carer" : "Registered manager"} approved ${plural(v.carer.yearsApproved, "year")}: experienced carers are protective, and quality of parenting correlates with stability (r = .29); full credit from 5 years.`
  },
  {
    id: "endingsRecord",
    weight: (ctx) => ctx.policy.stability.weights.endingsRecord,
    // Laplace's rule keeps a home with one unplanned ending out of one from scoring zero on no evidence.
    value: (_ctx, v) => (v.pastEndings.planned + 1) / (v.pastEndings.planned + v.pastEndings.unplanned + 2),
    text: (_ctx, v) => `${plural(v.pastEndings.planned, "planned ending")} and ${plural(v.pastEndings.unplanned, "unplanned ending")} recorded for this home (a second stand-in for quality of care).`
  },
  {
    id: "siblingsTogether",
    weight: (ctx) => ctx.groupSize > 1 || ctx.siblingHomes.size > 0 ? ctx.policy.stability.weights.siblingsTogether : 0,
    value: (ctx, v) => {
      if (ctx.siblingHomes.size === 0) return 1;
      if (ctx.siblingHomes.has(v.homeId)) return 1;
      return ctx.groupSize > 1 ? 0.5 : 0;
    },
    text: (ctx, v) => {
      if (ctx.siblingHomes.has(v.homeId)) return "Lives with brothers or sisters already placed here: placement without siblings is associated with breakdown (r = .16).";
      if (ctx.groupSize > 1) {
        const elsewhere = ctx.siblingHomes.size > 0 ? ", though not with siblings placed elsewhere" : "";
        return `Keeps all ${ctx.groupSize} siblings in this referral together${elsewhere}: placement without siblings is associated with breakdown (r = .16).`;
      }
      return "Does not place the child with brothers or sisters already in care: placement without siblings is associated with breakdown (r = .16).";
    }
  },
  {
    id: "schoolKept",
    weight: (ctx) => ctx.child.school ? ctx.policy.stability.weights.schoolKept : 0,
    value: (ctx, _v, schoolMiles) => schoolMiles === void 0 ? 0 : schoolKeptValue(schoolMiles, ctx.policy.distance),
    text: (_ctx, _v, value) => value === 1 ? "Keeps the child\u2019s school: a move often means a new school and lost friends (DfE)." : value === 0 ? "Too far to keep the child\u2019s school; a move often means a new school and lost friends (DfE)." : "Keeping the child\u2019s school would mean a long journey (DfE: a move often means a new school)."
  },
  {
    id: "mockingbird",
    weight: (ctx) => ctx.policy.stability.weights.mockingbird * ctx.supportMultiplier,
    value: (_ctx, v) => v.mockingbird ? 1 : 0,
    text: (_ctx, v) => v.mockingbird ? "Part of a Mockingbird constellation: hub support and sleepovers (carers 82% less likely to leave fostering, DfE 2020 evaluation)." : "Not part of a Mockingbird constellation."
  }
];
function stabilityWeights(ctx) {
  return FACTORS2.map((f) => Math.max(0, f.weight(ctx)));
}
function stabilityScore(ctx, v, schoolMiles, contributions) {
  const weights = ctx.stabilityWeights;
  let total = 0;
  let achieved = 0;
  for (let i = 0; i < FACTORS2.length; i++) {
    const weight = weights[i];
    if (weight <= 0) continue;
    total += weight;
    achieved += weight * FACTORS2[i].value(ctx, v, schoolMiles);
  }
  if (contributions) {
    for (let i = 0; i < FACTORS2.length; i++) {
      const weight = weights[i];
      if (weight <= 0) continue;
      const f = FACTORS2[i];
      const value = f.value(ctx, v, schoolMiles);
      const maxPoints = 100 * weight / total;
      const points = maxPoints * value;
      contributions.push({
        factor: f.id,
        points: Math.round(points * 10) / 10,
        maxPoints: Math.round(maxPoints * 10) / 10,
        line: `${f.text(ctx, v, value)} ${oneDecimal(points)} of ${oneDecimal(maxPoints)} points.`
      });
    }
  }
  return total > 0 ? 100 * achieved / total : 100;
}

// shared/scoring/context.ts
var benchmarkCache = /* @__PURE__ */ new WeakMap();
function benchmarkTable(benchmarks) {
  let table = benchmarkCache.get(benchmarks);
  if (!table) {
    const t = { foster: {}, residential: {}, supported: {} };
    for (const b of benchmarks) t[b.kind][b.tier] = b.weeklyPence;
    table = t;
    benchmarkCache.set(benchmarks, table);
  }
  return table;
}
function prepareChild(child, policy2) {
  const groupAges = [child.age, ...child.siblings.map((s2) => s2.age)];
  const groupSexes = /* @__PURE__ */ new Set([child.sex, ...child.siblings.map((s2) => s2.sex)]);
  const minAge = Math.min(...groupAges);
  const maxAge = Math.max(...groupAges);
  const groupSize = groupAges.length;
  const agesText = groupSize === 1 ? `this child is ${child.age}` : minAge === maxAge ? `the sibling group are all ${minAge}` : `the sibling group is aged ${minAge}-${maxAge}`;
  const needs = child.needs;
  const requiredSpecialisms = [];
  if (child.age >= 13) requiredSpecialisms.push("teenagers");
  if (needs.disability) requiredSpecialisms.push("disability");
  if (needs.uasc) requiredSpecialisms.push("uasc");
  if (needs.therapeutic) requiredSpecialisms.push("therapeutic");
  if (needs.parentAndChild) requiredSpecialisms.push("parent_and_child");
  const needTierReasons = [];
  let needPoints = 0;
  if (child.risksToChild.length > 0) {
    needPoints += child.risksToChild.length;
    needTierReasons.push(plural(child.risksToChild.length, "risk to the child"));
  }
  if (child.risksToOthers.length > 0) {
    needPoints += 2 * child.risksToOthers.length;
    needTierReasons.push(plural(child.risksToOthers.length, "risk to others", "risks to others"));
  }
  if (needs.therapeutic) {
    needPoints += 2;
    needTierReasons.push("therapeutic needs");
  }
  if (needs.ofstedCategories.includes("EBD") || needs.ofstedCategories.includes("MHD")) {
    needPoints += 2;
    needTierReasons.push("emotional, behavioural or mental health needs");
  }
  if (child.history.priorResidential) {
    needPoints += 1;
    needTierReasons.push("previous residential care");
  }
  if (needs.disability) {
    needPoints += 1;
    needTierReasons.push("a disability");
  }
  const needTier = needPoints >= 5 ? 3 : needPoints >= 2 ? 2 : 1;
  const s = policy2.stability;
  const older = child.age >= s.olderFromAge;
  const recentMoves = child.history.movesLast12Months >= 2;
  const supportMultiplier = 1 + (older ? s.contextMultipliers.olderAtPlacement : 0) + (recentMoves ? s.contextMultipliers.recentMoves : 0) + (child.history.priorResidential ? s.contextMultipliers.priorResidential : 0);
  const contextLines = [];
  if (older) {
    contextLines.push(
      `Age at placement ${child.age}: across studies, older age at placement goes with more breakdowns (r = .25) and children entering care at 12-15 move most. The same for every home, so it does not change the order; it gives carer skills and support more weight.`
    );
  }
  if (recentMoves) {
    contextLines.push(
      `${plural(child.history.movesLast12Months, "move")} in the last 12 months: reviews find previous moves go with further moves. The same for every home; carer skills and support count for more.`
    );
  }
  if (child.history.priorResidential) {
    contextLines.push("Previous residential care is associated with later moves in reviews. The same for every home; carer skills and support count for more.");
  }
  if (child.history.yearsInCare >= 2) {
    contextLines.push(`${plural(child.history.yearsInCare, "year")} in care: longer time in care is listed among risks in reviews. Shown for context; it does not change the order.`);
  }
  const allRisks = [...child.risksToChild, ...child.risksToOthers];
  const ctx = {
    child,
    policy: policy2,
    groupSize,
    groupIds: [child.childId, ...child.siblings.map((x) => x.id)],
    groupAges,
    groupSexes,
    minAge,
    maxAge,
    agesText,
    unsuitable: {
      foster: child.suitability.foster === "Unsuitable",
      residential: child.suitability.residential === "Unsuitable",
      supported: child.suitability.supported === "Unsuitable"
    },
    sexualHarm: child.risksToOthers.includes("riskToOthersSexual"),
    physicalHarm: child.risksToOthers.includes("riskToOthersPhysical"),
    harmToAnimals: child.risksToOthers.includes("riskToOthersAnimals"),
    criminalExploitationOfOthers: child.risksToOthers.includes("riskToOthersCriminal"),
    allRisks,
    avoidCouncils: new Set(child.avoidCouncilIds),
    avoidPlaces: child.avoidPlaces,
    requiredSpecialisms,
    needTier,
    needTierReasons: needTierReasons.length > 0 ? [listText(needTierReasons)] : [],
    supportMultiplier,
    contextLines,
    kinshipHomes: new Set(child.kinshipHomeIds ?? []),
    siblingHomes: new Set(child.siblingHomeIds ?? []),
    benchmarks: benchmarkTable(policy2.benchmarks),
    budgetCeiling: child.budgetCeilingWeeklyPence,
    ofstedCategoryNames: needs.ofstedCategories.map((c) => `${OFSTED_CATEGORIES[c].toLowerCase()} (${c})`),
    shares: factorShares(policy2),
    reasons: new ReasonCache(),
    stabilityWeights: []
  };
  ctx.stabilityWeights = stabilityWeights(ctx);
  return ctx;
}
function factorShares(policy2) {
  let sum = 0;
  for (const f of FACTORS) sum += policy2.weights[f];
  const shares = {};
  for (const f of FACTORS) shares[f] = sum > 0 ? policy2.weights[f] / sum : 1 / FACTORS.length;
  return shares;
}

// shared/scoring/scores/cost.ts
var KIND_TEXT = { foster: "foster care", residential: "children\u2019s homes", supported: "supported accommodation" };
var WEEKS_PER_YEAR = 52;
function costScoreFromRatio(ratio) {
  if (ratio === void 0) return 50;
  const s = 100 * (2 - ratio) / 1.5;
  return s < 0 ? 0 : s > 100 ? 100 : s;
}
function costScore(weeklyPerChild, groupSize, kind, tier, benchmarks, lines) {
  const benchmark = benchmarks[kind][tier];
  const ratio = benchmark ? weeklyPerChild / benchmark : void 0;
  const score = costScoreFromRatio(ratio);
  if (lines) {
    const weekly = weeklyPerChild * groupSize;
    const group = groupSize > 1 ? ` for ${groupSize} children` : "";
    lines.push(`${pounds(weekly)} a week${group} (${pounds(weekly * WEEKS_PER_YEAR)} a year).`);
    if (benchmark && ratio !== void 0) {
      const diff = ratio - 1;
      const where = Math.abs(diff) < 5e-3 ? "the same as" : diff < 0 ? `${percent(-diff)} below` : `${percent(diff)} above`;
      lines.push(
        `Per child, ${where} the regional benchmark of ${pounds(benchmark)} a week (${pounds(benchmark * WEEKS_PER_YEAR)} a year) for ${tier} ${KIND_TEXT[kind]}.`
      );
    } else {
      lines.push(`No regional benchmark for ${tier} ${KIND_TEXT[kind]}; cost is scored as neutral.`);
    }
  }
  return score;
}

// shared/scoring/scores/needs.ts
var SPECIALISM_TEXT = {
  teenagers: "caring for teenagers",
  disability: "disabled children",
  parent_and_child: "parent-and-child placements",
  uasc: "unaccompanied asylum-seeking children",
  therapeutic: "therapeutic care",
  short_breaks: "short breaks"
};
var KIND_TEXT2 = { foster: "foster care", residential: "residential care", supported: "supported accommodation" };
function needsScore(ctx, v, lines) {
  const child = ctx.child;
  const needs = child.needs;
  let count = 0;
  let met = 0;
  const suitability = child.suitability[v.kind];
  const anyPreferred = child.suitability.foster === "Preferred" || child.suitability.residential === "Preferred" || child.suitability.supported === "Preferred";
  if (anyPreferred) {
    count++;
    const value = suitability === "Preferred" ? 1 : 0.5;
    met += value;
    if (lines) lines.push(value === 1 ? `The referral prefers ${KIND_TEXT2[v.kind]}.` : `The referral marks ${KIND_TEXT2[v.kind]} as suitable but not preferred.`);
  }
  for (const s of ctx.requiredSpecialisms) {
    count++;
    const has = v.specialisms.includes(s);
    if (has) met++;
    if (lines) lines.push(has ? `Specialises in ${SPECIALISM_TEXT[s]}.` : `No specialism in ${SPECIALISM_TEXT[s]}.`);
  }
  for (const c of needs.communication) {
    if (c !== "BSL" && c !== "Makaton") continue;
    count++;
    const has = v.languages.includes(c);
    if (has) met++;
    if (lines) lines.push(has ? `Carers use ${c}.` : `No carer uses ${c}, which the child needs.`);
  }
  if (needs.languages.length > 0) {
    count++;
    const shared = needs.languages.filter((l) => v.languages.includes(l));
    if (shared.length > 0) met++;
    if (lines) lines.push(shared.length > 0 ? `Someone in the home speaks ${shared.join(" and ")}.` : `Nobody in the home speaks ${needs.languages.join(" or ")}.`);
  }
  if (needs.religion) {
    count++;
    const same = v.religion === needs.religion;
    if (same) met++;
    if (lines) lines.push(same ? `A ${needs.religion} household, as the child\u2019s faith.` : `Not a ${needs.religion} household.`);
  }
  if (needs.culturalNeeds === "Required" && needs.culture) {
    count++;
    const has = v.cultures?.includes(needs.culture) ?? false;
    if (has) met++;
    if (lines) lines.push(has ? `Carers share or are connected to the child\u2019s ${needs.culture} heritage.` : `No recorded connection to the child\u2019s ${needs.culture} heritage.`);
  }
  if (child.livingCompanions === "With other children recommended") {
    count++;
    const others = v.otherChildren.length > 0;
    if (others) met++;
    if (lines) lines.push(others ? "Other children live here, as the referral recommends." : "No other children live here; the referral recommends living with others.");
  }
  if (needs.educationOnSite) {
    count++;
    if (v.educationOnSite) met++;
    if (lines) lines.push(v.educationOnSite ? "Education on site, which the child needs." : "No education on site; the child has no school place.");
  }
  if (lines && count === 0) lines.push("The referral records no needs for a home to specialise in; every home scores the same here.");
  return count === 0 ? 100 : 100 * met / count;
}

// shared/scoring/scores/wishes.ts
function nearFamilyValue(homeMiles, line) {
  if (homeMiles <= 5) return 1;
  if (homeMiles >= line) return 0;
  return 1 - (homeMiles - 5) / (line - 5);
}
function wishesScore(ctx, v, homeMiles, schoolMiles, lines) {
  const wishes = ctx.child.wishes;
  let count = 0;
  let met = 0;
  if (wishes.stayNearFamily) {
    count++;
    const value = nearFamilyValue(homeMiles, ctx.policy.distance.twentyMileLine);
    met += value;
    if (lines) lines.push(value === 1 ? "Wants to stay near family: this home is close to home." : value === 0 ? "Wants to stay near family: this home is not near." : "Wants to stay near family: this home is some way from home.");
  }
  if (wishes.stayAtSchool && schoolMiles !== void 0) {
    count++;
    const value = schoolKeptValue(schoolMiles, ctx.policy.distance);
    met += value;
    if (lines) lines.push(value === 1 ? "Wants to stay at their school: they can from here." : value === 0 ? "Wants to stay at their school: too far from here." : "Wants to stay at their school: a long journey from here.");
  }
  if (wishes.liveWithSiblings && (ctx.groupSize > 1 || ctx.siblingHomes.size > 0)) {
    count++;
    const together = ctx.siblingHomes.size === 0 || ctx.siblingHomes.has(v.homeId);
    if (together) met++;
    if (lines) lines.push(together ? "Wants to live with their brothers and sisters: this home keeps them together." : "Wants to live with their brothers and sisters: some live elsewhere.");
  }
  if (wishes.pets) {
    count++;
    const ok = wishes.pets === "want" ? v.petsInHome : !v.petsInHome;
    if (ok) met++;
    if (lines) lines.push(wishes.pets === "want" ? ok ? "Would like pets: there are pets here." : "Would like pets: none here." : ok ? "Would rather not live with pets: none here." : "Would rather not live with pets: there are pets here.");
  }
  if (wishes.faithCommunity && ctx.child.needs.religion) {
    count++;
    const same = v.religion === ctx.child.needs.religion;
    if (same) met++;
    if (lines) lines.push(same ? "Wants to stay part of their faith community: a household of the same faith." : "Wants to stay part of their faith community: a household of a different or no faith.");
  }
  if (lines && count === 0) lines.push("No preferences recorded that can be checked against a home; their own words are shown with every match.");
  return count === 0 ? 100 : 100 * met / count;
}

// shared/scoring/evaluate.ts
function isInHouse(v) {
  return v.ownership === "in_house";
}
function roundTotal(x) {
  const clamped = x < 0 ? 0 : x > 100 ? 100 : x;
  return Math.round(clamped * 10) / 10;
}
function totalScore(ctx, v, homeMiles, schoolMiles) {
  const s = ctx.shares;
  const policy2 = ctx.policy;
  const raw = s.cost * costScore(weeklyTotal(v), ctx.groupSize, v.kind, v.feeTier, ctx.benchmarks) + s.distance * distanceScore(homeMiles, schoolMiles, policy2.distance) + s.stability * stabilityScore(ctx, v, schoolMiles) + s.needs * needsScore(ctx, v) + s.wishes * wishesScore(ctx, v, homeMiles, schoolMiles) + (isInHouse(v) ? policy2.inHouseBonus : 0);
  return roundTotal(raw);
}

// shared/scoring/rank.ts
function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// shared/scoring/plan.ts
import loadHighs from "highs";

// shared/scoring/problem.ts
function pairCoefficient(p, pair) {
  return p.pairCoef[pair];
}
function hasHousemateRules(ctx) {
  const alongside = ctx.child.livingCompanions;
  const restrictsAlongside = alongside === "Solo placement recommended" || alongside === "Only with other older children" || alongside === "Only with other younger children";
  return restrictsAlongside || ctx.sexualHarm || ctx.physicalHarm || ctx.criminalExploitationOfOthers;
}
function vacancyIndex(vacancies2) {
  const lists = {
    foster: Array.from({ length: MAX_AGE + 1 }, () => []),
    residential: Array.from({ length: MAX_AGE + 1 }, () => []),
    supported: Array.from({ length: MAX_AGE + 1 }, () => [])
  };
  vacancies2.forEach((v, i) => {
    for (let age = Math.max(0, v.approval.minAge); age <= Math.min(MAX_AGE, v.approval.maxAge); age++) lists[v.kind][age].push(i);
  });
  return {
    foster: lists.foster.map((l) => Int32Array.from(l)),
    residential: lists.residential.map((l) => Int32Array.from(l)),
    supported: lists.supported.map((l) => Int32Array.from(l))
  };
}
var MAX_AGE = 25;
function isoNumber(iso) {
  return Number(iso.slice(0, 4)) * 1e4 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}
function packVacancies(vacancies2, policy2) {
  const n = vacancies2.length;
  const packed = {
    maxAge: new Int32Array(n),
    sex: new Uint8Array(n),
    beds: new Int32Array(n),
    room: new Int32Array(n),
    siblings: new Uint8Array(n),
    availableFrom: new Int32Array(n),
    inadequate: new Uint8Array(n),
    wheelchair: new Uint8Array(n),
    pets: new Uint8Array(n),
    secure: new Uint8Array(n),
    others: new Int32Array(n),
    price: new Float64Array(n)
  };
  vacancies2.forEach((v, i) => {
    packed.maxAge[i] = v.approval.maxAge;
    packed.sex[i] = v.approval.sex === "F" ? 1 : v.approval.sex === "M" ? 2 : 0;
    packed.beds[i] = v.bedsFree;
    packed.room[i] = v.approval.maxChildren - v.otherChildren.length;
    packed.siblings[i] = v.approval.siblingsAccepted ? 1 : 0;
    packed.availableFrom[i] = isoNumber(v.availableFrom);
    packed.inadequate[i] = policy2.excludeInadequate && v.ofstedGrade === "inadequate" ? 1 : 0;
    packed.wheelchair[i] = v.wheelchairAdapted ? 1 : 0;
    packed.pets[i] = v.petsInHome ? 1 : 0;
    packed.secure[i] = v.secure ? 1 : 0;
    packed.others[i] = v.otherChildren.length;
    packed.price[i] = weeklyTotal(v);
  });
  return packed;
}
function quickFacts(ctx, policy2) {
  const onlyGirls = ctx.groupSexes.size === 1 && ctx.groupSexes.has("F");
  const onlyBoys = ctx.groupSexes.size === 1 && ctx.groupSexes.has("M");
  return {
    maxAge: ctx.maxAge,
    groupSize: ctx.groupSize,
    sexOk: (onlyGirls ? 1 : 0) | (onlyBoys ? 2 : 0),
    neededBy: isoNumber(ctx.child.neededByDate),
    needsWheelchair: ctx.child.needs.wheelchairAdaptation,
    noPets: ctx.child.pets === "No" || ctx.harmToAnimals,
    mustHavePets: ctx.child.pets === "Yes - must",
    secureOrder: ctx.child.legal.secureOrder ? 1 : 0,
    solo: ctx.child.livingCompanions === "Solo placement recommended",
    maxPrice: policy2.caps.maxWeeklyPence,
    budget: ctx.budgetCeiling ?? Infinity
  };
}
function quickReject(q, p, v) {
  const k = q.groupSize;
  const sex = p.sex[v];
  return q.maxAge > p.maxAge[v] || sex !== 0 && (q.sexOk & sex) === 0 || p.beds[v] < k || p.room[v] < k || k > 1 && p.siblings[v] === 0 || p.availableFrom[v] > q.neededBy || p.inadequate[v] === 1 || q.needsWheelchair && p.wheelchair[v] === 0 || (p.pets[v] === 1 ? q.noPets : q.mustHavePets) || p.secure[v] !== q.secureOrder || q.solo && p.others[v] > 0 || p.price[v] > q.maxPrice || p.price[v] * k > q.budget;
}
var KINDS = ["foster", "residential", "supported"];
function buildPlanProblem(referralsIn, vacanciesIn, policy2) {
  const referrals2 = [...referralsIn].sort((a, b) => compareIds(a.referralId, b.referralId));
  const vacancies2 = [...vacanciesIn].sort((a, b) => compareIds(a.vacancyId, b.vacancyId));
  const objective = policy2.plan.objective;
  const floor = objective === "minimiseCostAboveFloor" ? policy2.plan.qualityFloor : -Infinity;
  const R2 = referrals2.length;
  const V2 = vacancies2.length;
  const capacity = new Int32Array(V2);
  for (let v = 0; v < V2; v++) {
    const vac2 = vacancies2[v];
    capacity[v] = Math.max(0, Math.min(vac2.bedsFree, vac2.approval.maxChildren - vac2.otherChildren.length));
  }
  const index = vacancyIndex(vacancies2);
  const places = packPlaces(vacancies2.map((v) => v.location));
  const packed = packVacancies(vacancies2, policy2);
  const maxMiles = policy2.caps.maxMiles;
  const contexts = referrals2.map((c) => prepareChild(c, policy2));
  const groupSize = new Int32Array(R2);
  const restricted = new Uint8Array(R2);
  const pairStart = new Int32Array(R2 + 1);
  const initial = 1 << 16;
  let vac = new Int32Array(initial);
  let score = new Float64Array(initial);
  let weekly = new Float64Array(initial);
  let milesOut = new Float64Array(initial);
  let weight = new Float64Array(initial);
  let used = 0;
  let perChildBound = 0;
  for (let r = 0; r < R2; r++) {
    const ctx = contexts[r];
    const child = ctx.child;
    const k = ctx.groupSize;
    groupSize[r] = k;
    restricted[r] = hasHousemateRules(ctx) ? 1 : 0;
    pairStart[r] = used;
    const quick = quickFacts(ctx, policy2);
    let largest = 0;
    const age = Math.min(MAX_AGE, Math.max(0, ctx.minAge));
    for (const kind of KINDS) {
      if (ctx.unsuitable[kind]) continue;
      const list = index[kind][age];
      for (let j = 0; j < list.length; j++) {
        const v = list[j];
        const homeMiles = milesToPacked(child.home, places, v);
        if (homeMiles > maxMiles) continue;
        if (quickReject(quick, packed, v)) continue;
        const vacancy = vacancies2[v];
        if (!hardRulesPass(ctx, vacancy, homeMiles)) continue;
        const schoolMiles = child.school ? milesToPacked(child.school, places, v) : void 0;
        const s = totalScore(ctx, vacancy, homeMiles, schoolMiles);
        if (s < floor) continue;
        const groupWeekly = weeklyTotal(vacancy) * k;
        const w = objective === "maximiseQuality" ? k * Math.round(s * 10) : -Math.round(groupWeekly / 100);
        if (used === vac.length) {
          const size = vac.length * 2;
          vac = grow(vac, size);
          score = grow(score, size);
          weekly = grow(weekly, size);
          milesOut = grow(milesOut, size);
          weight = grow(weight, size);
        }
        vac[used] = v;
        score[used] = s;
        weekly[used] = groupWeekly;
        milesOut[used] = homeMiles;
        weight[used] = w;
        used++;
        if (Math.abs(w) > largest) largest = Math.abs(w);
      }
    }
    perChildBound += largest;
  }
  pairStart[R2] = used;
  const pairReferral = new Int32Array(used);
  for (let r = 0; r < R2; r++) pairReferral.fill(r, pairStart[r], pairStart[r + 1]);
  const perChild = perChildBound + 1;
  const pairCoef = new Float64Array(used);
  for (let i = 0; i < used; i++) pairCoef[i] = groupSize[pairReferral[i]] * perChild + weight[i];
  return {
    policy: policy2,
    objective,
    referrals: referrals2,
    vacancies: vacancies2,
    contexts,
    groupSize,
    capacity,
    pairStart,
    pairVacancy: vac.slice(0, used),
    pairScore: score.slice(0, used),
    pairWeekly: weekly.slice(0, used),
    pairMiles: milesOut.slice(0, used),
    pairWeight: weight.slice(0, used),
    pairReferral,
    pairCoef,
    perChild,
    restricted
  };
}
function bestPairs(p, r, k) {
  const best = [];
  for (let i = p.pairStart[r]; i < p.pairStart[r + 1]; i++) {
    if (best.length === k && !better(p, i, best[k - 1])) continue;
    let at = best.length < k ? best.length : k - 1;
    best[at] = i;
    while (at > 0 && better(p, best[at], best[at - 1])) {
      const t = best[at - 1];
      best[at - 1] = best[at];
      best[at] = t;
      at--;
    }
  }
  return best;
}
function better(p, a, b) {
  const ca = p.pairCoef[a];
  const cb = p.pairCoef[b];
  return ca > cb || ca === cb && p.pairVacancy[a] < p.pairVacancy[b];
}
function grow(a, size) {
  const next = new a.constructor(size);
  next.set(a);
  return next;
}
function groupOf(ctx) {
  return [{ age: ctx.child.age, sex: ctx.child.sex }, ...ctx.child.siblings.map((s) => ({ age: s.age, sex: s.sex }))];
}
var Housemates = class {
  constructor(problem) {
    this.problem = problem;
    this.groups = problem.contexts.map(groupOf);
  }
  problem;
  memo = /* @__PURE__ */ new Map();
  groups;
  compatible(a, b) {
    const p = this.problem;
    if (!p.restricted[a] && !p.restricted[b]) return true;
    const key = a < b ? a * p.referrals.length + b : b * p.referrals.length + a;
    let ok = this.memo.get(key);
    if (ok === void 0) {
      ok = housemateRulesPass(p.contexts[a], this.groups[b]) && housemateRulesPass(p.contexts[b], this.groups[a]);
      this.memo.set(key, ok);
    }
    return ok;
  }
  /** Whether a and b could both be given beds in vacancy v at all, and would then clash. */
  clash(a, b, v) {
    const p = this.problem;
    if (p.groupSize[a] + p.groupSize[b] > p.capacity[v]) return false;
    return !this.compatible(a, b);
  }
};

// shared/scoring/solve/assignment.ts
import { linearSumAssignment } from "linear-sum-assignment";

// shared/scoring/solve/bounds.ts
var EPS = 1e-6;
function slack(bound) {
  return 1e-6 + 1e-9 * Math.abs(bound);
}
function flooredBound(bound) {
  return Math.floor(bound + slack(bound));
}
function proven(value, bound) {
  return value >= flooredBound(bound);
}
function objectiveOf(p, chosen) {
  let value = 0;
  for (const pair of chosen) if (pair >= 0) value += pairCoefficient(p, pair);
  return value;
}
function topPairs(p, k) {
  const inModel = new Uint8Array(p.pairVacancy.length);
  for (let r = 0; r < p.referrals.length; r++) for (const pair of bestPairs(p, r, k)) inModel[pair] = 1;
  return inModel;
}
function columnsOf(inModel) {
  const cols = [];
  for (let i = 0; i < inModel.length; i++) if (inModel[i]) cols.push(i);
  return cols;
}
function anyClash(p, mates, pairs) {
  const byVacancy = /* @__PURE__ */ new Map();
  for (const pair of pairs) {
    const v = p.pairVacancy[pair];
    const r = p.pairReferral[pair];
    const list = byVacancy.get(v);
    if (!list) {
      byVacancy.set(v, [r]);
      continue;
    }
    for (const other of list) if (mates.clash(r, other, v)) return true;
    list.push(r);
  }
  return false;
}
function pairsByVacancy(p) {
  const V2 = p.vacancies.length;
  const start = new Int32Array(V2 + 1);
  for (let i = 0; i < p.pairVacancy.length; i++) start[p.pairVacancy[i] + 1]++;
  for (let v = 0; v < V2; v++) start[v + 1] += start[v];
  const fill = start.slice(0, V2);
  const pairs = new Int32Array(p.pairVacancy.length);
  for (let i = 0; i < p.pairVacancy.length; i++) pairs[fill[p.pairVacancy[i]]++] = i;
  const referral = new Int32Array(pairs.length);
  const coef = new Float64Array(pairs.length);
  for (let j = 0; j < pairs.length; j++) {
    referral[j] = p.pairReferral[pairs[j]];
    coef[j] = p.pairCoef[pairs[j]];
  }
  return { start, pairs, referral, coef };
}

// shared/scoring/solve/assignment.ts
function solveAssignmentRound(p, inModel, cols, perReferral) {
  const rows = [];
  const rowOf = new Int32Array(p.referrals.length).fill(-1);
  const claimants = /* @__PURE__ */ new Map();
  for (const pair of cols) {
    const r = p.pairReferral[pair];
    if (rowOf[r] === -1) {
      rowOf[r] = rows.length;
      rows.push(r);
    }
    const v = p.pairVacancy[pair];
    claimants.set(v, (claimants.get(v) ?? 0) + 1);
  }
  const n = rows.length;
  const chosen = new Int32Array(p.referrals.length).fill(-1);
  if (n === 0) return { chosen, value: 0, bound: 0, entering: [] };
  const vacancies2 = [...claimants.keys()].sort((a, b) => a - b);
  const firstSlot = /* @__PURE__ */ new Map();
  const slotCount = /* @__PURE__ */ new Map();
  const slotVacancy = [];
  for (const v of vacancies2) {
    const slots = Math.min(p.capacity[v], claimants.get(v));
    firstSlot.set(v, slotVacancy.length);
    slotCount.set(v, slots);
    for (let s = 0; s < slots; s++) slotVacancy.push(v);
  }
  const S = slotVacancy.length;
  let maxCoef = 0;
  for (const pair of cols) maxCoef = Math.max(maxCoef, pairCoefficient(p, pair));
  const big = (n + 1) * (maxCoef + 1);
  const matrix = [];
  for (let s = 0; s < S + n; s++) matrix.push(new Float64Array(n).fill(-big));
  for (let i = 0; i < n; i++) matrix[S + i][i] = 0;
  for (const pair of cols) {
    const i = rowOf[p.pairReferral[pair]];
    const v = p.pairVacancy[pair];
    const first = firstSlot.get(v);
    const coef = pairCoefficient(p, pair);
    for (let s = 0; s < slotCount.get(v); s++) matrix[first + s][i] = coef;
  }
  const result = linearSumAssignment(matrix, { maximaze: true });
  let value = 0;
  for (let i = 0; i < n; i++) {
    const slot = result.columnAssignments[i];
    if (slot < 0 || slot >= S || matrix[slot][i] <= 0) continue;
    const r = rows[i];
    const v = slotVacancy[slot];
    for (let pair = p.pairStart[r]; pair < p.pairStart[r + 1]; pair++) {
      if (p.pairVacancy[pair] === v) {
        chosen[r] = pair;
        value += pairCoefficient(p, pair);
        break;
      }
    }
  }
  const delta = maxCoef;
  const u = result.dualVariableForColumns;
  const vSlot = result.dualVariableForRows;
  let dualSum = 0;
  for (let i = 0; i < n; i++) {
    if (u[i] > delta + big) return void 0;
    dualSum += u[i];
  }
  for (let s = 0; s < S + n; s++) dualSum += vSlot[s];
  const vacancyDual = new Float64Array(p.vacancies.length);
  for (const v of vacancies2) {
    const first = firstSlot.get(v);
    const slots = slotCount.get(v);
    let vmax = slots < p.capacity[v] ? 0 : -Infinity;
    for (let s = 0; s < slots; s++) vmax = Math.max(vmax, vSlot[first + s]);
    vacancyDual[v] = vmax;
  }
  let correction = 0;
  const entering = [];
  const found = [];
  for (let r = 0; r < p.referrals.length; r++) {
    const start = p.pairStart[r];
    const end = p.pairStart[r + 1];
    if (start === end) continue;
    const i = rowOf[r];
    if (i === -1) return void 0;
    let least = 0;
    found.length = 0;
    for (let pair = start; pair < end; pair++) {
      const rc = delta - p.pairCoef[pair] - u[i] - vacancyDual[p.pairVacancy[pair]];
      if (rc < least) least = rc;
      if (!inModel[pair] && rc < -EPS) found.push({ pair, rc });
    }
    correction += least;
    if (found.length > 0) {
      found.sort((a, b) => a.rc - b.rc || a.pair - b.pair);
      for (let j = 0; j < Math.min(perReferral, found.length); j++) entering.push(found[j].pair);
    }
  }
  return { chosen, value, bound: n * delta - (dualSum + correction), entering };
}

// shared/scoring/solve/highsModel.ts
var ColumnBuilder = class {
  cost = [];
  starts = [0];
  indices = [];
  values = [];
  /** Adds a column; `rows` must be distinct. */
  add(cost, rows, coefs) {
    const order = rows.map((_, i) => i).sort((a, b) => rows[a] - rows[b]);
    for (const i of order) {
      this.indices.push(rows[i]);
      this.values.push(coefs[i]);
    }
    this.cost.push(cost);
    this.starts.push(this.indices.length);
  }
  get count() {
    return this.cost.length;
  }
};
function runHighs(highs, rowUpper, columns, options) {
  const n = columns.count;
  const numRows = rowUpper.length;
  const model = highs.createModel({
    numCols: n,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: Float64Array.from(columns.cost),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(options.colUpper),
    rowLower: new Float64Array(numRows).fill(-highs.infinity),
    rowUpper: Float64Array.from(rowUpper),
    matrix: {
      format: "csc",
      numRows,
      numCols: n,
      starts: Int32Array.from(columns.starts),
      indices: Int32Array.from(columns.indices),
      values: Float64Array.from(columns.values)
    },
    ...options.integer ? { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) } : {}
  });
  try {
    model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: 0, mip_abs_gap: 0.5, random_seed: 0 });
    model.run();
    const status = model.getModelStatus();
    const sol = model.getSolution();
    return {
      optimal: status === highs.constants.modelStatus.optimal,
      timeLimited: status === highs.constants.modelStatus.timeLimit,
      status,
      x: sol.colValue,
      rowDual: sol.rowDual
    };
  } finally {
    model.dispose();
  }
}

// shared/scoring/solve/configurations.ts
var ConfigurationPool = class {
  constructor(p) {
    this.p = p;
  }
  p;
  vacancy = [];
  /** Pair ids of each configuration, ascending. */
  pairs = [];
  value = [];
  keys = /* @__PURE__ */ new Set();
  add(v, pairs) {
    const sorted = [...pairs].sort((a, b) => a - b);
    const key = `${v}:${sorted.join(",")}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.vacancy.push(v);
    this.pairs.push(sorted);
    let value = 0;
    for (const pair of sorted) value += pairCoefficient(this.p, pair);
    this.value.push(value);
    return true;
  }
  get size() {
    return this.vacancy.length;
  }
};
var MasterLp = class {
  constructor(highs, p, pool, timeLimitSeconds) {
    this.highs = highs;
    this.p = p;
    this.pool = pool;
    this.numRows = p.referrals.length + p.vacancies.length;
    const model = highs.createModel();
    try {
      model.options.set({ output_flag: false, time_limit: timeLimitSeconds, random_seed: 0 });
      model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
      model.addRows({
        lower: new Float64Array(this.numRows).fill(-highs.infinity),
        upper: new Float64Array(this.numRows).fill(1),
        matrix: { format: "csr", numRows: this.numRows, numCols: 0, starts: new Int32Array(this.numRows + 1), indices: new Int32Array(0), values: new Float64Array(0) }
      });
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.model = model;
  }
  highs;
  p;
  pool;
  model;
  columnsInModel = 0;
  numRows;
  /** Appends the pool's new configurations and re-solves; the LP leaves z unbounded above so every dual sits on a row. */
  solve() {
    const columns = masterColumns(this.p, this.pool, this.columnsInModel);
    if (columns.count > 0) {
      this.model.addCols({
        cost: Float64Array.from(columns.cost),
        lower: new Float64Array(columns.count),
        upper: new Float64Array(columns.count).fill(this.highs.infinity),
        matrix: {
          format: "csc",
          numRows: this.numRows,
          numCols: columns.count,
          starts: Int32Array.from(columns.starts),
          indices: Int32Array.from(columns.indices),
          values: Float64Array.from(columns.values)
        }
      });
      this.columnsInModel += columns.count;
    }
    this.model.run();
    const status = this.model.getModelStatus();
    const sol = this.model.getSolution();
    return { optimal: status === this.highs.constants.modelStatus.optimal, status, z: sol.colValue, rowDual: sol.rowDual };
  }
  dispose() {
    this.model.dispose();
  }
};
function masterColumns(p, pool, from) {
  const R2 = p.referrals.length;
  const columns = new ColumnBuilder();
  for (let c = from; c < pool.size; c++) {
    const members = pool.pairs[c].map((pair) => p.pairReferral[pair]);
    columns.add(pool.value[c], [...members, R2 + pool.vacancy[c]], [...members.map(() => 1), 1]);
  }
  return columns;
}
function positiveItems(p, byVacancy, v, y, threshold) {
  const items = [];
  for (let i = byVacancy.start[v]; i < byVacancy.start[v + 1]; i++) {
    const r = byVacancy.referral[i];
    const value = byVacancy.coef[i] - y[r];
    if (value > threshold) items.push({ pair: byVacancy.pairs[i], r, k: p.groupSize[r], value });
  }
  return items.sort((a, b) => b.value - a.value || a.pair - b.pair);
}
function bestSubset(items, capacity, mates) {
  let best = 0;
  let bestSet = [];
  const chosen = [];
  const search = (from, used, value) => {
    if (value > best + EPS) {
      best = value;
      bestSet = chosen.map((c) => c.pair);
    }
    for (let j = from; j < items.length; j++) {
      const it = items[j];
      if (value + it.value * (capacity - used) <= best + EPS) return;
      if (used + it.k > capacity) continue;
      if (!chosen.every((c) => mates.compatible(c.r, it.r))) continue;
      chosen.push(it);
      search(j + 1, used + it.k, value + it.value);
      chosen.pop();
    }
  };
  search(0, 0, 0);
  return { value: best, pairs: bestSet };
}
function subsetsAbove(items, capacity, need, mates, limit) {
  const out = [];
  const chosen = [];
  const positiveAfter = new Float64Array(items.length + 1);
  for (let j = items.length - 1; j >= 0; j--) positiveAfter[j] = positiveAfter[j + 1] + Math.max(0, items[j].value);
  let overflow = false;
  const search = (from, used, value) => {
    if (overflow) return;
    if (chosen.length > 0 && value > need) {
      out.push(chosen.map((c) => c.pair));
      if (out.length > limit) {
        overflow = true;
        return;
      }
    }
    for (let j = from; j < items.length; j++) {
      if (value + positiveAfter[j] <= need) return;
      const it = items[j];
      if (used + it.k > capacity) continue;
      if (!chosen.every((c) => mates.compatible(c.r, it.r))) continue;
      chosen.push(it);
      search(j + 1, used + it.k, value + it.value);
      chosen.pop();
    }
  };
  search(0, 0, 0);
  return overflow ? void 0 : out;
}
var FIXING_LIMIT = 2e5;
function solveByConfigurations(p, highs, mates, seedPairs, options) {
  const byVacancy = pairsByVacancy(p);
  const pool = new ConfigurationPool(p);
  for (const pair of seedPairs) pool.add(p.pairVacancy[pair], [pair]);
  const R2 = p.referrals.length;
  const V2 = p.vacancies.length;
  let lpMs = 0;
  let mipMs = 0;
  let pricingMs = 0;
  let rounds = 0;
  let bound = Infinity;
  let converged = false;
  let chosen;
  let last;
  const master = new MasterLp(highs, p, pool, options.timeLimitSeconds);
  try {
    for (; ; ) {
      rounds++;
      let t = performance.now();
      const lp = master.solve();
      lpMs += performance.now() - t;
      if (!lp.optimal) throw new Error(`HiGHS could not solve the plan's LP relaxation (status ${lp.status}).`);
      t = performance.now();
      const y = new Float64Array(R2);
      const mu = new Float64Array(V2);
      let roundBound = 0;
      for (let r = 0; r < R2; r++) roundBound += y[r] = Math.max(0, lp.rowDual[r]);
      for (let v = 0; v < V2; v++) roundBound += mu[v] = Math.max(0, lp.rowDual[R2 + v]);
      const positive = new Float64Array(V2);
      let added = 0;
      for (let v = 0; v < V2; v++) {
        const items = positiveItems(p, byVacancy, v, y, 0);
        if (items.length === 0) continue;
        const best = bestSubset(items, p.capacity[v], mates);
        const gain = best.value - mu[v];
        if (gain > 0) {
          positive[v] = gain;
          roundBound += gain;
        }
        if (gain > EPS && pool.add(v, best.pairs)) added++;
      }
      pricingMs += performance.now() - t;
      bound = Math.min(bound, roundBound);
      last = { y, mu, positive, bound: roundBound };
      const integral = lp.z.every((z) => z < EPS || z > 1 - EPS);
      chosen = integral && added === 0 ? chosenFrom(p, pool, lp.z) : void 0;
      if (added === 0) {
        converged = true;
        break;
      }
      if (rounds >= options.maxRounds) break;
    }
  } finally {
    master.dispose();
  }
  let status = "optimal";
  let provedByFixing = false;
  if (!chosen) {
    let t = performance.now();
    let mip = solveMaster(highs, p, pool, options.timeLimitSeconds);
    mipMs += performance.now() - t;
    chosen = mip.chosen;
    if (!mip.optimal) status = "time-limit";
    if (mip.optimal && converged && last && !proven(objectiveOf(p, chosen), bound)) {
      const incumbent = objectiveOf(p, chosen);
      t = performance.now();
      let fixedAll = true;
      for (let v = 0; v < V2 && fixedAll; v++) {
        const need = incumbent + 0.5 - last.bound + last.positive[v] + last.mu[v] - slack(last.bound);
        const items = positiveItems(p, byVacancy, v, last.y, -Infinity);
        if (items.length === 0) continue;
        const subsets = subsetsAbove(items, p.capacity[v], need, mates, FIXING_LIMIT - pool.size);
        if (!subsets) fixedAll = false;
        else for (const s of subsets) pool.add(v, s);
      }
      pricingMs += performance.now() - t;
      if (fixedAll) {
        t = performance.now();
        mip = solveMaster(highs, p, pool, options.timeLimitSeconds);
        mipMs += performance.now() - t;
        if (mip.optimal) {
          chosen = mip.chosen;
          provedByFixing = true;
        } else {
          status = "time-limit";
        }
      }
    }
  }
  const value = objectiveOf(p, chosen);
  if (status === "optimal" && !provedByFixing && !proven(value, bound)) status = "bounded";
  return { chosen, value, bound: flooredBound(bound), status, provedByFixing, rounds, configurations: pool.size, lpMs, mipMs, pricingMs };
}
function solveMaster(highs, p, pool, timeLimitSeconds) {
  const rowUpper = new Array(p.referrals.length + p.vacancies.length).fill(1);
  const mip = runHighs(highs, rowUpper, masterColumns(p, pool, 0), { integer: true, timeLimitSeconds, colUpper: 1 });
  if (!mip.optimal && !mip.timeLimited) throw new Error(`HiGHS could not solve the plan (status ${mip.status}).`);
  return { chosen: chosenFrom(p, pool, mip.x), optimal: mip.optimal };
}
function chosenFrom(p, pool, z) {
  const chosen = new Int32Array(p.referrals.length).fill(-1);
  for (let c = 0; c < pool.size; c++) {
    if (z[c] > 0.5) for (const pair of pool.pairs[c]) chosen[p.pairReferral[pair]] = pair;
  }
  return chosen;
}

// shared/scoring/solve/plain.ts
function solvePlain(p, highs, mates, timeLimitSeconds) {
  const R2 = p.referrals.length;
  const V2 = p.vacancies.length;
  const n = p.pairVacancy.length;
  const rowUpper = [];
  for (let r = 0; r < R2; r++) rowUpper.push(1);
  for (let v = 0; v < V2; v++) rowUpper.push(p.capacity[v]);
  const extra = Array.from({ length: n }, () => []);
  const byVacancy = pairsByVacancy(p);
  for (let v = 0; v < V2; v++) {
    const start = byVacancy.start[v];
    const end = byVacancy.start[v + 1];
    if (end - start < 2) continue;
    for (let i = start; i < end; i++) {
      const pa = byVacancy.pairs[i];
      const a = p.pairReferral[pa];
      if (!p.restricted[a]) continue;
      const clashing = [];
      for (let j = start; j < end; j++) {
        const pb = byVacancy.pairs[j];
        if (pb !== pa && mates.clash(a, p.pairReferral[pb], v)) clashing.push(pb);
      }
      if (clashing.length === 0) continue;
      const row = rowUpper.length;
      rowUpper.push(clashing.length);
      extra[pa].push([row, clashing.length]);
      for (const pb of clashing) extra[pb].push([row, 1]);
    }
  }
  const columns = new ColumnBuilder();
  for (let pair = 0; pair < n; pair++) {
    const r = p.pairReferral[pair];
    const rows = [r, R2 + p.pairVacancy[pair], ...extra[pair].map((e) => e[0])];
    const coefs = [1, p.groupSize[r], ...extra[pair].map((e) => e[1])];
    columns.add(pairCoefficient(p, pair), rows, coefs);
  }
  const mip = runHighs(highs, rowUpper, columns, { integer: true, timeLimitSeconds, colUpper: 1 });
  if (!mip.optimal && !mip.timeLimited) throw new Error(`HiGHS could not solve the plain plan (status ${mip.status}).`);
  const chosen = new Int32Array(R2).fill(-1);
  for (let pair = 0; pair < n; pair++) if (mip.x[pair] > 0.5) chosen[p.pairReferral[pair]] = pair;
  return { chosen, optimal: mip.optimal };
}

// shared/scoring/plan.ts
function clock(timings, key, since) {
  if (timings) timings[key] = (timings[key] ?? 0) + (performance.now() - since);
}
var solver;
function loadSolver(options) {
  solver ??= loadHighs(options);
  return solver;
}
async function planRegion(referrals2, vacancies2, policy2, options = {}) {
  const highs = options.highs ?? await loadSolver();
  const t0 = performance.now();
  const problem = buildPlanProblem(referrals2, vacancies2, policy2);
  const t1 = performance.now();
  const plan = options.method === "plain" ? solvePlainPlan(problem, highs, options) : solvePriced(problem, highs, options);
  if (options.timings) {
    options.timings.problemMs = t1 - t0;
    options.timings.solveMs = performance.now() - t1;
  }
  return plan;
}
function solvePriced(p, highs, options) {
  const k = options.candidatesPerReferral ?? p.policy.plan.candidatesPerReferral;
  const maxRounds = options.maxPricingRounds ?? 30;
  const timeLimit = options.timeLimitSeconds ?? 30;
  const mates = new Housemates(p);
  const inModel = topPairs(p, k);
  const feasiblePairs = p.pairVacancy.length;
  if (p.groupSize.every((g) => g === 1) && !options.forceMip) {
    let bound = Infinity;
    let rounds = 0;
    let result;
    for (; ; ) {
      const cols = columnsOf(inModel);
      if (anyClash(p, mates, cols)) break;
      const t = performance.now();
      result = solveAssignmentRound(p, inModel, cols, k);
      clock(options.timings, "assignmentMs", t);
      if (!result) break;
      rounds++;
      bound = Math.min(bound, result.bound);
      if (result.entering.length === 0 || rounds >= maxRounds) {
        const isProven = proven(result.value, bound);
        return finishPlan(p, result.chosen, "assignment", {
          status: isProven ? "optimal" : "bounded",
          statement: isProven ? `Optimal over every pair the hard rules allow (${feasiblePairs}); ${cols.length} were given to the assignment solver and its duals proved no other pair could improve the plan.` : `Best assignment over ${cols.length} of ${feasiblePairs} allowed pairs; no plan can exceed the stated bound.`,
          objectiveValue: result.value,
          upperBound: flooredBound(bound),
          pricingRounds: rounds,
          columns: cols.length,
          feasiblePairs
        });
      }
      for (const pair of result.entering) inModel[pair] = 1;
    }
  }
  const outcome = solveByConfigurations(p, highs, mates, columnsOf(inModel), { maxRounds, timeLimitSeconds: timeLimit });
  if (options.timings) {
    options.timings.lpMs = (options.timings.lpMs ?? 0) + outcome.lpMs;
    options.timings.mipMs = (options.timings.mipMs ?? 0) + outcome.mipMs;
    options.timings.pricingMs = (options.timings.pricingMs ?? 0) + outcome.pricingMs;
  }
  const statement = outcome.status === "optimal" ? `Optimal over every pair the hard rules allow (${feasiblePairs}): ${outcome.configurations} home configurations were given to the MIP, and ${outcome.provedByFixing ? "pricing with reduced-cost fixing" : "pricing"} proved no other could improve the plan.` : outcome.status === "bounded" ? `Best plan found over ${outcome.configurations} home configurations; no plan over the ${feasiblePairs} allowed pairs can exceed the stated bound.` : `Stopped at the ${timeLimit} s time limit; not proven optimal. No plan can exceed the stated bound.`;
  return finishPlan(p, outcome.chosen, "mip", {
    status: outcome.status,
    statement,
    objectiveValue: outcome.value,
    upperBound: outcome.bound,
    pricingRounds: outcome.rounds,
    columns: outcome.configurations,
    feasiblePairs
  });
}
function solvePlainPlan(p, highs, options) {
  const timeLimit = options.timeLimitSeconds ?? 60;
  const t = performance.now();
  const { chosen, optimal } = solvePlain(p, highs, new Housemates(p), timeLimit);
  clock(options.timings, "mipMs", t);
  return finishPlan(p, chosen, "plain-mip", {
    status: optimal ? "optimal" : "time-limit",
    statement: optimal ? `Optimal over every pair the hard rules allow (${p.pairVacancy.length}), all given to one MIP.` : `Stopped at the ${timeLimit} s time limit with every allowed pair in one MIP; not proven optimal.`,
    objectiveValue: objectiveOf(p, chosen),
    upperBound: void 0,
    pricingRounds: 0,
    columns: p.pairVacancy.length,
    feasiblePairs: p.pairVacancy.length
  });
}
var NO_HOME = "No home in the region passes the hard rules for this referral.";
var TAKEN = "Every home this referral could use was needed for other children: the plan places as many children as possible first, then the best matches.";
function finishPlan(p, chosen, method, optimality) {
  const placements = [];
  const unplaced = [];
  const line = p.policy.distance.twentyMileLine;
  for (let r = 0; r < p.referrals.length; r++) {
    const child = p.referrals[r];
    const childIds = [child.childId, ...child.siblings.map((s) => s.id)];
    const pair = chosen[r];
    if (pair < 0) {
      const hasPairs = p.pairStart[r + 1] > p.pairStart[r];
      unplaced.push({ referralId: child.referralId, childIds, reason: hasPairs ? TAKEN : NO_HOME });
      continue;
    }
    const v = p.vacancies[p.pairVacancy[pair]];
    const miles2 = p.pairMiles[pair];
    placements.push({
      referralId: child.referralId,
      childIds,
      vacancyId: v.vacancyId,
      homeId: v.homeId,
      score: p.pairScore[pair],
      weeklyPence: p.pairWeekly[pair],
      homeMiles: miles2,
      withinTwentyMiles: miles2 <= line
    });
  }
  assertPlanValid(p, chosen);
  return {
    policyId: p.policy.id,
    policyVersion: p.policy.version,
    objective: p.objective,
    method,
    placements,
    unplaced,
    optimality
  };
}
function assertPlanValid(p, chosen) {
  const used = new Int32Array(p.vacancies.length);
  const mates = new Housemates(p);
  const at = /* @__PURE__ */ new Map();
  for (let r = 0; r < chosen.length; r++) {
    const pair = chosen[r];
    if (pair < 0) continue;
    if (p.pairReferral[pair] !== r) throw new Error(`Plan bug: referral ${p.referrals[r].referralId} given another referral's pair.`);
    const v = p.pairVacancy[pair];
    used[v] = used[v] + p.groupSize[r];
    if (used[v] > p.capacity[v]) throw new Error(`Plan bug: vacancy ${p.vacancies[v].vacancyId} given more children than beds.`);
    for (const other of at.get(v) ?? []) {
      if (!mates.compatible(r, other)) throw new Error(`Plan bug: clashing referrals placed together in ${p.vacancies[v].vacancyId}.`);
    }
    at.set(v, [...at.get(v) ?? [], r]);
  }
}

// shared/scoring/synthetic.ts
var SyntheticRandom = class {
  state;
  constructor(seed) {
    this.state = seed >>> 0;
  }
  next() {
    this.state = this.state + 1831565813 >>> 0;
    let t = this.state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by weight from [value, weight] pairs. */
  weighted(options) {
    let total = 0;
    for (const [, w] of options) total += w;
    let r = this.next() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1][0];
  }
};
var SYNTHETIC_COUNCILS = [
  { id: "E08000001", name: "Bolton", lat: 53.5769, lon: -2.4282 },
  { id: "E08000002", name: "Bury", lat: 53.5933, lon: -2.2966 },
  { id: "E08000003", name: "Manchester", lat: 53.4808, lon: -2.2426 },
  { id: "E08000004", name: "Oldham", lat: 53.5409, lon: -2.1114 },
  { id: "E08000005", name: "Rochdale", lat: 53.6097, lon: -2.1561 },
  { id: "E08000006", name: "Salford", lat: 53.4875, lon: -2.2901 },
  { id: "E08000007", name: "Stockport", lat: 53.4106, lon: -2.1575 },
  { id: "E08000008", name: "Tameside", lat: 53.4806, lon: -2.0809 },
  { id: "E08000009", name: "Trafford", lat: 53.4215, lon: -2.3517 },
  { id: "E08000010", name: "Wigan", lat: 53.545, lon: -2.6325 }
];
var OUT_OF_AREA = [
  { id: "E06000008", lat: 53.7486, lon: -2.4875 },
  // Blackburn
  { id: "E10000017", lat: 54.0466, lon: -2.8007 },
  // Lancaster
  { id: "E06000050", lat: 53.1934, lon: -2.8931 },
  // Chester
  { id: "E08000019", lat: 53.3811, lon: -1.4701 },
  // Sheffield
  { id: "W06000005", lat: 53.2274, lon: -3.5346 },
  // Denbighshire
  { id: "E10000006", lat: 54.6641, lon: -2.7527 }
  // Cumbria
];
var M_PER_DEG_LAT = 111133;
function toGrid(lat, lon) {
  return {
    easting: Math.round(4e5 + (lon + 2) * 111320 * Math.cos(lat * Math.PI / 180)),
    northing: Math.round(-1e5 + (lat - 49) * M_PER_DEG_LAT)
  };
}
function near(rng, lat, lon, km, withGrid = true) {
  const angle = rng.next() * 2 * Math.PI;
  const r = km * Math.sqrt(rng.next());
  const pLat = lat + r * Math.sin(angle) / 111;
  const pLon = lon + r * Math.cos(angle) / (111 * Math.cos(lat * Math.PI / 180));
  const lat2 = Math.round(pLat * 1e5) / 1e5;
  const lon2 = Math.round(pLon * 1e5) / 1e5;
  return { lat: lat2, lon: lon2, grid: withGrid ? toGrid(lat2, lon2) : void 0 };
}
function addDays(iso, days) {
  const d = /* @__PURE__ */ new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
var LANGUAGES = ["Arabic", "Urdu", "Polish", "Tigrinya", "Kurdish", "Pashto", "Romanian"];
var RELIGIONS = ["Christian", "Muslim", "Jewish", "Sikh", "Hindu"];
var CULTURES = ["Eritrean", "Afghan", "Pakistani", "Polish", "Kurdish", "Caribbean"];
var PRICE_BANDS = {
  foster: { mainstream: [38e3, 55e3], enhanced: [68e3, 95e3], specialist: [95e3, 13e4], complex: [13e4, 18e4] },
  residential: { mainstream: [3e5, 45e4], enhanced: [42e4, 6e5], specialist: [58e4, 8e5], complex: [78e4, 125e4] },
  supported: { mainstream: [7e4, 11e4], enhanced: [11e4, 18e4], specialist: [18e4, 26e4], complex: [25e4, 35e4] }
};
var TODAY = "2026-03-02";
function syntheticVacancies(count, options) {
  const rng = new SyntheticRandom(options.seed ^ 1592590337);
  const today = options.today ?? TODAY;
  const out = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted([
      ["foster", 65],
      ["residential", 25],
      ["supported", 10]
    ]);
    const ownership = kind === "foster" ? rng.weighted([
      ["in_house", 45],
      ["ifa", 55]
    ]) : kind === "residential" ? rng.weighted([
      ["private", 75],
      ["voluntary", 10],
      ["council", 10],
      ["in_house", 5]
    ]) : rng.weighted([
      ["voluntary", 40],
      ["private", 50],
      ["in_house", 10]
    ]);
    const feeTier = rng.weighted([
      ["mainstream", 45],
      ["enhanced", 30],
      ["specialist", 17],
      ["complex", 8]
    ]);
    const outOfArea = rng.chance(kind === "residential" ? 0.35 : 0.12);
    const centre = outOfArea ? rng.pick(OUT_OF_AREA) : rng.pick(SYNTHETIC_COUNCILS);
    const location = near(rng, centre.lat, centre.lon, outOfArea ? 15 : 9, rng.chance(0.97));
    const [lo, hi] = PRICE_BANDS[kind][feeTier];
    const total = rng.int(lo / 100, hi / 100) * 100;
    const support = Math.round(total * (0.05 + rng.next() * 0.15));
    const educationOnSite = kind === "residential" && rng.chance(0.3);
    const education = educationOnSite ? Math.round(total * 0.12) : 0;
    const other = Math.round(total * rng.next() * 0.04);
    const core = total - support - education - other;
    let minAge;
    let maxAge;
    if (kind === "foster") {
      minAge = rng.int(0, 10);
      maxAge = Math.min(17, minAge + rng.int(4, 17));
    } else if (kind === "residential") {
      minAge = rng.pick([8, 10, 11, 12, 13]);
      maxAge = 17;
    } else {
      minAge = 16;
      maxAge = 17;
    }
    const bedsFree = kind === "foster" ? rng.weighted([[1, 60], [2, 30], [3, 10]]) : kind === "residential" ? rng.int(1, 2) : rng.int(1, 3);
    const othersCount = kind === "foster" ? rng.weighted([[0, 45], [1, 35], [2, 20]]) : kind === "residential" ? rng.int(1, 4) : rng.int(0, 3);
    const otherChildren = [];
    for (let c = 0; c < othersCount; c++) otherChildren.push({ age: rng.int(minAge, maxAge), sex: rng.pick(["F", "M"]) });
    const maxChildren = othersCount + bedsFree + (rng.chance(0.2) ? 1 : 0);
    const categories = [];
    if (kind === "residential") {
      if (rng.chance(0.9)) categories.push("EBD");
      if (rng.chance(0.4)) categories.push("MHD");
      if (rng.chance(0.25)) categories.push("LD");
      if (rng.chance(0.1)) categories.push("PD");
      if (rng.chance(0.1)) categories.push("SI");
      if (rng.chance(0.15)) categories.push("DRUG", "ALC");
    }
    const ofstedGrade = kind === "foster" ? void 0 : rng.weighted([
      ["outstanding", 15],
      ["good", 58],
      ["requires_improvement", 20],
      ["inadequate", 5],
      ["not_yet_inspected", 2]
    ]);
    const specialisms = [];
    if (kind !== "foster" || maxAge >= 13) {
      if (rng.chance(kind === "foster" ? 0.4 : 0.8)) specialisms.push("teenagers");
    }
    if (rng.chance(0.1)) specialisms.push("disability");
    if (kind !== "residential" && rng.chance(0.03)) specialisms.push("parent_and_child");
    if (maxAge >= 15 && rng.chance(0.12)) specialisms.push("uasc");
    if (rng.chance(kind === "residential" ? 0.4 : 0.12)) specialisms.push("therapeutic");
    if (kind === "foster" && rng.chance(0.1)) specialisms.push("short_breaks");
    const languages = ["English"];
    if (rng.chance(0.12)) languages.push(rng.pick(LANGUAGES));
    if (rng.chance(0.02)) languages.push("BSL");
    if (rng.chance(0.04)) languages.push("Makaton");
    const religion = rng.chance(0.5) ? rng.weighted([["Christian", 30], ["Muslim", 15], ["Jewish", 2], ["Sikh", 2], ["Hindu", 1]]) : void 0;
    const cannotManage = [];
    if (rng.chance(kind === "foster" ? 0.3 : 0.15)) cannotManage.push("riskToOthersFire");
    if (rng.chance(0.1)) cannotManage.push("riskMissing");
    out.push({
      vacancyId: `V${String(i + 1).padStart(5, "0")}`,
      homeId: `H${String(i + 1).padStart(5, "0")}`,
      kind,
      ownership,
      feeTier,
      location,
      councilId: centre.id,
      bedsFree,
      availableFrom: addDays(today, rng.int(-30, 21)),
      approval: {
        minAge,
        maxAge,
        sex: rng.chance(0.1) ? rng.pick(["F", "M"]) : void 0,
        maxChildren,
        siblingsAccepted: rng.chance(kind === "foster" ? 0.5 : kind === "residential" ? 0.3 : 0.2)
      },
      registrationCategories: categories,
      ofstedGrade,
      otherChildren,
      petsInHome: rng.chance(kind === "foster" ? 0.4 : 0.05),
      specialisms,
      languages,
      religion,
      cultures: rng.chance(0.15) ? [rng.pick(CULTURES)] : void 0,
      wheelchairAdapted: rng.chance(kind === "foster" ? 0.05 : 0.1),
      carer: { yearsApproved: rng.int(0, 20), skillsTier: rng.weighted([[1, 40], [2, 40], [3, 20]]) },
      pastEndings: { planned: rng.int(0, 12), unplanned: rng.int(0, 5) },
      mockingbird: kind === "foster" && rng.chance(0.15),
      weeklyPrice: { core, support, education, other },
      supportedType: kind === "supported" ? rng.pick(["solo", "shared", "lodgings"]) : void 0,
      educationOnSite,
      secure: kind === "residential" && rng.chance(0.01),
      cannotManage: cannotManage.length > 0 ? cannotManage : void 0
    });
  }
  return out;
}
var WISHES_TEXT = [
  "I want to stay at my school with my friends.",
  "I want to live with my brother.",
  "Somewhere with a dog please.",
  "Near my nan so I can still see her.",
  "I don\u2019t mind where as long as it is calm.",
  "I want to go to my mosque on Fridays.",
  ""
];
function syntheticReferrals(count, options) {
  const rng = new SyntheticRandom(options.seed ^ 1592590338);
  const today = options.today ?? TODAY;
  const singles = options.singlesOnly ?? false;
  const out = [];
  for (let i = 0; i < count; i++) {
    const age = rng.weighted([
      [rng.int(0, 4), 15],
      [rng.int(5, 9), 20],
      [rng.int(10, 15), 40],
      [rng.int(16, 17), 25]
    ]);
    const sex = rng.pick(["F", "M"]);
    const council = rng.pick(SYNTHETIC_COUNCILS);
    const home = near(rng, council.lat, council.lon, 7, rng.chance(0.97));
    const school = age >= 4 && rng.chance(0.65) ? near(rng, home.lat, home.lon, 3, rng.chance(0.97)) : void 0;
    const siblings = [];
    if (!singles && age < 16 && rng.chance(0.18)) {
      const n = rng.weighted([[1, 70], [2, 25], [3, 5]]);
      for (let s = 0; s < n; s++) siblings.push({ id: `C${String(i + 1).padStart(5, "0")}-${s + 1}`, age: Math.max(0, Math.min(17, age + rng.int(-6, 4))), sex: rng.pick(["F", "M"]) });
    }
    const teen = age >= 12;
    const uasc = age >= 15 && rng.chance(0.12);
    const risksToChild = [];
    if (teen) {
      for (const r of ["riskSelfHarm", "riskSexualExploitation", "riskCriminalExploitation", "riskDrugAlcohol", "riskEatingDisorder", "riskMissing"]) {
        if (rng.chance(r === "riskMissing" ? 0.25 : 0.12)) risksToChild.push(r);
      }
    }
    const risksToOthers = [];
    if (!singles && age >= 10) {
      for (const r of ["riskToOthersPhysical", "riskToOthersSexual", "riskToOthersFire", "riskToOthersAnimals", "riskToOthersCriminal"]) {
        if (rng.chance(0.05)) risksToOthers.push(r);
      }
    }
    const foster = age < 16 ? "Preferred" : rng.pick(["Preferred", "Suitable but not preferred"]);
    const residential = age < 10 ? "Unsuitable" : risksToOthers.length > 0 || risksToChild.length >= 2 ? rng.pick(["Preferred", "Suitable but not preferred"]) : rng.pick(["Unsuitable", "Suitable but not preferred", "Not specified"]);
    const supported = age >= 16 ? rng.pick(["Preferred", "Suitable but not preferred"]) : "Unsuitable";
    const livingCompanions = singles ? "No preference" : rng.weighted([
      ["No preference", 72],
      ["Solo placement recommended", 8],
      ["Only with other older children", 5],
      ["Only with other younger children", 5],
      ["With other children recommended", 10]
    ]);
    const pets = rng.weighted([
      ["Yes - can", 60],
      ["No", 10],
      ["Not Known", 28],
      ["Yes - must", 2]
    ]);
    const disability = rng.chance(0.08);
    const ofstedCategories = [];
    if (teen && (risksToOthers.length > 0 || risksToChild.length >= 2)) ofstedCategories.push("EBD");
    if (teen && risksToChild.includes("riskSelfHarm") && rng.chance(0.5)) ofstedCategories.push("MHD");
    if (disability && rng.chance(0.4)) ofstedCategories.push(rng.pick(["LD", "PD", "SI"]));
    const exploited = risksToChild.includes("riskCriminalExploitation") || risksToChild.includes("riskSexualExploitation");
    const neededBy = rng.weighted([
      ["Today", 20],
      ["in less than 5 days", 30],
      ["in more than 5 days", 50]
    ]);
    const referralDate = addDays(today, -rng.int(0, 20));
    const religion = rng.chance(0.35) ? rng.pick(RELIGIONS) : void 0;
    const language = uasc || rng.chance(0.04) ? rng.pick(LANGUAGES) : void 0;
    out.push({
      referralId: `R${String(i + 1).padStart(5, "0")}`,
      childId: `C${String(i + 1).padStart(5, "0")}`,
      referralDate,
      neededBy,
      neededByDate: addDays(today, neededBy === "Today" ? 0 : neededBy === "in less than 5 days" ? 4 : 14),
      age,
      sex,
      home,
      school,
      homeCouncilId: council.id,
      siblings,
      suitability: { foster, residential, supported },
      livingCompanions,
      pets,
      risksToChild,
      risksToOthers,
      needs: {
        disability,
        wheelchairAdaptation: disability && rng.chance(0.3),
        communication: rng.chance(0.01) ? ["BSL"] : rng.chance(0.02) ? ["Makaton"] : language ? ["ESOL"] : [],
        languages: language ? [language] : [],
        religion,
        culturalNeeds: uasc || rng.chance(0.1) ? "Required" : "Not required",
        culture: uasc || rng.chance(0.1) ? rng.pick(CULTURES) : void 0,
        uasc,
        therapeutic: rng.chance(0.1),
        parentAndChild: age >= 15 && rng.chance(0.01),
        ofstedCategories,
        educationOnSite: teen && !school && rng.chance(0.3)
      },
      siblingHomeIds: void 0,
      kinshipHomeIds: void 0,
      legal: { secureOrder: !singles && rng.chance(4e-3) },
      avoidCouncilIds: exploited && rng.chance(0.5) ? [council.id] : [],
      avoidPlaces: exploited && rng.chance(0.5) ? [{ label: "the area where the child was exploited", centre: home, radiusMiles: 3 }] : [],
      history: {
        movesLast12Months: rng.weighted([[0, 50], [1, 25], [2, 15], [3, 10]]),
        totalPlacements: rng.int(0, 8),
        priorResidential: teen && rng.chance(0.15),
        yearsInCare: rng.int(0, Math.min(age, 10))
      },
      wishes: {
        text: rng.pick(WISHES_TEXT),
        stayNearFamily: rng.chance(0.4),
        stayAtSchool: school !== void 0 && rng.chance(0.5),
        liveWithSiblings: siblings.length > 0,
        pets: rng.chance(0.2) ? rng.pick(["want", "none"]) : void 0,
        faithCommunity: religion !== void 0 && rng.chance(0.5)
      },
      budgetCeilingWeeklyPence: rng.chance(0.2) ? rng.pick([6e4, 1e5, 45e4, 7e5]) * (1 + siblings.length) : void 0
    });
  }
  return out;
}
function syntheticRegion(referrals2, vacancies2, options) {
  return { referrals: syntheticReferrals(referrals2, options), vacancies: syntheticVacancies(vacancies2, options) };
}

// .tmp-scratch/diag.ts
var R = +(process.argv[2] ?? 500);
var V = +(process.argv[3] ?? 5e3);
var { referrals, vacancies } = syntheticRegion(R, V, { seed: 11, singlesOnly: process.argv[4] === "singles" });
var policy = { ...DEFAULT_POLICY, benchmarks: deriveBenchmarks(vacancies) };
await loadSolver();
for (const K of (process.env.KS ?? "4,8,12").split(",").map(Number)) for (let rep = 0; rep < 2; rep++) {
  const timings = {};
  const c0 = process.cpuUsage();
  const t = performance.now();
  const plan = await planRegion(referrals, vacancies, policy, { timings, candidatesPerReferral: K });
  const cpu = process.cpuUsage(c0);
  console.log("K", K, "wall", (performance.now() - t).toFixed(0), "cpu", ((cpu.user + cpu.system) / 1e3).toFixed(0), JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]))), plan.method, plan.optimality.status, plan.optimality.objectiveValue, plan.optimality.pricingRounds, plan.optimality.columns);
}
