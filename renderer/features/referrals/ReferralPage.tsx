import { PLACEMENT_PURPOSE_LABELS } from '../../../shared/domain/purposes';
import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Snackbar,
  Stack,
  Tab,
  Tabs,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { ReferralDetail, ReferralFields } from '../../../shared/contract/referrals';
import { formatPence } from '../../../shared/domain/money';
import { REFERRAL_STATUS_LABELS, REFERRAL_TRANSITIONS, URGENCY_LABELS, type ReferralStatus } from '../../../shared/domain/referrals';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { hrefTo, navigate } from '../../navigate';
import { emptyReferral, ReferralForm } from './ReferralForm';
import { SearchPanel } from './SearchPanel';
import { AssignOfficer } from './AssignOfficer';
import { ProgressPanel } from './ProgressPanel';
import { DayWorkPanel } from './DayWorkPanel';
import { formatDateTime, formatIsoDate, localIsoDate } from '../../../shared/domain/calendar';

export function ReferralPage({ referralId }: { referralId: number | null }) {
  if (referralId === null) return <NewReferral />;
  return <ExistingReferral referralId={referralId} />;
}

function NewReferral() {
  const client = useQueryClient();
  const save = useApiMutation('referrals.save', ['referrals.inbox']);
  const saveForNewChild = useApiMutation('referrals.saveForNewChild', ['referrals.inbox', 'children.list']);
  const today = localIsoDate(new Date());
  const opened = (detail: ReferralDetail) => {
    client.setQueryData(['referrals.get', { referralId: detail.summary.id }], detail);
    navigate(`referrals/${detail.summary.id}`);
  };
  return (
    <>
      <PageHeader title="New referral" subtitle="Every Placements Standard field, grouped the way a social worker thinks" />
      <ReferralForm
        initial={emptyReferral(today)}
        isNew
        isDraft={false}
        today={today}
        saving={save.isPending || saveForNewChild.isPending}
        serverError={save.error ?? saveForNewChild.error}
        onSave={(fields, asDraft, child) => {
          if (child === null) {
            save.mutate({ referralId: null, asDraft, fields }, { onSuccess: opened });
            return;
          }
          // The child has no id until the server creates them with the referral.
          const rest: Omit<ReferralFields, 'childId'> & { childId?: number } = { ...fields };
          delete rest.childId;
          saveForNewChild.mutate({ asDraft, child, fields: rest }, { onSuccess: opened });
        }}
      />
    </>
  );
}

function ExistingReferral({ referralId }: { referralId: number }) {
  const referral = useApi('referrals.get', { referralId });
  const [tab, setTab] = useState<ReferralTab>('search');
  const offers = useApi('placement.offers', { referralId });
  const progress = useApi('referrals.progress', { referralId });
  // Once placed, the ranked list is put away: the outcome is what matters, the search stays a click away.
  const [searchShown, setSearchShown] = useState(false);
  if (referral.isPending) return <LoadingState label="Opening referral" />;
  if (referral.isError) return <ErrorState error={referral.error} onRetry={() => void referral.refetch()} />;
  const { summary } = referral.data;
  return (
    <>
      <PageHeader
        title={`Referral for ${summary.childRef}`}
        subtitle={`${summary.age} years old · ${summary.councilName} · ${PLACEMENT_PURPOSE_LABELS[referral.data.fields.purpose].toLowerCase()} · needed by ${formatIsoDate(summary.neededByDate)} · received ${formatDateTime(summary.receivedAt)}`}
        actions={<StatusActions detail={referral.data} />}
      />
      <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
        <AssignOfficer detail={referral.data} />
        <Chip label={REFERRAL_STATUS_LABELS[summary.status]} color="primary" />
        <Chip
          label={summary.overdue ? 'Overdue' : URGENCY_LABELS[summary.urgency]}
          color={summary.overdue || summary.urgency === 'today' ? 'error' : summary.urgency === 'under5' ? 'warning' : 'default'}
        />
        <Button size="small" href={hrefTo(`children/${summary.childId}`)}>
          Open child profile
        </Button>
      </Stack>
      {progress.data && <ProgressPanel progress={progress.data} />}
      <Tabs value={tab} onChange={(_e, v: ReferralTab) => setTab(v)} sx={{ mb: 2 }} aria-label="Referral sections">
        <Tab value="search" label="Search and shortlist" />
        <Tab value="day" label={`Notes and chasing${progress.data && progress.data.chasing.length > 0 ? ` (${progress.data.chasing.length} asked)` : ''}`} />
        <Tab value="form" label="Referral" />
        <Tab value="history" label={`History (${referral.data.history.length})`} />
      </Tabs>
      {tab === 'search' && progress.data?.placed && !searchShown && (
        <Alert
          severity="success"
          action={
            <Button color="inherit" size="small" onClick={() => setSearchShown(true)}>
              Show the search again
            </Button>
          }
        >
          The ranked list is put away now that the child is placed at {progress.data.placed.homeName}.
        </Alert>
      )}
      {tab === 'search' && (!progress.data?.placed || searchShown) && <SearchPanel detail={referral.data} />}
      {tab === 'day' && <DayWorkPanel referralId={referralId} progress={progress.data} />}
      {tab === 'form' && <EditReferral detail={referral.data} />}
      {tab === 'history' && offers.data && offers.data.length > 0 && (
        <List aria-label="Holds, offers and refusals" subheader={<strong>Homes contacted</strong>}>
          {offers.data.map((o, i) => (
            <ListItem key={i} divider>
              <ListItemText
                primary={`${o.homeName}: ${o.status}${o.reason ? ` — ${o.reason}` : ''}${o.weeklyPence > 0 ? ` (${formatPence(o.weeklyPence)} a week)` : ''}`}
                secondary={`${formatDateTime(o.at)} · ${o.by}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {tab === 'history' && (
        <List aria-label="Referral history">
          {referral.data.history.map((h, i) => (
            <ListItem key={i} divider>
              <ListItemText
                primary={`${REFERRAL_STATUS_LABELS[h.status as ReferralStatus] ?? h.status}${h.note ? ` — ${h.note}` : ''}`}
                secondary={`${formatDateTime(h.at)} · ${h.by}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

type ReferralTab = 'search' | 'day' | 'form' | 'history';

function EditReferral({ detail }: { detail: ReferralDetail }) {
  const save = useApiMutation('referrals.save', ['referrals.inbox', 'referrals.get']);
  const [saved, setSaved] = useState(false);
  const locked = detail.summary.status === 'placed' || detail.summary.status === 'closed';
  if (locked) return <Alert severity="info">This referral is {detail.summary.status}; it can no longer be edited. Its history shows every step.</Alert>;
  return (
    <>
      <ReferralForm
        key={detail.summary.id}
        initial={detail.fields as ReferralFields}
        isNew={false}
        isDraft={detail.summary.status === 'draft'}
        today={localIsoDate(new Date())}
        saving={save.isPending}
        serverError={save.error}
        onSave={(fields, asDraft) => save.mutate({ referralId: detail.summary.id, asDraft, fields }, { onSuccess: () => setSaved(true) })}
      />
      <Snackbar open={saved} autoHideDuration={3000} onClose={() => setSaved(false)} message="Referral saved" />
    </>
  );
}

const ACTION_LABELS: Partial<Record<ReferralStatus, string>> = {
  new: 'Send to the placement team',
  searching: 'Start searching',
  shortlisted: 'Mark shortlisted',
  offered: 'Mark offered',
  closed: 'Close referral',
};

function StatusActions({ detail }: { detail: ReferralDetail }) {
  const setStatus = useApiMutation('referrals.setStatus', ['referrals.inbox', 'referrals.get', 'referrals.progress']);
  const [target, setTarget] = useState<ReferralStatus | null>(null);
  const [note, setNote] = useState('');
  // Placing happens through the hold/offer/place flow, which records the placement itself.
  const next = REFERRAL_TRANSITIONS[detail.summary.status].filter((s) => s !== 'placed' && ACTION_LABELS[s]);
  return (
    <Box>
      <Stack direction="row" spacing={1}>
        {next.map((s) => (
          <Button key={s} variant={s === 'closed' ? 'outlined' : 'contained'} color={s === 'closed' ? 'error' : 'primary'} onClick={() => setTarget(s)}>
            {ACTION_LABELS[s]}
          </Button>
        ))}
      </Stack>
      <Dialog open={target !== null} onClose={() => setTarget(null)} aria-labelledby="status-title" maxWidth="xs" fullWidth>
        <DialogTitle id="status-title">{target ? ACTION_LABELS[target] : ''}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            label={target === 'closed' ? 'Why is it being closed? (required)' : 'Note for the history (optional)'}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {setStatus.isError && <Alert severity="error">{setStatus.error.message}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setTarget(null)}>Cancel</Button>
          <Button
            variant="contained"
            disabled={setStatus.isPending || (target === 'closed' && note.trim() === '')}
            onClick={() =>
              target &&
              setStatus.mutate(
                { referralId: detail.summary.id, status: target, note },
                {
                  onSuccess: () => {
                    setTarget(null);
                    setNote('');
                  },
                },
              )
            }
          >
            Confirm
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
