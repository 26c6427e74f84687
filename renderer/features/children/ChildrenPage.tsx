import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { SEX_LABELS } from '../../../shared/domain/homes';
import { formatIsoDate } from '../../../shared/domain/calendar';
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

/** Page sizes the list offers; the contract allows up to 500, a region has thousands of children. */
const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];
const DEFAULT_ROWS_PER_PAGE = 50;

export function ChildrenPage() {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(DEFAULT_ROWS_PER_PAGE);
  const [openId, setOpenId] = useState<number | null>(null);
  const children = useApi(
    'children.list',
    { ...(search.trim() ? { search: search.trim() } : {}), limit: rowsPerPage, offset: page * rowsPerPage },
    // The last page stays on screen while the next loads, so the pager keeps its place and focus.
    { placeholderData: keepPreviousData },
  );
  const total = children.data?.total ?? 0;
  const searching = search.trim() !== '';
  // The list shrank under this page (a search, or records removed elsewhere): step back to the last page with rows.
  const lastPage = Math.max(0, Math.ceil(total / rowsPerPage) - 1);
  if (children.data && !children.isPlaceholderData && page > lastPage) setPage(lastPage);
  const shownPage = Math.min(page, lastPage);

  return (
    <>
      <PageHeader
        title="Children"
        subtitle="Children in care in your scope, by pseudonymous reference and first name. Every view is recorded in the audit trail."
        actions={
          <TextField
            size="small"
            label="Find a child"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(0);
            }}
            placeholder="Reference, first name or council"
          />
        }
      />
      {children.isPending && <LoadingState label="Loading children" />}
      {children.isError && <ErrorState error={children.error} onRetry={() => void children.refetch()} />}
      {children.data?.total === 0 && (
        <EmptyState title={searching ? 'No child’s reference, first name or council holds that' : 'No children in your scope yet'} />
      )}
      {children.data && children.data.total > 0 && (
        <Paper variant="outlined">
          <Typography variant="body2" color="text.secondary" aria-live="polite" sx={{ px: 2, pt: 1.5, pb: 1 }}>
            {total.toLocaleString('en-GB')} {total === 1 ? 'child' : 'children'}
            {searching ? ` matching “${search.trim()}”` : ''}
            {total > rowsPerPage &&
              ` · showing ${(shownPage * rowsPerPage + 1).toLocaleString('en-GB')}–${Math.min(total, (shownPage + 1) * rowsPerPage).toLocaleString('en-GB')}`}
          </Typography>
          <TableContainer>
            <Table size="small" aria-label="Children">
              <TableHead>
                <TableRow>
                  <TableCell>Reference</TableCell>
                  <TableCell>First name</TableCell>
                  <TableCell align="right">Age</TableCell>
                  <TableCell>Sex</TableCell>
                  <TableCell>Council</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {children.data.rows.map((c) => (
                  <TableRow key={c.id} hover>
                    <TableCell>{c.ref}</TableCell>
                    <TableCell>{c.firstName}</TableCell>
                    <TableCell align="right">{c.age ?? 'Unknown'}</TableCell>
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
          <TablePagination
            component="div"
            count={total}
            page={shownPage}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
            labelRowsPerPage="Children per page:"
            onPageChange={(_e, next) => setPage(next)}
            onRowsPerPageChange={(e) => {
              setRowsPerPage(Number(e.target.value));
              setPage(0);
            }}
          />
        </Paper>
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
            <Typography>
              {child.data.birthDate
                ? `Born ${formatIsoDate(child.data.birthDate)} (age ${child.data.age})`
                : 'Date of birth unreadable in the store: open the profile for details'}
            </Typography>
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
