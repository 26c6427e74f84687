import { z } from 'zod';
import { method } from './method';
import { NoInput } from './common';

export const Attribution = z.object({ name: z.string(), licence: z.string(), note: z.string() });

export const systemContract = {
  'system.info': method({
    doc: 'Facts for the About dialog and the first screen: version, mode, data folder, what kind of store is open.',
    input: NoInput,
    output: z.object({
      appName: z.string(),
      version: z.string(),
      mode: z.enum(['desktop', 'loopback']),
      dataDir: z.string(),
      storeKind: z.enum(['demo', 'real']),
      keyProtection: z.enum(['os-secure-storage', 'key-file']),
      needsFirstAdmin: z.boolean(),
      /** A new store on the desktop's first run: the user chooses the demo region or the council's real store. */
      needsStoreChoice: z.boolean(),
      /** A real store's recovery key is waiting to be shown to its first administrator. */
      recoveryKeyPending: z.boolean(),
      attributions: z.array(Attribution),
    }),
    access: 'public',
    writes: false,
    sensitivity: 'none',
  }),
};
