import type { GroupStats } from '../../../shared/contract/market';
import { SECTOR_LABELS, type Sector } from '../../../shared/contract/market';
import { HOME_KIND_LABELS, type HomeKind } from '../../../shared/domain/homes';
import { ofstedGradeLabel } from '../../../shared/domain/ofsted';
import { formatPence } from '../../../shared/domain/money';
import type { TableColumn } from './DataTable';
import { FewCaution } from './caution';

export const kindLabel = (k: HomeKind) => HOME_KIND_LABELS[k];
export const gradeLabel = ofstedGradeLabel;
export const sectorLabel = (s: Sector) => SECTOR_LABELS[s];
export const money = formatPence;
export const whole = (n: number) => new Intl.NumberFormat('en-GB').format(Math.round(n));

/**
 * Columns shared by every table of distributions, in the order a commissioner reads them at 1366 px:
 * how many prices, the median (with a caution when there are fewer than 5), then the middle half,
 * then the extremes and the mean, which may sit past the right edge and scroll into view.
 */
export function statsColumns<T extends { stats: GroupStats['stats'] }>(): TableColumn<T>[] {
  return [
    { field: 'n', header: 'Prices', kind: 'number', width: 75, value: (r) => r.stats.n },
    {
      field: 'median',
      header: 'Median',
      kind: 'money',
      width: 125,
      value: (r) => Math.round(r.stats.median),
      render: (r) => (
        <>
          {money(Math.round(r.stats.median))}
          <FewCaution n={r.stats.n} noun="price" />
        </>
      ),
    },
    { field: 'q1', header: 'Lower quartile', kind: 'money', width: 100, value: (r) => Math.round(r.stats.q1) },
    { field: 'q3', header: 'Upper quartile', kind: 'money', width: 100, value: (r) => Math.round(r.stats.q3) },
    { field: 'min', header: 'Lowest', kind: 'money', width: 95, value: (r) => r.stats.min },
    { field: 'max', header: 'Highest', kind: 'money', width: 95, value: (r) => r.stats.max },
    { field: 'mean', header: 'Mean', kind: 'money', width: 95, value: (r) => Math.round(r.stats.mean) },
  ];
}
