import { Alert } from '@mui/material';
import { HUB_BEDS } from '../../../shared/contract/constellation';

/**
 * The hub household's approved number of children, above the calendar: the children living there
 * and those staying count against it every night, and a stay that would go over it is refused.
 */
export function HubApprovalNote({ approved, hubName, livingThere }: { approved: number | null; hubName: string; livingThere: number }) {
  if (approved === null) {
    return (
      <Alert severity="warning" variant="outlined">
        No fostering approval is recorded for {hubName}, so the calendar cannot check its approved number of children. Ask the supervising social worker.
      </Alert>
    );
  }
  // Whichever is fewer: the spare beds, or the places the approval leaves.
  const room = Math.max(0, Math.min(HUB_BEDS.length, approved - livingThere));
  return (
    <Alert severity="info" variant="outlined">
      {hubName} is approved for {approved} {approved === 1 ? 'child' : 'children'} at a time. With {livingThere} living there, {room}{' '}
      {room === 1 ? 'child' : 'children'} can stay on any one night ({HUB_BEDS.length} spare beds); a stay that would take the hub over its approved number is
      refused.
    </Alert>
  );
}
