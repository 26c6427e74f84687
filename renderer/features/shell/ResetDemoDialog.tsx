import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, LinearProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract';
import { useApiMutation } from '../../api/hooks';

/**
 * Administrators of a demo store can put the region back as it was generated (for today), e.g.
 * before a training session. Accounts stay; everything else is replaced, so it asks first.
 */
export function ResetDemoDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (result: MethodOutput<'demo.reset'>) => void }) {
  const client = useQueryClient();
  const reset = useApiMutation('demo.reset');
  const run = () =>
    reset.mutate(
      {},
      {
        onSuccess: async (result) => {
          // Every screen's data changed: drop all cached answers rather than guess which.
          await client.invalidateQueries();
          onDone(result);
        },
      },
    );
  return (
    <Dialog open={open} onClose={reset.isPending ? undefined : onClose} aria-labelledby="reset-demo-title">
      <DialogTitle id="reset-demo-title">Reset the demo region?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Every child, referral, vacancy, placement and constellation record in this demo store is replaced by a freshly generated demo region for today. Demo
          and other accounts are kept; the audit log records the reset. This cannot be undone.
        </DialogContentText>
        {reset.isPending && <LinearProgress sx={{ mt: 2 }} aria-label="Generating the demo region" />}
        {reset.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {reset.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus disabled={reset.isPending}>
          Cancel
        </Button>
        <Button onClick={run} color="error" variant="contained" disabled={reset.isPending}>
          Reset the demo region
        </Button>
      </DialogActions>
    </Dialog>
  );
}
