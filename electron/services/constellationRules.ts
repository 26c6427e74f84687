import { addDays, ageOn } from '../../shared/domain/calendar';
import { LIVING_COMPANIONS, type LivingCompanions } from '../../shared/domain/placements-standard';

/**
 * The hub's house rules for a sleepover, as pure functions: a bed holds one child a night, and
 * every child's "who can they be cared for alongside" answer (Placements Standard) holds against
 * every other child in the hub those nights, both ways. Reasons are sentences a hub carer can read
 * out to a satellite carer.
 */

export interface StayChild {
  childId: number;
  firstName: string;
  birthDate: string;
  livingCompanions: LivingCompanions;
}

export interface BookedStay {
  id: number;
  child: StayChild;
  bed: 1 | 2 | null;
  startDate: string;
  endDate: string;
}

export interface StayRequest {
  id: number;
  child: StayChild;
  startDate: string;
  endDate: string;
}

/** The hub household's fostering approval: a sleepover there is care by that household. */
export interface HubApproval {
  hubName: string;
  minAge: number;
  maxAge: number;
  /**
   * The approved number of children: those placed at the hub and those staying count alike on
   * every night (a short break is fostering by the hub household, within its approval).
   */
  maxChildren: number;
}

const shortDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Sat 5 Dec", or "Sat 5 Dec to Mon 7 Dec" for a run of nights. */
export function nightsLabel(first: string, last: string): string {
  const a = shortDate.format(new Date(`${first}T00:00:00Z`));
  if (first === last) return `the night of ${a}`;
  return `the nights of ${a} to ${shortDate.format(new Date(`${last}T00:00:00Z`))}`;
}

/** Old or free-text answers map onto the standard's options; anything unknown imposes nothing. */
export function normaliseLivingCompanions(value: string): LivingCompanions {
  if ((LIVING_COMPANIONS as readonly string[]).includes(value)) return value as LivingCompanions;
  const v = value.toLowerCase();
  if (v.includes('solo')) return 'Solo placement recommended';
  if (v.includes('older')) return 'Only with other older children';
  if (v.includes('younger')) return 'Only with other younger children';
  if (v.includes('with other')) return 'With other children recommended';
  return 'No preference';
}

/** Why `subject`'s rule forbids sharing the hub with `other`, or null when it allows it. */
function ruleConflict(subject: StayChild, other: StayChild, onDate: string, otherWhere: string): string | null {
  const s = `${subject.firstName} (${ageOn(subject.birthDate, onDate)})`;
  const o = `${other.firstName} (${ageOn(other.birthDate, onDate)})`;
  switch (subject.livingCompanions) {
    case 'Solo placement recommended':
      return `${s} should be cared for without other children (solo recommended), but ${o} ${otherWhere}.`;
    case 'Only with other older children':
      // Older means born earlier; a twin or a same-day birth is not older.
      return other.birthDate < subject.birthDate ? null : `${s} should only be cared for alongside older children, but ${o} ${otherWhere} and is not older.`;
    case 'Only with other younger children':
      return other.birthDate > subject.birthDate
        ? null
        : `${s} should only be cared for alongside younger children, but ${o} ${otherWhere} and is not younger.`;
    default:
      return null;
  }
}

function overlaps(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

/**
 * Checks one requested stay against one bed. `accepted` holds the constellation's other accepted
 * stays that overlap the request (any bed); `hubChildren` the children placed in the hub home;
 * `approval` the ages the hub household is approved for (null when none is recorded).
 */
export function checkBed(
  request: StayRequest,
  bed: 1 | 2,
  accepted: readonly BookedStay[],
  hubChildren: readonly StayChild[],
  approval: HubApproval | null = null,
): string[] {
  const reasons: string[] = [];
  const others = accepted.filter((s) => s.id !== request.id && overlaps(s, request));

  if (approval) {
    // Checked on the first and the last night, so a birthday during the stay counts.
    const ages = [...new Set([ageOn(request.child.birthDate, request.startDate), ageOn(request.child.birthDate, request.endDate)])];
    const outside = ages.find((age) => age < approval.minAge || age > approval.maxAge);
    if (outside !== undefined) {
      reasons.push(
        `${approval.hubName} is approved for children aged ${approval.minAge} to ${approval.maxAge}, and ${request.child.firstName} would be ${outside}.`,
      );
    }
  }

  if (approval) {
    const over = nightsOverApproval(request, others, hubChildren, approval);
    if (over) reasons.push(over);
  }

  for (const stay of others.filter((s) => s.bed === bed)) {
    const first = stay.startDate > request.startDate ? stay.startDate : request.startDate;
    const last = stay.endDate < request.endDate ? stay.endDate : request.endDate;
    reasons.push(`Bed ${bed} is already booked for ${stay.child.firstName} on ${nightsLabel(first, last)}.`);
  }
  for (const stay of others.filter((s) => s.child.childId === request.child.childId)) {
    reasons.push(`${request.child.firstName} already has an accepted stay at the hub on ${nightsLabel(stay.startDate, stay.endDate)}.`);
  }

  // Everyone else in the house on at least one of the nights: the hub's own children every night,
  // a visiting child on the nights their stay overlaps.
  const onDate = request.startDate;
  const companions: { child: StayChild; where: string }[] = [
    ...hubChildren.filter((c) => c.childId !== request.child.childId).map((child) => ({ child, where: 'lives at the hub' })),
    ...others
      .filter((s) => s.child.childId !== request.child.childId)
      .map((s) => {
        const first = s.startDate > request.startDate ? s.startDate : request.startDate;
        const last = s.endDate < request.endDate ? s.endDate : request.endDate;
        return { child: s.child, where: `is staying on ${nightsLabel(first, last)}` };
      }),
  ];
  for (const { child, where } of companions) {
    const mine = ruleConflict(request.child, child, onDate, where);
    if (mine) reasons.push(mine);
    const theirs = ruleConflict(child, request.child, onDate, `would be staying on ${nightsLabel(request.startDate, request.endDate)}`);
    if (theirs) reasons.push(theirs);
  }
  return [...new Set(reasons)];
}

/**
 * Why the stay would take the hub over its approved number of children on some night, or null.
 * Counted night by night: the hub's own children, every other accepted stay that night, and this child.
 */
export function nightsOverApproval(
  request: StayRequest,
  others: readonly BookedStay[],
  hubChildren: readonly StayChild[],
  approval: HubApproval,
): string | null {
  const living = hubChildren.filter((c) => c.childId !== request.child.childId);
  const over: { night: string; names: string[] }[] = [];
  for (const night of nightsOf(request.startDate, request.endDate)) {
    const staying = others.filter((s) => s.child.childId !== request.child.childId && s.startDate <= night && night <= s.endDate);
    if (living.length + staying.length + 1 > approval.maxChildren) {
      over.push({ night, names: [...living.map((c) => `${c.firstName} (lives there)`), ...staying.map((s) => `${s.child.firstName} (staying)`)] });
    }
  }
  if (over.length === 0) return null;
  const first = over[0]!;
  const more = over.length > 1 ? ` It would be over on ${over.length - 1} more ${over.length === 2 ? 'night' : 'nights'} of this stay too.` : '';
  const already = first.names.length === 0 ? 'nobody else' : first.names.join(', ');
  return `${approval.hubName} is approved for ${approval.maxChildren} ${approval.maxChildren === 1 ? 'child' : 'children'} at a time; on ${nightsLabel(first.night, first.night)}, ${first.names.length} would already be there (${already}), so ${request.child.firstName} would take it over its approved number.${more}`;
}

/** Every night of a stay, first to last. */
export function nightsOf(startDate: string, endDate: string): string[] {
  const nights: string[] = [];
  for (let d = startDate; d <= endDate; d = addDays(d, 1)) nights.push(d);
  return nights;
}
