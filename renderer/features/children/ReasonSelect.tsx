import { Chip, MenuItem, Stack, TextField } from '@mui/material';
import { reasonChoices } from '../../../shared/domain/placing';

/** Planned or unplanned, in the words of shared/domain/endings.ts, beside a reason. */
export function EndingChip({ ending }: { ending: 'planned' | 'unplanned' }) {
  return <Chip size="small" variant="outlined" color={ending === 'planned' ? 'success' : 'warning'} label={ending === 'planned' ? 'Planned' : 'Unplanned'} />;
}

/**
 * An SSDA903 reason chosen by its label (a reason for placement change when the child moves, a
 * reason episode ceased when their care ends), each shown planned or unplanned as the region counts
 * endings; the codes offered are those valid on `date`.
 */
export function ReasonSelect(props: {
  kind: 'move' | 'ending';
  date: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  /** Said under the field before a reason is chosen. */
  emptyHelp: string;
  required?: boolean;
}) {
  const choices = reasonChoices(props.kind, props.date);
  const chosen = choices.find((c) => c.code === props.value);
  return (
    <TextField
      select
      required={props.required ?? false}
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      helperText={
        chosen ? `${chosen.ending === 'planned' ? `A planned ${props.kind}` : `An unplanned ${props.kind}`}, as the region counts endings` : props.emptyHelp
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
