import type { MethodName } from '../../shared/contract';
import type { Handlers } from '../rpc/context';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { childHandlers } from './children';
import { marketHandlers } from './market';
import { placeHandlers } from './places';
import { constellationHandlers } from './constellation';
import { councilHandlers } from './councils';
import { dataHandlers } from './data';
import { demoHandlers } from './demo';
import { referralHandlers } from './referrals';
import { referralDayHandlers } from './referralDay';
import { matchingHandlers } from './matching';
import { placementEndingHandlers } from './placementEndings';
import { regionHandlers } from './region';
import { systemHandlers } from './system';
import { vacancyHandlers } from './vacancies';
import { planHandlers } from './plan';
import { policyHandlers } from './policy';
import { backupHandlers } from './backups';
import { jobHandlers } from './jobs';

/** Every contract method's service; the type makes a missing or extra handler a compile error. */
export const allHandlers: Handlers<MethodName> = {
  ...systemHandlers,
  ...authHandlers,
  ...regionHandlers,
  ...councilHandlers,
  ...vacancyHandlers,
  ...childHandlers,
  ...auditHandlers,
  ...marketHandlers,
  ...constellationHandlers,
  ...referralHandlers,
  ...referralDayHandlers,
  ...matchingHandlers,
  ...placementEndingHandlers,
  ...placeHandlers,
  ...dataHandlers,
  ...demoHandlers,
  ...planHandlers,
  ...policyHandlers,
  ...backupHandlers,
  ...jobHandlers,
};
