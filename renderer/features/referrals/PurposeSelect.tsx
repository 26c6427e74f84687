import { Grid, MenuItem, TextField } from '@mui/material';
import { PLACEMENT_PURPOSES, PLACEMENT_PURPOSE_LABELS, type PlacementPurpose } from '../../../shared/domain/purposes';

/** What each purpose means for the search, so the social worker picks knowing which carers it reaches. */
const PURPOSE_HELP: Record<PlacementPurpose, string> = {
  emergency: 'Offered by emergency and short-term carers.',
  short_term: 'Offered by short-term and long-term carers while the care plan is made.',
  long_term: 'A permanent move: offered only by carers and homes approved for long-term care.',
  short_breaks: 'A planned series of stays: offered only by short-breaks carers.',
  parent_and_child: 'Offered only by parent-and-child carers and homes.',
  staying_put: 'For a care leaver of 18 or over, with the foster carers they live with now.',
};

/** The referral's placement purpose (what is needed, beside when it is needed). */
export function PurposeSelect(props: { value: PlacementPurpose; onChange: (v: PlacementPurpose) => void; error?: string | undefined }) {
  return (
    <Grid size={{ xs: 12, md: 6 }}>
      <TextField
        select
        fullWidth
        size="small"
        label="Placement purpose"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as PlacementPurpose)}
        error={Boolean(props.error)}
        helperText={props.error ?? PURPOSE_HELP[props.value]}
      >
        {PLACEMENT_PURPOSES.map((p) => (
          <MenuItem key={p} value={p}>
            {PLACEMENT_PURPOSE_LABELS[p]}
          </MenuItem>
        ))}
      </TextField>
    </Grid>
  );
}
