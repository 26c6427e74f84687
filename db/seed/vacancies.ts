import type { VacancyStatus } from '../../shared/domain/homes';
import { at, byIso } from './dates';
import { addDays } from '../../shared/domain/calendar';
import { officerFor } from './accounts';
import type { HomeRow, PlacementRow, VacancyRow } from './model';
import { splitPrice, totalOf } from './pricing';
import type { SeededRandom } from './random';

/**
 * Vacancies where homes have room: most open, a few held, withdrawn or filled, each with its status
 * history. Filled ones are the beds the last five months' placements took; open ones never offer
 * more beds than the home has spare, and hub homes keep their two beds for sleepovers.
 */

function restrictionsFor(rng: SeededRandom, home: HomeRow): string {
  const notes: string[] = [];
  const f = home.foster;
  if (f) {
    const youngest = [...home.placed.map((c) => c.age), ...f.otherChildren.map((o) => o.age)].sort((a, b) => a - b)[0];
    if (youngest !== undefined && youngest < 10 && rng.chance(0.5))
      notes.push(`Youngest child in the home is ${youngest}: no risk of harm to younger children.`);
    if (f.approvalSex) notes.push(f.approvalSex === 'F' ? 'Girls only (approval).' : 'Boys only (approval).');
    if (f.pets && rng.chance(0.4)) notes.push(rng.pick(['Two dogs in the home.', 'Cat in the home.', 'Dog in the home: not suitable if allergic.']));
    if (f.specialisms.includes('parent_and_child') && rng.chance(0.6)) notes.push('Parent and child assessment placements only.');
  } else if (home.residential) {
    if (rng.chance(0.4))
      notes.push(
        rng.pick([
          'Matching with current residents required.',
          'Not suitable for fire-setting risk.',
          'Ground-floor bedroom available.',
          'Impact risk assessment needed before admission.',
        ]),
      );
  } else if (home.supported && rng.chance(0.5)) {
    notes.push(
      rng.pick([
        '16-17 only; must be engaging with education or training.',
        'Shared kitchen and bathroom.',
        'Staffed 24 hours.',
        'Floating support 10 hours a week.',
      ]),
    );
  }
  return notes.join(' ');
}

/**
 * Beds a foster household offers: one, or where its approval takes sibling groups and it has the
 * room, usually all its spare places (up to four), so brothers and sisters can move in together.
 * Few households can take three or more (domain primer), so most such offers are of two beds.
 */
function fosterBeds(rng: SeededRandom, home: HomeRow, spare: number): number {
  if (spare < 2 || !home.foster!.approvalSiblings || !rng.chance(0.7)) return 1;
  return Math.min(spare, 4);
}

export function makeVacancies(rng: SeededRandom, homes: readonly HomeRow[], placements: readonly PlacementRow[], today: string): VacancyRow[] {
  const vacancies: VacancyRow[] = [];
  const add = (home: HomeRow, beds: number, availableFrom: string, status: VacancyStatus, history: VacancyRow['history'], total: number): VacancyRow => {
    const row: VacancyRow = {
      id: 0,
      homeId: home.id,
      beds,
      availableFrom,
      status,
      price: splitPrice(rng, home.kind, home.provider.providerType, total, home.residential?.educationOnSite ?? false),
      updatedAt: history[history.length - 1]!.at,
      restrictions: restrictionsFor(rng, home),
      source: home.provider.ownership === 'private' && rng.chance(0.5) ? 'feed' : 'manual',
      history,
      home,
    };
    vacancies.push(row);
    return row;
  };
  const todayPrice = (home: HomeRow) => Math.round((home.weeklyPence * rng.float(0.98, 1.05)) / 100) * 100;

  // Beds that recent placements filled (most; some were arranged without a vacancy being posted):
  // one vacancy per home and start date, so siblings share one.
  const recent = new Map<string, PlacementRow[]>();
  const filled = new Map<VacancyRow, PlacementRow[]>();
  for (const p of placements) {
    if (p.endDate !== null || p.startDate < addDays(today, -45) || p.home.foster?.kinship || !rng.chance(0.6)) continue;
    const key = `${p.homeId}:${p.startDate}`;
    recent.set(key, [...(recent.get(key) ?? []), p]);
  }
  for (const group of recent.values()) {
    const p = group[0]!;
    const from = addDays(p.startDate, -rng.int(2, 30));
    const history: VacancyRow['history'] = [{ status: 'open', at: at(addDays(from, -rng.int(1, 10)), rng.int(8, 16), rng.int(0, 59)), by: null }];
    if (rng.chance(0.8)) history.push({ status: 'held', at: at(addDays(p.startDate, -rng.int(1, 3)), rng.int(9, 17)), by: officerFor(p.home.councilIndex) });
    history.push({ status: 'filled', at: at(p.startDate, rng.int(10, 18)), by: officerFor(p.home.councilIndex) });
    filled.set(add(p.home, group.length, from, 'filled', history, totalOf(p.price)), group);
  }

  for (const home of homes) {
    const kinship = home.foster?.kinship ?? false;
    if (home.isHub || kinship) continue;
    const spare = home.capacity - home.placed.length;
    const p = home.kind === 'foster' ? 0.6 : home.kind === 'residential' ? 0.85 : 0.8;
    if (home.active && spare > 0 && rng.chance(p)) {
      const beds = home.kind === 'foster' ? fosterBeds(rng, home, spare) : home.kind === 'supported' && spare >= 2 && rng.chance(0.3) ? 2 : 1;
      const availableFrom = rng.chance(0.6) ? addDays(today, -rng.int(0, 30)) : addDays(today, rng.int(1, 42));
      const created = addDays(availableFrom < today ? availableFrom : today, -rng.int(1, 20));
      const history: VacancyRow['history'] = [{ status: 'open', at: at(created, rng.int(8, 17), rng.int(0, 59)), by: null }];
      // A few beds are held outside any referral here: a sibling arriving, a child from another region.
      if (rng.chance(0.04)) history.push({ status: 'held', at: at(today, rng.int(7, 8), rng.int(0, 59)), by: officerFor(home.councilIndex) });
      add(home, beds, availableFrom, history[history.length - 1]!.status, history, todayPrice(home));
    } else if ((spare <= 0 || !home.active) && rng.chance(0.06)) {
      // Offered once, then taken back: the carer took a break, or the bed went to a sibling.
      const from = addDays(today, -rng.int(20, 140));
      const history: VacancyRow['history'] = [
        { status: 'open', at: at(addDays(from, -rng.int(1, 10)), rng.int(8, 17)), by: null },
        { status: 'withdrawn', at: at(addDays(from, rng.int(1, 20)), rng.int(9, 17)), by: rng.chance(0.5) ? officerFor(home.councilIndex) : null },
      ];
      add(home, 1, from, 'withdrawn', history, todayPrice(home));
    }
  }
  vacancies.sort((a, b) => byIso(a.history[0]!.at, b.history[0]!.at) || a.homeId - b.homeId);
  vacancies.forEach((v, i) => (v.id = i + 1));
  for (const [row, group] of filled) for (const p of group) p.vacancyId = row.id;
  return vacancies;
}
