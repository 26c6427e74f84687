import type { OfstedCategory } from '../../shared/domain/ofsted';
import {
  RISKS_TO_CHILD,
  RISKS_TO_OTHERS,
  type AdditionalSupport,
  type CulturalNeeds,
  type NeededBy,
  type RiskLevel,
  type Suitability,
} from '../../shared/domain/placements-standard';
import type { ReferralStatus } from '../../shared/domain/referrals';
import type { RecordedWish } from '../../shared/domain/wishes';
import { milesBetween } from '../../shared/scoring/distance';
import { officerFor } from './accounts';
import { DEMO_COUNCILS } from './councils';
import { at, byIso } from './dates';
import { addDays, DAY_MS, daysBetween } from '../../shared/domain/calendar';
import { homePlace, type OfficerPool } from './histories';
import type { ChildRow, OfferRow, PlacementRow, ReferralRow, RiskKey, VacancyRow } from './model';
import { neededCategories } from './placement';
import { totalOf } from './pricing';
import type { SeededRandom } from './random';
import { kmBetween } from './spatial';

/**
 * Referrals as officers receive them: 20-60 open per preset unit across the urgency bands (today,
 * in under five days, later), with every Placements Standard field filled from what is known about
 * the child, a budget ceiling, areas to avoid where a child is being exploited, the workflow so far
 * as history, and offers from homes for those shortlisted or offered. A few closed and placed ones
 * show the end of the workflow; placed ones are linked to the placement they led to.
 */

const RISK_KEYS = [...Object.keys(RISKS_TO_CHILD), ...Object.keys(RISKS_TO_OTHERS)] as RiskKey[];
/** Children whose records the end-to-end and contract tests open stay free of generated referrals. */
const FIRST_REFERRABLE_CHILD_ID = 21;

const RISK_OTHER = [
  'Vulnerable online: contact with unknown adults through gaming chat.',
  'Self-neglect: not taking diabetes medication without prompting.',
  'Prevent referral made; advice followed.',
  'Goes to adult parties with older peers.',
  'Sleeps poorly; has left the house at night.',
];
const RISK_TO_OTHERS_OTHER = [
  'Verbal threats to staff when dysregulated.',
  'Damages property (doors, windows) when angry.',
  'Has taken younger children out without permission.',
];

const REFUSALS = [
  'Cannot meet needs alongside current residents.',
  'Carer declined after reading the referral: worried about missing episodes.',
  'Vacancy filled by another authority.',
  'Too far from school to keep the placement stable.',
  'Carer not confident with the level of risk.',
  'Home’s statement of purpose does not cover this need.',
];

type Preferred = 'foster' | 'residential' | 'supported';

/** Brothers and sisters living in the child's home now: those who would move with them. */
function livingWith(child: ChildRow): ChildRow[] {
  return child.home ? child.siblings.filter((s) => s.home === child.home) : [];
}

/**
 * Whether the child is the eldest of two to four brothers and sisters living together, all of an
 * age for foster care with a school place and none with a risk that rules out other children.
 */
function movableGroup(child: ChildRow): boolean {
  const group = [child, ...livingWith(child)];
  if (group.length < 2 || group.length > 4 || child.setting !== 'foster') return false;
  return group.every(
    (c) => c.age <= child.age && c.age <= 15 && c.livingCompanions !== 'Solo placement recommended' && !c.risks.some((r) => r.startsWith('riskToOthers')),
  );
}

function suitability(rng: SeededRandom, child: ChildRow): { foster: Suitability; residential: Suitability; supported: Suitability; preferred: Preferred } {
  const z = child.complexity;
  let foster: Suitability;
  let residential: Suitability;
  let supported: Suitability = 'Unsuitable';
  let preferred: Preferred = 'foster';
  if (child.age < 12) {
    foster = 'Preferred';
    residential = z > 1.5 ? 'Suitable but not preferred' : 'Unsuitable';
  } else if (child.age < 16) {
    if (z > 1 || child.setting === 'residential' || child.setting === 'secure') {
      residential = 'Preferred';
      foster = rng.chance(0.6) ? 'Suitable but not preferred' : 'Unsuitable';
      preferred = 'residential';
    } else {
      foster = 'Preferred';
      residential = 'Suitable but not preferred';
    }
  } else if (child.uasc || child.setting === 'supported' || rng.chance(0.5)) {
    supported = 'Preferred';
    foster = 'Suitable but not preferred';
    residential = rng.chance(0.5) ? 'Unsuitable' : 'Suitable but not preferred';
    preferred = 'supported';
  } else {
    foster = 'Preferred';
    supported = 'Suitable but not preferred';
    residential = z > 1 ? 'Suitable but not preferred' : 'Unsuitable';
  }
  if (rng.chance(0.04)) residential = 'Not specified';
  return { foster, residential, supported, preferred };
}

function budgetFor(rng: SeededRandom, preferred: Preferred, siblings: number, dol: boolean): number | null {
  if (rng.chance(0.05)) return null;
  if (preferred === 'residential') return rng.int(dol ? 1_000_000 : 600_000, dol ? 1_400_000 : 950_000);
  if (preferred === 'supported') return rng.int(160_000, 220_000);
  // Foster budgets are agreed per child, brothers and sisters included.
  return Math.round((rng.int(100_000, 150_000) * (1 + siblings)) / 100) * 100;
}

function preferredLocation(rng: SeededRandom, child: ChildRow, avoiding: boolean): { location: string; reason: string } {
  const council = DEMO_COUNCILS[child.councilIndex]!;
  if (avoiding) {
    const far = DEMO_COUNCILS.filter((c) => c !== council && kmBetween(c, council) > 12);
    return {
      location: `${rng.pick(far).name} or further`,
      reason: 'Safeguarding: away from the exploitation network identified at the strategy meeting.',
    };
  }
  if (child.schoolLabel && child.age <= 15 && rng.chance(0.6)) {
    return {
      location: `Within 5 miles of ${child.schoolLabel.split(',')[0]}`,
      reason: rng.pick(['Keeps the same school.', 'Year 10: keeps the same school through GCSEs.', 'Keeps school and friends.']),
    };
  }
  return {
    location: child.placeLabel,
    reason: rng.pick([
      'Close to mum for family time three times a week.',
      'Keeps the same GP and CAMHS team.',
      'Near grandparents, who see the children every weekend.',
      'Keeps school, family time and friends.',
      'Near college and the child’s part-time job.',
    ]),
  };
}

function fieldsFor(rng: SeededRandom, child: ChildRow, moving: readonly ChildRow[]) {
  const siblingCount = moving.length;
  const s = suitability(rng, child);
  const exploited = child.risks.includes('riskCriminalExploitation') || child.risks.includes('riskSexualExploitation');
  const avoiding = exploited && rng.chance(0.7);
  const place = preferredLocation(rng, child, avoiding);
  const risks = Object.fromEntries(RISK_KEYS.map((k) => [k, (child.risks.includes(k) ? 'Risk Present' : 'No known risk') satisfies RiskLevel])) as Record<
    RiskKey,
    RiskLevel
  >;
  const support: AdditionalSupport[] = [];
  if (child.complexity > 1 || child.risks.includes('riskMissing')) support.push('additional supervision');
  if (child.risks.includes('riskSelfHarm') || child.risks.includes('riskEatingDisorder') || child.complexity > 1.5) support.push('therapeutic support');
  if (child.schoolLabel && child.age <= 15 && rng.chance(0.35)) support.push('taxis to school');
  if (child.disability && rng.chance(0.5)) support.push('a worker for respite');
  if (support.length === 0) support.push('NA');
  const dol = s.preferred === 'residential' && child.risks.length >= 4 && rng.chance(0.4);
  const ofstedNeeds: OfstedCategory[] =
    s.residential === 'Preferred' || s.residential === 'Suitable but not preferred'
      ? ([...neededCategories(child)] as OfstedCategory[]).concat(child.risks.includes('riskDrugAlcohol') && rng.chance(0.5) ? ['DRUG'] : [])
      : [];
  const culturalNeeds: CulturalNeeds = child.culturalNeeds
    ? rng.chance(0.85)
      ? 'Required'
      : 'Other'
    : child.religion
      ? 'Not required'
      : rng.weighted([
          ['Not required', 60],
          ['Not Known', 40],
        ]);
  return {
    preferred: s.preferred,
    fields: {
      siblingCount,
      siblingIds: moving.map((s) => s.id),
      preferredLocation: place.location,
      preferredLocationReason: place.reason,
      avoidCouncilIds: avoiding ? [child.councilId] : [],
      fosterSuitability: s.foster,
      residentialSuitability: s.residential,
      supportedSuitability: s.supported,
      communicationNeeds: child.communication.length > 0 ? ('Y' as const) : rng.chance(0.05) ? ('Not Specified' as const) : ('N' as const),
      communicationRequirements: child.communication.length > 0 ? [...child.communication] : ['None' as const],
      homeAdaptation: child.wheelchair,
      culturalNeeds,
      livingCompanions: child.livingCompanions,
      pets: child.pets,
      additionalSupport: support,
      deprivationOfLiberty: dol,
      risks,
      riskOther: rng.chance(0.12) ? rng.pick(RISK_OTHER) : '',
      riskToOthersOther: child.risks.some((r) => r.startsWith('riskToOthers')) && rng.chance(0.3) ? rng.pick(RISK_TO_OTHERS_OTHER) : '',
      ofstedNeeds: [...new Set(ofstedNeeds)],
      budgetCeilingPence: budgetFor(rng, s.preferred, siblingCount, dol),
      // Filled in afterwards from the child's own words (seed/wishes.ts), with a fork of its own.
      wishes: [] as RecordedWish[],
    },
  };
}

const NOTES: Record<ReferralStatus, readonly string[]> = {
  draft: ['Draft saved'],
  new: ['Referral received from the child’s social worker.', 'Emergency referral by phone, form to follow.', 'Referral received through the portal.'],
  searching: ['Search started across the region.', 'Searching: in-house carers first, then agencies.', 'Search widened to every partner council.'],
  shortlisted: ['Shortlist sent to the social worker.', 'Three homes shortlisted; carers contacted.', 'Shortlisted homes asked for an impact risk assessment.'],
  offered: [
    'Offer received; introductions being arranged.',
    'Offer accepted in principle by the social worker.',
    'Offer received; awaiting the manager’s approval of the cost.',
  ],
  placed: ['Placed.'],
  closed: [
    'Plan changed at the review: staying put with more support.',
    'Child returned home to mum under the care plan.',
    'Placement stabilised; move no longer needed.',
  ],
};

const STEPS: readonly ReferralStatus[] = ['new', 'searching', 'shortlisted', 'offered'];

export interface ReferralContext {
  rng: SeededRandom;
  today: string;
  /** The generation's "now": history never runs past it. */
  now: string;
  scale: number;
  officers: OfficerPool;
}

export function makeReferrals(
  ctx: ReferralContext,
  children: readonly ChildRow[],
  vacancies: VacancyRow[],
  placements: readonly PlacementRow[],
): { referrals: ReferralRow[]; offers: OfferRow[] } {
  const { rng, today, now, scale } = ctx;
  const referrals: ReferralRow[] = [];
  const offers: OfferRow[] = [];
  const usedFamilies = new Set<number>();

  const openTarget = rng.int(34, 48) * scale;
  const awaiting = children.filter((c) => c.setting === 'awaiting');
  const pool = rng.shuffle(
    children.filter(
      (c) =>
        c.id >= FIRST_REFERRABLE_CHILD_ID &&
        c.setting !== 'awaiting' &&
        c.setting !== 'adoption' &&
        c.age >= 1 &&
        (c.home !== null || c.outOfRegionMiles !== null),
    ),
  );
  const picks: { child: ChildRow; band: NeededBy }[] = awaiting.map((child) => ({ child, band: 'Today' as const }));
  for (const c of awaiting) usedFamilies.add(c.familyId);
  // Planned moves for brothers and sisters who live together now (the primer's "planned move for
  // siblings"): a few at any time, each referred by the eldest with the others moving too. Only
  // groups a foster household could take are chosen here; harder ones still come through below.
  const siblingMoves = rng.int(3, 5) * scale;
  for (const child of pool) {
    if (picks.length >= siblingMoves + awaiting.length) break;
    if (usedFamilies.has(child.familyId) || !movableGroup(child)) continue;
    usedFamilies.add(child.familyId);
    picks.push({
      child,
      band: rng.weighted<NeededBy>([
        ['Today', 10],
        ['in less than 5 days', 30],
        ['in more than 5 days', 60],
      ]),
    });
  }
  // Teenagers and children with complex needs are referred far more often: their placements end more.
  for (const child of pool) {
    if (picks.length >= openTarget) break;
    if (usedFamilies.has(child.familyId)) continue;
    const weight = (child.age >= 12 ? 0.5 : 0.15) * (1 + Math.max(0, child.complexity));
    if (!rng.chance(Math.min(0.9, weight))) continue;
    usedFamilies.add(child.familyId);
    picks.push({
      child,
      band: rng.weighted<NeededBy>([
        ['Today', 14],
        ['in less than 5 days', 36],
        ['in more than 5 days', 50],
      ]),
    });
  }

  const openVacancies = vacancies.filter((v) => v.status === 'open');
  for (const { child, band } of picks) {
    const { fields, preferred } = fieldsFor(rng, child, livingWith(child).slice(0, 3));
    const neededByDate = band === 'Today' ? today : band === 'in less than 5 days' ? addDays(today, rng.int(1, 4)) : addDays(today, rng.int(6, 70));
    let received =
      band === 'Today'
        ? at(today, rng.int(6, 8), rng.int(0, 59))
        : at(addDays(today, -(band === 'in less than 5 days' ? rng.int(0, 3) : rng.int(1, 21))), rng.int(8, 17), rng.int(0, 59));
    // Nothing has happened after the moment the region is generated for.
    if (received > now) received = at(today, 7, rng.int(0, 59));
    const goal = rng.weighted<ReferralStatus>(
      band === 'Today'
        ? [
            ['new', 45],
            ['searching', 45],
            ['shortlisted', 10],
          ]
        : band === 'in less than 5 days'
          ? [
              ['new', 22],
              ['searching', 35],
              ['shortlisted', 25],
              ['offered', 18],
            ]
          : [
              ['new', 15],
              ['searching', 30],
              ['shortlisted', 30],
              ['offered', 25],
            ],
    );
    const officer = officerFor(child.councilIndex);
    const history: ReferralRow['history'] = [{ at: received, status: 'new', note: rng.pick(NOTES.new), by: null }];
    let t = Date.parse(received);
    for (const step of STEPS.slice(1, STEPS.indexOf(goal) + 1)) {
      t += (step === 'searching' ? rng.int(10, 240) : rng.int(3, 40) * 60) * 60_000;
      const stamp = new Date(t).toISOString();
      if (stamp > now) break;
      history.push({ at: stamp, status: step, note: rng.pick(NOTES[step]), by: officer });
    }
    const status = history[history.length - 1]!.status;
    const referral: ReferralRow = {
      id: referrals.length + 1,
      childId: child.id,
      councilId: child.councilId,
      receivedAt: received,
      neededBy: band,
      neededByDate,
      ...fields,
      status,
      officer: status === 'new' ? null : officer,
      referralOfficerName: ctx.officers.socialWorker(child),
      updatedAt: history[history.length - 1]!.at,
      history,
    };
    referrals.push(referral);
    if (status === 'shortlisted' || status === 'offered') {
      addOffers(ctx, referral, child, preferred, openVacancies, offers, history);
    }
  }

  // A few at the end of the workflow: placed (linked to the placement) and closed.
  const recent = rng.shuffle(
    placements.filter(
      (p) =>
        p.endDate === null &&
        daysBetween(p.startDate, today) <= 60 &&
        daysBetween(p.startDate, today) >= 3 &&
        !p.home.foster?.kinship &&
        p.child.id >= FIRST_REFERRABLE_CHILD_ID &&
        !usedFamilies.has(p.child.familyId),
    ),
  );
  for (const p of recent.slice(0, rng.int(3, 5) * scale)) {
    usedFamilies.add(p.child.familyId);
    const officer = officerFor(p.child.councilIndex);
    const received = at(p.referralDate, rng.int(8, 15), rng.int(0, 59));
    const kind: Preferred = p.home.kind === 'foster' ? 'foster' : p.home.kind;
    const { fields } = fieldsFor(rng, p.child, p.child.siblings.filter((s) => s.home === p.home).slice(0, p.siblingsTogether));
    const placedAt = at(p.startDate, 16, rng.int(0, 59));
    const steps: ReferralRow['history'] = [{ at: received, status: 'new', note: rng.pick(NOTES.new), by: null }];
    const span = Math.max(1, Date.parse(placedAt) - Date.parse(received));
    (['searching', 'shortlisted', 'offered'] as const).forEach((s, i) =>
      steps.push({ at: new Date(Date.parse(received) + (span * (i + 1)) / 5).toISOString(), status: s, note: rng.pick(NOTES[s]), by: officer }),
    );
    steps.push({ at: placedAt, status: 'placed', note: `Placed at ${p.home.name}.`, by: officer });
    const referral: ReferralRow = {
      id: referrals.length + 1,
      childId: p.childId,
      councilId: p.councilId,
      receivedAt: received,
      neededBy:
        daysBetween(p.referralDate, p.startDate) <= 0 ? 'Today' : daysBetween(p.referralDate, p.startDate) < 5 ? 'in less than 5 days' : 'in more than 5 days',
      neededByDate: p.startDate,
      ...fields,
      fosterSuitability: kind === 'foster' ? 'Preferred' : fields.fosterSuitability,
      residentialSuitability:
        kind === 'residential' ? 'Preferred' : fields.residentialSuitability === 'Preferred' ? 'Suitable but not preferred' : fields.residentialSuitability,
      supportedSuitability:
        kind === 'supported' ? 'Preferred' : fields.supportedSuitability === 'Preferred' ? 'Suitable but not preferred' : fields.supportedSuitability,
      status: 'placed',
      officer,
      referralOfficerName: p.referralOfficerName,
      updatedAt: placedAt,
      history: steps,
    };
    if (referral.budgetCeilingPence !== null && referral.budgetCeilingPence < totalOf(p.price))
      referral.budgetCeilingPence = Math.ceil(totalOf(p.price) / 10_000) * 10_000;
    referrals.push(referral);
    p.referralId = referral.id;
    if (p.vacancyId !== null) {
      offers.push({
        id: 0,
        referralId: referral.id,
        vacancyId: p.vacancyId,
        status: 'accepted',
        price: { ...p.price },
        reason: '',
        at: steps[3]!.at,
        by: officer,
      });
    }
  }
  const closing = pool.filter((c) => !usedFamilies.has(c.familyId) && c.home !== null).slice(0, rng.int(2, 4) * scale);
  for (const child of closing) {
    usedFamilies.add(child.familyId);
    const officer = officerFor(child.councilIndex);
    const received = at(addDays(today, -rng.int(15, 80)), rng.int(8, 16), rng.int(0, 59));
    const closedAt = new Date(Date.parse(received) + rng.int(2, 12) * DAY_MS).toISOString();
    const { fields } = fieldsFor(rng, child, []);
    referrals.push({
      id: referrals.length + 1,
      childId: child.id,
      councilId: child.councilId,
      receivedAt: received,
      neededBy: 'in more than 5 days',
      neededByDate: addDays(received.slice(0, 10), rng.int(7, 30)),
      ...fields,
      status: 'closed',
      officer,
      referralOfficerName: ctx.officers.socialWorker(child),
      updatedAt: closedAt,
      history: [
        { at: received, status: 'new', note: rng.pick(NOTES.new), by: null },
        { at: new Date(Date.parse(received) + 3_600_000).toISOString(), status: 'searching', note: rng.pick(NOTES.searching), by: officer },
        { at: closedAt, status: 'closed', note: rng.pick(NOTES.closed), by: officer },
      ],
    });
  }
  offers.sort((a, b) => byIso(a.at, b.at) || a.referralId - b.referralId);
  offers.forEach((o, i) => (o.id = i + 1));
  return { referrals, offers };
}

/** Homes asked (shortlisted) and their answers (offered): refusals with reasons, one offer held. */
function addOffers(
  ctx: ReferralContext,
  referral: ReferralRow,
  child: ChildRow,
  preferred: Preferred,
  open: VacancyRow[],
  offers: OfferRow[],
  history: ReferralRow['history'],
): void {
  const { rng } = ctx;
  const beds = referral.siblingCount + 1;
  const shortlistedAt = history.find((h) => h.status === 'shortlisted')!.at;
  const offeredAt = history.find((h) => h.status === 'offered')?.at ?? null;
  const childPlace = { lat: child.homeLat, lon: child.homeLon, grid: child.homeGrid };
  const candidates = open
    .filter(
      (v) =>
        v.status === 'open' &&
        v.updatedAt <= shortlistedAt &&
        v.home.kind === preferred &&
        v.beds >= beds &&
        !referral.avoidCouncilIds.includes(v.home.councilId),
    )
    .filter((v) => !v.home.foster || (child.age >= v.home.foster.approvalMinAge && child.age <= v.home.foster.approvalMaxAge))
    .map((v) => [v, milesBetween(childPlace, homePlace(v.home))] as const)
    .sort((a, b) => a[1] - b[1] || a[0].id - b[0].id)
    .slice(0, 8);
  if (candidates.length === 0) return;
  const asked = rng.sample(candidates, rng.int(2, 4));
  asked.forEach(([v], i) => {
    let status: OfferRow['status'] = 'requested';
    let reason = '';
    let when = shortlistedAt;
    if (offeredAt) {
      when = offeredAt;
      if (i === 0) status = 'offered';
      else {
        status = rng.chance(0.7) ? 'refused' : 'requested';
        if (status === 'refused') reason = rng.pick(REFUSALS);
      }
    }
    offers.push({
      id: 0,
      referralId: referral.id,
      vacancyId: v.id,
      status,
      price: status === 'offered' ? { ...v.price } : { core: 0, support: 0, education: 0, other: 0 },
      reason,
      at: when,
      by: referral.officer,
    });
    if (status === 'offered') {
      // The officer holds the bed while the social worker and manager agree.
      v.status = 'held';
      v.history.push({ status: 'held', at: when, by: referral.officer });
      v.updatedAt = when;
    }
  });
}
