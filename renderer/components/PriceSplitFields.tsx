import { Grid, InputAdornment, TextField, Typography } from '@mui/material';
import { formatPence } from '../../shared/domain/money';

/** A weekly price as councils split it (in pence). */
export interface PriceSplit {
  core: number;
  support: number;
  education: number;
  other: number;
}

const PARTS: (keyof PriceSplit)[] = ['core', 'support', 'education', 'other'];
const LABELS: Record<keyof PriceSplit, string> = { core: 'Core', support: 'Support', education: 'Education', other: 'Other' };

export function splitTotal(split: PriceSplit): number {
  return PARTS.reduce((n, p) => n + split[p], 0);
}

/** Four pound fields and the weekly total; errors come keyed by part. */
export function PriceSplitFields({
  value,
  onChange,
  errors,
}: {
  value: PriceSplit;
  onChange: (v: PriceSplit) => void;
  errors?: Partial<Record<keyof PriceSplit, string | undefined>>;
}) {
  return (
    <Grid container spacing={1}>
      {PARTS.map((part) => (
        <Grid key={part} size={3}>
          <TextField
            size="small"
            type="number"
            label={LABELS[part]}
            value={value[part] / 100}
            onChange={(e) => onChange({ ...value, [part]: Math.round(Number(e.target.value) * 100) })}
            error={Boolean(errors?.[part])}
            helperText={errors?.[part]}
            slotProps={{ input: { startAdornment: <InputAdornment position="start">£</InputAdornment> }, htmlInput: { min: 0, step: 1 } }}
          />
        </Grid>
      ))}
      <Grid size={12}>
        <Typography variant="body2">Weekly total: {formatPence(splitTotal(value))}</Typography>
      </Grid>
    </Grid>
  );
}
