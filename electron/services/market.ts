import { mayChangeRegionWideFigures } from '../../shared/domain/roles';
import { councilName } from '../../db/repositories/market';
import { getStoreKind } from '../../db/repositories/meta';
import { listInHouseOverheads, saveInHouseOverheads } from '../../db/repositories/overheads';
import { ApiError, type MethodName, type MethodOutput } from '../../shared/contract';
import { exportFileName } from '../../shared/domain/demo';
import type { Handlers, ServiceContext } from '../rpc/context';
import { MarketData } from './market-data';
import { buildPricesView } from './market-prices';
import { buildProviderDetail, buildProviderRows } from './market-providers';
import { buildMoveScenario, buildSpendView, buildTopPlacements, buildUnitCosts } from './market-spend';
import { buildSufficiencyView } from './market-sufficiency';
import { requireActor } from './scope';
import { localIsoDate } from '../../shared/domain/calendar';

type MarketMethod = Extract<MethodName, `market.${string}`>;

function today(ctx: ServiceContext): string {
  return localIsoDate(ctx.now());
}

/** This request's view of the market, as at today. */
function data(ctx: ServiceContext): MarketData {
  return new MarketData(ctx.db, today(ctx));
}

/**
 * Which placing council a view covers. A council-scoped commissioner sees their own council's spend,
 * placements and referrals and may not ask for another's; a region-wide one may narrow to any council.
 */
export function marketScope(ctx: ServiceContext, requested: number | undefined): { councilId: number | null; label: string } {
  const actor = requireActor(ctx);
  if (actor.councilId !== null && requested !== undefined && requested !== actor.councilId) {
    throw new ApiError('FORBIDDEN', 'You can see only your own council’s spend, placements and referrals.', 'councilId');
  }
  const councilId = actor.councilId ?? requested ?? null;
  if (councilId === null) return { councilId, label: 'the whole region' };
  const name = councilName(ctx.db, councilId);
  if (name === null) throw new ApiError('NOT_FOUND', `There is no council ${councilId}.`, 'councilId');
  return { councilId, label: name };
}

export const marketHandlers: Handlers<MarketMethod> = {
  // Prices are market evidence, not anyone's record: every commissioner compares across the region.
  'market.prices': (ctx, input) => buildPricesView(data(ctx), input),
  'market.unitCosts': (ctx, input) => buildUnitCosts(data(ctx), marketScope(ctx, input.councilId).councilId),
  'market.moveScenario': (ctx, input) => buildMoveScenario(data(ctx), marketScope(ctx, undefined).councilId, input),
  'market.inHouseOverheads': (ctx) => listInHouseOverheads(ctx.db),
  'market.setInHouseOverheads': (ctx, input) => {
    const actor = requireActor(ctx);
    // The region's own homes are shared by its councils: one council's commissioner cannot set everyone's figure.
    if (!mayChangeRegionWideFigures(actor)) {
      throw new ApiError(
        'FORBIDDEN',
        'In-house overheads apply to the whole region: only a region-wide commissioner or an administrator can change them.',
        'kind',
      );
    }
    saveInHouseOverheads(ctx.db, input, ctx.now().toISOString(), actor.id);
    ctx.audit('change', 'in_house_overheads', input.kind);
    return listInHouseOverheads(ctx.db).find((o) => o.kind === input.kind)!;
  },
  'market.spend': (ctx, input) => {
    const scope = marketScope(ctx, input.councilId);
    return buildSpendView(data(ctx), scope.councilId, scope.label);
  },
  'market.topPlacements': (ctx, input) => {
    const scope = marketScope(ctx, input.councilId);
    const rows = buildTopPlacements(data(ctx), scope.councilId, input.limit);
    // Pseudonymous references are still about children: who listed them, at what scope, how many.
    ctx.audit('list-costs', 'child', `scope=${scope.councilId ?? 'region'};count=${rows.length}`);
    return rows;
  },
  'market.sufficiency': (ctx, input) => {
    const scope = marketScope(ctx, input.councilId);
    return buildSufficiencyView(data(ctx), scope.councilId, scope.label);
  },
  'market.providers': (ctx) => buildProviderRows(data(ctx)),
  'market.provider': (ctx, input) => buildProviderDetail(data(ctx), input.providerId),
  'market.summaryPdf': (ctx, input) => {
    const scope = marketScope(ctx, input.councilId);
    const day = today(ctx);
    const kind = getStoreKind(ctx.db);
    const slug = scope.label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const fileName = exportFileName(`sufficiency-summary-${slug}-${day}.pdf`, kind);
    const request = {
      kind: 'pdf',
      method: 'market.summaryPdf',
      councilId: scope.councilId,
      scope: scope.label,
      demo: kind === 'demo',
      today: day,
      fileName,
    } as const;
    // Drawing the charts takes a while on a large region: a job, so other calls carry on.
    return ctx.jobs.run(request, input.jobId) as Promise<MethodOutput<'market.summaryPdf'>>;
  },
};
