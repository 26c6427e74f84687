import { Box, Tooltip } from '@mui/material';
import WarningIcon from '@mui/icons-material/WarningAmberOutlined';
import { FEW_TO_RELY_ON, restsOnFew } from '../../../shared/domain/stats';
import { plural } from '../../../shared/domain/words';

/** Why a figure carries a caution, in words: said by the marker and in a tile's note. */
export function fewWords(n: number, noun: 'price' | 'placement'): string {
  return `rests on ${plural(n, noun)}, fewer than ${FEW_TO_RELY_ON}: treat with caution`;
}

/** A caution beside a figure that rests on fewer than 5 prices or placements; nothing otherwise. */
export function FewCaution({ n, noun }: { n: number; noun: 'price' | 'placement' }) {
  if (!restsOnFew(n)) return null;
  const words = `This figure ${fewWords(n, noun)}.`;
  return (
    <Tooltip title={words}>
      <Box
        component="span"
        role="img"
        aria-label={words}
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, ml: 0.75, color: 'warning.main', fontSize: '0.8125rem', whiteSpace: 'nowrap' }}
      >
        <WarningIcon fontSize="inherit" aria-hidden />
        few
      </Box>
    </Tooltip>
  );
}
