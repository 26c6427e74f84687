import type { WritableDB } from '../handle';
import { collectionYearEnd, NO_URN, PLACE_WITHOUT_URN, SEX_CODES, UPN_NOT_KNOWN } from '../../shared/domain/ssda903';
import { dfeMiles } from '../../shared/scoring/distance';
import { refFor, sourceKeyFor } from './pseudonym';
import type { ChangeCounter } from './report';
import type { EpisodeRow, HeaderRow, MissingRow, UascRow } from './ssda903-rows';

/**
 * Writes checked SSDA903 rows for one council and one collection year. Every record remembers the
 * year of the return it came from; rows an older return would change have already been left out
 * (ssda903-history.ts), so writing a row always means "this return is at least as new".
 */

export interface Council {
  id: number;
  name: string;
  onsCode: string;
}

interface StoredChild {
  id: number;
  dob: string;
  sex: string;
  ethnicity: string;
  headerYear: number | null;
  ownId: string | null;
  upn: string | null;
  mother: string | null;
  mcDob: string | null;
}

interface StoredEpisode {
  id: number;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  place_provider: string | null;
  dec: string | null;
  rec: string | null;
  reason_place_change: string | null;
  home_post: string | null;
  pl_post: string | null;
  urn: string | null;
  home_id: number | null;
  distance_miles: number | null;
  year: number | null;
}

/** Where the URN is in an episode's values. */
const URN_AT = 10;

/** The stored year is behind this return's: update it without counting a change (the values are the same). */
const behind = (stored: number | null, year: number) => stored === null || stored < year;

export class Ssda903Writer {
  private readonly childIds = new Map<string, number>();
  private readonly touched = new Set<number>();
  /** Children created by this import have no stored episodes to compare with. */
  private readonly created = new Set<number>();
  private readonly homeByUrn: Map<string, number>;
  /** Distances need the postcode directory; most stores have none, so no lookups are made then. */
  private readonly hasPostcodes: boolean;
  private readonly places = new Map<string, { lat: number; lon: number; grid?: { easting: number; northing: number } } | null>();
  private readonly s;

  constructor(
    db: WritableDB,
    private readonly council: Council,
    private readonly key: Buffer,
    private readonly year: number,
  ) {
    this.homeByUrn = new Map(
      (db.prepare('SELECT ofsted_urn AS urn, id FROM homes WHERE ofsted_urn IS NOT NULL').all() as { urn: string; id: number }[]).map((r) => [
        r.urn.toUpperCase(),
        r.id,
      ]),
    );
    this.hasPostcodes = db.prepare('SELECT EXISTS (SELECT 1 FROM postcodes)').pluck().get() === 1;
    this.s = {
      childByKey: db.prepare(
        `SELECT c.id, c.birth_date AS dob, c.sex, c.ethnicity, s.header_year AS headerYear, s.council_child_id AS ownId,
                s.upn, s.mother, s.mc_dob AS mcDob
         FROM children c LEFT JOIN ssda903_children s ON s.child_id = c.id WHERE c.source_key = ?`,
      ),
      childIdByKey: db.prepare('SELECT id FROM children WHERE source_key = ?').pluck(),
      refTaken: db.prepare('SELECT 1 FROM children WHERE ref = ?').pluck(),
      insertChild: db.prepare(
        `INSERT INTO children (ref, first_name, birth_date, sex, council_id, place_label, ethnicity, source, source_key)
         VALUES (?, '', ?, ?, ?, ?, ?, 'ssda903', ?)`,
      ),
      updateChild: db.prepare('UPDATE children SET birth_date = ?, sex = ?, ethnicity = ? WHERE id = ?'),
      ownId: db.prepare('INSERT INTO ssda903_children (child_id, council_child_id) VALUES (?, ?) ON CONFLICT (child_id) DO NOTHING'),
      newOwnId: db.prepare('INSERT INTO ssda903_children (child_id, council_child_id, header_year, upn, mother, mc_dob) VALUES (?, ?, ?, ?, ?, ?)'),
      headerDetails: db.prepare('UPDATE ssda903_children SET upn = ?, mother = ?, mc_dob = ? WHERE child_id = ?'),
      adoptKey: db.prepare('UPDATE children SET source_key = ? WHERE id = ? AND source_key IS NULL'),
      adoptOwnId: db.prepare(
        'INSERT INTO ssda903_children (child_id, council_child_id) VALUES (?, ?) ON CONFLICT (child_id) DO UPDATE SET council_child_id = excluded.council_child_id',
      ),
      headerYear: db.prepare('UPDATE ssda903_children SET header_year = ? WHERE child_id = ?'),
      uascYear: db.prepare('UPDATE ssda903_children SET uasc_year = ? WHERE child_id = ?'),
      episode: db.prepare(
        `SELECT id, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn, home_id, distance_miles, ssda903_year AS year
         FROM episodes WHERE child_id = ? AND decom = ?`,
      ),
      insertEpisode: db.prepare(
        `INSERT INTO episodes (child_id, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change, home_post, pl_post, urn, home_id,
           distance_miles, ssda903_year)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateEpisode: db.prepare(
        `UPDATE episodes SET rne = ?, ls = ?, cin = ?, place = ?, place_provider = ?, dec = ?, rec = ?, reason_place_change = ?,
           home_post = ?, pl_post = ?, urn = ?, home_id = ?, distance_miles = ?, ssda903_year = ? WHERE id = ?`,
      ),
      episodeYear: db.prepare('UPDATE episodes SET ssda903_year = ? WHERE id = ?'),
      uasc: db.prepare(
        'SELECT c.uasc, c.uasc_ceased AS duc, s.uasc_year AS year FROM children c LEFT JOIN ssda903_children s ON s.child_id = c.id WHERE c.id = ?',
      ),
      setUasc: db.prepare('UPDATE children SET uasc = 1, uasc_ceased = ? WHERE id = ?'),
      missing: db.prepare('SELECT id, kind, end_date AS endDate, ssda903_year AS year FROM missing_episodes WHERE child_id = ? AND start_date = ?'),
      insertMissing: db.prepare('INSERT INTO missing_episodes (child_id, kind, start_date, end_date, ssda903_year) VALUES (?, ?, ?, ?, ?)'),
      updateMissing: db.prepare('UPDATE missing_episodes SET kind = ?, end_date = ?, ssda903_year = ? WHERE id = ?'),
      missingYear: db.prepare('UPDATE missing_episodes SET ssda903_year = ? WHERE id = ?'),
      // Legal status, need and current home follow the latest episode; the home postcode (and its
      // position, from the directory when it has it, never an older postcode's) follows the latest
      // episode that gives one. Both depend only on the episodes, not on the order returns came in.
      setDerived: db.prepare(
        `UPDATE children AS c
         SET legal_status = l.ls, category_of_need = l.cin, home_postcode = COALESCE(p.home_post, c.home_postcode),
             home_lat = CASE WHEN p.home_post IS NULL THEN c.home_lat ELSE (SELECT d.lat FROM postcodes d WHERE d.postcode = p.home_post) END,
             home_lon = CASE WHEN p.home_post IS NULL THEN c.home_lon ELSE (SELECT d.lon FROM postcodes d WHERE d.postcode = p.home_post) END,
             current_home_id = CASE WHEN l.dec IS NULL THEN l.home_id END
         FROM (SELECT ls, cin, dec, home_id FROM episodes WHERE child_id = @id ORDER BY decom DESC LIMIT 1) AS l,
              (SELECT (SELECT home_post FROM episodes WHERE child_id = @id AND home_post IS NOT NULL ORDER BY decom DESC LIMIT 1) AS home_post) AS p
         WHERE c.id = @id`,
      ),
      postcode: db.prepare('SELECT lat, lon, easting, northing FROM postcodes WHERE postcode = ?'),
    };
  }

  private sourceKey(child: string): string {
    return sourceKeyFor(this.key, this.council.onsCode, child);
  }

  /** The stored child for a council identifier; the council's own identifier is recorded the first time. */
  private childId(child: string): number {
    let id = this.childIds.get(child);
    if (id === undefined) {
      const found = this.s.childIdByKey.get(this.sourceKey(child)) as number | undefined;
      // Checking made sure every child is in the files or the store.
      if (found === undefined) throw new Error('An SSDA903 row refers to a child that checking did not find');
      id = found;
      this.s.ownId.run(id, child);
      this.childIds.set(child, id);
    }
    return id;
  }

  /**
   * A child recorded in the app (no council identifier known) whom the return names by the CHILD
   * the app's own export wrote for them: from now on the council's import finds them by that
   * identifier, so re-importing the app's export never makes a second child.
   */
  adoptAppChild(child: string, id: number): void {
    this.s.adoptKey.run(this.sourceKey(child), id);
    this.s.adoptOwnId.run(id, child);
  }

  upsertChild(h: HeaderRow, changes: ChangeCounter): void {
    const sourceKey = this.sourceKey(h.CHILD);
    const sex = SEX_CODES[h.SEX!]!.sex;
    const existing = this.s.childByKey.get(sourceKey) as StoredChild | undefined;
    if (existing) {
      this.childIds.set(h.CHILD, existing.id);
      if (existing.ownId === null) this.s.ownId.run(existing.id, h.CHILD);
      // A header without UPN, MOTHER or MC_DOB (they may be left out) leaves what the store has, and
      // so does the app's own export, which writes UN5 and (for a girl) 0 where the store has nothing.
      const upn = h.UPN === UPN_NOT_KNOWN && existing.upn === null ? null : h.UPN;
      const mother = h.MOTHER === '0' && existing.mother === null && sex === 'F' ? null : h.MOTHER;
      const details = [upn ?? existing.upn, mother ?? existing.mother, h.MC_DOB ?? existing.mcDob] as const;
      const detailsSame = details[0] === existing.upn && details[1] === existing.mother && details[2] === existing.mcDob;
      if (!detailsSame) this.s.headerDetails.run(...details, existing.id);
      if (existing.dob === h.DOB && existing.sex === sex && existing.ethnicity === h.ETHNIC && detailsSame) {
        changes.unchanged('children');
      } else {
        if (existing.dob !== h.DOB || existing.sex !== sex || existing.ethnicity !== h.ETHNIC) this.s.updateChild.run(h.DOB, sex, h.ETHNIC, existing.id);
        changes.updated('children');
      }
      if (behind(existing.headerYear, this.year)) this.s.headerYear.run(this.year, existing.id);
      return;
    }
    let attempt = 0;
    let ref = refFor(sourceKey, attempt);
    while (this.s.refTaken.get(ref) !== undefined) ref = refFor(sourceKey, ++attempt);
    const id = Number(this.s.insertChild.run(ref, h.DOB, sex, this.council.id, this.council.name, h.ETHNIC, sourceKey).lastInsertRowid);
    this.s.newOwnId.run(id, h.CHILD, this.year, h.UPN, h.MOTHER, h.MC_DOB);
    this.childIds.set(h.CHILD, id);
    this.created.add(id);
    changes.created('children');
  }

  private place(postcode: string | null) {
    if (postcode === null || !this.hasPostcodes) return null;
    let p = this.places.get(postcode);
    if (p === undefined) {
      const row = this.s.postcode.get(postcode) as { lat: number; lon: number; easting: number | null; northing: number | null } | undefined;
      p = row
        ? { lat: row.lat, lon: row.lon, ...(row.easting !== null && row.northing !== null ? { grid: { easting: row.easting, northing: row.northing } } : {}) }
        : null;
      this.places.set(postcode, p);
    }
    return p;
  }

  upsertEpisode(e: EpisodeRow, changes: ChangeCounter): void {
    const childId = this.childId(e.CHILD);
    const homeId = e.URN ? (this.homeByUrn.get(e.URN) ?? null) : null;
    const home = this.place(e.HOME_POST);
    const placed = this.place(e.PL_POST);
    const miles = home && placed ? dfeMiles(home, placed).miles : null;
    const existing = this.created.has(childId) ? undefined : (this.s.episode.get(childId, e.DECOM) as StoredEpisode | undefined);
    // An episode the store knows ended after this return's year was open when the return was made:
    // its blank end says nothing new, so the stored ending stays.
    const laterEnd = existing !== undefined && existing.dec !== null && existing.dec > collectionYearEnd(this.year) && e.DEC === null;
    const ending = laterEnd ? [existing.dec, existing.rec, existing.reason_place_change] : [e.DEC, e.REC, e.REASON_PLACE_CHANGE];
    const values = [e.RNE, e.LS, e.CIN, e.PLACE, e.PLACE_PROVIDER, ...ending, e.HOME_POST, e.PL_POST, e.URN] as const;
    if (!existing) {
      this.s.insertEpisode.run(childId, e.DECOM, ...values, homeId, miles, this.year);
      this.touched.add(childId);
      changes.created('episodes');
      return;
    }
    const stored = [
      existing.rne,
      existing.ls,
      existing.cin,
      existing.place,
      existing.place_provider,
      existing.dec,
      existing.rec,
      existing.reason_place_change,
      existing.home_post,
      existing.pl_post,
      existing.urn,
    ];
    // The app's export writes XXXXXXX for a URN it does not know: that is what the store already says.
    // A placement type that takes no URN has none in the return, whatever the store knows of the home.
    const same = (v: string | null, i: number) =>
      v === values[i] || (i === URN_AT && (v ?? '') === '' && values[i] === NO_URN) || (i === URN_AT && values[i] === null && PLACE_WITHOUT_URN.has(e.PLACE!));
    // With the return's values unchanged, a home or distance the return cannot give (a foster home
    // has no URN of its own; no postcode directory) is left as the store has it, e.g. as placing recorded it.
    const derivedSame = (homeId === null || existing.home_id === homeId) && (miles === null || existing.distance_miles === miles);
    if (stored.every(same) && derivedSame) {
      if (behind(existing.year, this.year)) this.s.episodeYear.run(this.year, existing.id);
      changes.unchanged('episodes');
      return;
    }
    this.s.updateEpisode.run(...values, homeId, miles, this.year, existing.id);
    this.touched.add(childId);
    changes.updated('episodes');
  }

  markUasc(u: UascRow, changes: ChangeCounter): void {
    const childId = this.childId(u.CHILD);
    const now = this.s.uasc.get(childId) as { uasc: number; duc: string | null; year: number | null };
    if (now.uasc === 1 && now.duc === u.DUC) {
      changes.unchanged('UASC details');
    } else {
      this.s.setUasc.run(u.DUC, childId);
      changes.updated('UASC details');
    }
    if (behind(now.year, this.year)) this.s.uascYear.run(this.year, childId);
  }

  upsertMissing(m: MissingRow, changes: ChangeCounter): void {
    const childId = this.childId(m.CHILD);
    const existing = this.s.missing.get(childId, m.MIS_START) as { id: number; kind: string; endDate: string | null; year: number | null } | undefined;
    if (!existing) {
      this.s.insertMissing.run(childId, m.MISSING, m.MIS_START, m.MIS_END, this.year);
      changes.created('missing episodes');
    } else if (existing.kind === m.MISSING && existing.endDate === m.MIS_END) {
      if (behind(existing.year, this.year)) this.s.missingYear.run(this.year, existing.id);
      changes.unchanged('missing episodes');
    } else {
      this.s.updateMissing.run(m.MISSING, m.MIS_END, this.year, existing.id);
      changes.updated('missing episodes');
    }
  }

  /** A child's legal status, need, home postcode (and its position) and current home follow their episodes (when any episode changed). */
  refreshDerived(): void {
    for (const id of this.touched) this.s.setDerived.run({ id });
  }
}
