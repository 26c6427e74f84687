import type { ReadableDB } from '../../db/handle';
import type { CentreLocator } from '../../db/importers/councils';
import {
  councilsClashingWith,
  countImportedChildren,
  ensureInHouseFosteringService,
  getCouncil,
  insertCouncil,
  updateCouncil,
  type CouncilFields,
  type CouncilRow,
} from '../../db/repositories/region';
import { ApiError, type ParsedInput } from '../../shared/contract';
import type { Handlers, ServiceContext } from '../rpc/context';
import { decode, startImport } from './data';
import { resolvePlaceLabel } from './places';
import { requireActor } from './scope';

/**
 * The region's partner councils, as an administrator sets them up on a real store: added and
 * corrected one at a time on the Councils screen, or imported from a list. Every change is audited.
 */

/** Partner councils are the whole region's set-up: an administrator scoped to one council cannot change them. */
function requireRegionAdministrator(ctx: ServiceContext): void {
  const actor = requireActor(ctx);
  if (actor.councilId !== null) throw new ApiError('FORBIDDEN', 'Only an administrator for the whole region can change the partner councils.');
}

/** A centre's position from the postcode directory or the gazetteer, or why it cannot be placed. */
export const placeCentre =
  (db: ReadableDB): CentreLocator =>
  (label) => {
    try {
      const place = resolvePlaceLabel(db, label);
      return { ok: true, label: place.label, lat: place.lat, lon: place.lon };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, message: error.message };
      throw error;
    }
  };

type CouncilInput = ParsedInput<'councils.create'>;

/** The council as it will be stored, or CONFLICT naming the field another council already uses. */
function checkedFields(ctx: ServiceContext, input: CouncilInput, existing: CouncilRow | null): CouncilFields {
  const clash = councilsClashingWith(ctx.db, input, existing?.id ?? null);
  if (clash.dfeCode) throw new ApiError('CONFLICT', `DfE LA code ${input.dfeCode} is already ${clash.dfeCode.name}'s.`, 'dfeCode');
  if (clash.onsCode) throw new ApiError('CONFLICT', `ONS code ${input.onsCode} is already ${clash.onsCode.name}'s.`, 'onsCode');
  if (clash.name) throw new ApiError('CONFLICT', `There is already a partner council called ${clash.name.name}.`, 'name');
  if (existing && existing.onsCode !== input.onsCode && countImportedChildren(ctx.db, existing.id) > 0) {
    throw new ApiError(
      'CONFLICT',
      `${existing.name}'s ONS code cannot change from ${existing.onsCode}: the children imported from its SSDA903 returns are keyed by it, and would be imported again as new children.`,
      'onsCode',
    );
  }
  // An unchanged centre keeps its position, so correcting a name never depends on today's postcode directory.
  const sameCentre = existing !== null && existing.centreLabel !== null && existing.centreLabel.toLowerCase() === input.centre.toLowerCase();
  const centre = sameCentre ? { ok: true as const, label: existing.centreLabel!, lat: existing.lat, lon: existing.lon } : placeCentre(ctx.db)(input.centre);
  if (!centre.ok) throw new ApiError('BAD_INPUT', centre.message, 'centre');
  return { name: input.name, dfeCode: input.dfeCode, onsCode: input.onsCode, centreLabel: centre.label, lat: centre.lat, lon: centre.lon };
}

export const councilHandlers: Handlers<'councils.create' | 'councils.update' | 'imports.councils'> = {
  'councils.create': (ctx, input) => {
    requireRegionAdministrator(ctx);
    const id = insertCouncil(ctx.db, checkedFields(ctx, input, null));
    ctx.audit('create', 'council', String(id));
    const providerId = ensureInHouseFosteringService(ctx.db, input.name);
    if (providerId !== null) ctx.audit('create', 'provider', String(providerId));
    return getCouncil(ctx.db, id)!;
  },

  'councils.update': (ctx, input) => {
    requireRegionAdministrator(ctx);
    const existing = getCouncil(ctx.db, input.councilId);
    if (!existing) throw new ApiError('NOT_FOUND', `There is no partner council ${input.councilId}.`, 'councilId');
    const fields = checkedFields(ctx, input, existing);
    const unchanged = (Object.keys(fields) as (keyof CouncilFields)[]).every((k) => fields[k] === existing[k]);
    if (unchanged) return existing;
    updateCouncil(ctx.db, existing.id, fields);
    ctx.audit('change', 'council', String(existing.id));
    return getCouncil(ctx.db, existing.id)!;
  },

  'imports.councils': (ctx, input) => {
    requireRegionAdministrator(ctx);
    return startImport(ctx, 'imports.councils', [decode(input)], input);
  },
};
