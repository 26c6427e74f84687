import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, TextField } from '@mui/material';

/** A select over one of the shared code lists; its options are the list's own strings. */
export function CodeSelect<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  error?: string | undefined;
  helper?: string;
}) {
  return (
    <TextField
      select
      fullWidth
      size="small"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as T)}
      error={Boolean(props.error)}
      helperText={props.error ?? props.helper}
    >
      {props.options.map((o) => (
        <MenuItem key={o} value={o}>
          {o}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Several ticks from one code list, as a labelled group (keyboard: Tab and Space). */
export function CodeChecklist<T extends string>(props: {
  label: string;
  value: readonly T[];
  options: readonly T[];
  labels?: Partial<Record<T, string>>;
  onChange: (v: T[]) => void;
  error?: string | undefined;
}) {
  const toggle = (o: T) => props.onChange(props.value.includes(o) ? props.value.filter((x) => x !== o) : [...props.value, o]);
  return (
    <FormControl component="fieldset" error={Boolean(props.error)} fullWidth>
      <FormLabel component="legend">{props.label}</FormLabel>
      <FormGroup row>
        {props.options.map((o) => (
          <FormControlLabel
            key={o}
            control={<Checkbox checked={props.value.includes(o)} onChange={() => toggle(o)} size="small" />}
            label={props.labels?.[o] ?? o}
          />
        ))}
      </FormGroup>
      {props.error && <FormHelperText>{props.error}</FormHelperText>}
    </FormControl>
  );
}
