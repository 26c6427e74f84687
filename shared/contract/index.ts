import type { z } from 'zod';
import { joinContracts } from './method';
import { systemContract } from './system';
import { authContract } from './auth';
import { auditContract } from './audit';
import { regionContract } from './region';
import { marketContract } from './market';
import { constellationContract } from './constellation';
import { referralContract } from './referrals';
import { referralDayContract } from './referralDay';
import { matchingContract } from './matching';
import { childContract } from './children';
import { placesContract } from './places';
import { dataContract } from './data';
import { demoContract } from './demo';
import { planContract } from './plan';
import { policyContract } from './policy';
import { backupsContract } from './backups';
import { jobsContract } from './jobs';

/** Every API method, by name: the one source of truth for both transports and the client. */
export const contract = joinContracts(
  systemContract,
  authContract,
  auditContract,
  regionContract,
  childContract,
  referralContract,
  referralDayContract,
  matchingContract,
  constellationContract,
  marketContract,
  placesContract,
  dataContract,
  demoContract,
  planContract,
  policyContract,
  backupsContract,
  jobsContract,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './result';
export type { MethodSpec, Access } from './method';
