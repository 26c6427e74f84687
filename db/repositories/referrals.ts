import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import type { ReferralFields, Risks } from '../../shared/contract/referrals';
import type { ReferralStatus } from '../../shared/domain/referrals';
import type { Sex } from '../../shared/domain/homes';
import { containsPattern } from './like';

export interface ReferralRow {
  id: number;
  childId: number;
  childRef: string;
  childFirstName: string;
  birthDate: string;
  sex: Sex;
  councilId: number;
  councilName: string;
  receivedAt: string;
  status: ReferralStatus;
  assignedUserId: number | null;
  assignedName: string | null;
  childWishes: string;
  fields: Omit<ReferralFields, 'childId' | 'childWishes'>;
}

interface RawReferral {
  id: number;
  child_id: number;
  child_ref: string;
  child_first_name: string;
  birth_date: string;
  sex: Sex;
  council_id: number;
  council_name: string;
  received_at: string;
  status: ReferralStatus;
  assigned_user_id: number | null;
  assigned_name: string | null;
  wishes: string;
  needed_by: ReferralFields['neededBy'];
  needed_by_date: string;
  sibling_count: number;
  sibling_ids: string;
  preferred_location: string;
  preferred_location_reason: string;
  avoid_areas: string;
  foster_suitability: ReferralFields['fosterSuitability'];
  residential_suitability: ReferralFields['residentialSuitability'];
  supported_suitability: ReferralFields['supportedSuitability'];
  communication_needs: ReferralFields['communicationNeeds'];
  communication_requirements: string;
  home_adaptation: number;
  cultural_needs: ReferralFields['culturalNeeds'];
  living_companions: ReferralFields['livingCompanions'];
  pets: ReferralFields['pets'];
  additional_support: string;
  deprivation_of_liberty: number;
  secure_order: number;
  risks: string;
  risk_other: string;
  risk_to_others_other: string;
  ofsted_needs: string;
  budget_ceiling_pence: number | null;
  purpose: ReferralFields['purpose'];
  wish_list: string;
}

const SELECT_REFERRAL = `
  SELECT r.*, ch.ref AS child_ref, ch.first_name AS child_first_name, ch.birth_date, ch.sex, ch.wishes, c.name AS council_name, u.display_name AS assigned_name
  FROM referrals r
  JOIN children ch ON ch.id = r.child_id
  JOIN councils c ON c.id = r.council_id
  LEFT JOIN users u ON u.id = r.assigned_user_id`;

const NO_RISKS = (): Risks =>
  ({
    riskSelfHarm: 'No known risk',
    riskSexualExploitation: 'No known risk',
    riskCriminalExploitation: 'No known risk',
    riskDrugAlcohol: 'No known risk',
    riskEatingDisorder: 'No known risk',
    riskMissing: 'No known risk',
    riskToOthersPhysical: 'No known risk',
    riskToOthersSexual: 'No known risk',
    riskToOthersFire: 'No known risk',
    riskToOthersAnimals: 'No known risk',
    riskToOthersCriminal: 'No known risk',
  }) satisfies Risks;

function toRow(r: RawReferral): ReferralRow {
  const avoid = JSON.parse(r.avoid_areas) as unknown;
  return {
    id: r.id,
    childId: r.child_id,
    childRef: r.child_ref,
    childFirstName: r.child_first_name,
    birthDate: r.birth_date,
    sex: r.sex,
    councilId: r.council_id,
    councilName: r.council_name,
    receivedAt: r.received_at,
    status: r.status,
    assignedUserId: r.assigned_user_id,
    assignedName: r.assigned_name,
    childWishes: r.wishes,
    fields: {
      neededBy: r.needed_by,
      neededByDate: r.needed_by_date,
      siblingCount: r.sibling_count,
      siblingIds: JSON.parse(r.sibling_ids) as number[],
      preferredLocation: r.preferred_location,
      preferredLocationReason: r.preferred_location_reason,
      // Stored as council ids; older rows may hold other shapes, which are ignored.
      avoidCouncilIds: Array.isArray(avoid) ? avoid.filter((x): x is number => typeof x === 'number') : [],
      fosterSuitability: r.foster_suitability,
      residentialSuitability: r.residential_suitability,
      supportedSuitability: r.supported_suitability,
      communicationNeeds: r.communication_needs,
      communicationRequirements: JSON.parse(r.communication_requirements) as ReferralFields['communicationRequirements'],
      homeAdaptation: r.home_adaptation === 1,
      culturalNeeds: r.cultural_needs,
      livingCompanions: r.living_companions,
      pets: r.pets,
      additionalSupport: JSON.parse(r.additional_support) as ReferralFields['additionalSupport'],
      deprivationOfLiberty: r.deprivation_of_liberty === 1,
      secureOrder: r.secure_order === 1,
      ofstedNeeds: JSON.parse(r.ofsted_needs) as string[],
      risks: { ...NO_RISKS(), ...(JSON.parse(r.risks) as Partial<Risks>) },
      riskOther: r.risk_other,
      riskToOthersOther: r.risk_to_others_other,
      budgetCeilingPence: r.budget_ceiling_pence,
      purpose: r.purpose,
      wishes: JSON.parse(r.wish_list) as ReferralFields['wishes'],
    },
  };
}

export interface ReferralFilter {
  councilId: number | null;
  statuses: readonly ReferralStatus[];
  /** Any part of the child's reference or first name, or of the council's name; null for all. */
  text: string | null;
  /** Only the referrals assigned to this officer ("My referrals"); null for the whole inbox. */
  assignedUserId: number | null;
}

/**
 * Only the filters given go into the WHERE clause, so each reaches referrals through its index
 * (status, council or assignee); the text is then matched on the few rows those leave.
 */
function filtered(filter: ReferralFilter): { where: string; params: (string | number)[] } {
  const where = [`r.status IN (${filter.statuses.map(() => '?').join(', ')})`];
  const params: (string | number)[] = [...filter.statuses];
  if (filter.councilId !== null) {
    where.push('r.council_id = ?');
    params.push(filter.councilId);
  }
  if (filter.assignedUserId !== null) {
    where.push('r.assigned_user_id = ?');
    params.push(filter.assignedUserId);
  }
  if (filter.text) {
    where.push("(ch.ref LIKE ? ESCAPE '\\' OR ch.first_name LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')");
    const pattern = containsPattern(filter.text);
    params.push(pattern, pattern, pattern);
  }
  return { where: `WHERE ${where.join(' AND ')} ORDER BY r.needed_by_date, r.received_at, r.id`, params };
}

export function listReferrals(db: ReadableDB, filter: ReferralFilter): ReferralRow[] {
  const { where, params } = filtered(filter);
  return (prepare(db, `${SELECT_REFERRAL} ${where}`).all(...params) as RawReferral[]).map(toRow);
}

/** What the inbox shows of a referral: its line and needs summary, not the whole form. */
export interface ReferralLineRow extends Omit<ReferralRow, 'childWishes' | 'fields'> {
  fields: Pick<
    ReferralRow['fields'],
    | 'neededBy'
    | 'neededByDate'
    | 'siblingCount'
    | 'fosterSuitability'
    | 'residentialSuitability'
    | 'supportedSuitability'
    | 'communicationRequirements'
    | 'homeAdaptation'
    | 'livingCompanions'
    | 'risks'
  >;
}

type RawLine = Pick<
  RawReferral,
  | 'id'
  | 'child_id'
  | 'child_ref'
  | 'child_first_name'
  | 'birth_date'
  | 'sex'
  | 'council_id'
  | 'council_name'
  | 'received_at'
  | 'status'
  | 'needed_by'
  | 'needed_by_date'
  | 'assigned_user_id'
  | 'assigned_name'
  | 'sibling_count'
  | 'foster_suitability'
  | 'residential_suitability'
  | 'supported_suitability'
  | 'communication_requirements'
  | 'home_adaptation'
  | 'living_companions'
  | 'risks'
>;

// The inbox lists every open referral in scope: reading only what its line needs (not the child's
// wishes, the form's free text or its other lists) keeps it quick on a region's worth of referrals.
const SELECT_REFERRAL_LINE = `
  SELECT r.id, r.child_id, ch.ref AS child_ref, ch.first_name AS child_first_name, ch.birth_date, ch.sex, r.council_id, c.name AS council_name, r.received_at, r.status,
         r.needed_by, r.needed_by_date, r.sibling_count, r.foster_suitability, r.residential_suitability, r.supported_suitability,
         r.communication_requirements, r.home_adaptation, r.living_companions, r.risks, r.assigned_user_id, u.display_name AS assigned_name
  FROM referrals r
  JOIN children ch ON ch.id = r.child_id
  JOIN councils c ON c.id = r.council_id
  LEFT JOIN users u ON u.id = r.assigned_user_id`;

export function listReferralLines(db: ReadableDB, filter: ReferralFilter): ReferralLineRow[] {
  const { where, params } = filtered(filter);
  return (prepare(db, `${SELECT_REFERRAL_LINE} ${where}`).all(...params) as RawLine[]).map((r) => ({
    id: r.id,
    childId: r.child_id,
    childRef: r.child_ref,
    childFirstName: r.child_first_name,
    birthDate: r.birth_date,
    sex: r.sex,
    councilId: r.council_id,
    councilName: r.council_name,
    receivedAt: r.received_at,
    status: r.status,
    assignedUserId: r.assigned_user_id,
    assignedName: r.assigned_name,
    fields: {
      neededBy: r.needed_by,
      neededByDate: r.needed_by_date,
      siblingCount: r.sibling_count,
      fosterSuitability: r.foster_suitability,
      residentialSuitability: r.residential_suitability,
      supportedSuitability: r.supported_suitability,
      communicationRequirements: JSON.parse(r.communication_requirements) as ReferralFields['communicationRequirements'],
      homeAdaptation: r.home_adaptation === 1,
      livingCompanions: r.living_companions,
      risks: { ...NO_RISKS(), ...(JSON.parse(r.risks) as Partial<Risks>) },
    },
  }));
}

export function getReferral(db: ReadableDB, id: number): ReferralRow | null {
  const raw = prepare(db, `${SELECT_REFERRAL} WHERE r.id = ?`).get(id) as RawReferral | undefined;
  return raw ? toRow(raw) : null;
}

function fieldParams(f: ReferralFields) {
  return {
    child_id: f.childId,
    needed_by: f.neededBy,
    needed_by_date: f.neededByDate,
    sibling_count: f.siblingCount,
    sibling_ids: JSON.stringify(f.siblingIds),
    preferred_location: f.preferredLocation,
    preferred_location_reason: f.preferredLocationReason,
    avoid_areas: JSON.stringify(f.avoidCouncilIds),
    foster_suitability: f.fosterSuitability,
    residential_suitability: f.residentialSuitability,
    supported_suitability: f.supportedSuitability,
    communication_needs: f.communicationNeeds,
    communication_requirements: JSON.stringify(f.communicationRequirements),
    home_adaptation: f.homeAdaptation ? 1 : 0,
    cultural_needs: f.culturalNeeds,
    living_companions: f.livingCompanions,
    pets: f.pets,
    additional_support: JSON.stringify(f.additionalSupport),
    deprivation_of_liberty: f.deprivationOfLiberty ? 1 : 0,
    secure_order: f.secureOrder ? 1 : 0,
    risks: JSON.stringify(f.risks),
    risk_other: f.riskOther,
    risk_to_others_other: f.riskToOthersOther,
    ofsted_needs: JSON.stringify(f.ofstedNeeds),
    budget_ceiling_pence: f.budgetCeilingPence,
    purpose: f.purpose,
    wish_list: JSON.stringify(f.wishes),
  };
}

const COLUMNS = Object.keys(fieldParams({} as never as ReferralFields));

/** Inserts a referral and its first history row; the caller's transaction makes them one change. */
export function insertReferral(db: WritableDB, f: ReferralFields, councilId: number, status: ReferralStatus, at: string, userId: number): number {
  const params = { ...fieldParams(f), council_id: councilId, status, received_at: at, updated_at: at, officer_user_id: userId, assigned_user_id: userId };
  const cols = Object.keys(params);
  const id = Number(prepare(db, `INSERT INTO referrals (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(params).lastInsertRowid);
  addReferralHistory(db, id, status, at, userId, status === 'draft' ? 'Draft saved' : 'Referral received');
  return id;
}

export function updateReferralFields(db: WritableDB, id: number, f: ReferralFields, at: string): void {
  prepare(db, `UPDATE referrals SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({
    ...fieldParams(f),
    updated_at: at,
    id,
  });
}

export function setReferralAssignee(db: WritableDB, id: number, userId: number, at: string): void {
  prepare(db, 'UPDATE referrals SET assigned_user_id = ?, updated_at = ? WHERE id = ?').run(userId, at, id);
}

export interface AssignableOfficerRow {
  id: number;
  displayName: string;
}

/** Who may hold a referral of this council: the officers and administrators of that council or the whole region. */
export function listAssignableOfficers(db: ReadableDB, councilId: number): AssignableOfficerRow[] {
  return prepare(
    db,
    `SELECT id, display_name AS displayName FROM users
       WHERE role IN ('placement_officer', 'administrator') AND (council_id IS NULL OR council_id = ?)
       ORDER BY display_name, id`,
  ).all(councilId) as AssignableOfficerRow[];
}

export function setReferralStatus(db: WritableDB, id: number, status: ReferralStatus, at: string, userId: number, note: string): void {
  prepare(db, 'UPDATE referrals SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
  addReferralHistory(db, id, status, at, userId, note);
}

export function addReferralHistory(db: WritableDB, id: number, status: string, at: string, userId: number | null, note: string): void {
  prepare(db, 'INSERT INTO referral_history (referral_id, at, user_id, status, note) VALUES (?, ?, ?, ?, ?)').run(id, at, userId, status, note);
}

export interface ReferralHistoryRow {
  at: string;
  status: string;
  note: string;
  by: string;
}

export function referralHistory(db: ReadableDB, id: number): ReferralHistoryRow[] {
  return prepare(
    db,
    `SELECT h.at, h.status, h.note, COALESCE(u.display_name, 'System') AS by
       FROM referral_history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.referral_id = ? ORDER BY h.at, h.id`,
  ).all(id) as ReferralHistoryRow[];
}

export function setChildWishes(db: WritableDB, childId: number, wishes: string): void {
  prepare(db, 'UPDATE children SET wishes = ? WHERE id = ?').run(wishes, childId);
}
