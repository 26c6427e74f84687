import { Grid, MenuItem, TextField } from '@mui/material';
import { NewChild } from '../../../shared/contract/children';
import { fieldProblems } from '../../../shared/contract/issues';
import { SEX_LABELS, SEXES, type Sex } from '../../../shared/domain/homes';
import { DateField } from '../../components/DateField';

export interface NewChildDraft {
  firstName: string;
  birthDate: string;
  sex: Sex | '';
  councilId: number;
  homeArea: string;
}

export const emptyNewChild = (): NewChildDraft => ({ firstName: '', birthDate: '', sex: '', councilId: 0, homeArea: '' });

/** Field name → plain-words message, from the schema the server checks with (the server adds the date and postcode rules). */
export function validateNewChild(child: NewChildDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (child.sex === '') errors.sex = 'Choose the child’s sex (Unknown if not known)';
  if (child.councilId <= 0) errors.councilId = 'Choose the council responsible for the child';
  if (child.birthDate === '') errors.birthDate = 'Give the child’s date of birth (DD/MM/YYYY)';
  const problems = fieldProblems(NewChild, { ...child, sex: child.sex || 'U', councilId: child.councilId || 1 });
  return { ...problems, ...errors };
}

/** The few facts a child record needs, for a first referral that arrives before the child is on record. */
export function NewChildFields(props: {
  child: NewChildDraft;
  onChange: (child: NewChildDraft) => void;
  councils: { id: number; name: string }[];
  today: string;
  error: (field: keyof NewChildDraft) => string | undefined;
}) {
  const { child, onChange, error } = props;
  const set = <K extends keyof NewChildDraft>(key: K, value: NewChildDraft[K]) => onChange({ ...child, [key]: value });
  return (
    <>
      <Grid size={{ xs: 12, md: 4 }}>
        <TextField
          size="small"
          fullWidth
          required
          label="First name"
          value={child.firstName}
          onChange={(e) => set('firstName', e.target.value)}
          error={Boolean(error('firstName'))}
          helperText={error('firstName')}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <DateField
          label="Date of birth"
          value={child.birthDate}
          onChange={(iso) => set('birthDate', iso)}
          error={error('birthDate')}
          maxDate={props.today}
          fullWidth
          required
          size="small"
        />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <TextField
          select
          size="small"
          fullWidth
          required
          label="Sex"
          value={child.sex}
          onChange={(e) => set('sex', e.target.value as Sex)}
          error={Boolean(error('sex'))}
          helperText={error('sex')}
        >
          {SEXES.map((s) => (
            <MenuItem key={s} value={s}>
              {SEX_LABELS[s]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextField
          select
          size="small"
          fullWidth
          required
          label="Council responsible"
          value={child.councilId || ''}
          onChange={(e) => set('councilId', Number(e.target.value))}
          error={Boolean(error('councilId'))}
          helperText={error('councilId')}
        >
          {props.councils.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <TextField
          size="small"
          fullWidth
          label="Home postcode or area, if known"
          value={child.homeArea}
          onChange={(e) => set('homeArea', e.target.value)}
          error={Boolean(error('homeArea'))}
          helperText={error('homeArea') ?? 'A full postcode (e.g. BL1 1RU) or the name of an area'}
        />
      </Grid>
    </>
  );
}
