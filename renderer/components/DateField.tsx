import { useState } from 'react';
import type { ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/en-gb';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';

/**
 * Dates typed and shown as DD/MM/YYYY whatever the browser's own locale (Chromium's native date
 * input follows the operating system, which on many machines is American).
 */
export function UkDatesProvider({ children }: { children: ReactNode }) {
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale="en-gb">
      {children}
    </LocalizationProvider>
  );
}

const ISO = 'YYYY-MM-DD';

/**
 * A date field holding an ISO date string ('' when empty or not yet a whole date). While a date is
 * half-typed the parent sees '', but the field keeps what was typed.
 */
export function DateField(props: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  error?: string | undefined;
  helperText?: string | undefined;
  required?: boolean;
  fullWidth?: boolean;
  minDate?: string;
  maxDate?: string;
  size?: 'small' | 'medium';
}) {
  const [typed, setTyped] = useState<Dayjs | null>(props.value ? dayjs(props.value) : null);
  const [seen, setSeen] = useState(props.value);
  if (props.value !== seen) {
    // The parent set a different date (a reset, a loaded record): follow it. While a date is half
    // typed the parent holds '', and what was typed stays.
    setSeen(props.value);
    const typedIso = typed?.isValid() ? typed.format(ISO) : '';
    if (props.value !== typedIso && !(props.value === '' && typed !== null && !typed.isValid())) setTyped(props.value ? dayjs(props.value) : null);
  }
  const unfinished = typed !== null && !typed.isValid();
  const message = props.error ?? (unfinished ? 'Enter a real date as DD/MM/YYYY' : props.helperText);
  return (
    <DatePicker
      label={props.label}
      value={typed}
      format="DD/MM/YYYY"
      {...(props.minDate ? { minDate: dayjs(props.minDate) } : {})}
      {...(props.maxDate ? { maxDate: dayjs(props.maxDate) } : {})}
      onChange={(d) => {
        setTyped(d);
        props.onChange(d?.isValid() ? d.format(ISO) : '');
      }}
      slotProps={{
        textField: {
          size: props.size ?? 'small',
          fullWidth: props.fullWidth ?? false,
          required: props.required ?? false,
          error: Boolean(props.error) || unfinished,
          helperText: message,
        },
      }}
    />
  );
}
