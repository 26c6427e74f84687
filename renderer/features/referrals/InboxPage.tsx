import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Chip,
  MenuItem,
  Paper,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Tabs,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import type { ReferralSummary } from '../../../shared/contract/referrals';
import { REMINDER_SHORT_LABELS } from '../../../shared/domain/officerDay';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { REFERRAL_STATUS_LABELS, REFERRAL_STATUSES, URGENCY_LABELS, type ReferralStatus, type Urgency } from '../../../shared/domain/referrals';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { hrefTo, navigate } from '../../navigate';
import { ReferralPage } from './ReferralPage';

type SortKey = 'neededByDate' | 'daysWaiting' | 'age' | 'childRef';
const URGENCY_COLOURS: Record<Urgency, 'error' | 'warning' | 'default'> = { today: 'error', under5: 'warning', later: 'default' };

/** "#/referrals" is the inbox; "#/referrals/new" and "#/referrals/12" open one referral. */
export function ReferralsScreen({ param }: { param: string }) {
  if (param === 'new') return <ReferralPage referralId={null} />;
  const id = Number(param);
  if (param && Number.isInteger(id) && id > 0) return <ReferralPage referralId={id} />;
  return <InboxPage />;
}

/** Which referrals the inbox shows: open ones (the default), finished ones, or every one. */
const STATUS_VIEWS = {
  open: { label: 'Open', statuses: undefined },
  placed: { label: 'Placed', statuses: ['placed'] },
  closed: { label: 'Closed', statuses: ['closed'] },
  drafts: { label: 'Drafts', statuses: ['draft'] },
  all: { label: 'Every status', statuses: [...REFERRAL_STATUSES] },
} satisfies Record<string, { label: string; statuses: ReferralStatus[] | undefined }>;
type StatusView = keyof typeof STATUS_VIEWS;

// Whether the officer last looked at their own referrals or the whole inbox; kept on this computer only.
const MINE_KEY = 'rcc.inbox.mine';

export function InboxPage() {
  const [search, setSearch] = useState('');
  const [urgency, setUrgency] = useState<Urgency | 'all'>('all');
  const [view, setView] = useState<StatusView>('open');
  const [mine, setMineState] = useState(() => localStorage.getItem(MINE_KEY) === 'yes');
  const setMine = (next: boolean) => {
    localStorage.setItem(MINE_KEY, next ? 'yes' : 'no');
    setMineState(next);
  };
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'neededByDate', desc: false });
  const { statuses } = STATUS_VIEWS[view];
  const inbox = useApi('referrals.inbox', {
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(statuses ? { statuses } : {}),
    ...(mine ? { mine: true } : {}),
  });

  const rows = useMemo(() => {
    const list = (inbox.data ?? []).filter((r) => urgency === 'all' || r.urgency === urgency);
    const dir = sort.desc ? -1 : 1;
    return [...list].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      return (x < y ? -1 : x > y ? 1 : a.id - b.id) * dir;
    });
  }, [inbox.data, urgency, sort]);

  const counts = useMemo(() => {
    const c: Record<Urgency, number> = { today: 0, under5: 0, later: 0 };
    for (const r of inbox.data ?? []) c[r.urgency]++;
    return c;
  }, [inbox.data]);

  const header = (key: SortKey, label: string, align: 'left' | 'right' = 'left') => (
    <TableCell align={align} sortDirection={sort.key === key ? (sort.desc ? 'desc' : 'asc') : false}>
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key && sort.desc ? 'desc' : 'asc'}
        onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : false })}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <>
      <PageHeader
        title="Referrals"
        subtitle={`${mine ? 'Referrals assigned to you' : 'Referrals in your scope'}, most urgent first`}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} href={hrefTo('referrals/new')}>
            New referral
          </Button>
        }
      />
      <Tabs value={mine ? 'mine' : 'all'} onChange={(_e, v: 'mine' | 'all') => setMine(v === 'mine')} sx={{ mb: 2 }} aria-label="Whose referrals">
        <Tab value="mine" label="My referrals" />
        <Tab value="all" label="Whole inbox" />
      </Tabs>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <ToggleButtonGroup size="small" exclusive value={urgency} onChange={(_e, v: Urgency | 'all' | null) => v && setUrgency(v)} aria-label="Urgency">
          <ToggleButton value="all">All ({inbox.data?.length ?? 0})</ToggleButton>
          <ToggleButton value="today">Today ({counts.today})</ToggleButton>
          <ToggleButton value="under5">Under 5 days ({counts.under5})</ToggleButton>
          <ToggleButton value="later">Later ({counts.later})</ToggleButton>
        </ToggleButtonGroup>
        <TextField
          size="small"
          label="Find a referral"
          placeholder="Reference, first name or council"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ minWidth: 260 }}
        />
        <TextField select size="small" label="Status" value={view} onChange={(e) => setView(e.target.value as StatusView)} sx={{ minWidth: 150 }}>
          {Object.entries(STATUS_VIEWS).map(([key, v]) => (
            <MenuItem key={key} value={key}>
              {v.label}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {inbox.isPending && <LoadingState label="Loading referrals" />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && rows.length === 0 && (
        <EmptyState
          title={
            inbox.data.length === 0 && !search.trim() && view === 'open'
              ? mine
                ? 'No open referrals assigned to you'
                : 'No open referrals in your scope'
              : 'No referral matches these filters'
          }
        />
      )}
      {rows.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Referrals">
            <TableHead>
              <TableRow>
                {header('childRef', 'Child')}
                {header('age', 'Age', 'right')}
                <TableCell>Needs</TableCell>
                {header('neededByDate', 'Needed by')}
                <TableCell>Status</TableCell>
                <TableCell>Officer</TableCell>
                {header('daysWaiting', 'Waiting', 'right')}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <InboxRow key={r.id} r={r} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}

function InboxRow({ r }: { r: ReferralSummary }) {
  const open = () => navigate(`referrals/${r.id}`);
  return (
    <TableRow
      hover
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
      sx={{ cursor: 'pointer', ...(r.overdue ? { bgcolor: 'rgba(211, 47, 47, 0.08)', boxShadow: 'inset 4px 0 0 #d32f2f' } : {}) }}
      aria-label={`Referral for ${r.childRef}${r.overdue ? ', overdue' : ''}`}
    >
      <TableCell>
        <Typography component="span" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
          {r.childRef}
        </Typography>
        {r.childFirstName && (
          <Typography component="span" sx={{ ml: 1 }}>
            {r.childFirstName}
          </Typography>
        )}
        <Typography variant="body2" component="div">
          {r.councilName}
        </Typography>
      </TableCell>
      <TableCell align="right">{r.age}</TableCell>
      <TableCell sx={{ maxWidth: 420 }}>{r.needsSummary}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Chip size="small" color={URGENCY_COLOURS[r.urgency]} label={r.overdue ? 'Overdue' : URGENCY_LABELS[r.urgency]} />
          {formatIsoDate(r.neededByDate)}
        </Box>
      </TableCell>
      <TableCell>
        {REFERRAL_STATUS_LABELS[r.status]}
        {/* The needed-by column already flags the date; the chips are for what else is slipping. */}
        <Reminders reminders={r.reminders.filter((x) => x.kind !== 'neededBySoon' && x.kind !== 'neededByPassed')} />
      </TableCell>
      <TableCell>{r.assignedName ?? 'Not assigned'}</TableCell>
      <TableCell align="right">{r.daysWaiting === 1 ? '1 day' : `${r.daysWaiting} days`}</TableCell>
    </TableRow>
  );
}

function Reminders({ reminders }: { reminders: ReferralSummary['reminders'] }) {
  if (reminders.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }} role="list" aria-label="Reminders">
      {reminders.map((x, i) => (
        <Chip
          key={i}
          role="listitem"
          size="small"
          variant="outlined"
          color={x.severity === 'overdue' ? 'error' : 'warning'}
          label={REMINDER_SHORT_LABELS[x.kind]}
          title={x.text}
          aria-label={x.text}
        />
      ))}
    </Box>
  );
}
