import { Chip, Typography } from '@mui/material';
import type { VacancyView } from '../../../shared/contract/region';

/**
 * Beside a vacancy's status: why the app withdrew it (its home's Ofsted registration), or why its
 * home can take no child now. The same words the search gives when it leaves the home out.
 */
export function VacancyRegistrationNote({ v }: { v: VacancyView }) {
  const words = v.status === 'withdrawn' && v.withdrawnReason ? v.withdrawnReason : v.homeBarred;
  if (!words) return null;
  return (
    <Typography variant="body2" color="error" data-field="withdrawn-reason" sx={{ mt: 0.5 }}>
      {words}
    </Typography>
  );
}

/** A home that has recorded it can meet a Deprivation of Liberty order's conditions. */
export function DolCapableChip({ v }: { v: VacancyView }) {
  if (!v.dolCapable) return null;
  return <Chip size="small" variant="outlined" label="Can meet DoL order conditions" sx={{ mt: 0.5 }} />;
}
