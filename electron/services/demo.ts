import { NotADemoStoreError, resetDemoRegion } from '../../db/seed/reset';
import { ApiError } from '../../shared/contract';
import type { Handlers } from '../rpc/context';
import { localIsoDate } from '../../shared/domain/calendar';

export const demoHandlers: Handlers<'demo.reset'> = {
  'demo.reset': (ctx) => {
    const today = localIsoDate(ctx.now());
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
