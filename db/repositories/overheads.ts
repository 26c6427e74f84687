import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import { HOME_KINDS, type HomeKind } from '../../shared/domain/homes';

/** A kind of home's in-house overheads per week per placement, pence (migration 0240). */
export interface InHouseOverheads {
  kind: HomeKind;
  supervising: number;
  recruitment: number;
  training: number;
  support: number;
  totalPence: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Every kind of home, in HOME_KINDS order; a kind nobody has entered reads as all zero. */
export function listInHouseOverheads(db: ReadableDB): InHouseOverheads[] {
  const rows = prepare(
    db,
    `SELECT o.kind, o.supervising_pence AS supervising, o.recruitment_pence AS recruitment, o.training_pence AS training,
            o.support_pence AS support, o.updated_at AS updatedAt, u.display_name AS updatedBy
       FROM in_house_overheads o LEFT JOIN users u ON u.id = o.user_id`,
  ).all() as Omit<InHouseOverheads, 'totalPence'>[];
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return HOME_KINDS.map((kind) => {
    const r = byKind.get(kind) ?? { kind, supervising: 0, recruitment: 0, training: 0, support: 0, updatedAt: null, updatedBy: null };
    return { ...r, updatedBy: r.updatedBy ?? null, totalPence: r.supervising + r.recruitment + r.training + r.support };
  });
}

export function saveInHouseOverheads(
  db: WritableDB,
  o: { kind: HomeKind; supervising: number; recruitment: number; training: number; support: number },
  at: string,
  userId: number,
): void {
  prepare(
    db,
    `INSERT INTO in_house_overheads (kind, supervising_pence, recruitment_pence, training_pence, support_pence, updated_at, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET supervising_pence = excluded.supervising_pence, recruitment_pence = excluded.recruitment_pence,
       training_pence = excluded.training_pence, support_pence = excluded.support_pence, updated_at = excluded.updated_at, user_id = excluded.user_id`,
  ).run(o.kind, o.supervising, o.recruitment, o.training, o.support, at, userId);
}
