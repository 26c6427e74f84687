import { z } from 'zod';
import { method } from './method';
import { IsoDate, NoInput } from './common';

export const DemoResetResult = z.object({
  seed: z.number().int(),
  size: z.enum(['demo', 'large']),
  /** The day the region was generated for (today). */
  today: IsoDate,
  /** Rows in each region table after the reset, by table name. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type DemoResetResult = z.infer<typeof DemoResetResult>;

export const demoContract = {
  'demo.reset': method({
    doc: 'Wipes the demo region and generates it afresh for today from its seed, in one transaction; demo stores only, accounts kept.',
    input: NoInput,
    output: DemoResetResult,
    access: ['administrator'],
    writes: true,
    // It replaces every child's (synthetic) record, so it is audited like a change to them.
    sensitivity: 'child',
  }),
};
