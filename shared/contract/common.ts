import { z } from 'zod';
import { ROLES } from '../domain/roles';

export const Id = z.number().int().positive();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date in the form YYYY-MM-DD');
export const RoleSchema = z.enum(ROLES);
export const NoInput = z.object({}).strict();
export const Ok = z.object({ done: z.literal(true) });

export const UserView = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  councilId: Id.nullable(),
  constellationId: Id.nullable(),
  isDemo: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

/** A part of a weekly price, in pence: never negative, and a typing slip of an extra digit is caught. */
export const WeeklyPricePart = z
  .number()
  .int('Enter whole pence')
  .min(0, 'A price cannot be negative')
  .max(5_000_000, 'A weekly price over £50,000 looks like a typing error');
