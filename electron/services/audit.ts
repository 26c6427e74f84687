import { listAudit, verifyAuditChain } from '../../db/repositories/audit';
import type { Handlers } from '../rpc/context';

export const auditHandlers: Handlers<'audit.list' | 'audit.verify'> = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input.limit),
  'audit.verify': (ctx) => verifyAuditChain(ctx.db),
};
