import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import type { ChildProfile } from '../../../shared/contract/children';
import { mayCall } from '../../../shared/contract/access';
import { formatIsoDate, localIsoDate } from '../../../shared/domain/calendar';
import { reasonChoices } from '../../../shared/domain/placing';
import { ReasonSelect } from './ReasonSelect';
import { useApi, useApiMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';

type CurrentPlacement = NonNullable<ChildProfile['currentPlacement']>;
const AFTER = ['children.profile', 'children.list', 'vacancies.list', 'referrals.get', 'referrals.inbox'] as const;

/** "End placement" on the child's current placement, for those the contract lets end one. */
export function EndPlacementAction({ placement }: { placement: CurrentPlacement | null }) {
  const me = useApi('auth.me', {});
  const [open, setOpen] = useState(false);
  if (!placement || !mayCall(me.data?.role, 'placement.end')) return null;
  return (
    <>
      <Button size="small" variant="outlined" color="warning" sx={{ mt: 1 }} onClick={() => setOpen(true)}>
        End placement
      </Button>
      {open && <EndPlacementDialog placement={placement} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The child leaves care from this placement: the day, why (SSDA903 reason episode ceased, shown by
 * its label with planned or unplanned), a note, then a confirmation. A move within care is made by
 * placing the child from a referral, which asks for the reason for the change.
 */
function EndPlacementDialog({ placement, onClose }: { placement: CurrentPlacement; onClose: () => void }) {
  const end = useApiMutation('placement.end', [...AFTER]);
  const today = localIsoDate(new Date());
  const [endDate, setEndDate] = useState(today);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const choices = reasonChoices('ending', endDate || today);
  const chosen = choices.find((c) => c.code === reason) ?? null;
  const ready = endDate !== '' && chosen !== null;

  return (
    <Dialog open onClose={onClose} aria-labelledby="end-placement-title" maxWidth="sm" fullWidth>
      <DialogTitle id="end-placement-title">End the placement at {placement.homeName}</DialogTitle>
      <DialogContent dividers>
        {confirming && chosen ? (
          <DialogContentText>
            The placement at {placement.homeName} ends on {formatIsoDate(endDate)} and the child leaves care: {chosen.label} ({chosen.code}, {chosen.ending}).
            The bed goes back to the home&apos;s vacancy if it still takes children. This is written to the child&apos;s SSDA903 history and cannot be undone
            here.
          </DialogContentText>
        ) : (
          <Stack spacing={2}>
            <Alert severity="info">To move the child to another home, place them from a referral instead: the move asks why the placement changes.</Alert>
            <DateField
              label="Last day of the placement"
              value={endDate}
              onChange={setEndDate}
              size="medium"
              minDate={placement.startDate}
              maxDate={today}
              error={endDate ? undefined : 'Enter the date as DD/MM/YYYY'}
            />
            <ReasonSelect
              kind="ending"
              date={endDate || today}
              label="Why the child's care ended (SSDA903 reason episode ceased)"
              value={reason}
              onChange={setReason}
              emptyHelp=" "
            />
            <TextField multiline minRows={2} label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
          </Stack>
        )}
        {end.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {end.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={confirming ? () => setConfirming(false) : onClose}>{confirming ? 'Back' : 'Cancel'}</Button>
        {confirming ? (
          <Button
            variant="contained"
            color="warning"
            disabled={end.isPending}
            onClick={() => end.mutate({ placementId: placement.placementId, endDate, reasonEpisodeCeased: reason, note }, { onSuccess: onClose })}
          >
            End placement
          </Button>
        ) : (
          <Button variant="contained" disabled={!ready} onClick={() => setConfirming(true)}>
            Continue
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
