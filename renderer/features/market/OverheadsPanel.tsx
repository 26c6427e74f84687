import { mayChangeRegionWideFigures } from '../../../shared/domain/roles';
import { useState } from 'react';
import { Alert, Box, Button, InputAdornment, Paper, Stack, TextField, Typography } from '@mui/material';
import { mayCall } from '../../../shared/contract/access';
import { fieldProblems, messageForField } from '../../../shared/contract/issues';
import { InHouseOverheadsInput, OVERHEAD_LABELS, OVERHEAD_PARTS, type InHouseOverheadsRow, type OverheadPart } from '../../../shared/contract/market';
import { formatDateTime } from '../../../shared/domain/calendar';
import { HOME_KIND_LABELS } from '../../../shared/domain/homes';
import { useApi, useApiMutation } from '../../api/hooks';
import { money } from './labels';

type Parts = Record<OverheadPart, number>;

/** One kind of home's overheads: four pound fields and a save, checked by the contract's own rules. */
function OverheadsRow({ row, editable }: { row: InHouseOverheadsRow; editable: boolean }) {
  const [parts, setParts] = useState<Parts>(row);
  const save = useApiMutation('market.setInHouseOverheads', ['market.inHouseOverheads', 'market.unitCosts', 'market.moveScenario']);
  const input = { kind: row.kind, ...Object.fromEntries(OVERHEAD_PARTS.map((p) => [p, parts[p]])) };
  const problems = fieldProblems(InHouseOverheadsInput, input);
  const changed = OVERHEAD_PARTS.some((p) => parts[p] !== row[p]);
  const total = OVERHEAD_PARTS.reduce((n, p) => n + (Number.isFinite(parts[p]) ? parts[p] : 0), 0);
  return (
    <Box component="form" aria-label={`In-house overheads for ${HOME_KIND_LABELS[row.kind].toLowerCase()}`} sx={{ mb: 1.5 }}>
      <Typography sx={{ fontWeight: 600, mb: 1 }}>{HOME_KIND_LABELS[row.kind]}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {OVERHEAD_PARTS.map((p) => (
          <TextField
            key={p}
            size="small"
            type="number"
            label={OVERHEAD_LABELS[p]}
            value={Number.isFinite(parts[p]) ? parts[p] / 100 : ''}
            disabled={!editable}
            onChange={(e) => setParts({ ...parts, [p]: e.target.value.trim() === '' ? NaN : Math.round(Number(e.target.value) * 100) })}
            error={Boolean(problems[p] ?? messageForField(save.error, p))}
            helperText={problems[p] ?? messageForField(save.error, p) ?? ' '}
            slotProps={{ input: { startAdornment: <InputAdornment position="start">£</InputAdornment> }, htmlInput: { min: 0, step: 1 } }}
            sx={{ width: 180 }}
          />
        ))}
        <Typography sx={{ pt: 1, minWidth: 140 }}>= {money(total)} a week</Typography>
        {editable && (
          <Button
            variant="outlined"
            disabled={!changed || Object.keys(problems).length > 0 || save.isPending}
            onClick={() => save.mutate(InHouseOverheadsInput.parse(input))}
          >
            Save
          </Button>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {row.updatedAt ? `Entered by ${row.updatedBy ?? 'someone'} on ${formatDateTime(row.updatedAt)}.` : 'Not entered yet: counts as £0.'}
      </Typography>
      {save.isError && !OVERHEAD_PARTS.some((p) => messageForField(save.error, p)) && <Alert severity="error">{save.error.message}</Alert>}
    </Box>
  );
}

/**
 * What an in-house placement costs beyond carer payments, per week per placement: added to the
 * in-house unit costs and the move calculator so they compare like for like with agency prices.
 */
export function OverheadsPanel() {
  const me = useApi('auth.me', {});
  const overheads = useApi('market.inHouseOverheads', {});
  // Region-wide figures: a council-scoped commissioner reads them; the dispatcher refuses them a change.
  const editable = mayCall(me.data?.role, 'market.setInHouseOverheads') && !!me.data && mayChangeRegionWideFigures(me.data);
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label="In-house overheads">
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        In-house overheads per week per placement
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        An agency’s price includes its supervising social workers, recruitment, training and support (out of hours, groups, respite); what the region pays its
        own carers does not. These are added to every in-house unit cost above and to the move calculator.
      </Typography>
      {/* Keyed by when it was saved, so a saved row starts again from what was stored. */}
      {overheads.data?.map((row) => (
        <OverheadsRow key={`${row.kind}:${row.updatedAt ?? ''}`} row={row} editable={editable} />
      ))}
    </Paper>
  );
}
