import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, FormControl, Grid, InputLabel, Link, MenuItem, Select, Stack } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { ScatterChart } from '@mui/x-charts/ScatterChart';
import {
  AGE_BANDS,
  FEE_TIER_LABELS,
  FEE_TIERS,
  SECTORS,
  SUPPORTED_KINDS,
  type GroupStats,
  type PriceFilter,
  type PriceObservation,
  type ProviderPosition,
} from '../../../shared/contract/market';
import { HOME_KINDS, OFSTED_GRADES, type HomeKind, type OfstedGrade } from '../../../shared/domain/homes';
import { OFSTED_CATEGORIES, OFSTED_CATEGORY_CODES } from '../../../shared/domain/ofsted';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { plural } from '../../../shared/domain/words';
import { hrefTo } from '../../navigate';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { BoxStripChart, ChartCard, KeyFigures, MARKET_COLOURS, poundsShort, type BoxRow } from './charts';
import { DataTable, type TableColumn } from './DataTable';
import { gradeLabel, kindLabel, money, sectorLabel, statsColumns, whole } from './labels';

type Filter = Omit<PriceFilter, 'sources'> & { sources: PriceFilter['sources'] };
const SUPPORTED_LABELS: Record<string, string> = { solo: 'Solo', shared: 'Shared', lodgings: 'Supported lodgings' };
/** Type names short enough to sit before a grade on a chart's axis. */
const SHORT_KIND: Record<HomeKind, string> = { foster: 'Foster', residential: "Children's home", supported: 'Supported' };
const SOURCE_CHOICES = { both: ['placements', 'vacancies'], placements: ['placements'], vacancies: ['vacancies'] } as const;

function FilterSelect<V extends string | number>(props: {
  id: string;
  label: string;
  value: V | undefined;
  options: readonly (readonly [V, string])[];
  anyLabel: string;
  onChange: (v: V | undefined) => void;
}) {
  const { id, label, value, options, anyLabel, onChange } = props;
  return (
    <FormControl size="small" sx={{ minWidth: 170 }}>
      <InputLabel id={id} shrink>
        {label}
      </InputLabel>
      <Select
        labelId={id}
        label={label}
        notched
        displayEmpty
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          onChange(raw === '' ? undefined : (options.find(([v]) => String(v) === raw)?.[0] ?? undefined));
        }}
      >
        <MenuItem value="">{anyLabel}</MenuItem>
        {options.map(([v, text]) => (
          <MenuItem key={String(v)} value={String(v)}>
            {text}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

const pointColumns: TableColumn<PriceObservation>[] = [
  { field: 'ref', header: 'Reference', width: 95, value: (p) => p.ref },
  { field: 'source', header: 'Source', width: 150, value: (p) => (p.source === 'placements' ? 'Agreed placement' : 'Open vacancy') },
  {
    field: 'provider',
    header: 'Provider',
    flex: 1.4,
    minWidth: 230,
    value: (p) => p.providerName,
    render: (p) => <Link href={hrefTo(`market-providers/${p.providerId}`)}>{p.providerName}</Link>,
  },
  { field: 'weekly', header: 'Weekly price', kind: 'money', width: 115, value: (p) => p.weeklyPence },
  {
    field: 'outlier',
    header: 'Outlier',
    width: 100,
    value: (p) => (p.outlier === 'high' ? 'High' : p.outlier === 'low' ? 'Low' : ''),
    render: (p) => (p.outlier ? <Chip size="small" color="error" label={p.outlier === 'high' ? 'High' : 'Low'} /> : null),
  },
  { field: 'kind', header: 'Type', width: 200, value: (p) => kindLabel(p.kind) },
  { field: 'level', header: 'Tier or level', width: 120, value: (p) => p.level },
  { field: 'grade', header: 'Ofsted', width: 190, value: (p) => gradeLabel(p.grade) },
  { field: 'council', header: 'Council (home)', width: 140, value: (p) => p.councilName },
  { field: 'sector', header: 'Sector', width: 95, value: (p) => sectorLabel(p.sector) },
  { field: 'core', header: 'Core', kind: 'money', width: 100, value: (p) => p.split.core },
  { field: 'support', header: 'Support', kind: 'money', width: 95, value: (p) => p.split.support },
  { field: 'education', header: 'Education', kind: 'money', width: 100, value: (p) => p.split.education },
  { field: 'other', header: 'Other', kind: 'money', width: 90, value: (p) => p.split.other },
  { field: 'miles', header: 'Miles from placing council', kind: 'number', width: 120, value: (p) => p.distanceMiles },
];

/**
 * What a commissioner compares a provider by comes first, so at 1366 px the median, the comparison
 * with the region and the quartiles are in view; the rest scrolls sideways.
 */
const providerColumns: TableColumn<ProviderPosition>[] = (() => {
  const stats = new Map(statsColumns<ProviderPosition>().map((c) => [c.field, c]));
  return [
    {
      field: 'provider',
      header: 'Provider',
      flex: 1.5,
      minWidth: 200,
      value: (p) => p.providerName,
      render: (p) => <Link href={hrefTo(`market-providers/${p.providerId}`)}>{p.providerName}</Link>,
    },
    { field: 'kind', header: 'Type', width: 200, value: (p) => kindLabel(p.kind) },
    stats.get('n')!,
    stats.get('median')!,
    { field: 'vs', header: 'Median against region', kind: 'percent', width: 130, value: (p) => p.vsRegionPct },
    stats.get('q1')!,
    stats.get('q3')!,
    { field: 'grade', header: 'Ofsted', width: 190, value: (p) => gradeLabel(p.grade) },
    { field: 'sector', header: 'Sector', width: 90, value: (p) => sectorLabel(p.sector) },
    { field: 'outliers', header: 'Outliers', kind: 'number', width: 85, value: (p) => p.outliers },
    stats.get('min')!,
    stats.get('max')!,
    stats.get('mean')!,
  ];
})();

interface DistributionRow extends GroupStats {
  dimension: string;
}
const distributionColumns: TableColumn<DistributionRow>[] = [
  { field: 'dimension', header: 'Compared by', width: 140, value: (r) => r.dimension },
  { field: 'kind', header: 'Type', width: 200, value: (r) => kindLabel(r.kind) },
  { field: 'group', header: 'Group', flex: 1.2, minWidth: 190, value: (r) => r.label },
  ...statsColumns<DistributionRow>(),
];

/** Weekly prices compared like for like, with each provider placed against the region's median. */
export function PricesPage() {
  const [filter, setFilter] = useState<Filter>({ sources: ['placements', 'vacancies'], kind: 'residential' });
  const set = <K extends keyof Filter>(key: K, value: Filter[K] | undefined) =>
    setFilter((f) => {
      const next = { ...f };
      if (value === undefined) delete next[key];
      else next[key] = value;
      // Filters that only make sense for one type are dropped when the type changes.
      if (key === 'kind') {
        if (value !== 'foster') delete next.feeTier;
        if (value !== 'residential') delete next.category;
        if (value !== 'supported') delete next.supportedKind;
      }
      return next;
    });
  const prices = useApi('market.prices', filter);
  const councils = useApi('region.councils', {});
  const view = prices.data;
  const kind = filter.kind;
  const sourceKey = filter.sources.length === 2 ? 'both' : filter.sources[0]!;

  const boxRows = useMemo((): { rows: BoxRow[]; median?: number } => {
    if (!view) return { rows: [] };
    const pointsOf = (test: (p: PriceObservation) => boolean) => view.points.filter(test).map((p) => ({ value: p.weeklyPence, outlier: p.outlier !== null }));
    if (!kind) {
      return {
        rows: view.byKind.map((g) => ({
          key: g.kind,
          label: kindLabel(g.kind),
          stats: g.stats,
          colour: MARKET_COLOURS[g.kind],
          points: pointsOf((p) => p.kind === g.kind),
        })),
      };
    }
    const regionMedian = view.byKind.find((g) => g.kind === kind)?.stats.median;
    return {
      rows: view.byProvider
        .filter((p) => p.kind === kind)
        .map((p) => ({
          key: `${p.providerId}`,
          label: p.providerName,
          stats: p.stats,
          colour: p.sector === 'in_house' ? MARKET_COLOURS.inHouse : MARKET_COLOURS.external,
          points: pointsOf((x) => x.providerId === p.providerId && x.kind === kind),
        })),
      ...(regionMedian === undefined ? {} : { median: regionMedian }),
    };
  }, [view, kind]);

  const gradeRows = useMemo(
    (): BoxRow[] =>
      (view?.byGrade ?? [])
        .filter((g) => !kind || g.kind === kind)
        .map((g) => ({
          key: `${g.kind}:${g.key}`,
          label: kind ? gradeLabel(g.key as OfstedGrade) : `${SHORT_KIND[g.kind]} · ${gradeLabel(g.key as OfstedGrade)}`,
          stats: g.stats,
          colour: MARKET_COLOURS[g.kind],
          points: view!.points.filter((p) => p.kind === g.kind && p.grade === g.key).map((p) => ({ value: p.weeklyPence, outlier: p.outlier !== null })),
        })),
    [view, kind],
  );

  const distributions = useMemo((): DistributionRow[] => {
    if (!view) return [];
    const tag = (dimension: string, list: GroupStats[]) => list.map((g) => ({ ...g, dimension }));
    return [
      ...tag('Type', view.byKind),
      ...tag('Tier or level', view.byLevel),
      ...tag('Ofsted grade', view.byGrade),
      ...tag('Council (home)', view.byCouncil),
      ...tag('Sector', view.bySector),
      ...tag('Distance', view.byDistance),
    ];
  }, [view]);

  const distanceSeries = useMemo(
    () =>
      HOME_KINDS.filter((k) => !kind || k === kind).map((k) => ({
        id: k,
        label: kindLabel(k),
        color: MARKET_COLOURS[k],
        data: (view?.points ?? [])
          .filter((p) => p.kind === k && p.distanceMiles !== null)
          .map((p) => ({ id: p.ref, x: p.distanceMiles!, y: p.weeklyPence / 100 })),
        valueFormatter: (v: { x: number; y: number } | null) => (v ? `${v.x} miles, £${whole(v.y)} a week` : ''),
      })),
    [view, kind],
  );

  const filters: ReactNode = (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }} role="group" aria-label="Like-for-like filters">
      <FilterSelect
        id="f-kind"
        label="Type of home"
        anyLabel="All types"
        value={filter.kind}
        options={HOME_KINDS.map((k) => [k, kindLabel(k)] as const)}
        onChange={(v) => set('kind', v as HomeKind | undefined)}
      />
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="f-source">Prices from</InputLabel>
        <Select
          labelId="f-source"
          label="Prices from"
          value={sourceKey}
          onChange={(e) => set('sources', [...SOURCE_CHOICES[e.target.value as keyof typeof SOURCE_CHOICES]])}
        >
          <MenuItem value="both">Placements and vacancies</MenuItem>
          <MenuItem value="placements">Agreed placements</MenuItem>
          <MenuItem value="vacancies">Open vacancies</MenuItem>
        </Select>
      </FormControl>
      {(kind === 'foster' || kind === 'residential') && (
        <FilterSelect
          id="f-tier"
          label="Fee tier"
          anyLabel="All tiers"
          value={filter.feeTier}
          options={FEE_TIERS.map((t) => [t, FEE_TIER_LABELS[t]!] as const)}
          onChange={(v) => set('feeTier', v)}
        />
      )}
      {kind === 'residential' && (
        <FilterSelect
          id="f-category"
          label="Registered for"
          anyLabel="Any category"
          value={filter.category}
          options={OFSTED_CATEGORY_CODES.map((c) => [c, `${c}: ${OFSTED_CATEGORIES[c]}`] as const)}
          onChange={(v) => set('category', v)}
        />
      )}
      {kind === 'supported' && (
        <FilterSelect
          id="f-supported"
          label="Solo or shared"
          anyLabel="Any"
          value={filter.supportedKind}
          options={SUPPORTED_KINDS.map((s) => [s, SUPPORTED_LABELS[s]!] as const)}
          onChange={(v) => set('supportedKind', v)}
        />
      )}
      <FilterSelect
        id="f-age"
        label="Age band"
        anyLabel="All ages"
        value={filter.ageBand}
        options={AGE_BANDS.map((b) => [b, b] as const)}
        onChange={(v) => set('ageBand', v)}
      />
      <FilterSelect
        id="f-grade"
        label="Ofsted grade"
        anyLabel="Any grade"
        value={filter.ofstedGrade}
        options={OFSTED_GRADES.map((g) => [g, gradeLabel(g)] as const)}
        onChange={(v) => set('ofstedGrade', v)}
      />
      <FilterSelect
        id="f-council"
        label="Home's council"
        anyLabel="All councils"
        value={filter.councilId}
        options={(councils.data ?? []).map((c) => [c.id, c.name] as const)}
        onChange={(v) => set('councilId', v)}
      />
      <FilterSelect
        id="f-sector"
        label="Sector"
        anyLabel="In-house and external"
        value={filter.sector}
        options={SECTORS.map((s) => [s, sectorLabel(s)] as const)}
        onChange={(v) => set('sector', v)}
      />
      <Button onClick={() => setFilter({ sources: ['placements', 'vacancies'], kind: 'residential' })}>Reset</Button>
    </Stack>
  );

  const kindStats = kind ? view?.byKind.find((g) => g.kind === kind)?.stats : undefined;
  return (
    <>
      <PageHeader title="Prices" subtitle="Weekly prices of agreed placements and open vacancies, compared like for like" />
      {filters}
      {prices.isPending && <LoadingState label="Comparing prices" />}
      {prices.isError && <ErrorState error={prices.error} onRetry={() => void prices.refetch()} />}
      {view && (
        <>
          <KeyFigures
            items={[
              { label: 'Prices compared', value: whole(view.total), note: `as at ${formatIsoDate(view.asOf)}` },
              ...(kindStats
                ? [
                    {
                      label: `Region's median, ${kindLabel(kind!).toLowerCase()}`,
                      value: money(Math.round(kindStats.median)),
                      note: 'a week',
                      few: { n: kindStats.n, noun: 'price' as const },
                    },
                    {
                      label: 'Middle half of prices',
                      value: `${money(Math.round(kindStats.q1))} to ${money(Math.round(kindStats.q3))}`,
                      note: 'lower to upper quartile, a week',
                    },
                  ]
                : view.byKind.map((g) => ({
                    label: `Median, ${kindLabel(g.kind).toLowerCase()}`,
                    value: money(Math.round(g.stats.median)),
                    note: `a week, of ${plural(g.stats.n, 'price')}`,
                    few: { n: g.stats.n, noun: 'price' as const },
                  }))),
              { label: 'Outliers', value: whole(view.outliers), note: 'beyond 1.5 × the inter-quartile range for their type' },
            ]}
          />
          {view.total === 0 && (
            <Alert severity="info" sx={{ mb: 2 }}>
              No prices match these filters. Widen them to compare.
            </Alert>
          )}
          {view.pointsSampled && (
            <Alert severity="info" sx={{ mb: 2 }}>
              The dots show every outlier and an even sample of the other prices; the boxes, medians and tables use all {whole(view.total)}.
            </Alert>
          )}
          <Grid container spacing={2} sx={{ mb: 2 }}>
            <Grid size={{ xs: 12, lg: 6 }}>
              <ChartCard
                title={kind ? "Each provider's prices against the region's median" : 'Prices by type of home'}
                subtitle={`Box: middle half of prices; thick line: median; whiskers to 1.5 IQR; dots: each price, outliers in red.${boxRows.median === undefined ? '' : ` Dashed red line: the region's median, ${money(Math.round(boxRows.median))}.`}`}
              >
                <BoxStripChart
                  rows={boxRows.rows}
                  {...(boxRows.median === undefined ? {} : { medianLine: boxRows.median })}
                  ariaLabel="Price distribution box and strip plot"
                />
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <ChartCard title="Price against Ofsted grade" subtitle="The same prices grouped by the home's (or agency's) latest overall grade.">
                <BoxStripChart rows={gradeRows} ariaLabel="Price by Ofsted grade box plot" maxLabelWidth={290} />
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 7 }}>
              <ChartCard
                title="Price against distance from the placing council"
                subtitle="Agreed placements: miles from the child's home (or the council's centre where none was recorded)."
              >
                <Box role="img" aria-label="Scatter of weekly price against miles from the placing council">
                  <ScatterChart
                    skipAnimation
                    height={300}
                    series={distanceSeries}
                    xAxis={[{ label: 'Miles from the placing council', min: 0 }]}
                    yAxis={[{ label: 'Weekly price (£)', valueFormatter: (v: number) => poundsShort(v * 100), width: 64 }]}
                  />
                </Box>
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 5 }}>
              <ChartCard title="What a week's price pays for" subtitle="Mean weekly price split into core, support, education and other.">
                <Box role="img" aria-label="Price split by type">
                  <BarChart
                    skipAnimation
                    height={300}
                    layout="horizontal"
                    yAxis={[{ scaleType: 'band', data: view.split.map((s) => kindLabel(s.kind)), width: 150 }]}
                    xAxis={[{ valueFormatter: (v: number) => poundsShort(v), tickNumber: 5 }]}
                    series={(['core', 'support', 'education', 'other'] as const).map((part) => ({
                      label: part[0]!.toUpperCase() + part.slice(1),
                      stack: 'price',
                      color: MARKET_COLOURS[part],
                      data: view.split.map((s) => s.mean[part]),
                      valueFormatter: (v: number | null) => (v === null ? '' : money(v)),
                    }))}
                  />
                </Box>
              </ChartCard>
            </Grid>
          </Grid>
          <DataTable
            title="Providers against the region's median"
            rows={view.byProvider}
            columns={providerColumns}
            rowId={(p) => `${p.providerId}:${p.kind}`}
            asOf={view.asOf}
            note="Each provider's prices by type, and its median against the region's median for that type."
          />
          <DataTable
            title="Price distributions"
            rows={distributions}
            columns={distributionColumns}
            rowId={(r) => `${r.dimension}:${r.kind}:${r.key}`}
            asOf={view.asOf}
            note="Quartiles as Excel's QUARTILE.INC."
          />
          <DataTable
            title="Every price compared"
            rows={view.points}
            columns={pointColumns}
            rowId={(p) => p.ref}
            asOf={view.asOf}
            height={Math.min(480, 110 + Math.max(3, view.points.length) * 36)}
            note="P- references are agreed placements, V- open vacancies; no child is named."
          />
        </>
      )}
    </>
  );
}
