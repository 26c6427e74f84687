/**
 * The child's own wishes. Only 41% of children with a care plan were asked where they would like to
 * live. Only the wishes the referral records (one kind each, in the child's words) are scored, each
 * against what the home has on record; the free-text "in their own words" is shown verbatim beside
 * every match and never read for meaning.
 *
 * A child with no wish that can be checked against a home has no wishes score at all ("not
 * scored"), and the factor's weight is shared among the others for that child (context.ts,
 * factorShares). Why not 100 or 0: 100 would add the wishes' whole weight to every home of a child
 * nobody asked, 0 would take it from them; the region plan adds children's totals together, so
 * either would push a contested bed towards or away from a child according to whether someone
 * wrote down their wishes. Renormalising keeps every child's total on the same 0-100 scale of what
 * is known, and because it is the same for every home of that child it never changes their order.
 */
import type { ChildContext } from '../context';
import type { RecordedWishForMatching } from '../types';
import type { VacancyTable } from '../vacancyTable';
import { milesToPacked } from '../distance';
import { petsWishIsAgainst } from '../../domain/wishes';
import { schoolKeptValue } from './distance';

/** One recorded wish as the search checks it, worked out once per search (context.ts). */
export interface PreparedWish {
  wish: RecordedWishForMatching;
  /** The child's words in lower case, to find a home's faith, language or culture named in them. */
  words: string;
  /** Whether this wish can be checked against any home for this child (the same for every home). */
  checkable: boolean;
  /** For a pets wish: the words say no to pets. */
  againstPets: boolean;
}

/** Whether a wish can be checked against a home at all, from the child's record alone. */
function checkable(w: RecordedWishForMatching, hasSchool: boolean): boolean {
  switch (w.kind) {
    case 'area':
      return w.place !== undefined;
    case 'school':
      return hasSchool;
    case 'other':
      return false;
    default:
      return true;
  }
}

export function prepareWishes(wishes: readonly RecordedWishForMatching[], hasSchool: boolean): PreparedWish[] {
  return wishes.map((wish) => ({
    wish,
    words: wish.text.toLowerCase(),
    checkable: checkable(wish, hasSchool),
    againstPets: wish.kind === 'pets' && petsWishIsAgainst(wish.text),
  }));
}

/** Near people or a place: full marks within 5 miles, none at the policy's distance line, falling between. */
function nearValue(miles: number, line: number): number {
  if (miles <= 5) return 1;
  if (miles >= line) return 0;
  return 1 - (miles - 5) / (line - 5);
}

const named = (words: string, value: string | undefined): boolean => value !== undefined && value !== '' && words.includes(value.toLowerCase());

const quoted = (w: RecordedWishForMatching) => `“${w.text}”`;

/** 1 met, 0 not, between for distance; with `lines`, the sentence an officer reads. */
function wishValue(
  ctx: ChildContext,
  p: PreparedWish,
  t: VacancyTable,
  i: number,
  homeMiles: number,
  schoolMiles: number | undefined,
  lines?: string[],
): number {
  const w = p.wish;
  const line = ctx.policy.distance.twentyMileLine;
  switch (w.kind) {
    case 'people':
    case 'area': {
      // A people wish with no town named points at the child's home: where their family and friends are.
      const miles = w.place ? milesToPacked(w.place, t.places, i) : homeMiles;
      const where = w.place ? (w.placeName ?? 'the place they named') : 'the child’s home';
      const value = nearValue(miles, line);
      if (lines) {
        const verdict = value === 1 ? 'close' : value === 0 ? 'not near' : 'some way off';
        lines.push(`${quoted(w)}: ${miles.toFixed(1)} miles from ${where}, ${verdict}.`);
      }
      return value;
    }
    case 'school': {
      const value = schoolKeptValue(schoolMiles!, ctx.policy.distance);
      if (lines)
        lines.push(
          `${quoted(w)}: ${value === 1 ? 'they can keep their school from here' : value === 0 ? 'too far to keep their school' : 'a long journey to their school'}.`,
        );
      return value;
    }
    case 'faith': {
      const religion = t.religion[i];
      const met = religion !== undefined && religion !== '' && (religion === ctx.child.needs.religion || named(p.words, religion));
      if (lines)
        lines.push(
          `${quoted(w)}: ${met ? `a ${religion} household` : religion ? `a ${religion} household, not the faith they named` : 'no faith recorded for this household'}.`,
        );
      return met ? 1 : 0;
    }
    case 'language': {
      const spoken = t.vacancies[i]!.languages;
      const shared = spoken.filter((l) => named(p.words, l) || ctx.child.needs.languages.includes(l));
      if (lines) lines.push(`${quoted(w)}: ${shared.length > 0 ? `${shared.join(' and ')} spoken here` : 'not a language recorded for this home'}.`);
      return shared.length > 0 ? 1 : 0;
    }
    case 'culture': {
      // Homes record the languages and faith of the household (and cultures, where a feed gives them).
      const v = t.vacancies[i]!;
      const links = [...(v.cultures ?? []), ...v.languages.filter((l) => l !== 'English'), ...(t.religion[i] ? [t.religion[i]!] : [])].filter(
        (x) => named(p.words, x) || x === ctx.child.needs.culture,
      );
      if (lines) lines.push(`${quoted(w)}: ${links.length > 0 ? `connected through ${links.join(', ')}` : 'no connection recorded for this home'}.`);
      return links.length > 0 ? 1 : 0;
    }
    case 'pets': {
      const pets = t.pets[i] === 1;
      const met = p.againstPets ? !pets : pets;
      if (lines) lines.push(`${quoted(w)}: ${pets ? 'there are pets here' : 'no pets here'}.`);
      return met ? 1 : 0;
    }
    case 'other':
      if (lines) lines.push(uncheckedLine(p));
      return 0;
  }
}

/** Why a recorded wish is shown but not measured. */
function uncheckedLine(p: PreparedWish): string {
  const why =
    p.wish.kind === 'school'
      ? 'no school is recorded to measure from'
      : p.wish.kind === 'area'
        ? 'it names no town the app knows, so it is not measured'
        : 'shown for the officer to weigh; not checked against a home';
  return `${quoted(p.wish)}: ${why}.`;
}

/**
 * The child's wishes against row `i` of a vacancy table: the mean of the recorded wishes that can
 * be checked, 0-100. When none can (ctx.wishesScored false) it returns 0 with a share of 0, and the
 * lines say why.
 */
export function wishesScore(ctx: ChildContext, t: VacancyTable, i: number, homeMiles: number, schoolMiles: number | undefined, lines?: string[]): number {
  const wishes = ctx.wishes;
  if (!ctx.wishesScored) {
    if (lines) {
      if (wishes.length === 0) lines.push('No wishes recorded: not scored. The other factors make up the total. Ask the child.');
      else {
        lines.push('None of the wishes recorded can be checked against a home: not scored. The other factors make up the total.');
        for (const p of wishes) lines.push(uncheckedLine(p));
      }
    }
    return 0;
  }
  let count = 0;
  let met = 0;
  for (const p of wishes) {
    if (!p.checkable) {
      if (lines) lines.push(uncheckedLine(p));
      continue;
    }
    count++;
    met += wishValue(ctx, p, t, i, homeMiles, schoolMiles, lines);
  }
  return (100 * met) / count;
}
