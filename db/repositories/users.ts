import type { ReadableDB, WritableDB } from '../handle';
import type { Role } from '../../shared/domain/roles';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  councilId: number | null;
  constellationId: number | null;
  passwordHash: string;
  isDemo: boolean;
}

const SELECT_USER = `
  SELECT id, username, display_name AS displayName, role, council_id AS councilId,
         constellation_id AS constellationId, password_hash AS passwordHash, is_demo AS isDemo
  FROM users`;

function toUser(row: unknown): UserRow | null {
  if (!row) return null;
  const r = row as Omit<UserRow, 'isDemo'> & { isDemo: number };
  return { ...r, isDemo: r.isDemo === 1 };
}

export function getUserByUsername(db: ReadableDB, username: string): UserRow | null {
  return toUser(db.prepare(`${SELECT_USER} WHERE username = ?`).get(username));
}

export function getUserById(db: ReadableDB, id: number): UserRow | null {
  return toUser(db.prepare(`${SELECT_USER} WHERE id = ?`).get(id));
}

export function listUsers(db: ReadableDB): UserRow[] {
  return db.prepare(`${SELECT_USER} ORDER BY role, username`).all().map((r) => toUser(r)!);
}

export function countUsers(db: ReadableDB): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  councilId: number | null;
  constellationId: number | null;
  passwordHash: string;
  isDemo: boolean;
}

export function insertUser(db: WritableDB, user: NewUser, createdAt: string): UserRow {
  const info = db
    .prepare(
      `INSERT INTO users (username, display_name, role, council_id, constellation_id, password_hash, is_demo, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(user.username, user.displayName, user.role, user.councilId, user.constellationId, user.passwordHash, user.isDemo ? 1 : 0, createdAt);
  return getUserById(db, Number(info.lastInsertRowid))!;
}
