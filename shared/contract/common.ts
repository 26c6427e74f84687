import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { isCalendarDate } from '../domain/calendar';

export const Id = z.number().int().positive();
/** The one date schema of the contract: a day that exists on the calendar, written YYYY-MM-DD. */
// Its faults are worded by the field that uses it ("Enter a real date for the needed-by date"): shared/contract/issues.ts.
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate)
  .meta({ date: true });
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
  disabled: z.boolean(),
  /** A temporary password is in use: the app asks for a new one before anything else. */
  mustChangePassword: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

/** A part of a weekly price, in pence: never negative, and a typing slip of an extra digit is caught. */
export const WeeklyPricePart = z
  .number()
  .int('Enter whole pence')
  .min(0, 'A price cannot be negative')
  .max(5_000_000, 'A weekly price over £50,000 looks like a typing error')
  .meta({ pence: true });
