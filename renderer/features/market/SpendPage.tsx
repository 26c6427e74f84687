import { Box, Grid, Link } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { PieChart } from '@mui/x-charts/PieChart';
import type { SpendRow, TopPlacement } from '../../../shared/contract/market';
import { formatIsoDate, formatMonth } from '../../../shared/domain/calendar';
import { hrefTo } from '../../navigate';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { chartMonth, ChartCard, KeyFigures, MARKET_COLOURS, poundsShort } from './charts';
import { DataTable, type TableColumn } from './DataTable';
import { gradeLabel, kindLabel, money, sectorLabel, whole } from './labels';
import { useCouncilScope } from './scope';

function spendColumns(first: string, link?: (r: SpendRow) => string): TableColumn<SpendRow>[] {
  return [
    {
      field: 'label',
      header: first,
      flex: 1.5,
      value: (r) => r.label,
      ...(link ? { render: (r: SpendRow) => <Link href={link(r)}>{r.label}</Link> } : {}),
    },
    { field: 'placements', header: 'Placements', kind: 'number', width: 110, value: (r) => r.placements },
    { field: 'weekly', header: 'Weekly spend', kind: 'money', width: 130, value: (r) => r.weeklyPence },
    { field: 'annual', header: 'Annualised', kind: 'money', width: 140, value: (r) => r.annualisedPence },
    { field: 'share', header: 'Share of spend', kind: 'percent', width: 125, value: (r) => r.sharePct },
  ];
}

const topColumns: TableColumn<TopPlacement>[] = [
  { field: 'placementRef', header: 'Placement', width: 100, value: (t) => t.placementRef },
  { field: 'childRef', header: 'Child (reference)', width: 140, value: (t) => t.childRef },
  { field: 'council', header: 'Placing council', width: 140, value: (t) => t.councilName },
  { field: 'provider', header: 'Provider', flex: 1.3, minWidth: 230, value: (t) => t.providerName },
  { field: 'kind', header: 'Type', width: 200, value: (t) => kindLabel(t.kind) },
  { field: 'sector', header: 'Sector', width: 90, value: (t) => sectorLabel(t.sector) },
  { field: 'grade', header: 'Ofsted', width: 190, value: (t) => gradeLabel(t.grade) },
  { field: 'weekly', header: 'Weekly', kind: 'money', width: 110, value: (t) => t.weeklyPence },
  { field: 'core', header: 'Core', kind: 'money', width: 100, value: (t) => t.split.core },
  { field: 'support', header: 'Support', kind: 'money', width: 100, value: (t) => t.split.support },
  { field: 'education', header: 'Education', kind: 'money', width: 100, value: (t) => t.split.education },
  { field: 'other', header: 'Other', kind: 'money', width: 90, value: (t) => t.split.other },
  { field: 'annual', header: 'Annualised', kind: 'money', width: 130, value: (t) => t.annualisedPence },
  { field: 'miles', header: 'Miles', kind: 'number', width: 80, value: (t) => t.distanceMiles },
];

/** What the region spends now and will have spent by 31 March, and where the money goes. */
export function SpendPage() {
  const scope = useCouncilScope();
  const input = scope.councilId === undefined ? {} : { councilId: scope.councilId };
  const spend = useApi('market.spend', input);
  const top = useApi('market.topPlacements', { ...input, limit: 25 });
  const v = spend.data;
  return (
    <>
      <PageHeader title="Spend" subtitle="Current weekly and annualised spend, and the forecast to the end of the financial year" actions={scope.picker} />
      {spend.isPending && <LoadingState label="Adding up spend" />}
      {spend.isError && <ErrorState error={spend.error} onRetry={() => void spend.refetch()} />}
      {v && (
        <>
          <KeyFigures
            items={[
              { label: 'Weekly spend', value: money(v.weeklyPence), note: `${whole(v.currentPlacements)} placements today` },
              { label: 'Annualised', value: poundsShort(v.annualisedPence), note: 'weekly spend × 52' },
              {
                label: `Forecast to ${formatIsoDate(v.forecast.yearEnd)}`,
                value: poundsShort(v.forecast.outturnPence),
                note: `from ${formatIsoDate(v.forecast.yearStart)}`,
              },
              { label: 'Spent so far this year', value: poundsShort(v.forecast.spentToDatePence) },
              { label: 'Still to spend', value: poundsShort(v.forecast.remainingPence), note: 'current placements to their planned ends' },
              { label: 'Ending before year end', value: whole(v.forecast.endingBeforeYearEnd), note: 'placements with a planned end by 31 March' },
            ]}
          />
          <Grid container spacing={2} sx={{ mb: 2 }}>
            <Grid size={{ xs: 12, lg: 7 }}>
              <ChartCard
                title="Spend by month, this financial year"
                subtitle="Spent to date, then forecast from current placements and their planned end dates."
              >
                <Box role="img" aria-label="Monthly spend, spent and forecast">
                  <BarChart
                    skipAnimation
                    height={300}
                    xAxis={[
                      {
                        scaleType: 'band',
                        data: v.forecast.months.map((m) => m.month),
                        // Twelve short month names fit under the bars (the title names the year); the tooltip names the month and year.
                        valueFormatter: (m: string, context) => chartMonth(m, context, 'month'),
                      },
                    ]}
                    yAxis={[{ valueFormatter: (x: number) => poundsShort(x), width: 60 }]}
                    series={[
                      {
                        label: 'Spent',
                        stack: 'm',
                        color: MARKET_COLOURS.actual,
                        data: v.forecast.months.map((m) => m.actualPence),
                        valueFormatter: (x: number | null) => (x === null ? '' : money(x)),
                      },
                      {
                        label: 'Forecast',
                        stack: 'm',
                        color: MARKET_COLOURS.forecast,
                        data: v.forecast.months.map((m) => m.forecastPence),
                        valueFormatter: (x: number | null) => (x === null ? '' : money(x)),
                      },
                    ]}
                  />
                </Box>
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 5 }}>
              <ChartCard title="Weekly spend by type of home">
                <Box role="img" aria-label="Pie chart of weekly spend by type of home">
                  <PieChart
                    skipAnimation
                    height={300}
                    series={[
                      {
                        innerRadius: 50,
                        data: v.byKind.map((k) => ({
                          id: k.key,
                          value: k.weeklyPence,
                          label: `${k.label} (${k.sharePct}%)`,
                          color: MARKET_COLOURS[k.key as 'foster' | 'residential' | 'supported'],
                        })),
                        valueFormatter: (item: { value: number }) => money(item.value),
                      },
                    ]}
                  />
                </Box>
              </ChartCard>
            </Grid>
            <Grid size={12}>
              <ChartCard title="Weekly spend by placing council">
                <Box role="img" aria-label="Bar chart of weekly spend by placing council">
                  <BarChart
                    skipAnimation
                    height={Math.max(220, 40 + v.byCouncil.length * 28)}
                    layout="horizontal"
                    yAxis={[{ scaleType: 'band', data: v.byCouncil.map((c) => c.label), width: 150 }]}
                    xAxis={[{ valueFormatter: (x: number) => poundsShort(x), tickNumber: 6 }]}
                    series={[
                      {
                        label: 'Weekly spend',
                        color: MARKET_COLOURS.actual,
                        data: v.byCouncil.map((c) => c.weeklyPence),
                        valueFormatter: (x: number | null) => (x === null ? '' : money(x)),
                      },
                    ]}
                    hideLegend
                  />
                </Box>
              </ChartCard>
            </Grid>
          </Grid>
          <DataTable
            title="Spend by council"
            rows={v.byCouncil}
            columns={spendColumns('Placing council')}
            rowId={(r) => r.key}
            asOf={v.asOf}
            note={`Scope: ${v.scope}.`}
          />
          <DataTable
            title="Spend by type of home"
            rows={[...v.byKind, ...v.bySector.map((s) => ({ ...s, key: `sector:${s.key}`, label: `${s.label} (all types)` }))]}
            columns={spendColumns('Type or sector')}
            rowId={(r) => r.key}
            asOf={v.asOf}
          />
          <DataTable
            title="Spend by provider"
            rows={v.byProvider}
            columns={spendColumns('Provider', (r) => hrefTo(`market-providers/${r.key}`))}
            rowId={(r) => r.key}
            asOf={v.asOf}
          />
          <DataTable
            title="Forecast by month"
            rows={v.forecast.months}
            columns={[
              { field: 'month', header: 'Month', width: 120, value: (m) => m.month, render: (m) => formatMonth(m.month) },
              { field: 'actual', header: 'Spent', kind: 'money', flex: 1, value: (m) => m.actualPence },
              { field: 'forecast', header: 'Forecast', kind: 'money', flex: 1, value: (m) => m.forecastPence },
              { field: 'total', header: 'Month total', kind: 'money', flex: 1, value: (m) => m.actualPence + m.forecastPence },
            ]}
            rowId={(m) => m.month}
            asOf={v.asOf}
            note="Each placement costs its weekly price ÷ 7 a night, up to its end date, else its planned end date if still ahead, else 31 March."
          />
        </>
      )}
      {top.isError && <ErrorState error={top.error} onRetry={() => void top.refetch()} />}
      {top.data && v && (
        <DataTable
          title="Most expensive placements"
          rows={top.data}
          columns={topColumns}
          rowId={(t) => t.placementRef}
          asOf={v.asOf}
          note="By pseudonymous reference only; viewing this list is recorded in the audit trail."
        />
      )}
    </>
  );
}
