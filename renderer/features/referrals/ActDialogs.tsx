import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import type { RankedHome } from '../../../shared/contract/matching';
import { DISTANCE_REASONS, type DistanceReason } from '../../../shared/domain/placements-standard';
import { DateField } from '../../components/DateField';
import { PriceSplitFields } from '../../components/PriceSplitFields';
import { useApi, useApiMutation } from '../../api/hooks';
import { MoveReasonField } from './MoveReasonField';
import { localIsoDate } from '../../../shared/domain/calendar';
import { plural } from '../../../shared/domain/words';

export type Act = { kind: 'hold' | 'response' | 'place'; home: RankedHome };
const AFTER = ['referrals.get', 'referrals.inbox', 'referrals.progress', 'placement.offers', 'vacancies.list', 'matching.runs', 'children.profile'] as const;

type Split = RankedHome['priceSplit'];

/** Hold a bed, record a provider's answer, or place the child: each one step in the referral's history. */
export function ActDialog({
  act,
  referralId,
  childId,
  siblingCount,
  onClose,
}: {
  act: Act;
  referralId: number;
  childId: number;
  siblingCount: number;
  onClose: () => void;
}) {
  const hold = useApiMutation('placement.hold', [...AFTER]);
  const respond = useApiMutation('placement.recordResponse', [...AFTER]);
  const place = useApiMutation('placement.place', [...AFTER]);
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<'offered' | 'refused'>('offered');
  const [price, setPrice] = useState<Split>(act.home.priceSplit);
  const [startDate, setStartDate] = useState(localIsoDate(new Date()));
  const [distanceReason, setDistanceReason] = useState<DistanceReason>(
    act.home.withinTwentyMiles ? 'Not applicable' : 'Provision within distance exists but unavailable',
  );
  // Placing a child who already lives in care moves them, and the move needs its reason.
  const profile = useApi('children.profile', { childId }, { enabled: act.kind === 'place' });
  const moving = act.kind === 'place' && profile.data?.inCare === true;
  const [reasonPlaceChange, setReasonPlaceChange] = useState('');
  const error = hold.error ?? respond.error ?? place.error;
  const pending = hold.isPending || respond.isPending || place.isPending;
  const base = { referralId, vacancyId: act.home.vacancyId };
  const title = {
    hold: `Hold a bed at ${act.home.homeName}`,
    response: `Record ${act.home.providerName}'s answer`,
    place: `Place the child at ${act.home.homeName}`,
  }[act.kind];

  const submit = () => {
    if (act.kind === 'hold') hold.mutate({ ...base, note }, { onSuccess: onClose });
    else if (act.kind === 'response')
      respond.mutate({ ...base, response: answer, reason: note, price: answer === 'offered' ? price : null }, { onSuccess: onClose });
    else
      place.mutate(
        { ...base, startDate, price, rationale: note, distanceReason, reasonPlaceChange: moving ? reasonPlaceChange || null : null },
        { onSuccess: onClose },
      );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="act-title" maxWidth="sm" fullWidth>
      <DialogTitle id="act-title">{title}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          {act.kind === 'hold' && (
            <Alert severity="info">
              Holding takes the bed off every other officer&apos;s list while you call {act.home.providerName} on {act.home.phone || 'their listed number'}.
            </Alert>
          )}
          {act.kind === 'response' && (
            <ToggleButtonGroup exclusive value={answer} onChange={(_e, v: 'offered' | 'refused' | null) => v && setAnswer(v)} aria-label="Provider's answer">
              <ToggleButton value="offered">Offered a place</ToggleButton>
              <ToggleButton value="refused">Said no</ToggleButton>
            </ToggleButtonGroup>
          )}
          {((act.kind === 'response' && answer === 'offered') || act.kind === 'place') && <PriceSplitFields value={price} onChange={setPrice} />}
          {act.kind === 'place' && (
            <>
              <DateField
                label="Start date"
                value={startDate}
                onChange={setStartDate}
                size="medium"
                error={startDate ? undefined : 'Enter the start date as DD/MM/YYYY'}
              />
              <TextField
                select
                label="Placing at distance: reason"
                value={distanceReason}
                onChange={(e) => setDistanceReason(e.target.value as DistanceReason)}
              >
                {DISTANCE_REASONS.map((r) => (
                  <MenuItem key={r} value={r}>
                    {r}
                  </MenuItem>
                ))}
              </TextField>
              {moving && <MoveReasonField value={reasonPlaceChange} onChange={setReasonPlaceChange} date={startDate || localIsoDate(new Date())} />}
              {siblingCount > 0 && (
                <Alert severity="info">
                  {siblingCount === 1 ? 'The sibling on this referral moves' : `The ${plural(siblingCount, 'sibling')} on this referral move`} in together. The
                  price above is for all {siblingCount + 1} children; each child&apos;s record holds an equal share of it.
                </Alert>
              )}
            </>
          )}
          <TextField
            autoFocus
            multiline
            minRows={2}
            label={
              act.kind === 'place'
                ? 'Why this home (for the panel and the child’s record)'
                : act.kind === 'response' && answer === 'refused'
                  ? 'Why they said no (required)'
                  : 'Note (optional)'
            }
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {error && <Alert severity="error">{error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={submit} disabled={pending}>
          {act.kind === 'hold' ? 'Hold the bed' : act.kind === 'response' ? 'Record answer' : 'Place the child'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
