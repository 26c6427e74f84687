import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
} from '@mui/material';
import type { AuditFilter } from '../../../shared/contract/audit';
import { AUDIT_ACTIONS, type AuditActionFilter } from '../../../shared/domain/auditWords';
import { formatDateTime } from '../../../shared/domain/calendar';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles';
import { useApi, useApiMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { base64ToBytes, download } from '../market/export';

const roleLabel = (role: string) => ((ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : '—');
const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];
const EMPTY_FORM = { username: '', childRef: '', action: '', from: '', to: '' };

/** The form's text fields as the contract's filter: empty fields are left out. */
function toFilter(form: typeof EMPTY_FORM): AuditFilter {
  return {
    ...(form.username.trim() && { username: form.username.trim() }),
    ...(form.childRef.trim() && { childRef: form.childRef.trim() }),
    ...(form.action && { action: form.action as AuditActionFilter }),
    ...(form.from && { from: form.from }),
    ...(form.to && { to: form.to }),
  };
}

export function AuditPage() {
  const [form, setForm] = useState(EMPTY_FORM);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(50);
  const entries = useApi('audit.list', { filter, offset: page * rowsPerPage, limit: rowsPerPage });
  const verify = useApiMutation('audit.verify');
  const exporter = useApiMutation('audit.export', ['audit.list']);
  const set = (key: keyof typeof EMPTY_FORM) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const field = entries.error?.field;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(toFilter(form));
    setPage(0);
  };
  const exportAs = (format: 'csv' | 'pdf') =>
    exporter.mutate({ filter, format }, { onSuccess: (file) => download(base64ToBytes(file.base64), file.mimeType, file.filename) });

  return (
    <>
      <PageHeader
        title="Audit trail"
        subtitle="Every view and change of a child's record, every sign-in and every refusal. Entries are hash-chained and the chain's head is signed outside the store."
        actions={
          <Button variant="outlined" onClick={() => verify.mutate({})} disabled={verify.isPending}>
            Check the chain
          </Button>
        }
      />
      {verify.data && (
        <Alert severity={verify.data.intact ? 'success' : 'error'} sx={{ mb: 2 }} role="status">
          {verify.data.intact
            ? `All ${verify.data.entries} entries are intact, and agree with ${verify.data.checkpoints} signed checkpoints.`
            : `The audit trail has been tampered with. ${verify.data.problem ?? ''}`}
        </Alert>
      )}
      {verify.isError && <ErrorState error={verify.error} />}
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <form onSubmit={apply} aria-label="Filter the audit trail">
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <TextField size="small" label="Person (username)" value={form.username} onChange={set('username')} error={field === 'filter.username'} />
            <TextField
              size="small"
              label="Child reference"
              placeholder="RCC-00012"
              value={form.childRef}
              onChange={set('childRef')}
              error={field === 'filter.childRef'}
            />
            <TextField size="small" select label="Action" value={form.action} onChange={set('action')} sx={{ minWidth: 200 }}>
              <MenuItem value="">Any action</MenuItem>
              {(Object.keys(AUDIT_ACTIONS) as AuditActionFilter[]).map((a) => (
                <MenuItem key={a} value={a}>
                  {AUDIT_ACTIONS[a].label}
                </MenuItem>
              ))}
            </TextField>
            <DateField
              size="small"
              label="From"
              value={form.from}
              onChange={(from) => setForm({ ...form, from })}
              error={field === 'filter.from' ? entries.error?.message : undefined}
            />
            <DateField
              size="small"
              label="To"
              value={form.to}
              onChange={(to) => setForm({ ...form, to })}
              error={field === 'filter.to' ? entries.error?.message : undefined}
            />
            <Button type="submit" variant="contained">
              Show entries
            </Button>
            <Button onClick={() => exportAs('csv')} disabled={exporter.isPending}>
              Export CSV
            </Button>
            <Button onClick={() => exportAs('pdf')} disabled={exporter.isPending}>
              Export PDF
            </Button>
          </Stack>
        </form>
        {exporter.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {exporter.error.message}
          </Alert>
        )}
        {exporter.data && (
          <Alert severity="success" sx={{ mt: 2 }}>
            Saved {exporter.data.filename} with {exporter.data.entries} entries.
          </Alert>
        )}
      </Paper>
      {entries.isPending && <LoadingState label="Loading the audit trail" />}
      {entries.isError && <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.data && (
        <Paper variant="outlined">
          <TableContainer>
            <Table size="small" aria-label="Audit entries">
              <TableHead>
                <TableRow>
                  <TableCell>When</TableCell>
                  <TableCell>What happened</TableCell>
                  <TableCell>Role</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell align="right">Entry</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.data.rows.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</TableCell>
                    <TableCell>{e.words}</TableCell>
                    <TableCell>{roleLabel(e.role)}</TableCell>
                    <TableCell sx={{ color: e.outcome === 'ok' ? undefined : 'error.main' }}>{e.outcome === 'ok' ? 'Done' : 'Refused'}</TableCell>
                    <TableCell align="right">{e.id}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={entries.data.total}
            page={page}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
            labelRowsPerPage="Entries per page:"
            onPageChange={(_e, next) => setPage(next)}
            onRowsPerPageChange={(e) => {
              setRowsPerPage(Number(e.target.value));
              setPage(0);
            }}
          />
        </Paper>
      )}
    </>
  );
}
