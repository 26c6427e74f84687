import { MAINSTREAM_APPROVAL, type ApprovalPurpose, type PlacementPurpose } from '../../shared/domain/purposes';
import { officerFor } from './accounts';
import { at } from './dates';
import { addKinshipHousehold, type HomeBook } from './homes';
import type { ChildRow, HomeRow, OfferRow, ReferralRow, VacancyRow } from './model';
import type { Providers } from './providers';
import type { SeededRandom } from './random';
import { splitPrice } from './pricing';

/**
 * Placement purposes and connected-person carers in the demo region (issue 13, points 3 and 4),
 * decided after everything else so the rest of the region is generated exactly as before:
 * - every home's approval, mainstream unless its household is a specialist one. Homes whose vacancy
 *   says "parent and child assessment placements only" are approved for that alone, and a few
 *   short-breaks households for short breaks alone (never a home already offered to a referral);
 * - each family and friends household names the child it was assessed for (the youngest placed
 *   there first: the one the migration would also pick, the lowest id);
 * - a few children waiting for a home have aunts or grandparents newly approved for them, with a
 *   bed offered: the search shows it to that child and their brothers and sisters only;
 * - each referral's purpose: emergency for a bed needed today, long-term for most planned sibling
 *   moves and some others, short breaks for a few disabled children, short-term otherwise.
 */
export interface PurposeContext {
  rng: SeededRandom;
  book: HomeBook;
  providers: Providers;
  today: string;
  now: string;
  scale: number;
}

function mainstreamWith(home: HomeRow): ApprovalPurpose[] {
  const f = home.foster;
  const out: ApprovalPurpose[] = [...MAINSTREAM_APPROVAL];
  if (f?.specialisms.includes('short_breaks')) out.push('short_breaks');
  if (f?.specialisms.includes('parent_and_child')) out.push('parent_and_child');
  return out;
}

export function assignPurposes(
  ctx: PurposeContext,
  children: readonly ChildRow[],
  vacancies: VacancyRow[],
  referrals: readonly ReferralRow[],
  offers: readonly OfferRow[],
): void {
  const { rng, book, today } = ctx;
  const offered = new Set(offers.map((o) => vacancies.find((v) => v.id === o.vacancyId)?.homeId));
  for (const home of book.homes) home.approvedPurposes = mainstreamWith(home);

  // Specialist-only households, among those with an open vacancy no referral has been offered.
  const open = vacancies.filter((v) => v.status === 'open' && !offered.has(v.homeId) && v.home.kind === 'foster' && !v.home.isHub);
  for (const v of open) {
    if (v.restrictions.includes('Parent and child assessment placements only.')) v.home.approvedPurposes = ['parent_and_child'];
  }
  const shortBreaks = open.filter((v) => v.home.foster!.specialisms.includes('short_breaks') && !v.home.foster!.kinship);
  for (const v of shortBreaks.slice(0, 4 * ctx.scale)) {
    v.home.approvedPurposes = ['short_breaks'];
    if (!v.restrictions.includes('Short breaks only')) v.restrictions = `${v.restrictions} Short breaks only (approval).`.trim();
  }

  // Family and friends households name the child they were assessed for.
  const byHome = new Map<HomeRow, ChildRow[]>();
  for (const c of children) if (c.home) byHome.set(c.home, [...(byHome.get(c.home) ?? []), c]);
  for (const home of book.homes) {
    if (!home.foster?.kinship) continue;
    const placed = byHome.get(home) ?? [];
    home.connectedChildId = placed.length > 0 ? Math.min(...placed.map((c) => c.id)) : null;
  }

  // Referral purposes.
  const byId = new Map(children.map((c) => [c.id, c]));
  const withOffers = new Set(offers.map((o) => o.referralId));
  for (const r of referrals) {
    const child = byId.get(r.childId)!;
    let purpose: PlacementPurpose = 'short_term';
    if (r.neededBy === 'Today') purpose = 'emergency';
    else if (r.siblingIds.length > 0) purpose = rng.chance(0.7) ? 'long_term' : 'short_term';
    else if (child.disability && !withOffers.has(r.id) && rng.chance(0.3)) purpose = 'short_breaks';
    else if (rng.chance(0.3)) purpose = 'long_term';
    r.purpose = purpose;
  }

  // Relatives newly approved for a child waiting for a home, with the bed they offer.
  const waiting = referrals.filter((r) => {
    const c = byId.get(r.childId)!;
    return (
      (r.status === 'new' || r.status === 'searching') &&
      r.neededBy !== 'Today' &&
      r.fosterSuitability !== 'Unsuitable' &&
      !r.deprivationOfLiberty &&
      r.avoidCouncilIds.length === 0 &&
      c.age <= 15 &&
      !c.home?.foster?.kinship
    );
  });
  let nextVacancyId = Math.max(0, ...vacancies.map((v) => v.id)) + 1;
  for (const r of waiting.slice(0, 2 * ctx.scale)) {
    const c = byId.get(r.childId)!;
    const group = [c, ...r.siblingIds.map((id) => byId.get(id)!)];
    const home = addKinshipHousehold(
      rng,
      book,
      ctx.providers.inHouse[c.councilIndex]!,
      c.councilIndex,
      rng.near(c.homeLat, c.homeLon, 3),
      group.map((g) => g.age),
      c.languages,
      c.religion,
    );
    // Nothing in the relatives' home stands in the way of the referral as written.
    const f = home.foster!;
    f.pets = r.pets === 'Yes - must';
    f.otherChildren = [];
    f.approvalMaxAge = 17;
    home.approvedPurposes = [...MAINSTREAM_APPROVAL];
    home.connectedChildId = c.id;
    r.purpose = 'short_term';
    const opened = at(today, 8, rng.int(0, 59));
    vacancies.push({
      id: nextVacancyId++,
      homeId: home.id,
      beds: group.length,
      availableFrom: today,
      status: 'open',
      price: splitPrice(rng, 'foster', home.provider.providerType, home.weeklyPence, false),
      updatedAt: opened,
      restrictions: 'Family and friends carers approved for a named child and their brothers and sisters (reg 24).',
      source: 'manual',
      history: [{ status: 'open', at: opened, by: officerFor(c.councilIndex) }],
      home,
    });
  }
}
