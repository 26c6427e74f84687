import type { z } from 'zod';
import type { Role } from '../domain/roles';
import type { JobKind } from './jobs';

/**
 * Who may call a method: 'public' needs no sign-in (sign-in itself, the About facts);
 * otherwise the signed-in user's role must be listed.
 */
export type Access = 'public' | readonly Role[];

/**
 * 'child' marks a method that reads or changes a child's record: the dispatcher refuses to
 * complete it unless the service wrote at least one audit entry, so no such access goes unlogged.
 */
export type Sensitivity = 'none' | 'child';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, W extends boolean = boolean> {
  /** One line a developer or auditor can read. */
  doc: string;
  input: I;
  output: O;
  access: Access;
  /**
   * Writes run inside one transaction, so a failure changes nothing. Kept as a literal type: a
   * method with `writes: false` hands its service a read-only store handle (electron/rpc/context.ts).
   */
  writes: W;
  sensitivity: Sensitivity;
  /** An import: the dispatcher takes a backup before it runs (not for a dry run, which writes nothing). */
  backupFirst?: boolean;
  /**
   * The service awaits (long work handed to a job), so the dispatcher holds no transaction around
   * it: each of its writes must be a transaction of its own, and its audit entries are written in
   * one more once it ends. Without this flag a service must answer synchronously wherever the
   * dispatcher holds a transaction (writes or child records); a promise there is refused as INTERNAL.
   */
  ownTransactions?: boolean;
  /**
   * Long work that runs as a job in its own thread (electron/jobs): the handler checks the caller
   * and the input, then answers with a promise of the job's result. It holds no transaction (the
   * job writes in its own, on its own connection) and the job writes its one audit entry itself.
   */
  job?: JobKind;
}

export function method<I extends z.ZodType, O extends z.ZodType, W extends boolean>(spec: MethodSpec<I, O, W>): MethodSpec<I, O, W> {
  return spec;
}

/** Joins per-domain method maps, refusing a name declared twice. */
export function joinContracts<T extends Record<string, MethodSpec>[]>(...parts: T): UnionToIntersection<T[number]> {
  const all: Record<string, MethodSpec> = {};
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in all) throw new Error(`Contract method ${name} is declared twice`);
      all[name] = spec;
    }
  }
  return all as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
