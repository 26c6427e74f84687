import { useState } from 'react';
import { Alert, Box, FormControl, Grid, InputLabel, MenuItem, Paper, Select, Stack, TextField, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { MoveScenarioInput, UNIT_COST_CATEGORIES, UNIT_COST_LABELS, type UnitCostCategory, type UnitCostRow } from '../../../shared/contract/market';
import { fieldProblems } from '../../../shared/contract/issues';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { ChartCard, MARKET_COLOURS, poundsShort } from './charts';
import { DataTable, type TableColumn } from './DataTable';
import { money, whole } from './labels';
import { useCouncilScope } from './scope';
import { FewCaution } from './caution';
import { OverheadsPanel } from './OverheadsPanel';

// The kind of home names its sector ("In-house foster care"), so the table needs no sector column of its own.
const columns: TableColumn<UnitCostRow>[] = [
  { field: 'label', header: 'Kind of home', flex: 1, minWidth: 260, value: (r) => r.label },
  { field: 'placed', header: 'Children placed', kind: 'number', width: 140, value: (r) => r.currentPlacements },
  { field: 'mean', header: 'Mean a week', kind: 'money', width: 125, value: (r) => r.meanWeeklyPence },
  { field: 'median', header: 'Median a week', kind: 'money', width: 135, value: (r) => r.medianWeeklyPence },
  {
    field: 'annual',
    header: 'Annual unit cost',
    kind: 'money',
    width: 145,
    value: (r) => r.annualUnitCostPence,
    // Asking prices stand in where no child is placed: then the open beds are what the cost rests on.
    render: (r) =>
      r.annualUnitCostPence === null ? (
        '–'
      ) : (
        <>
          {money(r.annualUnitCostPence)}
          <FewCaution n={r.basis === 'placements' ? r.currentPlacements : r.openBeds} noun={r.basis === 'placements' ? 'placement' : 'price'} />
        </>
      ),
  },
  { field: 'beds', header: 'Open beds', kind: 'number', width: 110, value: (r) => r.openBeds },
  { field: 'includes', header: 'What the cost includes', width: 420, value: (r) => r.includes },
  {
    field: 'basis',
    header: 'Priced from',
    width: 130,
    value: (r) => (r.basis === 'placements' ? 'Placements' : r.basis === 'vacancies' ? 'Asking prices' : 'No prices'),
  },
];

/** Signed money, said the way a budget paper says it. */
function change(pence: number): string {
  if (pence === 0) return 'no change';
  return pence < 0 ? `a saving of ${money(-pence)}` : `a cost of ${money(pence)}`;
}

function MoveCalculator({ rows }: { rows: readonly UnitCostRow[] }) {
  const priced = rows.filter((r) => r.meanWeeklyPence !== null);
  const [from, setFrom] = useState<UnitCostCategory>('residential:external');
  const [to, setTo] = useState<UnitCostCategory>('foster:in_house');
  const [childrenText, setChildrenText] = useState('10');
  const children = Number(childrenText);
  // The contract's own rules for the scenario (MoveScenarioInput), each in its words.
  const problems = fieldProblems(MoveScenarioInput, { from, to, children });
  const valid = childrenText.trim() !== '' && Object.keys(problems).length === 0;
  const move = useApi('market.moveScenario', { from, to, children: valid ? children : 1 }, { enabled: valid });
  const picker = (id: string, label: string, value: UnitCostCategory, onChange: (c: UnitCostCategory) => void) => (
    <FormControl size="small" sx={{ minWidth: 280 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select labelId={id} label={label} value={value} onChange={(e) => onChange(e.target.value as UnitCostCategory)}>
        {UNIT_COST_CATEGORIES.map((c) => (
          <MenuItem key={c} value={c} disabled={!priced.some((r) => r.category === c)}>
            {UNIT_COST_LABELS[c]}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label="Move children calculator">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        What would a move cost or save?
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Priced at each kind of home's mean weekly cost today, in-house overheads included. Moves are the care plan's decision; this is the budget's side of it.
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <TextField
          size="small"
          label="Children"
          type="number"
          value={childrenText}
          onChange={(e) => setChildrenText(e.target.value)}
          error={!valid}
          helperText={childrenText.trim() === '' ? 'Enter how many children' : (problems.children ?? problems.to ?? ' ')}
          slotProps={{ htmlInput: { min: MoveScenarioInput.shape.children.minValue, max: MoveScenarioInput.shape.children.maxValue, step: 1 } }}
          sx={{ width: 140 }}
        />
        {picker('move-from', 'Move from', from, setFrom)}
        {picker('move-to', 'Move to', to, setTo)}
      </Stack>
      {move.isError && <Alert severity="warning">{move.error.message}</Alert>}
      {valid && move.data && (
        <Box role="status" aria-live="polite">
          <Typography variant="h6" component="p" sx={{ mb: 1 }}>
            Moving {whole(move.data.children)} {move.data.children === 1 ? 'child' : 'children'} from {move.data.from.label.toLowerCase()} to{' '}
            {move.data.to.label.toLowerCase()}: {change(move.data.annualChangePence)} a year.
          </Typography>
          <Grid container spacing={2}>
            {[
              ['A week', move.data.weeklyChangePence],
              ['A year (52 weeks)', move.data.annualChangePence],
              [`From today to ${formatIsoDate(move.data.financialYearEnd)} (${move.data.daysLeftInYear} days)`, move.data.restOfYearChangePence],
            ].map(([label, pence]) => (
              <Grid key={label as string} size={{ xs: 12, md: 4 }}>
                <Paper variant="outlined" sx={{ p: 1.5 }}>
                  <Typography variant="body2" color="text.secondary">
                    {label}
                  </Typography>
                  <Typography variant="h5" component="p" sx={{ fontWeight: 600, color: (pence as number) <= 0 ? 'success.main' : 'error.main' }}>
                    {(pence as number) <= 0 ? '−' : '+'}
                    {money(Math.abs(pence as number))}
                  </Typography>
                </Paper>
              </Grid>
            ))}
          </Grid>
          {move.data.warnings.map((w) => (
            <Alert key={w} severity="info" sx={{ mt: 1 }}>
              {w}
            </Alert>
          ))}
        </Box>
      )}
    </Paper>
  );
}

/** In-house against external: what a child's place costs for a year, and what moving children would change. */
export function CostsPage() {
  const scope = useCouncilScope();
  const costs = useApi('market.unitCosts', scope.councilId === undefined ? {} : { councilId: scope.councilId });
  return (
    <>
      <PageHeader
        title="Unit costs"
        subtitle="Annual cost per child of in-house and external care, and what moving children between them would cost or save"
        actions={scope.picker}
      />
      {costs.isPending && <LoadingState label="Working out unit costs" />}
      {costs.isError && <ErrorState error={costs.error} onRetry={() => void costs.refetch()} />}
      {costs.data && (
        <>
          <Grid container spacing={2} sx={{ mb: 2 }}>
            <Grid size={12}>
              <ChartCard
                title="Annual unit cost per child"
                subtitle="Mean weekly cost of current placements × 52, in-house overheads included. In-house in green, external in amber."
              >
                <Box role="img" aria-label="Bar chart of annual unit cost by kind of home">
                  <BarChart
                    skipAnimation
                    height={300}
                    layout="horizontal"
                    yAxis={[
                      {
                        scaleType: 'band',
                        data: costs.data.rows.map((r) => r.label),
                        width: 230,
                        // Each bar coloured by its sector.
                        colorMap: {
                          type: 'ordinal',
                          values: costs.data.rows.map((r) => r.label),
                          colors: costs.data.rows.map((r) => (r.sector === 'in_house' ? MARKET_COLOURS.inHouse : MARKET_COLOURS.external)),
                        },
                      },
                    ]}
                    xAxis={[{ valueFormatter: (v: number) => poundsShort(v), tickNumber: 6 }]}
                    series={[
                      {
                        label: 'Annual unit cost',
                        // No bar (not a £0 bar) where a kind of home has no prices at all.
                        data: costs.data.rows.map((r) => r.annualUnitCostPence),
                        valueFormatter: (v: number | null) => (v === null ? '' : money(v)),
                      },
                    ]}
                    hideLegend
                  />
                </Box>
              </ChartCard>
            </Grid>
          </Grid>
          <DataTable
            title="Annual unit costs"
            rows={costs.data.rows}
            columns={columns}
            rowId={(r) => r.category}
            asOf={costs.data.asOf}
            note="Priced from current placements' agreed prices (a sibling group's price shared across its children); where no child is placed in a kind of home, open vacancies' asking prices stand in. In-house costs include the overheads entered below."
          />
          <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label="What the unit costs include">
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
              What the unit costs include
            </Typography>
            {costs.data.rows
              .filter((r) => r.sector === 'in_house')
              .map((r) => (
                <Typography key={r.category} variant="body2" sx={{ mb: 0.5 }}>
                  <strong>{r.label}:</strong> {r.includes}
                </Typography>
              ))}
            <Typography variant="body2">
              <strong>External homes:</strong> {costs.data.rows.find((r) => r.sector === 'external')?.includes}
            </Typography>
          </Paper>
          <OverheadsPanel />
          <MoveCalculator rows={costs.data.rows} />
        </>
      )}
    </>
  );
}
