import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import { APPROVAL_PURPOSES, MAINSTREAM_APPROVAL, type ApprovalPurpose } from '../../shared/domain/purposes';

/** What a home is approved for, and for a connected-person carer the named child (issue 13, points 3 and 4). */
export interface HomeApprovalRow {
  homeId: number;
  approvedPurposes: ApprovalPurpose[];
  /** The named child of a connected-person (family and friends) carer; null for every other home. */
  namedChild: { id: number; ref: string; councilId: number } | null;
}

interface RawApproval {
  homeId: number;
  approvedPurposes: string;
  childId: number | null;
  childRef: string | null;
  childCouncilId: number | null;
}

/** Codes the app knows, in the list's order; anything else in the column is left out, never guessed. */
function purposesOf(json: string): ApprovalPurpose[] {
  const stored = JSON.parse(json) as unknown;
  if (!Array.isArray(stored)) return [...MAINSTREAM_APPROVAL];
  return APPROVAL_PURPOSES.filter((p) => stored.includes(p));
}

/** The approvals of the homes asked about, by home id (a page of the vacancies board at a time). */
export function homeApprovals(db: ReadableDB, homeIds: readonly number[]): Map<number, HomeApprovalRow> {
  if (homeIds.length === 0) return new Map();
  const rows = prepare(
    db,
    `SELECT h.id AS homeId, h.approved_purposes AS approvedPurposes, ch.id AS childId, ch.ref AS childRef, ch.council_id AS childCouncilId
     FROM homes h LEFT JOIN children ch ON ch.id = h.connected_child_id
     WHERE h.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify([...new Set(homeIds)])) as RawApproval[];
  return new Map(
    rows.map((r) => [
      r.homeId,
      {
        homeId: r.homeId,
        approvedPurposes: purposesOf(r.approvedPurposes),
        namedChild: r.childId !== null ? { id: r.childId, ref: r.childRef!, councilId: r.childCouncilId! } : null,
      },
    ]),
  );
}

/** Records what a home is approved for and, for a connected-person carer, their named child (null for none). */
export function setHomeApproval(db: WritableDB, homeId: number, approvedPurposes: readonly ApprovalPurpose[], connectedChildId: number | null): void {
  prepare(db, 'UPDATE homes SET approved_purposes = ?, connected_child_id = ? WHERE id = ?').run(JSON.stringify(approvedPurposes), connectedChildId, homeId);
}
