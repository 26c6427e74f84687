import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import { DataGrid, gridFilteredSortedRowEntriesSelector, useGridApiRef, type GridColDef, type GridValidRowModel } from '@mui/x-data-grid';
import { formatPence } from '../../../shared/domain/money';
import { exportFileName } from '../../../shared/domain/demo';
import { useApi } from '../../api/hooks';
import { download, fileSlug, toCsv, toXlsx, type ColumnKind, type ExportColumn } from './export';

export interface TableColumn<T> extends ExportColumn<T> {
  field: string;
  kind?: ColumnKind;
  width?: number;
  flex?: number;
  /** For a flexible column: the narrowest it may get before the grid scrolls sideways (150 unless said). */
  minWidth?: number;
  /** What the cell shows, when more than the value (a link, a chip). */
  render?: (row: T) => ReactNode;
}

function display(kind: ColumnKind | undefined, v: string | number | null): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'money':
      return formatPence(v);
    case 'percent':
      return `${v.toFixed(1)}%`;
    case 'days':
      return `${v} day${v === 1 ? '' : 's'}`;
    default:
      return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(v);
  }
}

interface DataTableProps<T> {
  title: string;
  rows: readonly T[];
  columns: readonly TableColumn<T>[];
  rowId: (row: T) => string | number;
  /** Said under the title and written into the exported workbook. */
  note?: string;
  height?: number;
  asOf: string;
}

/**
 * MUI's data grid with the two exports every market table offers. The exports follow the grid:
 * the rows as sorted and filtered on screen, the columns as headed, money in pounds.
 */
export function DataTable<T>({ title, rows, columns, rowId, note, height, asOf }: DataTableProps<T>) {
  const apiRef = useGridApiRef();
  const [failed, setFailed] = useState<string | null>(null);
  const byId = useMemo(() => new Map(rows.map((r) => [String(rowId(r)), r])), [rows, rowId]);
  const gridColumns = useMemo<GridColDef<GridValidRowModel>[]>(
    () =>
      columns.map((c) => ({
        field: c.field,
        headerName: c.header,
        type: c.kind && c.kind !== 'text' ? 'number' : 'string',
        ...(c.width ? { width: c.width } : { flex: c.flex ?? 1, minWidth: c.minWidth ?? 150 }),
        valueGetter: (_value, row) => c.value(row as T),
        valueFormatter: (value) => display(c.kind, value as string | number | null),
        ...(c.render ? { renderCell: (params) => c.render!(params.row as T) } : {}),
      })),
    [columns],
  );

  const visibleRows = (): T[] => {
    const entries = apiRef.current ? gridFilteredSortedRowEntriesSelector(apiRef) : [];
    return entries.length > 0 || rows.length === 0 ? entries.map((e) => byId.get(String(e.id))!).filter(Boolean) : [...rows];
  };
  const storeKind = useApi('system.info', {}).data?.storeKind ?? null;
  const base = exportFileName(`rcc-${fileSlug(title)}-${asOf}`, storeKind);
  const footnote = `${title}. RCC Placements, ${asOf}.${note ? ` ${note}` : ''} Aggregates, prices and pseudonymous references only.`;

  const exportCsv = () => download(`\ufeff${toCsv(columns, visibleRows())}`, 'text/csv;charset=utf-8', `${base}.csv`);
  const exportXlsx = async () => {
    try {
      setFailed(null);
      const bytes = await toXlsx(title, columns, visibleRows(), footnote);
      download(bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${base}.xlsx`);
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    }
  };

  const paged = rows.length > 100;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label={title}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mb: 1 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          {note && (
            <Typography variant="body2" color="text.secondary">
              {note}
            </Typography>
          )}
        </Box>
        <Button size="small" startIcon={<DownloadIcon />} onClick={exportCsv} aria-label={`Export ${title} as CSV`}>
          CSV
        </Button>
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => void exportXlsx()} aria-label={`Export ${title} as XLSX`}>
          XLSX
        </Button>
      </Stack>
      {failed && (
        <Alert severity="error" sx={{ mb: 1 }}>
          The workbook could not be made: {failed}
        </Alert>
      )}
      <Box sx={{ height: height ?? Math.min(440, 58 + Math.max(1, Math.min(rows.length, 10)) * 36 + (paged ? 52 : 0)), width: '100%' }}>
        <DataGrid
          apiRef={apiRef}
          label={title}
          rows={rows as unknown as GridValidRowModel[]}
          columns={gridColumns}
          getRowId={(r) => rowId(r as T)}
          density="compact"
          // Headers wrap onto two lines, so narrow number columns keep their words and more columns fit at 1366 px.
          columnHeaderHeight={52}
          sx={{ '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', lineHeight: 1.2 } }}
          disableRowSelectionOnClick
          hideFooter={!paged}
          pageSizeOptions={[25, 50, 100]}
          initialState={paged ? { pagination: { paginationModel: { pageSize: 100, page: 0 } } } : {}}
        />
      </Box>
    </Paper>
  );
}
