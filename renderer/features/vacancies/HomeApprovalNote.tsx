import { Typography } from '@mui/material';
import type { HomeApprovalView } from '../../../shared/contract/region';
import { MAINSTREAM_APPROVAL, purposesInWords } from '../../../shared/domain/purposes';

/**
 * What a home is approved for, under its name on the board: said only where it differs from a
 * mainstream approval (the common case says nothing), and a connected-person carer's named child.
 * Plain text rather than chips, so a long approval wraps inside the column at 1366 px.
 */
export function HomeApprovalNote({ approval }: { approval: HomeApprovalView | undefined }) {
  if (!approval) return null;
  const mainstream = approval.approvedPurposes.length === MAINSTREAM_APPROVAL.length && MAINSTREAM_APPROVAL.every((p) => approval.approvedPurposes.includes(p));
  if (mainstream && !approval.connectedPerson) return null;
  return (
    <Typography variant="body2" color="text.secondary" data-field="approval">
      {!mainstream && `Approved for ${purposesInWords(approval.approvedPurposes)}.`}
      {!mainstream && approval.connectedPerson && ' '}
      {approval.connectedPerson &&
        (approval.namedChildRef
          ? `Family and friends carers for ${approval.namedChildRef} and their brothers and sisters only (reg 24).`
          : 'Family and friends carers for a named child and their brothers and sisters only (reg 24).')}
    </Typography>
  );
}
