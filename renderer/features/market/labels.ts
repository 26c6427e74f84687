import type { GroupStats } from '../../../shared/contract/market';
import { SECTOR_LABELS, type Sector } from '../../../shared/contract/market';
import { HOME_KIND_LABELS, type HomeKind } from '../../../shared/domain/homes';
import { ofstedGradeLabel } from '../../../shared/domain/ofsted';
import { formatPence } from '../../../shared/domain/money';
import type { TableColumn } from './DataTable';

export const kindLabel = (k: HomeKind) => HOME_KIND_LABELS[k];
export const gradeLabel = ofstedGradeLabel;
export const sectorLabel = (s: Sector) => SECTOR_LABELS[s];
export const money = formatPence;
export const whole = (n: number) => new Intl.NumberFormat('en-GB').format(Math.round(n));

/** Columns shared by every table of distributions. */
export function statsColumns<T extends { stats: GroupStats['stats'] }>(): TableColumn<T>[] {
  return [
    { field: 'n', header: 'Prices', kind: 'number', width: 80, value: (r) => r.stats.n },
    { field: 'min', header: 'Lowest', kind: 'money', width: 100, value: (r) => r.stats.min },
    { field: 'q1', header: 'Lower quartile', kind: 'money', width: 120, value: (r) => Math.round(r.stats.q1) },
    { field: 'median', header: 'Median', kind: 'money', width: 100, value: (r) => Math.round(r.stats.median) },
    { field: 'q3', header: 'Upper quartile', kind: 'money', width: 120, value: (r) => Math.round(r.stats.q3) },
    { field: 'max', header: 'Highest', kind: 'money', width: 100, value: (r) => r.stats.max },
    { field: 'mean', header: 'Mean', kind: 'money', width: 100, value: (r) => Math.round(r.stats.mean) },
  ];
}
