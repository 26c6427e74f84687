import { useState } from 'react';
import { Alert, Box, Button, Chip, Grid, Stack } from '@mui/material';
import PdfIcon from '@mui/icons-material/PictureAsPdfOutlined';
import { BarChart } from '@mui/x-charts/BarChart';
import type { DemandSupplyRow, GapRow } from '../../../shared/contract/market';
import { CANCELLED_MESSAGE } from '../../../shared/contract/jobs';
import { useJob } from '../../api/jobs';
import { useApi } from '../../api/hooks';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { dfeDistanceWords } from '../../../shared/domain/dfeDistance';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { ChartCard, KeyFigures, MARKET_COLOURS, SupplyDemandMap } from './charts';
import { DataTable, type TableColumn } from './DataTable';
import { base64ToBytes, download } from './export';
import { kindLabel, whole } from './labels';
import { useCouncilScope } from './scope';

function demandColumns(first: string): TableColumn<DemandSupplyRow>[] {
  return [
    { field: 'label', header: first, flex: 1.5, value: (r) => r.label },
    { field: 'referrals', header: 'Open referrals', kind: 'number', width: 125, value: (r) => r.referrals },
    { field: 'placements', header: 'Children placed', kind: 'number', width: 130, value: (r) => r.placements },
    { field: 'beds', header: 'Open beds', kind: 'number', width: 100, value: (r) => r.openBeds },
    { field: 'places', header: 'Approved places', kind: 'number', width: 135, value: (r) => r.approvedPlaces },
    { field: 'balance', header: 'Beds less referrals', kind: 'number', width: 150, value: (r) => r.balance },
  ];
}

const gapColumns: TableColumn<GapRow>[] = [
  { field: 'council', header: 'Council', flex: 1.3, value: (g) => g.councilName },
  { field: 'kind', header: 'Type of home', flex: 1.2, value: (g) => kindLabel(g.kind) },
  { field: 'referrals', header: 'Open referrals', kind: 'number', width: 130, value: (g) => g.referrals },
  { field: 'beds', header: 'Open beds', kind: 'number', width: 110, value: (g) => g.openBeds },
  {
    field: 'balance',
    header: 'Balance',
    kind: 'number',
    width: 120,
    value: (g) => g.balance,
    render: (g) => (g.balance < 0 ? <Chip size="small" color="error" label={`${g.balance} short`} /> : String(g.balance)),
  },
];

function demandSupplyChart(rows: readonly DemandSupplyRow[], label: string, height = 280) {
  return (
    <Box role="img" aria-label={label}>
      <BarChart
        skipAnimation
        height={height}
        xAxis={[{ scaleType: 'band', data: rows.map((r) => r.label) }]}
        yAxis={[{ width: 40, tickMinStep: 1 }]}
        series={[
          { label: 'Open referrals', color: MARKET_COLOURS.demand, data: rows.map((r) => r.referrals) },
          { label: 'Open beds', color: MARKET_COLOURS.supply, data: rows.map((r) => r.openBeds) },
          { label: 'Children placed', color: MARKET_COLOURS.placed, data: rows.map((r) => r.placements) },
        ]}
      />
    </Box>
  );
}

/** Demand against supply: where the region lacks homes, how far children go, how long they wait. */
export function SufficiencyPage() {
  const scope = useCouncilScope();
  const input = scope.councilId === undefined ? {} : { councilId: scope.councilId };
  const suff = useApi('market.sufficiency', input);
  const [pdfState, setPdfState] = useState<'idle' | 'making' | { error: string } | { done: string }>('idle');
  // Drawn as a job, so the rest of the app carries on; Cancel stops it.
  const pdfJob = useJob('market.summaryPdf');
  const v = suff.data;

  const makePdf = async () => {
    setPdfState('making');
    try {
      const pdf = await pdfJob.run(input);
      download(base64ToBytes(pdf.base64), 'application/pdf', pdf.filename);
      setPdfState({ done: `${pdf.filename} (${pdf.pages} pages) downloaded.` });
    } catch (e) {
      setPdfState({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <>
      <PageHeader
        title="Sufficiency"
        subtitle="Demand against supply by type, age, need and council; distance from home; time to place"
        actions={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            {scope.picker}
            <Button variant="contained" startIcon={<PdfIcon />} onClick={() => void makePdf()} disabled={pdfState === 'making'}>
              {pdfState === 'making' ? 'Making the PDF…' : 'Summary PDF'}
            </Button>
            {pdfState === 'making' && (
              <Button onClick={() => void pdfJob.cancel()} disabled={pdfJob.cancelling}>
                Cancel
              </Button>
            )}
          </Stack>
        }
      />
      {typeof pdfState === 'object' && 'error' in pdfState && (
        <Alert severity={pdfState.error === CANCELLED_MESSAGE ? 'info' : 'error'} sx={{ mb: 2 }}>
          {pdfState.error === CANCELLED_MESSAGE ? pdfState.error : `The summary could not be made: ${pdfState.error}`}
        </Alert>
      )}
      {typeof pdfState === 'object' && 'done' in pdfState && (
        <Alert severity="success" sx={{ mb: 2 }} role="status">
          {pdfState.done}
        </Alert>
      )}
      {suff.isPending && <LoadingState label="Setting demand against supply" />}
      {suff.isError && <ErrorState error={suff.error} onRetry={() => void suff.refetch()} />}
      {v && (
        <>
          <KeyFigures
            items={[
              { label: 'Open referrals', value: whole(v.openReferrals), note: 'waiting for a home' },
              { label: 'Children placed', value: whole(v.currentPlacements), note: `as at ${formatIsoDate(v.asOf)}` },
              { label: 'Open beds', value: whole(v.openBeds), note: `${whole(v.approvedPlaces)} approved or registered places` },
              {
                label: `Placed over ${v.distance.lineMiles} miles away`,
                value: `${v.distance.over20MilesPct}%`,
                note: `${whole(v.distance.over20Miles)} of ${whole(v.distance.countedForDistance)} children, as DfE counts them${v.distance.noHomeLocation > 0 ? `; ${whole(v.distance.noHomeLocation)} with no home location recorded` : ''}`,
              },
              { label: 'Placed outside their council', value: `${v.distance.outOfAreaPct}%`, note: `${whole(v.distance.outOfArea)} children` },
              {
                label: 'Referral to placement',
                value: v.timeToPlace.medianDays === null ? 'n/a' : `${v.timeToPlace.medianDays} days`,
                note: `median of ${whole(v.timeToPlace.n)} in the last 12 months`,
                few: { n: v.timeToPlace.n, noun: 'placement' },
              },
              {
                label: 'Referrals with no suitable match',
                value: v.noSuitableMatch.status === 'computed' && v.noSuitableMatch.count !== null ? whole(v.noSuitableMatch.count) : 'Pending',
                note: v.noSuitableMatch.status === 'computed' ? `of ${whole(v.noSuitableMatch.openReferrals)} open referrals` : v.noSuitableMatch.note,
              },
            ]}
          />
          <Grid container spacing={2} sx={{ mb: 2 }}>
            <Grid size={{ xs: 12, lg: 6 }}>
              <ChartCard title="Demand and supply by type of home" subtitle="Open referrals by the type the social worker preferred.">
                {demandSupplyChart(v.byKind, 'Bar chart of demand and supply by type of home')}
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
              <ChartCard title="Demand and supply by age band" subtitle="A bed counts for every band its home is approved or registered to take.">
                {demandSupplyChart(v.byAgeBand, 'Bar chart of demand and supply by age band')}
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 7 }}>
              <ChartCard
                title="Map of demand and supply"
                subtitle="Circles by council: open referrals and open beds (area in proportion). Dots: homes with open beds, to about 1 km."
              >
                <SupplyDemandMap map={v.map} />
              </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 5 }}>
              <Stack spacing={2}>
                <ChartCard
                  title="Demand and supply by need"
                  subtitle="Ofsted registration categories asked for; beds in homes registered for them. Children placed count by the needs their referral recorded, so placements made before referrals were kept here are missing."
                >
                  {demandSupplyChart(
                    v.byNeed.map((n) => ({ ...n, label: n.key === 'DISABILITY' ? 'Disability' : n.key })),
                    'Bar chart of demand and supply by need',
                    240,
                  )}
                </ChartCard>
                <ChartCard
                  title="Days from referral to placement"
                  subtitle={`Placements in the last 12 months; 90% within ${v.timeToPlace.p90Days ?? 'n/a'} days.`}
                >
                  <Box role="img" aria-label="Histogram of days from referral to placement">
                    {/* Bins down the side, so every bin's name fits however narrow the card. */}
                    <BarChart
                      skipAnimation
                      height={240}
                      layout="horizontal"
                      yAxis={[{ scaleType: 'band', data: v.timeToPlace.histogram.map((h) => h.label), width: 100 }]}
                      xAxis={[{ tickMinStep: 1, label: 'Placements' }]}
                      series={[{ label: 'Placements', color: MARKET_COLOURS.supply, data: v.timeToPlace.histogram.map((h) => h.count) }]}
                      hideLegend
                    />
                  </Box>
                </ChartCard>
              </Stack>
            </Grid>
            <Grid size={12}>
              <ChartCard
                title={`Why children live more than ${v.distance.lineMiles} miles away or outside their council`}
                subtitle={`${whole(v.distance.over20Miles)} over ${v.distance.lineMiles} miles, ${whole(v.distance.outOfArea)} outside their council. ${dfeDistanceWords(v.distance)} Placing-at-distance reasons as recorded with each placement.`}
              >
                <Box role="img" aria-label="Bar chart of placing-at-distance reasons">
                  <BarChart
                    skipAnimation
                    height={Math.max(200, 80 + v.distance.reasons.length * 34)}
                    layout="horizontal"
                    yAxis={[{ scaleType: 'band', data: v.distance.reasons.map((r) => r.reason), width: 300 }]}
                    xAxis={[{ tickMinStep: 1, label: 'Children' }]}
                    series={[
                      {
                        label: `Over ${v.distance.lineMiles} miles`,
                        stack: 'away',
                        color: MARKET_COLOURS.demand,
                        data: v.distance.reasons.map((r) => r.over20Miles),
                      },
                      {
                        label: `Outside their council, within ${v.distance.lineMiles} miles`,
                        stack: 'away',
                        color: MARKET_COLOURS.placed,
                        data: v.distance.reasons.map((r) => r.outOfAreaWithin20Miles),
                      },
                    ]}
                  />
                </Box>
              </ChartCard>
            </Grid>
          </Grid>
          <DataTable
            title="Gaps by council and type of home"
            rows={v.gaps}
            columns={gapColumns}
            rowId={(g) => `${g.councilId}:${g.kind}`}
            asOf={v.asOf}
            note="Open referrals wanting each type against open beds of that type in the council; shortfalls first."
          />
          <DataTable
            title="Demand and supply by council"
            rows={v.byCouncil}
            columns={demandColumns('Council')}
            rowId={(r) => r.key}
            asOf={v.asOf}
            note={`Scope: ${v.scope}.`}
          />
          <DataTable title="Demand and supply by type of home" rows={v.byKind} columns={demandColumns('Type of home')} rowId={(r) => r.key} asOf={v.asOf} />
          <DataTable title="Demand and supply by age band" rows={v.byAgeBand} columns={demandColumns('Age band')} rowId={(r) => r.key} asOf={v.asOf} />
          <DataTable title="Demand and supply by need" rows={v.byNeed} columns={demandColumns('Need')} rowId={(r) => r.key} asOf={v.asOf} />
          <DataTable
            title="Placing-at-distance reasons"
            rows={v.distance.reasons}
            columns={[
              { field: 'reason', header: 'Reason', flex: 2, value: (r) => r.reason },
              { field: 'over20', header: `Over ${v.distance.lineMiles} miles`, kind: 'number', width: 140, value: (r) => r.over20Miles },
              {
                field: 'within20',
                header: `Outside their council, within ${v.distance.lineMiles} miles`,
                kind: 'number',
                width: 280,
                value: (r) => r.outOfAreaWithin20Miles,
              },
              { field: 'count', header: 'Children', kind: 'number', width: 120, value: (r) => r.count },
            ]}
            rowId={(r) => r.reason}
            asOf={v.asOf}
          />
          <DataTable
            title="Time from referral to placement"
            rows={[
              { key: 'all', label: 'All types', n: v.timeToPlace.n, medianDays: v.timeToPlace.medianDays },
              ...v.timeToPlace.byKind.map((k) => ({ key: k.kind, label: kindLabel(k.kind), n: k.n, medianDays: k.medianDays })),
            ]}
            columns={[
              { field: 'label', header: 'Type of home', flex: 1.5, value: (r) => r.label },
              { field: 'n', header: 'Placements', kind: 'number', width: 120, value: (r) => r.n },
              { field: 'median', header: 'Median days', kind: 'number', width: 130, value: (r) => r.medianDays },
            ]}
            rowId={(r) => r.key}
            asOf={v.asOf}
          />
        </>
      )}
    </>
  );
}
