import { createHash } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../handle';
import { prepare } from '../statementCache';
import { DEFAULT_POLICY, normalisePolicy, type MatchingPolicy } from '../../shared/scoring';

/**
 * The policy in force: the newest saved version, or the built-in default before any is saved.
 * Versions saved before a field was added load with its default (normalisePolicy).
 */
export function currentPolicy(db: ReadableDB): MatchingPolicy {
  const row = prepare(db, 'SELECT policy FROM policies ORDER BY version DESC LIMIT 1').get() as { policy: string } | undefined;
  return row ? normalisePolicy(JSON.parse(row.policy) as MatchingPolicy) : DEFAULT_POLICY;
}

export function policyVersion(db: ReadableDB, version: number): MatchingPolicy | null {
  const row = prepare(db, 'SELECT policy FROM policies WHERE version = ?').get(version) as { policy: string } | undefined;
  return row ? normalisePolicy(JSON.parse(row.policy) as MatchingPolicy) : null;
}

/** Makes sure a policy version is stored, so every search can point at the exact rules it used. */
export function ensurePolicyStored(db: WritableDB, policy: MatchingPolicy, at: string, userId: number | null): void {
  prepare(db, 'INSERT OR IGNORE INTO policies (version, policy, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
    policy.version,
    JSON.stringify(policy),
    policy.version === DEFAULT_POLICY.version ? 'Built-in default' : '',
    at,
    userId,
  );
}

export function savePolicyVersion(db: WritableDB, policy: MatchingPolicy, note: string, at: string, userId: number): void {
  prepare(db, 'INSERT INTO policies (version, policy, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
    policy.version,
    JSON.stringify(policy),
    note,
    at,
    userId,
  );
}

/** The version number the next saved policy takes: one past the newest stored. */
export function nextPolicyVersion(db: ReadableDB): number {
  const max = prepare(db, 'SELECT MAX(version) FROM policies').pluck().get() as number | null;
  return (max ?? 0) + 1;
}

export interface PolicyVersionRow {
  version: number;
  note: string;
  createdAt: string;
  createdBy: string;
}

export function listPolicyVersions(db: ReadableDB): PolicyVersionRow[] {
  return prepare(
    db,
    `SELECT p.version, p.note, p.created_at AS createdAt, COALESCE(u.display_name, 'System') AS createdBy
       FROM policies p LEFT JOIN users u ON u.id = p.created_by ORDER BY p.version DESC`,
  ).all() as PolicyVersionRow[];
}

/** A vacancy set written out once per list read (loadOpenVacancies hands out the same list until its sources change). */
const written = new WeakMap<object, { sha256: string; json: string }>();

function vacancySet(vacancies: unknown): { sha256: string; json: string } {
  const known = typeof vacancies === 'object' && vacancies !== null ? written.get(vacancies) : undefined;
  if (known) return known;
  const json = JSON.stringify(vacancies);
  const set = { sha256: createHash('sha256').update(json).digest('hex'), json };
  if (typeof vacancies === 'object' && vacancies !== null) written.set(vacancies, set);
  return set;
}

/** The engine's input less its vacancies, which are kept apart. */
function withoutVacancies(input: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...input };
  delete rest.vacancies;
  return rest;
}

/**
 * Keeps a search: what the engine was given and what it answered. The vacancies it was given are
 * kept once per distinct set (see migration 0260), so repeated searches of an unchanged region
 * write only the child's side and the answer.
 */
export function insertSearchRun(
  db: WritableDB,
  run: {
    referralId: number;
    at: string;
    userId: number;
    policyVersion: number;
    /** The engine's input: the vacancies, kept once per set, and the rest (the child, the benchmarks) with the run. */
    input: { vacancies: unknown } & Record<string, unknown>;
    result: unknown;
    ranked: number;
    excluded: number;
  },
): number {
  const set = vacancySet(run.input.vacancies);
  prepare(db, 'INSERT OR IGNORE INTO search_vacancy_sets (sha256, vacancies) VALUES (?, ?)').run(set.sha256, set.json);
  return Number(
    prepare(
      db,
      `INSERT INTO search_runs (referral_id, at, user_id, policy_version, input, vacancy_set, result, ranked_count, excluded_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      run.referralId,
      run.at,
      run.userId,
      run.policyVersion,
      JSON.stringify(withoutVacancies(run.input)),
      set.sha256,
      JSON.stringify(run.result),
      run.ranked,
      run.excluded,
    ).lastInsertRowid,
  );
}

/** The engine's input of a kept search as it was given: the child and the vacancies, wherever they are kept. */
export function searchRunInput(db: ReadableDB, id: number): Record<string, unknown> | null {
  const row = prepare(db, 'SELECT s.input, v.vacancies FROM search_runs s LEFT JOIN search_vacancy_sets v ON v.sha256 = s.vacancy_set WHERE s.id = ?').get(
    id,
  ) as { input: string; vacancies: string | null } | undefined;
  if (!row) return null;
  const input = JSON.parse(row.input) as Record<string, unknown>;
  // A search kept before the sets holds its vacancies in its input.
  return row.vacancies === null ? input : { ...input, vacancies: JSON.parse(row.vacancies) };
}

export interface SearchRunRow {
  id: number;
  referralId: number;
  at: string;
  policyVersion: number;
  result: string;
  by: string;
}

export function getSearchRun(db: ReadableDB, id: number): SearchRunRow | null {
  return (
    (prepare(
      db,
      `SELECT s.id, s.referral_id AS referralId, s.at, s.policy_version AS policyVersion, s.result, COALESCE(u.display_name, 'System') AS by
         FROM search_runs s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    ).get(id) as SearchRunRow | undefined) ?? null
  );
}

export interface SearchRunLine {
  id: number;
  at: string;
  policyVersion: number;
  ranked: number;
  excluded: number;
  by: string;
}

export function listSearchRuns(db: ReadableDB, referralId: number): SearchRunLine[] {
  return prepare(
    db,
    `SELECT s.id, s.at, s.policy_version AS policyVersion, s.ranked_count AS ranked, s.excluded_count AS excluded, COALESCE(u.display_name, 'System') AS by
       FROM search_runs s LEFT JOIN users u ON u.id = s.user_id WHERE s.referral_id = ? ORDER BY s.at DESC, s.id DESC`,
  ).all(referralId) as SearchRunLine[];
}
