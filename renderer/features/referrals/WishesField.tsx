import { Button, Grid, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddOutlined';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import type { ReferralFields } from '../../../shared/contract/referrals';
import { MAX_WISHES, WISH_KIND_HINTS, WISH_KIND_LABELS, WISH_KINDS, WISH_TEXT_MAX, type WishKind } from '../../../shared/domain/wishes';

type Wishes = ReferralFields['wishes'];

/**
 * The child's wishes one by one, beside their own words: what each is about and what they said.
 * Only these are scored against homes; with none, the match cards say "no wishes recorded".
 */
export function WishesField({ value, onChange, error }: { value: Wishes; onChange: (next: Wishes) => void; error: (path: string) => string | undefined }) {
  const change = (i: number, patch: Partial<Wishes[number]>) => onChange(value.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <Grid size={12}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        Their wishes, one by one
      </Typography>
      <Stack spacing={1.5}>
        {value.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            None recorded yet. Matches will say “no wishes recorded” until they are.
          </Typography>
        )}
        {value.map((w, i) => (
          <Stack key={i} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              select
              size="small"
              label={`Wish ${i + 1} is about`}
              value={w.kind}
              onChange={(e) => change(i, { kind: e.target.value as WishKind })}
              sx={{ minWidth: 290 }}
            >
              {WISH_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {WISH_KIND_LABELS[k]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              fullWidth
              label={`Wish ${i + 1} in their words`}
              value={w.text}
              onChange={(e) => change(i, { text: e.target.value })}
              error={Boolean(error(`wishes.${i}.text`))}
              helperText={error(`wishes.${i}.text`) ?? WISH_KIND_HINTS[w.kind]}
              slotProps={{ htmlInput: { maxLength: WISH_TEXT_MAX } }}
            />
            <IconButton aria-label={`Remove wish ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              <DeleteOutlineIcon />
            </IconButton>
          </Stack>
        ))}
        <div>
          <Button size="small" startIcon={<AddIcon />} disabled={value.length >= MAX_WISHES} onClick={() => onChange([...value, { kind: 'people', text: '' }])}>
            Add a wish
          </Button>
        </div>
        {error('wishes') && (
          <Typography variant="body2" color="error">
            {error('wishes')}
          </Typography>
        )}
      </Stack>
    </Grid>
  );
}
