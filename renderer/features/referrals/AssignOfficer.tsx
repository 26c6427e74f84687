import { TextField } from '@mui/material';
import type { ReferralDetail } from '../../../shared/contract/referrals';
import { useApi, useApiMutation } from '../../api/hooks';

/** Who holds the referral, and a way to hand it to another officer of its council or the region. */
export function AssignOfficer({ detail }: { detail: ReferralDetail }) {
  const { summary } = detail;
  const assignees = useApi('referrals.assignees', { referralId: summary.id });
  const assign = useApiMutation('referrals.assign', ['referrals.inbox', 'referrals.get']);
  const options = assignees.data ?? [];
  // A referral from before assignment, or held by someone no longer in the list, still shows who holds it.
  const current =
    summary.assignedUserId !== null && !options.some((o) => o.id === summary.assignedUserId)
      ? [{ id: summary.assignedUserId, displayName: summary.assignedName ?? 'Unknown officer' }]
      : [];
  return (
    <TextField
      select
      size="small"
      label="Assigned officer"
      sx={{ minWidth: 220 }}
      value={summary.assignedUserId ?? ''}
      disabled={assign.isPending || assignees.isPending}
      error={assign.isError}
      helperText={assign.isError ? assign.error.message : undefined}
      // A native select: it keeps no hidden menu or focus handling of its own alongside the page's dialogs.
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      onChange={(e) => assign.mutate({ referralId: summary.id, userId: Number(e.target.value) })}
    >
      {summary.assignedUserId === null && <option value="">Not assigned</option>}
      {[...current, ...options].map((o) => (
        <option key={o.id} value={o.id}>
          {o.displayName}
        </option>
      ))}
    </TextField>
  );
}
