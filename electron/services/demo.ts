import { NotADemoStoreError, resetDemoRegion } from '../../db/seed/reset';
import { ApiError } from '../../shared/contract';
import type { Handlers } from '../rpc/context';

export const demoHandlers: Handlers<'demo.reset'> = {
  'demo.reset': (ctx) => {
    const today = ctx.now().toISOString().slice(0, 10);
    try {
      const result = resetDemoRegion(ctx.db, today);
      ctx.audit('reset', 'store', `demo:${result.size}`);
      return result;
    } catch (error) {
      if (error instanceof NotADemoStoreError) throw new ApiError('CONFLICT', error.message);
      throw error;
    }
  },
};
