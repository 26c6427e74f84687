import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import type { CouncilView } from '../../../shared/contract/region';
import { councilCentreProblem, councilNameProblem, dfeLaCodeProblem, normaliseLaCode, onsLaCodeProblem } from '../../../shared/domain/councils';
import { looksLikePostcode } from '../../../shared/geo/postcode';
import { useApi, useApiMutation } from '../../api/hooks';
import { messageForField } from '../../../shared/contract/issues';

interface Draft {
  name: string;
  dfeCode: string;
  onsCode: string;
  centre: string;
}

/** The contract's own rules (shared/domain/councils.ts), checked as the administrator types so each message sits by its field. */
function validate(d: Draft): Partial<Record<keyof Draft, string>> {
  const errors: Partial<Record<keyof Draft, string>> = {};
  const checks: [keyof Draft, string | null][] = [
    ['name', councilNameProblem(d.name.trim())],
    ['dfeCode', dfeLaCodeProblem(normaliseLaCode(d.dfeCode))],
    ['onsCode', onsLaCodeProblem(normaliseLaCode(d.onsCode))],
    ['centre', councilCentreProblem(d.centre.trim())],
  ];
  for (const [field, problem] of checks) if (problem !== null) errors[field] = problem;
  return errors;
}

/** Adds a partner council, or corrects one (`council` given). */
export function CouncilDialog({ council, onClose, onSaved }: { council: CouncilView | null; onClose: () => void; onSaved: (c: CouncilView) => void }) {
  const create = useApiMutation('councils.create', ['region.councils']);
  const update = useApiMutation('councils.update', ['region.councils']);
  const saving = create.isPending || update.isPending;
  const error = council ? update.error : create.error;
  const [draft, setDraft] = useState<Draft>({
    name: council?.name ?? '',
    dfeCode: council?.dfeCode ?? '',
    onsCode: council?.onsCode ?? '',
    centre: council?.centreLabel ?? '',
  });
  const [touched, setTouched] = useState(false);
  const errors = useMemo(() => validate(draft), [draft]);
  const shown = (field: keyof Draft) => (touched ? errors[field] : undefined) ?? messageForField(error, field);
  const set = (field: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  // Towns from the gazetteer as the administrator types; a postcode is placed from the directory when saved.
  const prefix = draft.centre.trim();
  const towns = useApi('places.search', { prefix, limit: 8 }, { enabled: prefix.length >= 2 && !looksLikePostcode(prefix), placeholderData: keepPreviousData });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length > 0) return;
    const fields = { name: draft.name, dfeCode: draft.dfeCode, onsCode: draft.onsCode, centre: draft.centre };
    if (council) update.mutate({ councilId: council.id, ...fields }, { onSuccess: onSaved });
    else create.mutate(fields, { onSuccess: onSaved });
  };
  const fieldless = error && !(['name', 'dfeCode', 'onsCode', 'centre'] as const).some((f) => f === error.field);

  return (
    <Dialog open onClose={onClose} aria-labelledby="council-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="council-title">{council ? `Edit ${council.name}` : 'Add a partner council'}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <TextField
              label="Council"
              value={draft.name}
              onChange={set('name')}
              required
              autoFocus
              error={Boolean(shown('name'))}
              helperText={shown('name') ?? 'As the council names itself, e.g. Manchester'}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label="DfE LA code"
                value={draft.dfeCode}
                onChange={set('dfeCode')}
                required
                fullWidth
                error={Boolean(shown('dfeCode'))}
                helperText={shown('dfeCode') ?? 'Three digits, as on its SSDA903 return, e.g. 352'}
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
              />
              <TextField
                label="ONS code"
                value={draft.onsCode}
                onChange={set('onsCode')}
                required
                fullWidth
                error={Boolean(shown('onsCode'))}
                helperText={shown('onsCode') ?? 'E06, E08, E09 or E10 and six digits, e.g. E08000003'}
                slotProps={{ htmlInput: { maxLength: 12 } }}
              />
            </Stack>
            <Autocomplete
              freeSolo
              options={towns.data?.map((t) => t.label) ?? []}
              filterOptions={(options) => options}
              inputValue={draft.centre}
              onInputChange={(_e, value) => setDraft((d) => ({ ...d, centre: value }))}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label="Centre"
                  required
                  error={Boolean(shown('centre'))}
                  helperText={
                    shown('centre') ??
                    'A postcode (e.g. M60 2LA) or a town (e.g. Manchester). Where a child’s or a home’s own place is unknown, distances are measured from here.'
                  }
                />
              )}
            />
            {fieldless && <Alert severity="error">{error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {council ? 'Save changes' : 'Add council'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
