import type { ReadableDB, WritableDB } from '../handle';
import { holdLapsesAt, type ChaseLine, type NoteKind } from '../../shared/domain/officerDay';
import { bedsHeldByReferral } from './placements';
import { prepare } from '../statementCache';

export interface NoteRow {
  id: number;
  kind: NoteKind;
  text: string;
  providerId: number | null;
  providerName: string | null;
  at: string;
  by: string;
}

export function insertNote(
  db: WritableDB,
  n: { referralId: number; kind: NoteKind; text: string; providerId: number | null; at: string; userId: number },
): number {
  return Number(
    prepare(db, 'INSERT INTO referral_notes (referral_id, kind, text, provider_id, at, user_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      n.referralId,
      n.kind,
      n.text,
      n.providerId,
      n.at,
      n.userId,
    ).lastInsertRowid,
  );
}

/** A referral's notes, newest first. */
export function listNotes(db: ReadableDB, referralId: number): NoteRow[] {
  return prepare(
    db,
    `SELECT n.id, n.kind, n.text, n.provider_id AS providerId, p.name AS providerName, n.at, COALESCE(u.display_name, 'System') AS by
       FROM referral_notes n LEFT JOIN providers p ON p.id = n.provider_id LEFT JOIN users u ON u.id = n.user_id
       WHERE n.referral_id = ? ORDER BY n.at DESC, n.id DESC`,
  ).all(referralId) as NoteRow[];
}

export function providerExists(db: ReadableDB, providerId: number): boolean {
  return prepare(db, 'SELECT 1 FROM providers WHERE id = ?').get(providerId) !== undefined;
}

interface OfferEvent {
  referralId: number;
  vacancyId: number;
  homeName: string;
  providerId: number;
  providerName: string;
  phone: string;
  status: 'requested' | 'offered' | 'refused' | 'withdrawn' | 'accepted';
  reason: string;
  at: string;
}

/**
 * Each referral's chasing list: one line per vacancy asked about (a hold is the asking), with the
 * provider's answer if one is recorded. Asking again after an answer starts the line afresh. The
 * referrals are passed as one JSON array so the offers index is used once per referral.
 */
export function chasingLines(db: ReadableDB, referralIds: readonly number[]): Map<number, (ChaseLine & { providerId: number })[]> {
  const out = new Map<number, (ChaseLine & { providerId: number })[]>();
  if (referralIds.length === 0) return out;
  const events = prepare(
    db,
    `SELECT o.referral_id AS referralId, o.vacancy_id AS vacancyId, h.name AS homeName, p.id AS providerId, p.name AS providerName,
              CASE WHEN h.phone <> '' THEN h.phone ELSE p.phone END AS phone, o.status, o.reason, o.at
       FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN homes h ON h.id = v.home_id JOIN providers p ON p.id = h.provider_id
       WHERE o.referral_id IN (SELECT value FROM json_each(?))
       ORDER BY o.referral_id, o.at, o.id`,
  ).all(JSON.stringify(referralIds)) as OfferEvent[];
  const held = bedsHeldByReferral(db, referralIds);
  for (const e of events) {
    const lines = out.get(e.referralId) ?? [];
    out.set(e.referralId, lines);
    let line = lines.find((l) => l.vacancyId === e.vacancyId);
    if (e.status === 'requested') {
      if (!line) {
        line = {
          vacancyId: e.vacancyId,
          homeName: e.homeName,
          providerId: e.providerId,
          providerName: e.providerName,
          phone: e.phone,
          askedAt: e.at,
          answer: null,
          held: false,
          heldUntil: null,
        };
        lines.push(line);
      } else if (line.answer) {
        // Asked again after an answer: the wait starts over.
        line.askedAt = e.at;
        line.answer = null;
      }
      line.heldUntil = holdLapsesAt(e.at);
    } else {
      if (!line) {
        // An answer with no hold before it (the provider was asked outside the app): still on the list.
        line = {
          vacancyId: e.vacancyId,
          homeName: e.homeName,
          providerId: e.providerId,
          providerName: e.providerName,
          phone: e.phone,
          askedAt: null,
          answer: null,
          held: false,
          heldUntil: null,
        };
        lines.push(line);
      }
      line.answer = { status: e.status, at: e.at, reason: e.reason };
    }
  }
  for (const [referralId, lines] of out) {
    const beds = new Set((held.get(referralId) ?? []).map((b) => b.vacancyId));
    for (const line of lines) {
      line.held = beds.has(line.vacancyId) && line.answer?.status !== 'accepted';
      if (!line.held) line.heldUntil = null;
    }
  }
  return out;
}

/** Where a placed referral's child went, and from when. */
export function placementOfReferral(db: ReadableDB, referralId: number): { homeName: string; startDate: string } | null {
  return (
    (prepare(
      db,
      `SELECT h.name AS homeName, pl.start_date AS startDate FROM placements pl JOIN homes h ON h.id = pl.home_id
         WHERE pl.referral_id = ? ORDER BY pl.id LIMIT 1`,
    ).get(referralId) as { homeName: string; startDate: string } | undefined) ?? null
  );
}

export function lastSearchAt(db: ReadableDB, referralId: number): string | null {
  return (prepare(db, 'SELECT max(at) FROM search_runs WHERE referral_id = ?').pluck().get(referralId) as string | null) ?? null;
}
