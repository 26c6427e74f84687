import { useState } from 'react';
import {
  Button, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { SEX_LABELS } from '../../../shared/domain/homes';
import { formatIsoDate } from '../../../shared/domain/money';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ChildProfilePage } from './ChildProfilePage';
import { hrefTo } from '../../navigate';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';

/** "#/children" lists; "#/children/12" opens one child's profile. */
export function ChildrenScreen({ param }: { param: string }) {
  const id = Number(param);
  if (param && Number.isInteger(id) && id > 0) return <ChildProfilePage childId={id} />;
  return <ChildrenPage />;
}

export function ChildrenPage() {
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<number | null>(null);
  const children = useApi('children.list', search.trim() ? { search: search.trim() } : {});

  return (
    <>
      <PageHeader
        title="Children"
        subtitle="Children in care in your scope, by pseudonymous reference. Every view is recorded in the audit trail."
        actions={<TextField size="small" label="Find by reference" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="RCC-000" />}
      />
      {children.isPending && <LoadingState label="Loading children" />}
      {children.isError && <ErrorState error={children.error} onRetry={() => void children.refetch()} />}
      {children.data?.length === 0 && <EmptyState title="No child's reference starts with that" />}
      {children.data && children.data.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Children">
            <TableHead>
              <TableRow>
                <TableCell>Reference</TableCell>
                <TableCell align="right">Age</TableCell>
                <TableCell>Sex</TableCell>
                <TableCell>Council</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {children.data.map((c) => (
                <TableRow key={c.id} hover>
                  <TableCell>{c.ref}</TableCell>
                  <TableCell align="right">{c.age}</TableCell>
                  <TableCell>{SEX_LABELS[c.sex]}</TableCell>
                  <TableCell>{c.councilName}</TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => setOpenId(c.id)} aria-label={`Quick look at ${c.ref}`}>
                      Quick look
                    </Button>
                    <Button size="small" href={hrefTo(`children/${c.id}`)} aria-label={`Open profile ${c.ref}`}>
                      Profile
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {openId !== null && <ChildDialog childId={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}

function ChildDialog({ childId, onClose }: { childId: number; onClose: () => void }) {
  const child = useApi('children.get', { childId });
  return (
    <Dialog open onClose={onClose} aria-labelledby="child-title" maxWidth="xs" fullWidth>
      <DialogTitle id="child-title">{child.data ? `${child.data.ref} · ${child.data.firstName}` : 'Child record'}</DialogTitle>
      <DialogContent dividers>
        {child.isPending && <LoadingState label="Opening record" />}
        {child.isError && <ErrorState error={child.error} />}
        {child.data && (
          <>
            <Typography>Born {formatIsoDate(child.data.birthDate)} (age {child.data.age})</Typography>
            <Typography>Home council: {child.data.councilName}</Typography>
            <Typography>Home area: {child.data.placeLabel}</Typography>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
