/**
 * The matching policy screen's services: the editable part of the policy in force, new versions
 * (administrators only, checked twice: by the contract's zod schema and by the engine's own
 * validatePolicy), and a preview of how each open referral's top match would change.
 */
import { loadOpenVacancies, loadReferralForMatching } from '../../db/repositories/matching';
import { currentPolicy, ensurePolicyStored, listPolicyVersions, nextPolicyVersion, savePolicyVersion } from '../../db/repositories/policies';
import { listReferrals } from '../../db/repositories/referrals';
import { ApiError } from '../../shared/contract';
import type { PolicyEdit, PolicyPreview } from '../../shared/contract/policy';
import { OPEN_REFERRAL_STATUSES } from '../../shared/domain/referrals';
import { FACTORS, rankVacanciesForReferral, validatePolicy, type MatchingPolicy } from '../../shared/scoring';
import type { Handlers } from '../rpc/context';
import { requireActor } from './scope';
import { localIsoDate } from '../../shared/domain/calendar';

export function editOf(policy: MatchingPolicy): PolicyEdit {
  return {
    weights: { ...policy.weights },
    caps: { ...policy.caps },
    inHouseBonus: policy.inHouseBonus,
    excludeInadequate: policy.excludeInadequate,
    plan: { objective: policy.plan.objective, qualityFloor: policy.plan.qualityFloor },
  };
}

/** The base policy with the screen's edits applied; everything the screen does not show is kept. */
export function applyEdit(base: MatchingPolicy, edit: PolicyEdit, version: number): MatchingPolicy {
  return {
    ...base,
    version,
    weights: { ...edit.weights },
    caps: { ...edit.caps },
    inHouseBonus: edit.inHouseBonus,
    excludeInadequate: edit.excludeInadequate,
    plan: { ...base.plan, objective: edit.plan.objective, qualityFloor: edit.plan.qualityFloor },
  };
}

function weightShares(weights: PolicyEdit['weights']): Record<string, number> {
  const sum = FACTORS.reduce((s, f) => s + weights[f], 0);
  return Object.fromEntries(FACTORS.map((f) => [f, sum > 0 ? Math.round((weights[f] / sum) * 1000) / 1000 : 0]));
}

/** Which input field an engine validation message is about, so the screen can point at it. */
function fieldOf(problem: string): string | undefined {
  if (/weight/i.test(problem)) return 'policy.weights';
  if (/distance limit/i.test(problem)) return 'policy.caps.maxMiles';
  if (/price limit/i.test(problem)) return 'policy.caps.maxWeeklyPence';
  if (/in-house/i.test(problem)) return 'policy.inHouseBonus';
  if (/quality floor/i.test(problem)) return 'policy.plan.qualityFloor';
  return undefined;
}

function checked(policy: MatchingPolicy): MatchingPolicy {
  const problems = validatePolicy(policy);
  if (problems.length > 0) {
    const field = fieldOf(problems[0]!);
    throw new ApiError('BAD_INPUT', problems.join(' '), field);
  }
  return policy;
}

type Top = PolicyPreview['rows'][number]['current'];

export const policyHandlers: Handlers<'policy.get' | 'policy.save' | 'policy.preview'> = {
  'policy.get': (ctx) => {
    const policy = currentPolicy(ctx.db);
    const edit = editOf(policy);
    const versions = listPolicyVersions(ctx.db);
    // Before any version is saved the built-in default is in force, though not yet on the list.
    if (!versions.some((v) => v.version === policy.version))
      versions.push({ version: policy.version, note: 'Built-in default', createdAt: '', createdBy: 'System' });
    return { current: { version: policy.version, name: policy.name, edit, weightShares: weightShares(edit.weights) }, versions };
  },

  'policy.save': (ctx, input) => {
    const actor = requireActor(ctx);
    const at = ctx.now().toISOString();
    const current = currentPolicy(ctx.db);
    ensurePolicyStored(ctx.db, current, at, null);
    const version = nextPolicyVersion(ctx.db);
    const policy = checked(applyEdit(current, input.policy, version));
    savePolicyVersion(ctx.db, policy, input.note, at, actor.id);
    ctx.audit('change', 'policy', String(version));
    return { version };
  },

  'policy.preview': (ctx, input) => {
    const actor = requireActor(ctx);
    const today = localIsoDate(ctx.now());
    const current = currentPolicy(ctx.db);
    const proposed = checked(applyEdit(current, input.policy, current.version + 1));
    // Every open referral is ranked twice against the same vacancies, packed once (loadOpenVacancies).
    const { table: engine, display } = loadOpenVacancies(ctx.db, today);
    const top = (policy: MatchingPolicy, child: NonNullable<ReturnType<typeof loadReferralForMatching>>): Top => {
      const best = rankVacanciesForReferral(child, engine, policy, { explainTop: 0 }).ranked[0];
      if (!best) return null;
      return {
        vacancyId: Number(best.vacancyId),
        homeName: display.get(best.vacancyId)?.homeName ?? `Vacancy ${best.vacancyId}`,
        score: best.total,
        weeklyPence: best.weeklyPence,
        miles: Math.round(best.distance.homeMiles * 10) / 10,
      };
    };
    const rows: PolicyPreview['rows'] = [];
    for (const referral of listReferrals(ctx.db, { councilId: actor.councilId, statuses: OPEN_REFERRAL_STATUSES, text: null, assignedUserId: null })) {
      const child = loadReferralForMatching(ctx.db, referral.id, today);
      if (!child) continue;
      const now = top(current, child);
      const next = top(proposed, child);
      rows.push({
        referralId: referral.id,
        childRef: referral.childRef,
        councilName: referral.councilName,
        current: now,
        proposed: next,
        changed: (now?.vacancyId ?? null) !== (next?.vacancyId ?? null),
      });
    }
    rows.sort((a, b) => Number(b.changed) - Number(a.changed) || a.referralId - b.referralId);
    ctx.audit('policy-preview', 'referrals', actor.councilId === null ? 'region' : `council:${actor.councilId}`);
    return {
      referrals: rows.length,
      changed: rows.filter((r) => r.changed).length,
      matchedNow: rows.filter((r) => r.current).length,
      matchedProposed: rows.filter((r) => r.proposed).length,
      rows,
    };
  },
};
