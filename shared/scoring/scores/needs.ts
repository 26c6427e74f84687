/**
 * Needs fit: how well the home's specialisms, languages, faith, culture and setting answer what the
 * referral asks for. Each need the referral records counts equally; a child with none recorded is
 * equally well served everywhere (100). Needs a home must meet outright (wheelchair access, Ofsted
 * categories, parent-and-child) are hard rules, not scored here.
 */
import type { ChildContext } from '../context';
import type { Specialism } from '../types';
import { HOME_KINDS } from '../../domain/homes';
import { SIGNING_BITS, type VacancyTable } from '../vacancyTable';

const SPECIALISM_TEXT: Record<Specialism, string> = {
  teenagers: 'caring for teenagers',
  disability: 'disabled children',
  parent_and_child: 'parent-and-child placements',
  uasc: 'unaccompanied asylum-seeking children',
  therapeutic: 'therapeutic care',
  short_breaks: 'short breaks',
};

const KIND_TEXT = { foster: 'foster care', residential: 'residential care', supported: 'supported accommodation' } as const;

/** Needs fit of row `i` of a vacancy table; with `lines`, also what the officer reads. */
export function needsScore(ctx: ChildContext, t: VacancyTable, i: number, lines?: string[]): number {
  const child = ctx.child;
  const needs = child.needs;
  let count = 0;
  let met = 0;

  const kindCode = t.kind[i]!;
  if (ctx.kindPreference) {
    count++;
    const value = ctx.kindPreference[kindCode]!;
    met += value;
    if (lines) {
      const kind = KIND_TEXT[HOME_KINDS[kindCode]!];
      lines.push(value === 1 ? `The referral prefers ${kind}.` : `The referral marks ${kind} as suitable but not preferred.`);
    }
  }
  const specialisms = t.specialisms[i]!;
  for (let s = 0; s < ctx.requiredSpecialismBits.length; s++) {
    count++;
    const has = (specialisms & ctx.requiredSpecialismBits[s]!) !== 0;
    if (has) met++;
    if (lines) {
      const text = SPECIALISM_TEXT[ctx.requiredSpecialisms[s]!];
      lines.push(has ? `Specialises in ${text}.` : `No specialism in ${text}.`);
    }
  }
  // Languages and culture are rarely asked for; only then is the vacancy itself read.
  const v = t.vacancies[i]!;
  for (const c of needs.communication) {
    if (c !== 'BSL' && c !== 'Makaton') continue;
    count++;
    const has = (t.signing[i]! & SIGNING_BITS[c]) !== 0;
    if (has) met++;
    if (lines) lines.push(has ? `Carers use ${c}.` : `No carer uses ${c}, which the child needs.`);
  }
  if (needs.languages.length > 0) {
    count++;
    if (needs.languages.some((l) => v.languages.includes(l))) met++;
    if (lines) {
      const shared = needs.languages.filter((l) => v.languages.includes(l));
      lines.push(shared.length > 0 ? `Someone in the home speaks ${shared.join(' and ')}.` : `Nobody in the home speaks ${needs.languages.join(' or ')}.`);
    }
  }
  if (needs.religion) {
    count++;
    const same = t.religion[i] === needs.religion;
    if (same) met++;
    if (lines) lines.push(same ? `A ${needs.religion} household, as the child’s faith.` : `Not a ${needs.religion} household.`);
  }
  if (needs.culturalNeeds === 'Required' && needs.culture) {
    count++;
    const has = v.cultures?.includes(needs.culture) ?? false;
    if (has) met++;
    if (lines)
      lines.push(
        has ? `Carers share or are connected to the child’s ${needs.culture} heritage.` : `No recorded connection to the child’s ${needs.culture} heritage.`,
      );
  }
  if (child.livingCompanions === 'With other children recommended') {
    count++;
    // The carers' own children count here: they are company, even though they use no approval place.
    const others = t.housemates[i]!.length > 0;
    if (others) met++;
    if (lines)
      lines.push(others ? 'Other children live here, as the referral recommends.' : 'No other children live here; the referral recommends living with others.');
  }
  if (needs.educationOnSite) {
    count++;
    const onSite = t.educationOnSite[i] === 1;
    if (onSite) met++;
    if (lines) lines.push(onSite ? 'Education on site, which the child needs.' : 'No education on site; the child has no school place.');
  }
  if (lines && count === 0) lines.push('The referral records no needs for a home to specialise in; every home scores the same here.');
  return count === 0 ? 100 : (100 * met) / count;
}
