import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
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
  /** When an administrator disabled the account; a disabled account cannot sign in. */
  disabledAt: string | null;
  /** A temporary password was set: the user must choose their own before anything else. */
  mustChangePassword: boolean;
}

const SELECT_USER = `
  SELECT id, username, display_name AS displayName, role, council_id AS councilId,
         constellation_id AS constellationId, password_hash AS passwordHash, is_demo AS isDemo,
         disabled_at AS disabledAt, must_change_password AS mustChangePassword
  FROM users`;

function toUser(row: unknown): UserRow | null {
  if (!row) return null;
  const r = row as Omit<UserRow, 'isDemo' | 'mustChangePassword'> & { isDemo: number; mustChangePassword: number };
  return { ...r, isDemo: r.isDemo === 1, mustChangePassword: r.mustChangePassword === 1 };
}

export function getUserByUsername(db: ReadableDB, username: string): UserRow | null {
  return toUser(prepare(db, `${SELECT_USER} WHERE username = ?`).get(username));
}

export function getUserById(db: ReadableDB, id: number): UserRow | null {
  return toUser(prepare(db, `${SELECT_USER} WHERE id = ?`).get(id));
}

export function listUsers(db: ReadableDB): UserRow[] {
  return prepare(db, `${SELECT_USER} ORDER BY role, username`)
    .all()
    .map((r) => toUser(r)!);
}

export function countUsers(db: ReadableDB): number {
  return (prepare(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  councilId: number | null;
  constellationId: number | null;
  passwordHash: string;
  isDemo: boolean;
  /** True when an administrator chose the password (it must be changed at first sign-in). */
  mustChangePassword?: boolean;
}

export function insertUser(db: WritableDB, user: NewUser, createdAt: string): UserRow {
  const info = prepare(
    db,
    `INSERT INTO users (username, display_name, role, council_id, constellation_id, password_hash, is_demo, created_at, must_change_password)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    user.username,
    user.displayName,
    user.role,
    user.councilId,
    user.constellationId,
    user.passwordHash,
    user.isDemo ? 1 : 0,
    createdAt,
    user.mustChangePassword ? 1 : 0,
  );
  return getUserById(db, Number(info.lastInsertRowid))!;
}

/** Active administrators other than the given user: the last one may not be disabled or demoted. */
export function countOtherActiveAdministrators(db: ReadableDB, userId: number): number {
  return prepare(db, "SELECT count(*) FROM users WHERE role = 'administrator' AND disabled_at IS NULL AND id <> ?").pluck().get(userId) as number;
}

export function setUserDisabled(db: WritableDB, userId: number, disabledAt: string | null): void {
  prepare(db, 'UPDATE users SET disabled_at = ? WHERE id = ?').run(disabledAt, userId);
}

/** Sets a new password hash; `temporary` makes the user choose their own at next sign-in. */
export function setUserPassword(db: WritableDB, userId: number, passwordHash: string, temporary: boolean, at: string): void {
  prepare(db, 'UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?').run(
    passwordHash,
    temporary ? 1 : 0,
    at,
    userId,
  );
}

export function setUserRoleAndScope(
  db: WritableDB,
  userId: number,
  change: { role: Role; councilId: number | null; constellationId: number | null; displayName: string },
): void {
  prepare(db, 'UPDATE users SET role = ?, council_id = ?, constellation_id = ?, display_name = ? WHERE id = ?').run(
    change.role,
    change.councilId,
    change.constellationId,
    change.displayName,
    userId,
  );
}
