import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/hooks';

/**
 * Shown to the first administrator of a new real store, once: the recovery key that unlocks the
 * store if this computer's copy of the store key is ever lost.
 */
export function RecoveryKeyDialog() {
  const client = useQueryClient();
  // The key is handed out once, so it is asked for once and kept in the query cache: a dialog
  // mounted twice (answers arrive in any order now that the backend runs in its own thread) shares
  // the one request and shows the same key rather than the second, empty answer.
  const reveal = useApi('recovery.reveal', {}, { staleTime: Infinity, gcTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false });
  const [open, setOpen] = useState(true);
  const key = reveal.data?.recoveryKey ?? null;
  const close = () => {
    setOpen(false);
    void client.invalidateQueries({ queryKey: ['system.info'] });
  };
  return (
    <Dialog open={open && (reveal.isPending || key !== null || reveal.isError)} aria-labelledby="recovery-key-title" maxWidth="sm" fullWidth>
      <DialogTitle id="recovery-key-title">Your recovery key</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          If this computer's copy of the store key is ever lost, this key unlocks the store again. It is shown only now: print it or save it in the council's
          password safe, away from this computer.
        </DialogContentText>
        {key && (
          <Typography component="p" sx={{ fontFamily: 'monospace', fontSize: '1.2rem', whiteSpace: 'nowrap', textAlign: 'center' }} data-testid="recovery-key">
            {key}
          </Typography>
        )}
        {reveal.isError && <Alert severity="error">{reveal.error.message}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => window.print()} disabled={!key}>
          Print
        </Button>
        <Button variant="contained" onClick={close}>
          I have printed or saved it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
