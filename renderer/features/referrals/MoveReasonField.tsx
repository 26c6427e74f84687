import { MenuItem, Stack, TextField } from '@mui/material';
import { reasonChoices } from '../../../shared/domain/placing';
import { EndingChip } from '../children/EndPlacement';

/**
 * Why a child already in care leaves their placement (SSDA903 reason for placement change), asked
 * when placing them moves them: each reason by its label, planned or unplanned as the region counts
 * endings. A first placement has no such reason, so the field is not shown then.
 */
export function MoveReasonField({ value, onChange, date }: { value: string; onChange: (code: string) => void; date: string }) {
  const choices = reasonChoices('move', date);
  const chosen = choices.find((c) => c.code === value);
  return (
    <TextField
      select
      required
      label="Why the child's current placement ends (reason for placement change)"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      helperText={
        chosen
          ? `${chosen.ending === 'planned' ? 'A planned move' : 'An unplanned move'}, as the region counts endings`
          : 'Needed: the child moves from a home in care'
      }
    >
      {choices.map((c) => (
        <MenuItem key={c.code} value={c.code}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', width: '100%' }}>
            <span style={{ flex: 1, whiteSpace: 'normal' }}>
              {c.code}: {c.label}
            </span>
            <EndingChip ending={c.ending} />
          </Stack>
        </MenuItem>
      ))}
    </TextField>
  );
}
