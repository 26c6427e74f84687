import { Box, Tooltip, Typography } from '@mui/material';
import { FACTOR_LABELS, type FactorId } from '../../../shared/scoring/types';

/**
 * A factor with no score for this child: today only the wishes, when none recorded can be checked
 * against a home. Shown in words, never as a bar or a number, because its weight went to the others.
 */
export function notScoredText(factor: FactorId): string {
  return factor === 'wishes' ? 'No wishes recorded' : 'Not scored';
}

/** One line of a result card's factor grid, in place of the bar and the number. */
export function NotScoredRow({ factor }: { factor: FactorId }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography variant="body2">{FACTOR_LABELS[factor]}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ gridColumn: 'span 2', fontStyle: 'italic' }}>
        {notScoredText(factor)} (not scored)
      </Typography>
    </Box>
  );
}

/** A shortlist table cell: a dash with the reason on hover and for screen readers. */
export function NotScoredCell({ factor }: { factor: FactorId }) {
  return (
    <Tooltip title={`${notScoredText(factor)}: not scored`}>
      <span aria-label={`${notScoredText(factor)}: not scored`}>—</span>
    </Tooltip>
  );
}
