import { Alert, Button, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';

const roleLabel = (role: string) => ((ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role);
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

export function AuditPage() {
  const entries = useApi('audit.list', { limit: 200 });
  const verify = useApiMutation('audit.verify');
  return (
    <>
      <PageHeader
        title="Audit trail"
        subtitle="Every view and change of a child's record, every sign-in and every refusal. Entries are hash-chained."
        actions={
          <Button variant="outlined" onClick={() => verify.mutate({})} disabled={verify.isPending}>
            Check the chain
          </Button>
        }
      />
      {verify.data && (
        <Alert severity={verify.data.intact ? 'success' : 'error'} sx={{ mb: 2 }}>
          {verify.data.intact
            ? `All ${verify.data.entries} entries are intact.`
            : `The chain is broken at entry ${verify.data.firstBadId}: an entry was edited, removed or reordered.`}
        </Alert>
      )}
      {verify.isError && <ErrorState error={verify.error} />}
      {entries.isPending && <LoadingState label="Loading the audit trail" />}
      {entries.isError && <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.data && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Audit entries">
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                <TableCell>Who</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Action</TableCell>
                <TableCell>Record</TableCell>
                <TableCell>Outcome</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.data.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>{when.format(new Date(e.at))}</TableCell>
                  <TableCell>{e.username}</TableCell>
                  <TableCell>{roleLabel(e.role)}</TableCell>
                  <TableCell>
                    {e.action} ({e.method})
                  </TableCell>
                  <TableCell>
                    {e.recordType} {e.recordId}
                  </TableCell>
                  <TableCell>{e.outcome}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
