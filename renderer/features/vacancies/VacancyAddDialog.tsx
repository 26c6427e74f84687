import { useState } from 'react';
import { Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, InputAdornment, Stack, TextField } from '@mui/material';
import type { VacancyAddInput, VacancyHomeOption, VacancyView } from '../../../shared/contract/region';
import { HOME_KIND_LABELS } from '../../../shared/domain/homes';
import { useApi, useApiMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';

type Draft = Omit<VacancyAddInput, 'homeId'> & { home: VacancyHomeOption | null };

const PRICE_FIELDS = [
  { key: 'priceCore', label: 'Core' },
  { key: 'priceSupport', label: 'Support' },
  { key: 'priceEducation', label: 'Education' },
  { key: 'priceOther', label: 'Other' },
] as const;

const EMPTY: Draft = { home: null, beds: '1', availableFrom: '', priceCore: '', priceSupport: '', priceEducation: '', priceOther: '', restrictions: '' };

/**
 * A vacancy a provider sent by e-mail. The fields go to the server as typed: it checks them with the
 * vacancy feed's own rules and names the first field at fault, so the form never disagrees with an import.
 */
export function VacancyAddDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (v: VacancyView) => void }) {
  const homes = useApi('vacancies.homes', {});
  const add = useApiMutation('vacancies.add', ['vacancies.list']);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [noHome, setNoHome] = useState(false);
  const shown = (field: keyof VacancyAddInput) => (add.error?.field === field ? add.error.message : undefined);
  const set = (field: Exclude<keyof Draft, 'home'>) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  const save = () => {
    const { home, ...fields } = draft;
    setNoHome(home === null);
    if (home === null) return;
    add.mutate({ homeId: home.id, ...fields }, { onSuccess: onAdded });
  };
  const homeError = noHome ? 'Choose the home the vacancy is at' : shown('homeId');

  return (
    <Dialog open onClose={onClose} aria-labelledby="vacancy-add-title" maxWidth="sm" fullWidth>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <DialogTitle id="vacancy-add-title">Add a vacancy</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <Autocomplete
              options={homes.data ?? []}
              loading={homes.isPending}
              value={draft.home}
              onChange={(_e, home) => setDraft((d) => ({ ...d, home }))}
              getOptionLabel={(h) => h.name}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              renderOption={(props, h) => (
                <li {...props} key={h.id}>
                  {h.name} · {HOME_KIND_LABELS[h.kind]} · {h.providerName} · {h.councilName}
                </li>
              )}
              renderInput={(params) => (
                <TextField
                  {...params}
                  autoFocus
                  label="Home"
                  required
                  error={Boolean(homeError)}
                  helperText={
                    homeError ??
                    (draft.home
                      ? `${HOME_KIND_LABELS[draft.home.kind]}, ${draft.home.providerName}, ${draft.home.councilName}`
                      : 'Type part of the home’s name')
                  }
                />
              )}
            />
            <Stack direction="row" spacing={2}>
              <TextField
                size="small"
                label="Beds"
                required
                value={draft.beds}
                onChange={set('beds')}
                error={Boolean(shown('beds'))}
                helperText={shown('beds')}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                sx={{ width: 140 }}
              />
              <DateField
                label="Available from"
                required
                value={draft.availableFrom}
                onChange={(availableFrom) => setDraft((d) => ({ ...d, availableFrom }))}
                error={shown('availableFrom')}
              />
            </Stack>
            <Grid container spacing={1}>
              {PRICE_FIELDS.map(({ key, label }) => (
                <Grid key={key} size={3}>
                  <TextField
                    size="small"
                    label={label}
                    required={key === 'priceCore'}
                    value={draft[key]}
                    onChange={set(key)}
                    error={Boolean(shown(key))}
                    helperText={shown(key)}
                    slotProps={{ input: { startAdornment: <InputAdornment position="start">£</InputAdornment> }, htmlInput: { inputMode: 'decimal' } }}
                  />
                </Grid>
              ))}
            </Grid>
            <TextField
              multiline
              minRows={2}
              label="Restrictions and notes (who the home cannot take)"
              value={draft.restrictions}
              onChange={set('restrictions')}
              error={Boolean(shown('restrictions'))}
              helperText={shown('restrictions') ?? `${draft.restrictions.length}/500`}
            />
            {add.error && !add.error.field && <Alert severity="error">{add.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={add.isPending}>
            Add vacancy
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
