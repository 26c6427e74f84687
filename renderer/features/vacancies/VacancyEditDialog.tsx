import { useMemo, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import type { VacancyView } from '../../../shared/contract/region';
import { useApiMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { PriceSplitFields, type PriceSplit } from '../../components/PriceSplitFields';

interface Draft {
  beds: number;
  availableFrom: string;
  price: PriceSplit;
  restrictions: string;
}

/** The same rules the contract applies, checked as the officer types so the message sits by the field. */
function validate(d: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Number.isInteger(d.beds) || d.beds < 1) errors.beds = 'A vacancy has at least one bed';
  else if (d.beds > 20) errors.beds = 'No home offers more than 20 beds in one vacancy';
  if (!d.availableFrom) errors.availableFrom = 'Enter the date the bed is free, as DD/MM/YYYY';
  for (const part of ['core', 'support', 'education', 'other'] as const) {
    const pence = d.price[part];
    if (!Number.isFinite(pence) || pence < 0) errors[part] = 'A price cannot be negative';
    else if (pence > 5_000_000) errors[part] = 'Over £50,000 a week looks like a typing error';
  }
  if (!errors.core && d.price.core <= 0) errors.core = 'The core weekly price must be more than £0';
  if (d.restrictions.length > 500) errors.restrictions = 'Keep restrictions under 500 characters';
  return errors;
}

export function VacancyEditDialog({ vacancy, onClose, onSaved }: { vacancy: VacancyView; onClose: () => void; onSaved: (v: VacancyView) => void }) {
  const update = useApiMutation('vacancies.update', ['vacancies.list']);
  const [draft, setDraft] = useState<Draft>({
    beds: vacancy.beds,
    availableFrom: vacancy.availableFrom,
    price: { core: vacancy.priceCorePence, support: vacancy.priceSupportPence, education: vacancy.priceEducationPence, other: vacancy.priceOtherPence },
    restrictions: vacancy.restrictions,
  });
  const [touched, setTouched] = useState(false);
  const errors = useMemo(() => validate(draft), [draft]);
  const shown = (key: string) => (touched ? errors[key] : undefined) ?? (update.error?.field === key ? update.error.message : undefined);

  const save = () => {
    setTouched(true);
    if (Object.keys(errors).length > 0) return;
    update.mutate(
      {
        vacancyId: vacancy.id,
        beds: draft.beds,
        availableFrom: draft.availableFrom,
        priceCorePence: draft.price.core,
        priceSupportPence: draft.price.support,
        priceEducationPence: draft.price.education,
        priceOtherPence: draft.price.other,
        restrictions: draft.restrictions.trim(),
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="vacancy-edit-title" maxWidth="sm" fullWidth>
      <DialogTitle id="vacancy-edit-title">Edit the vacancy at {vacancy.homeName}</DialogTitle>
      <DialogContent dividers>
        <Stack
          spacing={2}
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack direction="row" spacing={2}>
            <TextField
              autoFocus
              size="small"
              type="number"
              label="Beds"
              value={Number.isNaN(draft.beds) ? '' : draft.beds}
              onChange={(e) => setDraft({ ...draft, beds: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
              error={Boolean(shown('beds'))}
              helperText={shown('beds')}
              slotProps={{ htmlInput: { min: 1, max: 20 } }}
              sx={{ width: 120 }}
            />
            <DateField
              label="Available from"
              value={draft.availableFrom}
              onChange={(availableFrom) => setDraft({ ...draft, availableFrom })}
              error={shown('availableFrom')}
            />
          </Stack>
          <PriceSplitFields
            value={draft.price}
            onChange={(price) => setDraft({ ...draft, price })}
            errors={{
              core: shown('core') ?? shown('priceCorePence'),
              support: shown('support') ?? shown('priceSupportPence'),
              education: shown('education') ?? shown('priceEducationPence'),
              other: shown('other') ?? shown('priceOtherPence'),
            }}
          />
          <TextField
            multiline
            minRows={2}
            label="Restrictions (who the home cannot take)"
            value={draft.restrictions}
            onChange={(e) => setDraft({ ...draft, restrictions: e.target.value })}
            error={Boolean(shown('restrictions'))}
            helperText={shown('restrictions') ?? `${draft.restrictions.length}/500`}
          />
          {update.error && !update.error.field && <Alert severity="error">{update.error.message}</Alert>}
          {/* Lets Enter in a field save the form. */}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={save} disabled={update.isPending}>
          Save changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}
