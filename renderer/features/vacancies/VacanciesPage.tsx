import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  Snackbar,
  Stack,
  Typography,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
} from '@mui/material';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import type { VacancyView } from '../../../shared/contract/region';
import { HomeApprovalNote } from './HomeApprovalNote';
import { HOME_KIND_LABELS, HOME_KINDS, VACANCY_STATUS_LABELS, VACANCY_STATUSES, type HomeKind, type VacancyStatus } from '../../../shared/domain/homes';
import { ofstedGradeLabel } from '../../../shared/domain/ofsted';
import { formatPence } from '../../../shared/domain/money';
import { onEvent } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { VacancyAddDialog } from './VacancyAddDialog';
import { VacancyEditDialog } from './VacancyEditDialog';
import { DolCapableChip, VacancyRegistrationNote } from './VacancyRegistrationNote';
import { formatIsoDate, localIsoDateIn } from '../../../shared/domain/calendar';
import { mayCall } from '../../../shared/contract/access';

/** "Free by" choices, in days from today; '' is any date. */
const AVAILABILITY: { days: number | ''; label: string }[] = [
  { days: '', label: 'Any date' },
  { days: 0, label: 'Free now' },
  { days: 7, label: 'Within a week' },
  { days: 28, label: 'Within four weeks' },
];

/** Page sizes the board offers; the contract allows up to 500, the region has thousands. */
const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];
const DEFAULT_ROWS_PER_PAGE = 50;

const STATUS_COLOURS: Record<VacancyStatus, 'success' | 'warning' | 'default' | 'error'> = {
  open: 'success',
  held: 'warning',
  filled: 'default',
  withdrawn: 'error',
};

export function VacanciesPage() {
  const client = useQueryClient();
  const [status, setStatus] = useState<VacancyStatus | ''>('open');
  const [councilId, setCouncilId] = useState<number | ''>('');
  const [homeKind, setHomeKind] = useState<HomeKind | ''>('');
  const [freeWithin, setFreeWithin] = useState<number | ''>('');
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(DEFAULT_ROWS_PER_PAGE);
  const [toEdit, setToEdit] = useState<VacancyView | null>(null);
  const [adding, setAdding] = useState(false);
  const me = useApi('auth.me', {});
  const mayAdd = mayCall(me.data?.role, 'vacancies.add');
  const councils = useApi('region.councils', {});
  const vacancies = useApi(
    'vacancies.list',
    {
      ...(status ? { status } : {}),
      ...(councilId ? { councilId } : {}),
      ...(homeKind ? { homeKind } : {}),
      ...(freeWithin !== '' ? { availableBy: localIsoDateIn(freeWithin) } : {}),
      limit: rowsPerPage,
      offset: page * rowsPerPage,
    },
    // The last page stays on screen while the next loads, so the pager (and the keyboard focus on
    // its buttons) is not torn down and rebuilt on every page turn.
    { placeholderData: keepPreviousData },
  );
  const total = vacancies.data?.total ?? 0;
  /** A filter changed: its first page, not page 3 of a list that may now have one. */
  const filterBy =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(0);
    };
  const setVacancyStatus = useApiMutation('vacancies.setStatus', ['vacancies.list']);
  const [toWithdraw, setToWithdraw] = useState<VacancyView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Changes made in another window or by another officer appear without a reload.
  useEffect(() => onEvent('vacancy.changed', () => void client.invalidateQueries({ queryKey: ['vacancies.list'] })), [client]);

  // The list shrank under this page (a hold or withdrawal here or elsewhere emptied it): step back
  // to the last page that has rows. Set while rendering, as React advises, not in an effect.
  const lastPage = Math.max(0, Math.ceil(total / rowsPerPage) - 1);
  if (vacancies.data && !vacancies.isPlaceholderData && page > lastPage) setPage(lastPage);

  const change = (v: VacancyView, next: VacancyStatus) =>
    setVacancyStatus.mutate(
      { vacancyId: v.id, status: next },
      { onSuccess: () => setNotice(`${v.homeName}: vacancy now ${VACANCY_STATUS_LABELS[next].toLowerCase()}.`) },
    );

  return (
    <>
      <PageHeader
        title="Vacancies"
        subtitle="Every vacancy across the partner councils"
        actions={
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            {mayAdd && (
              <Button variant="contained" onClick={() => setAdding(true)}>
                Add vacancy
              </Button>
            )}
            <FormControl size="small" sx={{ minWidth: 150 }}>
              <InputLabel id="kind-filter" shrink>
                Type
              </InputLabel>
              <Select
                labelId="kind-filter"
                label="Type"
                displayEmpty
                notched
                value={homeKind}
                onChange={(e) => filterBy(setHomeKind)(e.target.value as HomeKind | '')}
              >
                <MenuItem value="">All types</MenuItem>
                {HOME_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {HOME_KIND_LABELS[k]}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <FormControl size="small" sx={{ minWidth: 160 }}>
              <InputLabel id="free-filter">Available</InputLabel>
              <Select
                labelId="free-filter"
                label="Available"
                value={freeWithin === '' ? 'any' : String(freeWithin)}
                onChange={(e) => filterBy(setFreeWithin)(e.target.value === 'any' ? '' : Number(e.target.value))}
              >
                {AVAILABILITY.map((a) => (
                  <MenuItem key={a.label} value={a.days === '' ? 'any' : String(a.days)}>
                    {a.label}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <FormControl size="small" sx={{ minWidth: 140 }}>
              <InputLabel id="status-filter" shrink>
                Status
              </InputLabel>
              <Select
                labelId="status-filter"
                label="Status"
                displayEmpty
                notched
                value={status}
                onChange={(e) => filterBy(setStatus)(e.target.value as VacancyStatus | '')}
              >
                <MenuItem value="">All statuses</MenuItem>
                {VACANCY_STATUSES.map((s) => (
                  <MenuItem key={s} value={s}>
                    {VACANCY_STATUS_LABELS[s]}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <FormControl size="small" sx={{ minWidth: 180 }}>
              <InputLabel id="council-filter" shrink>
                Council
              </InputLabel>
              <Select
                labelId="council-filter"
                label="Council"
                displayEmpty
                notched
                value={councilId}
                onChange={(e) => filterBy(setCouncilId)(e.target.value ? Number(e.target.value) : '')}
              >
                <MenuItem value="">All councils</MenuItem>
                {councils.data?.map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {c.name}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          </Stack>
        }
      />
      {setVacancyStatus.isError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {setVacancyStatus.error.message}
        </Alert>
      )}
      {vacancies.isPending && <LoadingState label="Loading vacancies" />}
      {vacancies.isError && <ErrorState error={vacancies.error} onRetry={() => void vacancies.refetch()} />}
      {vacancies.data?.total === 0 && <EmptyState title="No vacancies match these filters" />}
      {vacancies.data && vacancies.data.total > 0 && (
        <Paper variant="outlined">
          <Typography variant="body2" color="text.secondary" aria-live="polite" sx={{ px: 2, pt: 1.5, pb: 0.5 }}>
            {total.toLocaleString('en-GB')} {total === 1 ? 'vacancy' : 'vacancies'}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 1 }}>
            Vacancies at the same home are beds of one home. Searches, the region plan, holds and placements never give a home more children than its approval
            allows, whichever of its vacancies they come through; beds held there count against it, the carers’ own children do not. A sibling group needs all
            its beds in one vacancy.
          </Typography>
          <TableContainer>
            <Table size="small" aria-label="Vacancies">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ minWidth: 200 }}>Home and provider</TableCell>
                  <TableCell>Type and Ofsted</TableCell>
                  <TableCell>Council</TableCell>
                  <TableCell>Beds and from</TableCell>
                  <TableCell align="right">Weekly price</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell sx={{ width: 150 }}>Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {vacancies.data.rows.map((v) => (
                  <TableRow key={v.id} hover>
                    <TableCell>
                      {v.homeName}
                      <Typography variant="body2" color="text.secondary">
                        {v.providerName}
                      </Typography>
                      <HomeApprovalNote approval={v.approval} />
                      {v.homeVacancies > 1 && (v.status === 'open' || v.status === 'held') && (
                        <Chip size="small" variant="outlined" label={`One of ${v.homeVacancies} vacancies at this home`} sx={{ mt: 0.5 }} />
                      )}
                      <DolCapableChip v={v} />
                      {v.restrictions && (
                        <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
                          {v.restrictions}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <span data-field="kind">{HOME_KIND_LABELS[v.homeKind]}</span>
                      <Typography variant="body2" color="text.secondary">
                        Ofsted: {ofstedGradeLabel(v.ofstedGrade)}
                      </Typography>
                    </TableCell>
                    <TableCell>{v.councilName}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {v.beds} {v.beds === 1 ? 'bed' : 'beds'}
                      <Typography variant="body2" color="text.secondary">
                        from {formatIsoDate(v.availableFrom)}
                      </Typography>
                    </TableCell>
                    <TableCell
                      align="right"
                      title={`Core ${formatPence(v.priceCorePence)}, support ${formatPence(v.priceSupportPence)}, education ${formatPence(v.priceEducationPence)}, other ${formatPence(v.priceOtherPence)}`}
                    >
                      {formatPence(v.weeklyPricePence)}
                    </TableCell>
                    <TableCell>
                      <Chip size="small" label={VACANCY_STATUS_LABELS[v.status]} color={STATUS_COLOURS[v.status]} />
                      <VacancyRegistrationNote v={v} />
                    </TableCell>
                    <TableCell>
                      {/* The actions wrap in their own narrow column, so a 1366 px screen shows them all without scrolling sideways. */}
                      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 0.5, '& .MuiButton-root': { minWidth: 0 } }}>
                        {v.status !== 'filled' && (
                          <Button size="small" onClick={() => setToEdit(v)} aria-label={`Edit vacancy at ${v.homeName}`}>
                            Edit
                          </Button>
                        )}
                        {v.status === 'open' && (
                          <Button size="small" onClick={() => change(v, 'held')} aria-label={`Hold vacancy at ${v.homeName}`}>
                            Hold
                          </Button>
                        )}
                        {v.status === 'held' && (
                          <Button size="small" onClick={() => change(v, 'open')} aria-label={`Release hold at ${v.homeName}`}>
                            Release
                          </Button>
                        )}
                        {v.status === 'withdrawn' && v.homeBarred === null && (
                          <Button size="small" onClick={() => change(v, 'open')} aria-label={`Reopen vacancy at ${v.homeName}`}>
                            Reopen
                          </Button>
                        )}
                        {(v.status === 'open' || v.status === 'held') && (
                          <Button size="small" color="error" onClick={() => setToWithdraw(v)} aria-label={`Withdraw vacancy at ${v.homeName}`}>
                            Withdraw
                          </Button>
                        )}
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={total}
            page={Math.min(page, lastPage)}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
            labelRowsPerPage="Vacancies per page:"
            onPageChange={(_e, next) => setPage(next)}
            onRowsPerPageChange={(e) => {
              setRowsPerPage(Number(e.target.value));
              setPage(0);
            }}
          />
        </Paper>
      )}
      <ConfirmDialog
        open={toWithdraw !== null}
        title="Withdraw this vacancy?"
        body={toWithdraw ? `${toWithdraw.homeName} will no longer be offered to any child. You can reopen it later from the All statuses view.` : ''}
        confirmLabel="Withdraw"
        onCancel={() => setToWithdraw(null)}
        onConfirm={() => {
          if (toWithdraw) change(toWithdraw, 'withdrawn');
          setToWithdraw(null);
        }}
      />
      {toEdit && (
        <VacancyEditDialog
          vacancy={toEdit}
          onClose={() => setToEdit(null)}
          onSaved={(v) => {
            setToEdit(null);
            setNotice(`${v.homeName}: vacancy updated.`);
          }}
        />
      )}
      {adding && (
        <VacancyAddDialog
          onClose={() => setAdding(false)}
          onAdded={(v) => {
            setAdding(false);
            setNotice(`${v.homeName}: vacancy added.`);
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </>
  );
}
