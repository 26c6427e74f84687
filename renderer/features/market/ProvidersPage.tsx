import { Box, Chip, Grid, Link, Typography } from '@mui/material';
import BackIcon from '@mui/icons-material/ArrowBackOutlined';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ProviderDetail, ProviderRow } from '../../../shared/contract/market';
import { HOME_KINDS } from '../../../shared/domain/homes';
import { hrefTo } from '../../navigate';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { chartMonth, ChartCard, KeyFigures, MARKET_COLOURS, poundsShort } from './charts';
import { DataTable, type TableColumn } from './DataTable';
import { FewCaution, fewWords } from './caution';
import { restsOnFew } from '../../../shared/domain/stats';
import { gradeLabel, kindLabel, money, sectorLabel, whole } from './labels';
import { formatIsoDate, formatMonth, localIsoDate } from '../../../shared/domain/calendar';
import { endingClassOf, REASON_NOT_RECORDED } from '../../../shared/domain/endings';

const TYPE_LABELS: Record<string, string> = {
  in_house: 'Council fostering service',
  rcc: 'Regional Care Cooperative',
  ifa: 'Independent fostering agency',
  private_residential: "Private children's homes",
  voluntary_residential: "Voluntary children's homes",
  council_residential: "Council children's homes",
  supported: 'Supported accommodation',
};

const listColumns: TableColumn<ProviderRow>[] = [
  {
    field: 'name',
    header: 'Provider',
    flex: 1,
    // The region's longest provider name ("Greater Manchester Regional Care Cooperative") whole.
    minWidth: 355,
    value: (p) => p.name,
    render: (p) => <Link href={hrefTo(`market-providers/${p.providerId}`)}>{p.name}</Link>,
  },
  // Spend and price first: what a commissioner reads a provider list for, in view at 1366 px without scrolling sideways.
  { field: 'weekly', header: 'Weekly spend', kind: 'money', width: 110, value: (p) => p.weeklySpendPence },
  { field: 'share', header: 'Share of spend', kind: 'percent', width: 90, value: (p) => p.spendSharePct },
  {
    field: 'median',
    header: 'Median a week',
    kind: 'money',
    width: 130,
    value: (p) => p.medianWeeklyPence,
    render: (p) =>
      p.medianWeeklyPence === null ? (
        '–'
      ) : (
        <>
          {money(p.medianWeeklyPence)}
          <FewCaution n={p.currentPlacements} noun="placement" />
        </>
      ),
  },
  {
    field: 'change',
    header: 'Price change',
    kind: 'percent',
    width: 135,
    value: (p) => p.priceChangePct,
    render: (p) =>
      p.priceChangePct === null ? (
        '–'
      ) : (
        <>
          {`${p.priceChangePct.toFixed(1)}%`}
          <FewCaution n={p.priceChangeBasis} noun="placement" />
        </>
      ),
  },
  { field: 'grade', header: 'Ofsted', width: 190, value: (p) => gradeLabel(p.grade) },
  { field: 'sector', header: 'Sector', width: 85, value: (p) => sectorLabel(p.sector) },
  { field: 'type', header: 'Kind of provider', width: 230, value: (p) => TYPE_LABELS[p.providerType] ?? p.providerType },
  { field: 'homes', header: 'Homes', kind: 'number', width: 80, value: (p) => p.homes },
  { field: 'places', header: 'Places', kind: 'number', width: 80, value: (p) => p.approvedPlaces },
  { field: 'placed', header: 'Placed', kind: 'number', width: 80, value: (p) => p.currentPlacements },
  { field: 'beds', header: 'Open beds', kind: 'number', width: 95, value: (p) => p.openBeds },
  { field: 'endings', header: 'Endings, 12 months', kind: 'number', width: 110, value: (p) => p.endingsLast12 },
  { field: 'unplanned', header: 'Unplanned', kind: 'number', width: 100, value: (p) => p.unplannedEndingsLast12 },
];

const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

type Home = ProviderDetail['homes'][number];
const homeColumns: TableColumn<Home>[] = [
  { field: 'name', header: 'Home', flex: 1.5, value: (h) => h.name },
  { field: 'kind', header: 'Type', width: 200, value: (h) => kindLabel(h.kind) },
  { field: 'council', header: 'Council', width: 140, value: (h) => h.councilName },
  { field: 'grade', header: 'Ofsted', width: 190, value: (h) => gradeLabel(h.grade) },
  { field: 'gradeDate', header: 'Graded', width: 120, value: (h) => (h.gradeDate ? formatIsoDate(h.gradeDate) : null) },
  { field: 'places', header: 'Places', kind: 'number', width: 80, value: (h) => h.approvedPlaces },
  { field: 'placed', header: 'Placed', kind: 'number', width: 80, value: (h) => h.currentPlacements },
  { field: 'beds', header: 'Open beds', kind: 'number', width: 95, value: (h) => h.openBeds },
  { field: 'active', header: 'Status', width: 100, value: (h) => (h.active ? 'Active' : 'Closed') },
];

type Ending = ProviderDetail['endingsByReason'][number];
/** Endings by the one classification (shared/domain/endings.ts); no reason, or an unknown code, is not known. */
const ENDING_CLASS_WORDS = { planned: 'Planned', unplanned: 'Unplanned', unknown: 'Not known' } as const;
const ENDING_CLASS_COLOURS = { planned: MARKET_COLOURS.foster, unplanned: MARKET_COLOURS.median, unknown: MARKET_COLOURS.placed } as const;
const endingColumns: TableColumn<Ending>[] = [
  { field: 'code', header: 'SSDA903 code', width: 130, value: (e) => (e.code === REASON_NOT_RECORDED ? '' : e.code) },
  { field: 'label', header: 'Reason', flex: 2, value: (e) => e.label },
  { field: 'planned', header: 'Planned?', width: 110, value: (e) => ENDING_CLASS_WORDS[endingClassOf(e.code) ?? 'unknown'] },
  { field: 'count', header: 'Endings', kind: 'number', width: 100, value: (e) => e.count },
];

function ProviderList() {
  const providers = useApi('market.providers', {});
  const asOf = localIsoDate(new Date());
  return (
    <>
      <PageHeader title="Providers" subtitle="Every provider: homes, grade, prices, placements, endings and share of the region's spend" />
      {providers.isPending && <LoadingState label="Loading providers" />}
      {providers.isError && <ErrorState error={providers.error} onRetry={() => void providers.refetch()} />}
      {providers.data && (
        <DataTable
          title="Providers"
          rows={providers.data}
          columns={listColumns}
          rowId={(p) => p.providerId}
          asOf={asOf}
          height={560}
          note="Price change: median agreed price of placements started in the last 12 months against the 12 before."
        />
      )}
    </>
  );
}

function ProviderPage({ providerId }: { providerId: number }) {
  const detail = useApi('market.provider', { providerId });
  const d = detail.data;
  const months = d ? [...new Set(d.pricesOverTime.map((m) => m.month))].sort() : [];
  const kinds = d ? HOME_KINDS.filter((k) => d.pricesOverTime.some((m) => m.kind === k)) : [];
  return (
    <>
      <Link href={hrefTo('market-providers')} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mb: 1 }}>
        <BackIcon fontSize="small" /> All providers
      </Link>
      {detail.isPending && <LoadingState label="Loading the provider" />}
      {detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      {d && (
        <>
          <PageHeader
            title={d.provider.name}
            subtitle={`${TYPE_LABELS[d.provider.providerType] ?? d.provider.providerType} · ${sectorLabel(d.provider.sector)}${d.provider.urn ? ` · Ofsted URN ${d.provider.urn}` : ''}`}
            actions={<Chip label={`Ofsted: ${gradeLabel(d.provider.grade)}${d.provider.gradeDate ? ` (${formatIsoDate(d.provider.gradeDate)})` : ''}`} />}
          />
          <KeyFigures
            items={[
              { label: 'Homes', value: whole(d.provider.homes), note: `${whole(d.provider.approvedPlaces)} approved or registered places` },
              {
                label: 'Children placed',
                value: whole(d.placements.current),
                note: `${whole(d.placements.startedLast12)} started in the last 12 months; ${whole(d.provider.openBeds)} open bed${d.provider.openBeds === 1 ? '' : 's'}`,
              },
              { label: 'Weekly spend', value: money(d.spend.weeklyPence), note: `${poundsShort(d.spend.annualisedPence)} a year` },
              { label: "Share of the region's spend", value: `${d.spend.sharePct}%`, note: `of ${money(d.spend.regionWeeklyPence)} a week` },
              {
                label: 'Median price a week',
                value: d.provider.medianWeeklyPence === null ? 'n/a' : money(d.provider.medianWeeklyPence),
                note:
                  d.provider.priceChangePct === null
                    ? 'no change measurable'
                    : `${d.provider.priceChangePct > 0 ? '+' : ''}${d.provider.priceChangePct}% on a year before${restsOnFew(d.provider.priceChangeBasis) ? ` (the change ${fewWords(d.provider.priceChangeBasis, 'placement')})` : ''}`,
                few: { n: d.provider.currentPlacements, noun: 'placement' },
              },
              {
                label: 'Endings, last 12 months',
                value: whole(d.placements.endedLast12),
                note: `${whole(d.placements.unplannedEndings)} unplanned, ${whole(d.placements.reasonNotRecorded)} reason not recorded`,
              },
            ]}
          />
          <Grid container spacing={2} sx={{ mb: 2 }}>
            <Grid size={{ xs: 12, lg: 7 }}>
              <ChartCard title="Prices over time" subtitle="Median agreed weekly price of the placements that started each month, last 24 months.">
                {months.length === 0 ? (
                  <Typography color="text.secondary">No placements started in the last 24 months.</Typography>
                ) : (
                  <Box role="img" aria-label="Line chart of median agreed price by month">
                    <LineChart
                      skipAnimation
                      height={280}
                      margin={{ right: 28 }}
                      xAxis={[
                        {
                          scaleType: 'time',
                          data: months.map(monthDate),
                          valueFormatter: (d: Date, context) => chartMonth(d, context),
                          tickInterval: months.map(monthDate),
                        },
                      ]}
                      yAxis={[{ valueFormatter: (v: number) => poundsShort(v), width: 60 }]}
                      series={kinds.map((k) => ({
                        label: kindLabel(k),
                        color: MARKET_COLOURS[k],
                        curve: 'linear' as const,
                        showMark: true,
                        connectNulls: true,
                        data: months.map((m) => d.pricesOverTime.find((p) => p.month === m && p.kind === k)?.medianWeeklyPence ?? null),
                        valueFormatter: (v: number | null) => (v === null ? '' : money(v)),
                      }))}
                    />
                  </Box>
                )}
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 5 }}>
              <ChartCard title="Endings by reason, last 12 months" subtitle="Unplanned endings in red, planned in green.">
                {d.endingsByReason.length === 0 ? (
                  <Typography color="text.secondary">No placements ended in the last 12 months.</Typography>
                ) : (
                  <Box role="img" aria-label="Bar chart of placement endings by reason">
                    <BarChart
                      skipAnimation
                      height={Math.max(200, 40 + d.endingsByReason.length * 30)}
                      layout="horizontal"
                      yAxis={[
                        {
                          scaleType: 'band',
                          data: d.endingsByReason.map((e) => e.label),
                          width: 290,
                          colorMap: {
                            type: 'ordinal',
                            values: d.endingsByReason.map((e) => e.label),
                            colors: d.endingsByReason.map((e) => ENDING_CLASS_COLOURS[endingClassOf(e.code) ?? 'unknown']),
                          },
                        },
                      ]}
                      xAxis={[{ tickMinStep: 1 }]}
                      series={[{ label: 'Endings', data: d.endingsByReason.map((e) => e.count) }]}
                      hideLegend
                    />
                  </Box>
                )}
              </ChartCard>
            </Grid>
          </Grid>
          <DataTable title={`Homes of ${d.provider.name}`} rows={d.homes} columns={homeColumns} rowId={(h) => h.homeId} asOf={d.asOf} />
          <DataTable
            title="Endings by reason"
            rows={d.endingsByReason}
            columns={endingColumns}
            rowId={(e) => e.code}
            asOf={d.asOf}
            note="SSDA903 reasons; changes to the care plan, planned changes and custody arrangements count as planned."
          />
          <DataTable
            title="Prices over time"
            rows={d.pricesOverTime}
            columns={[
              { field: 'month', header: 'Month started', width: 140, value: (m) => m.month, render: (m) => formatMonth(m.month) },
              { field: 'kind', header: 'Type', flex: 1, value: (m) => kindLabel(m.kind) },
              { field: 'n', header: 'Placements', kind: 'number', width: 120, value: (m) => m.n },
              { field: 'median', header: 'Median a week', kind: 'money', width: 140, value: (m) => m.medianWeeklyPence },
            ]}
            rowId={(m) => `${m.month}:${m.kind}`}
            asOf={d.asOf}
          />
          <DataTable
            title="Spend with this provider by council"
            rows={d.spendByCouncil}
            columns={[
              { field: 'label', header: 'Placing council', flex: 1.5, value: (r) => r.label },
              { field: 'placements', header: 'Placements', kind: 'number', width: 110, value: (r) => r.placements },
              { field: 'weekly', header: 'Weekly spend', kind: 'money', width: 130, value: (r) => r.weeklyPence },
              { field: 'annual', header: 'Annualised', kind: 'money', width: 140, value: (r) => r.annualisedPence },
              { field: 'share', header: 'Share of this provider', kind: 'percent', width: 190, value: (r) => r.sharePct },
            ]}
            rowId={(r) => r.key}
            asOf={d.asOf}
          />
        </>
      )}
    </>
  );
}

/** "#/market-providers" lists them; "#/market-providers/12" opens one. */
export function ProvidersPage({ param }: { param: string }) {
  const id = Number(param);
  return param && Number.isInteger(id) && id > 0 ? <ProviderPage providerId={id} /> : <ProviderList />;
}
