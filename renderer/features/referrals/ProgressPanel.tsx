import { Alert, Paper, Stack, Typography } from '@mui/material';
import type { ReferralProgress } from '../../../shared/contract/referralDay';

/** Where the referral stands and what to do next, with anything about to slip, above every tab. */
export function ProgressPanel({ progress }: { progress: ReferralProgress }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label="Where this referral stands">
      <Stack spacing={1}>
        <Typography sx={{ fontWeight: 600 }}>{progress.state}</Typography>
        <Typography>
          <strong>Next: </strong>
          {progress.next}
        </Typography>
        {progress.reminders.length > 0 && (
          <Stack spacing={1} role="list" aria-label="Reminders">
            {progress.reminders.map((r, i) => (
              <Alert key={i} role="listitem" severity={r.severity === 'overdue' ? 'error' : 'warning'} sx={{ py: 0 }}>
                {r.text}
              </Alert>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
