/**
 * The child's own wishes. Only 41% of children with a care plan were asked where they would like to
 * live; what this child said is scored where it can be checked against a home and shown verbatim
 * beside every match either way.
 */
import type { ChildContext } from '../context';
import type { VacancyTable } from '../vacancyTable';
import { schoolKeptValue } from './distance';

/** Near family: full marks within 5 miles of home, none at the 20-mile line; falls with distance. */
function nearFamilyValue(homeMiles: number, line: number): number {
  if (homeMiles <= 5) return 1;
  if (homeMiles >= line) return 0;
  return 1 - (homeMiles - 5) / (line - 5);
}

/** The child's wishes against row `i` of a vacancy table; with `lines`, also what the officer reads. */
export function wishesScore(ctx: ChildContext, t: VacancyTable, i: number, homeMiles: number, schoolMiles: number | undefined, lines?: string[]): number {
  const wishes = ctx.child.wishes;
  let count = 0;
  let met = 0;
  if (wishes.stayNearFamily) {
    count++;
    const value = nearFamilyValue(homeMiles, ctx.policy.distance.twentyMileLine);
    met += value;
    if (lines)
      lines.push(
        value === 1
          ? 'Wants to stay near family: this home is close to home.'
          : value === 0
            ? 'Wants to stay near family: this home is not near.'
            : 'Wants to stay near family: this home is some way from home.',
      );
  }
  if (wishes.stayAtSchool && schoolMiles !== undefined) {
    count++;
    const value = schoolKeptValue(schoolMiles, ctx.policy.distance);
    met += value;
    if (lines)
      lines.push(
        value === 1
          ? 'Wants to stay at their school: they can from here.'
          : value === 0
            ? 'Wants to stay at their school: too far from here.'
            : 'Wants to stay at their school: a long journey from here.',
      );
  }
  if (wishes.liveWithSiblings && (ctx.groupSize > 1 || ctx.siblingHomes.size > 0)) {
    count++;
    const together = ctx.siblingHomes.size === 0 || ctx.siblingHomes.has(t.homeId[i]!);
    if (together) met++;
    if (lines)
      lines.push(
        together
          ? 'Wants to live with their brothers and sisters: this home keeps them together.'
          : 'Wants to live with their brothers and sisters: some live elsewhere.',
      );
  }
  if (wishes.pets) {
    count++;
    const pets = t.pets[i] === 1;
    const ok = wishes.pets === 'want' ? pets : !pets;
    if (ok) met++;
    if (lines)
      lines.push(
        wishes.pets === 'want'
          ? ok
            ? 'Would like pets: there are pets here.'
            : 'Would like pets: none here.'
          : ok
            ? 'Would rather not live with pets: none here.'
            : 'Would rather not live with pets: there are pets here.',
      );
  }
  if (wishes.faithCommunity && ctx.child.needs.religion) {
    count++;
    const same = t.religion[i] === ctx.child.needs.religion;
    if (same) met++;
    if (lines)
      lines.push(
        same
          ? 'Wants to stay part of their faith community: a household of the same faith.'
          : 'Wants to stay part of their faith community: a household of a different or no faith.',
      );
  }
  if (lines && count === 0) lines.push('No preferences recorded that can be checked against a home; their own words are shown with every match.');
  return count === 0 ? 100 : (100 * met) / count;
}
