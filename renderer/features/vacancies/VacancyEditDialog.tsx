import { useMemo, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { contract, type MethodInput } from '../../../shared/contract';
import { fieldProblems, messageForField } from '../../../shared/contract/issues';
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

/** The input's fields, for the limits the form shows (the spinner's range, the character count). */
const FIELDS = contract['vacancies.update'].input.shape;

/** What the form sends: the contract's input for vacancies.update. */
function inputOf(vacancyId: number, d: Draft): MethodInput<'vacancies.update'> {
  return {
    vacancyId,
    beds: d.beds,
    availableFrom: d.availableFrom,
    priceCorePence: d.price.core,
    priceSupportPence: d.price.support,
    priceEducationPence: d.price.education,
    priceOtherPence: d.price.other,
    restrictions: d.restrictions.trim(),
  };
}

/**
 * The contract's own rules for vacancies.update, checked as the officer types so each message sits
 * by its field (keyed by the input's field names, as the server's errors are). Only an empty field
 * gets the form's own prompt, in the UK date form the field shows.
 */
function validate(vacancyId: number, d: Draft): Record<string, string> {
  const errors = fieldProblems(contract['vacancies.update'].input, inputOf(vacancyId, d));
  if (Number.isNaN(d.beds)) errors.beds = 'Enter the number of beds';
  if (!d.availableFrom) errors.availableFrom = 'Enter the date the bed is free, as DD/MM/YYYY';
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
  const errors = useMemo(() => validate(vacancy.id, draft), [vacancy.id, draft]);
  const shown = (key: string) => (touched ? errors[key] : undefined) ?? messageForField(update.error, key);

  const save = () => {
    setTouched(true);
    if (Object.keys(errors).length > 0) return;
    update.mutate(inputOf(vacancy.id, draft), { onSuccess: onSaved });
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
              slotProps={{ htmlInput: { min: FIELDS.beds.minValue, max: FIELDS.beds.maxValue } }}
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
              core: shown('priceCorePence'),
              support: shown('priceSupportPence'),
              education: shown('priceEducationPence'),
              other: shown('priceOtherPence'),
            }}
          />
          <TextField
            multiline
            minRows={2}
            label="Restrictions (who the home cannot take)"
            value={draft.restrictions}
            onChange={(e) => setDraft({ ...draft, restrictions: e.target.value })}
            error={Boolean(shown('restrictions'))}
            helperText={shown('restrictions') ?? `${draft.restrictions.length}/${FIELDS.restrictions.maxLength}`}
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
