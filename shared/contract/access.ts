import type { Role } from '../domain/roles';
import { contract, type MethodName } from './index';

/**
 * Whether a signed-in role may call a method, read from the method's own access list in the
 * contract: the one answer the dispatcher enforces and the screens hide or show by. A screen or
 * an action names the methods it needs; it never lists roles of its own.
 */
export function mayCall(role: Role | null | undefined, method: MethodName): boolean {
  const access = contract[method].access;
  if (access === 'public') return true;
  return role !== null && role !== undefined && access.includes(role);
}

/** Whether the role may call at least one of the methods (a screen that offers several actions). */
export function mayCallAny(role: Role | null | undefined, methods: readonly MethodName[]): boolean {
  return methods.some((m) => mayCall(role, m));
}
