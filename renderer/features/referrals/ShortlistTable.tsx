import { useMemo, useState } from 'react';
import { Checkbox, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TableSortLabel } from '@mui/material';
import type { RankedHome } from '../../../shared/contract/matching';
import { HOME_KIND_LABELS } from '../../../shared/domain/homes';
import { formatPence } from '../../../shared/domain/money';
import { FACTOR_LABELS, FACTORS } from '../../../shared/scoring/types';
import { NotScoredCell } from './NotScored';

type SortKey = 'rank' | 'home' | 'kind' | 'provider' | 'miles' | 'weekly' | 'total' | (typeof FACTORS)[number];

const VALUE: Record<SortKey, (r: RankedHome) => number | string> = {
  rank: (r) => r.rank,
  home: (r) => r.homeName,
  kind: (r) => HOME_KIND_LABELS[r.kind],
  provider: (r) => r.providerName,
  miles: (r) => r.homeMiles,
  weekly: (r) => r.weeklyPence,
  total: (r) => r.total,
  ...(Object.fromEntries(FACTORS.map((f) => [f, (r: RankedHome) => r.factors[f].score])) as Record<(typeof FACTORS)[number], (r: RankedHome) => number>),
};

/** Scores read best-first; names and the rest read A to Z or nearest/cheapest first. */
const HIGH_FIRST = new Set<SortKey>(['total', ...FACTORS]);

/**
 * The ranked homes one row each, for a panel comparing many at a glance: sortable by any column,
 * with the same compare boxes as the cards (the homes ticked are what the shortlist exports).
 */
export function ShortlistTable({ homes, chosen, onToggle }: { homes: RankedHome[]; chosen: number[]; onToggle: (vacancyId: number) => void }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'rank', desc: false });
  const rows = useMemo(() => {
    const value = VALUE[sort.key];
    return [...homes].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB');
      return (sort.desc ? -order : order) || a.rank - b.rank;
    });
  }, [homes, sort]);
  const header = (key: SortKey, label: string, align: 'left' | 'right' = 'left') => (
    <TableCell align={align} sortDirection={sort.key === key ? (sort.desc ? 'desc' : 'asc') : false}>
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key && sort.desc ? 'desc' : 'asc'}
        onClick={() => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: HIGH_FIRST.has(key) }))}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <TableContainer>
      {/* Tight cells: thirteen columns fit a 1366 px laptop screen without scrolling sideways. */}
      <Table
        size="small"
        aria-label="Ranked homes as a list"
        sx={{ '& .MuiTableCell-root': { px: 0.5 }, '& .MuiTableCell-paddingCheckbox': { px: 0 }, '& .MuiTableSortLabel-icon': { mx: 0 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            {header('rank', 'Rank', 'right')}
            {header('home', 'Home')}
            {header('kind', 'Type')}
            {header('provider', 'Provider')}
            {header('miles', 'Miles', 'right')}
            {header('weekly', 'Weekly', 'right')}
            {header('total', 'Total', 'right')}
            {FACTORS.map((f) => header(f, FACTOR_LABELS[f], 'right'))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.vacancyId} hover selected={chosen.includes(r.vacancyId)}>
              <TableCell padding="checkbox">
                <Checkbox
                  size="small"
                  checked={chosen.includes(r.vacancyId)}
                  onChange={() => onToggle(r.vacancyId)}
                  slotProps={{ input: { 'aria-label': `Compare ${r.homeName}` } }}
                />
              </TableCell>
              <TableCell align="right">{r.rank}</TableCell>
              <TableCell>{r.homeName}</TableCell>
              <TableCell>{HOME_KIND_LABELS[r.kind]}</TableCell>
              <TableCell>{r.providerName}</TableCell>
              <TableCell align="right">{r.homeMiles.toFixed(1)}</TableCell>
              <TableCell align="right">{formatPence(r.weeklyPence)}</TableCell>
              <TableCell align="right">
                <strong>{r.total.toFixed(1)}</strong>
              </TableCell>
              {FACTORS.map((f) => (
                <TableCell key={f} align="right">
                  {r.factors[f].scored ? r.factors[f].score.toFixed(0) : <NotScoredCell factor={f} />}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
