import { useState, type ReactNode } from 'react';
import { Chip, FormControl, InputLabel, MenuItem, Select } from '@mui/material';
import { useApi } from '../../api/hooks';

/**
 * Which council a spend or sufficiency screen covers. Region-wide commissioners choose; a
 * council's own commissioner is fixed to it (the dispatcher enforces the same).
 */
export function useCouncilScope(): { councilId: number | undefined; picker: ReactNode } {
  const me = useApi('auth.me', {});
  const councils = useApi('region.councils', {});
  const [chosen, setChosen] = useState<number | ''>('');
  const own = me.data?.councilId ?? null;
  if (own !== null) {
    const name = councils.data?.find((c) => c.id === own)?.name ?? 'your council';
    return { councilId: own, picker: <Chip label={`Scope: ${name}`} /> };
  }
  return {
    councilId: chosen === '' ? undefined : chosen,
    picker: (
      <FormControl size="small" sx={{ minWidth: 200 }}>
        <InputLabel id="market-scope" shrink>
          Council
        </InputLabel>
        <Select
          labelId="market-scope"
          label="Council"
          notched
          displayEmpty
          value={chosen}
          onChange={(e) => setChosen(String(e.target.value) === '' ? '' : Number(e.target.value))}
        >
          <MenuItem value="">Whole region</MenuItem>
          {councils.data?.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    ),
  };
}
