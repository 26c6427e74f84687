import { FormControlLabel, FormHelperText, Grid, Switch } from '@mui/material';

type OrderField = 'secureOrder' | 'deprivationOfLiberty';

/**
 * The two orders that decide where a child may live, kept apart because the law keeps them apart
 * (issue 13): each says which law it is and what it means for the search, so one is never ticked
 * for the other.
 */
export function LegalOrderFields({
  secureOrder,
  deprivationOfLiberty,
  onChange,
}: {
  secureOrder: boolean;
  deprivationOfLiberty: boolean;
  onChange: (field: OrderField, value: boolean) => void;
}) {
  return (
    <>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormControlLabel
          control={
            <Switch
              checked={secureOrder}
              onChange={(e) => onChange('secureOrder', e.target.checked)}
              slotProps={{ input: { 'aria-describedby': 'secure-order-help' } }}
            />
          }
          label="Secure accommodation order"
        />
        <FormHelperText id="secure-order-help">
          Children Act 1989 s25. Only a secure children’s home can take the child; secure beds are allocated nationally by the Secure Welfare Coordination Unit,
          not from the region’s vacancies.
        </FormHelperText>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormControlLabel
          control={
            <Switch
              checked={deprivationOfLiberty}
              onChange={(e) => onChange('deprivationOfLiberty', e.target.checked)}
              slotProps={{ input: { 'aria-describedby': 'dol-order-help' } }}
            />
          }
          label="Deprivation of Liberty order"
        />
        <FormHelperText id="dol-order-help">
          High Court, inherent jurisdiction. Not a secure order: the home must be willing and able to meet the order’s conditions.
        </FormHelperText>
      </Grid>
    </>
  );
}
