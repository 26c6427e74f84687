import { Chip, Stack } from '@mui/material';
import type { HomeApprovalView } from '../../../shared/contract/region';
import { MAINSTREAM_APPROVAL, PLACEMENT_PURPOSE_LABELS } from '../../../shared/domain/purposes';

/**
 * What a home is approved for, under its name on the board: shown only where it differs from a
 * mainstream approval (the common case says nothing), and a connected-person carer's named child.
 */
export function HomeApprovalNote({ approval }: { approval: HomeApprovalView | undefined }) {
  if (!approval) return null;
  const mainstream = approval.approvedPurposes.length === MAINSTREAM_APPROVAL.length && MAINSTREAM_APPROVAL.every((p) => approval.approvedPurposes.includes(p));
  if (mainstream && !approval.connectedPerson) return null;
  return (
    <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5, mt: 0.5 }} data-field="approval">
      {!mainstream && (
        <Chip
          size="small"
          variant="outlined"
          label={`Approved for: ${approval.approvedPurposes.map((p) => PLACEMENT_PURPOSE_LABELS[p].toLowerCase()).join(', ')}`}
        />
      )}
      {approval.connectedPerson && (
        <Chip
          size="small"
          color="info"
          variant="outlined"
          label={approval.namedChildRef ? `Family and friends carer for ${approval.namedChildRef} and siblings` : 'Family and friends carer for a named child'}
          title="Connected-person carers are approved for a named child (Care Planning Regulations 2010, reg 24): offered to that child and their brothers and sisters only."
        />
      )}
    </Stack>
  );
}
