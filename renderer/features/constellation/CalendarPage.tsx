import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import PlannedIcon from '@mui/icons-material/EventAvailableOutlined';
import EmergencyIcon from '@mui/icons-material/WarningAmberOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { HUB_BEDS, MAX_STAY_NIGHTS, type Bed, type CalendarView, type SleepoverKind, type SleepoverView } from '../../../shared/contract/constellation';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { formatDay, formatStay } from './dates';
import { addDays, localIsoDate } from '../../../shared/domain/calendar';
import { useOwnConstellationId } from './useOwnConstellation';
import { contract } from '../../../shared/contract';
import { DateField } from '../../components/DateField';
import { HubApprovalNote } from './HubApprovalNote';

/** The longest note a sleepover request may carry (the contract's own limit). */
const NOTE_MAX = contract['constellation.requestSleepover'].input.shape.note.unwrap().maxLength ?? undefined;

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const weekdayLetter = new Intl.DateTimeFormat('en-GB', { weekday: 'narrow', timeZone: 'UTC' });

function monthBounds(month: string): { from: string; to: string; days: string[] } {
  const from = `${month}-01`;
  const days: string[] = [];
  for (let d = from; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return { from, to: days[days.length - 1]!, days };
}

function shiftMonth(month: string, by: number): string {
  return addDays(`${month}-15`, by * 30).slice(0, 7);
}

export const KIND_LABELS: Record<SleepoverKind, string> = { planned: 'Planned', emergency: 'Emergency' };

/** Planned and emergency stays differ in colour, pattern, icon and words, so no one depends on colour alone. */
export function KindChip({ kind }: { kind: SleepoverKind }) {
  return kind === 'emergency' ? (
    <Chip size="small" color="error" icon={<EmergencyIcon />} label="Emergency" />
  ) : (
    <Chip size="small" color="primary" variant="outlined" icon={<PlannedIcon />} label="Planned" />
  );
}

export function CalendarPage() {
  const constellationId = useOwnConstellationId();
  const [month, setMonth] = useState(() => localIsoDate(new Date()).slice(0, 7));
  const { from, to, days } = useMemo(() => monthBounds(month), [month]);
  const calendar = useApi('constellation.calendar', { constellationId: constellationId ?? 0, from, to }, { enabled: constellationId !== null });
  const [requestOpen, setRequestOpen] = useState(false);
  const [accepting, setAccepting] = useState<number | null>(null);
  const [declining, setDeclining] = useState<SleepoverView | null>(null);
  const [viewing, setViewing] = useState<SleepoverView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const data = calendar.data;
  const requests = data?.stays.filter((s) => s.status === 'requested') ?? [];
  const declined = data?.stays.filter((s) => s.status === 'declined') ?? [];
  const acceptingStay = requests.find((s) => s.id === accepting) ?? null;

  return (
    <>
      <PageHeader
        title="Sleepover calendar"
        subtitle={data ? `The two spare beds at ${data.hubHomeName}` : "The hub's two spare beds for sleepovers and short breaks"}
        actions={
          <Button variant="contained" onClick={() => setRequestOpen(true)} disabled={!data}>
            Record a request
          </Button>
        }
      />
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} sx={{ mb: 2 }} role="status">
          {notice}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Button onClick={() => setMonth(shiftMonth(month, -1))} aria-label="Previous month">
          ‹ Previous
        </Button>
        <Typography variant="h6" component="h2" sx={{ minWidth: 180, textAlign: 'center' }} aria-live="polite">
          {monthName.format(new Date(`${from}T00:00:00Z`))}
        </Typography>
        <Button onClick={() => setMonth(shiftMonth(month, 1))} aria-label="Next month">
          Next ›
        </Button>
        <Button onClick={() => setMonth(localIsoDate(new Date()).slice(0, 7))}>This month</Button>
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="body2">Key:</Typography>
        <KindChip kind="planned" />
        <KindChip kind="emergency" />
      </Stack>
      {(constellationId === null || calendar.isPending) && <LoadingState label="Loading the calendar" />}
      {calendar.isError && <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {data && (
        <Stack spacing={2}>
          <BedTimeline data={data} days={days} onOpen={setViewing} />
          <BookedList stays={data.stays.filter((st) => st.status === 'accepted')} />
          <HubApprovalNote approved={data.hubApprovedChildren} hubName={data.hubHomeName} livingThere={data.hubChildren.length} />
          <Typography variant="body2" color="text.secondary">
            {data.hubChildren.length === 0
              ? 'No children are placed at the hub itself.'
              : `Living at the hub every night: ${data.hubChildren.map((c) => `${c.firstName} (${c.age}, ${c.caredForAlongside.toLowerCase()})`).join('; ')}.`}
          </Typography>
          <Box component="section" aria-labelledby="requests-heading">
            <Typography id="requests-heading" variant="h6" component="h2" gutterBottom>
              Requests waiting ({requests.length})
            </Typography>
            {requests.length === 0 && <EmptyState title="No requests waiting this month" />}
            <Stack spacing={1}>
              {requests.map((s) => (
                <RequestCard key={s.id} stay={s} onAccept={() => setAccepting(s.id)} onDecline={() => setDeclining(s)} />
              ))}
            </Stack>
          </Box>
          {declined.length > 0 && (
            <Box component="section" aria-labelledby="declined-heading">
              <Typography id="declined-heading" variant="h6" component="h2" gutterBottom>
                Declined this month
              </Typography>
              {declined.map((s) => (
                <Typography key={s.id} variant="body2">
                  {s.childFirstName} from {s.fromHomeName}, {formatStay(s.startDate, s.endDate)}: {s.note}
                </Typography>
              ))}
            </Box>
          )}
        </Stack>
      )}
      {data && requestOpen && (
        <RequestDialog
          data={data}
          onClose={() => setRequestOpen(false)}
          onDone={(stay) => {
            setRequestOpen(false);
            setMonth(stay.startDate.slice(0, 7));
            setNotice(`Request recorded: ${stay.childFirstName}, ${formatStay(stay.startDate, stay.endDate)}.`);
          }}
        />
      )}
      {acceptingStay && (
        <AcceptDialog
          stay={acceptingStay}
          onClose={() => setAccepting(null)}
          onDone={(stay) => {
            setAccepting(null);
            setNotice(`${stay.childFirstName}'s stay is booked in bed ${stay.bed}.`);
          }}
        />
      )}
      {declining && (
        <DeclineDialog
          stay={declining}
          onClose={() => setDeclining(null)}
          onDone={(stay) => {
            setDeclining(null);
            setNotice(`${stay.childFirstName}'s request was declined.`);
          }}
        />
      )}
      {viewing && (
        <StayDialog
          stay={viewing}
          onClose={() => setViewing(null)}
          onCancelled={(stay) => {
            setViewing(null);
            setNotice(`${stay.childFirstName}'s stay was cancelled; bed freed.`);
          }}
        />
      )}
    </>
  );
}

/** Two rows, one per spare bed, one column per night; each booked stay is a button spanning its nights. */
function BedTimeline({ data, days, onOpen }: { data: CalendarView; days: string[]; onOpen: (stay: SleepoverView) => void }) {
  const today = localIsoDate(new Date());
  const accepted = data.stays.filter((s) => s.status === 'accepted');
  const label = monthName.format(new Date(`${days[0]}T00:00:00Z`));
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Box component="table" aria-label={`Hub beds, ${label}`} sx={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', minWidth: 900 }}>
        <Box component="caption" sx={{ captionSide: 'bottom', textAlign: 'left', p: 1, typography: 'body2', color: 'text.secondary' }}>
          Each column is a night. Select a booked stay to see it or cancel it.
        </Box>
        <thead>
          <tr>
            <Box component="th" scope="col" sx={{ width: 72, textAlign: 'left', p: 1, typography: 'subtitle2' }}>
              Bed
            </Box>
            {days.map((d) => {
              const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
              return (
                <Box
                  component="th"
                  scope="col"
                  key={d}
                  aria-label={formatDay(d)}
                  sx={{
                    p: 0.25,
                    typography: 'caption',
                    textAlign: 'center',
                    bgcolor: weekend ? 'action.hover' : undefined,
                    borderBottom: 2,
                    borderColor: d === today ? 'secondary.main' : 'divider',
                    fontWeight: d === today ? 700 : 400,
                  }}
                >
                  <div aria-hidden>{weekdayLetter.format(new Date(`${d}T00:00:00Z`))}</div>
                  <div aria-hidden>{Number(d.slice(8))}</div>
                </Box>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {HUB_BEDS.map((bed) => (
            <tr key={bed}>
              <Box component="th" scope="row" sx={{ textAlign: 'left', p: 1, typography: 'subtitle2', borderTop: 1, borderColor: 'divider' }}>
                Bed {bed}
              </Box>
              {segments(
                days,
                accepted.filter((s) => s.bed === bed),
              ).map((seg) =>
                seg.stay ? (
                  <Box component="td" key={seg.first} colSpan={seg.span} sx={{ p: 0.25, borderTop: 1, borderColor: 'divider', height: 76 }}>
                    <StayButton stay={seg.stay} bed={bed} span={seg.span} onOpen={onOpen} />
                  </Box>
                ) : (
                  <Box
                    component="td"
                    key={seg.first}
                    colSpan={seg.span}
                    sx={{ borderTop: 1, borderColor: 'divider', height: 76 }}
                    aria-label={
                      seg.span === 1 ? `Bed ${bed} free on ${formatDay(seg.first)}` : `Bed ${bed} free from ${formatDay(seg.first)} to ${formatDay(seg.last)}`
                    }
                  />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </Box>
    </Paper>
  );
}

/** The month's bookings in words, beside the timeline's picture of them. */
function BookedList({ stays }: { stays: SleepoverView[] }) {
  return (
    <Box component="section" aria-labelledby="booked-heading">
      <Typography id="booked-heading" variant="subtitle1" component="h2">
        Booked this month ({stays.length})
      </Typography>
      {stays.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Both beds are free all month.
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {stays.map((s) => (
            <Box component="li" key={s.id} sx={{ mb: 0.5 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="body2">
                  Bed {s.bed}: {s.childFirstName} ({s.childAge}) from {s.fromHomeName}, {formatStay(s.startDate, s.endDate)}
                </Typography>
                <KindChip kind={s.kind} />
              </Stack>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}

function segments(days: string[], stays: SleepoverView[]): { first: string; last: string; span: number; stay: SleepoverView | null }[] {
  const out: { first: string; last: string; span: number; stay: SleepoverView | null }[] = [];
  for (let i = 0; i < days.length;) {
    const d = days[i]!;
    const stay = stays.find((s) => s.startDate <= d && s.endDate >= d) ?? null;
    let j = i + 1;
    while (j < days.length && (stay ? stay.endDate >= days[j]! : !stays.some((s) => s.startDate <= days[j]! && s.endDate >= days[j]!))) j++;
    out.push({ first: d, last: days[j - 1]!, span: j - i, stay });
    i = j;
  }
  return out;
}

function StayButton({ stay, bed, span, onOpen }: { stay: SleepoverView; bed: Bed; span: number; onOpen: (s: SleepoverView) => void }) {
  const emergency = stay.kind === 'emergency';
  // A one- or two-night stay has no room for the icon: the name keeps the space, the list below has the words.
  const roomy = span >= 3;
  return (
    <Button
      fullWidth
      size="small"
      variant={emergency ? 'contained' : 'outlined'}
      color={emergency ? 'error' : 'primary'}
      startIcon={roomy ? emergency ? <EmergencyIcon /> : <PlannedIcon /> : undefined}
      onClick={() => onOpen(stay)}
      aria-label={`Bed ${bed}: ${stay.childFirstName}, ${stay.childAge}, ${KIND_LABELS[stay.kind].toLowerCase()} stay, ${formatStay(stay.startDate, stay.endDate)}, from ${stay.fromHomeName}`}
      title={`${stay.childFirstName} · ${KIND_LABELS[stay.kind]} · ${formatStay(stay.startDate, stay.endDate)}`}
      sx={{
        height: '100%',
        minWidth: 0,
        justifyContent: 'flex-start',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
        textTransform: 'none',
        px: roomy ? 1 : 0.25,
        fontSize: roomy ? undefined : '0.75rem',
        // A night's column is narrower than a name: a one-night stay writes the name upwards, whole, not cut to "Sien".
        ...(span === 1 ? { writingMode: 'vertical-rl', transform: 'rotate(180deg)', justifyContent: 'center', py: 0.5, lineHeight: 1 } : {}),
        // Stripes as well as colour mark an emergency stay.
        backgroundImage: emergency ? 'repeating-linear-gradient(135deg, rgba(255,255,255,0.18) 0 6px, transparent 6px 12px)' : undefined,
        '& .MuiButton-startIcon': { mr: 0.5 },
      }}
    >
      {stay.childFirstName}
    </Button>
  );
}

function RequestCard({ stay, onAccept, onDecline }: { stay: SleepoverView; onAccept: () => void; onDecline: () => void }) {
  const anyBed = stay.bedChecks.some((c) => c.ok);
  return (
    <Card variant="outlined" component="article" aria-label={`Request: ${stay.childFirstName}, ${formatStay(stay.startDate, stay.endDate)}`}>
      <CardContent sx={{ pb: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h3">
            {stay.childFirstName} ({stay.childAge}) from {stay.fromHomeName}
          </Typography>
          <KindChip kind={stay.kind} />
        </Stack>
        <Typography variant="body2">{formatStay(stay.startDate, stay.endDate)}</Typography>
        <Typography variant="body2" color="text.secondary">
          Cared for alongside: {stay.caredForAlongside}
          {stay.note ? ` · ${stay.note}` : ''}
        </Typography>
        <Box component="ul" sx={{ m: 0, mt: 1, pl: 2 }}>
          {stay.bedChecks.map((c) => (
            <Typography component="li" variant="body2" key={c.bed} color={c.ok ? 'success.main' : 'error.main'}>
              Bed {c.bed}: {c.ok ? 'free, and the children can share the house' : c.reasons.join(' ')}
            </Typography>
          ))}
        </Box>
      </CardContent>
      <CardActions>
        <Button onClick={onAccept} variant="contained" size="small" aria-label={`Accept ${stay.childFirstName}'s stay`}>
          Accept…
        </Button>
        <Button onClick={onDecline} size="small" color="error" aria-label={`Decline ${stay.childFirstName}'s stay`}>
          Decline…
        </Button>
        {!anyBed && (
          <Typography variant="body2" color="error">
            Neither bed can take this stay as things stand.
          </Typography>
        )}
      </CardActions>
    </Card>
  );
}

function RequestDialog({ data, onClose, onDone }: { data: CalendarView; onClose: () => void; onDone: (s: SleepoverView) => void }) {
  const request = useApiMutation('constellation.requestSleepover', ['constellation.calendar']);
  const today = localIsoDate(new Date());
  // No child is chosen for the carer: a request recorded for the first child in the list by mistake
  // books a bed for the wrong child, so the carer picks the child each time.
  const [childId, setChildId] = useState<number | ''>('');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState(today);
  const [kind, setKind] = useState<SleepoverKind>('planned');
  const [note, setNote] = useState('');
  const submit = () => {
    if (childId === '') return;
    request.mutate(
      { constellationId: data.constellationId, childId, startDate, endDate: endDate < startDate ? startDate : endDate, kind, note },
      { onSuccess: onDone },
    );
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="request-title" maxWidth="sm" fullWidth>
      <DialogTitle id="request-title">Record a sleepover request</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {data.requestableChildren.length === 0 && <Alert severity="info">No children are placed in your satellite households.</Alert>}
          <TextField
            select
            label="Child"
            value={childId}
            onChange={(e) => setChildId(e.target.value === '' ? '' : Number(e.target.value))}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            helperText="The child the satellite carer asked for"
          >
            <option value="" disabled>
              Choose the child…
            </option>
            {data.requestableChildren.map((c) => (
              <option key={c.childId} value={c.childId}>
                {c.firstName} ({c.age}) — {c.homeName}
              </option>
            ))}
          </TextField>
          <Stack direction="row" spacing={2}>
            <DateField
              label="First night"
              value={startDate}
              minDate={today}
              size="medium"
              fullWidth
              onChange={(iso) => {
                setStartDate(iso);
                if (iso && endDate < iso) setEndDate(iso);
              }}
            />
            <DateField
              label="Last night"
              value={endDate}
              minDate={startDate || today}
              size="medium"
              fullWidth
              onChange={setEndDate}
              helperText={`The same date for one night; at most ${MAX_STAY_NIGHTS} nights`}
            />
          </Stack>
          <FormControl>
            <FormLabel id="kind-label">Kind of stay</FormLabel>
            <RadioGroup row aria-labelledby="kind-label" value={kind} onChange={(e) => setKind(e.target.value as SleepoverKind)}>
              <FormControlLabel value="planned" control={<Radio />} label="Planned" />
              <FormControlLabel value="emergency" control={<Radio />} label="Emergency" />
            </RadioGroup>
          </FormControl>
          <TextField
            label="Note for the hub (optional)"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            helperText={`${note.length}/${NOTE_MAX} · practical arrangements only, e.g. drop-off time`}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX } }}
          />
          {request.isError && <Alert severity="error">{request.error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button onClick={submit} variant="contained" disabled={childId === '' || request.isPending}>
          Record request
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function AcceptDialog({ stay, onClose, onDone }: { stay: SleepoverView; onClose: () => void; onDone: (s: SleepoverView) => void }) {
  const client = useQueryClient();
  const accept = useApiMutation('constellation.acceptSleepover', ['constellation.calendar']);
  const firstFree = stay.bedChecks.find((c) => c.ok)?.bed ?? null;
  const [bed, setBed] = useState<Bed | null>(firstFree);
  // A bed that became unavailable since the choice was made is not left selected.
  const chosen = bed !== null && stay.bedChecks.find((c) => c.bed === bed)?.ok ? bed : firstFree;
  const submit = () => {
    if (chosen === null) return;
    accept.mutate(
      { sleepoverId: stay.id, bed: chosen },
      {
        onSuccess: onDone,
        // The refusal names what changed; the calendar is refreshed so the choices show it too.
        onError: () => void client.invalidateQueries({ queryKey: ['constellation.calendar'] }),
      },
    );
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="accept-title" maxWidth="sm" fullWidth>
      <DialogTitle id="accept-title">Accept {stay.childFirstName}'s stay</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>
          {stay.childFirstName} ({stay.childAge}) from {stay.fromHomeName}, {formatStay(stay.startDate, stay.endDate)}.
        </Typography>
        <FormControl>
          <FormLabel id="bed-label">Which bed?</FormLabel>
          <RadioGroup aria-labelledby="bed-label" value={chosen ?? ''} onChange={(e) => setBed(Number(e.target.value) as Bed)}>
            {stay.bedChecks.map((c) => (
              <FormControlLabel
                key={c.bed}
                value={c.bed}
                disabled={!c.ok}
                control={<Radio />}
                label={c.ok ? `Bed ${c.bed} (free)` : `Bed ${c.bed}: ${c.reasons.join(' ')}`}
              />
            ))}
          </RadioGroup>
        </FormControl>
        {accept.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {accept.error.message}
          </Alert>
        )}
        {chosen === null && !accept.isError && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            Neither bed can take this stay. You can decline it with the reason.
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button onClick={submit} variant="contained" disabled={chosen === null || accept.isPending}>
          Accept into bed {chosen ?? ''}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DeclineDialog({ stay, onClose, onDone }: { stay: SleepoverView; onClose: () => void; onDone: (s: SleepoverView) => void }) {
  const decline = useApiMutation('constellation.declineSleepover', ['constellation.calendar']);
  const [reason, setReason] = useState('');
  return (
    <Dialog open onClose={onClose} aria-labelledby="decline-title" maxWidth="sm" fullWidth>
      <DialogTitle id="decline-title">Decline {stay.childFirstName}'s stay</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>{formatStay(stay.startDate, stay.endDate)}</Typography>
        <TextField
          autoFocus
          fullWidth
          required
          label="Reason the household will be given"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          slotProps={{ htmlInput: { maxLength: contract['constellation.declineSleepover'].input.shape.reason.maxLength } }}
          sx={{ mt: 1 }}
        />
        {decline.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {decline.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep it waiting</Button>
        <Button
          color="error"
          variant="contained"
          disabled={!reason.trim() || decline.isPending}
          onClick={() => decline.mutate({ sleepoverId: stay.id, reason }, { onSuccess: onDone })}
        >
          Decline request
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function StayDialog({ stay, onClose, onCancelled }: { stay: SleepoverView; onClose: () => void; onCancelled: (s: SleepoverView) => void }) {
  const cancel = useApiMutation('constellation.cancelSleepover', ['constellation.calendar']);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  return (
    <Dialog open onClose={onClose} aria-labelledby="stay-title" maxWidth="sm" fullWidth>
      <DialogTitle id="stay-title">
        {stay.childFirstName}'s stay in bed {stay.bed}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={1}>
          <Box>
            <KindChip kind={stay.kind} />
          </Box>
          <Typography>
            {stay.childFirstName} ({stay.childAge}) from {stay.fromHomeName}
          </Typography>
          <Typography>{formatStay(stay.startDate, stay.endDate)}</Typography>
          <Typography color="text.secondary">Cared for alongside: {stay.caredForAlongside}</Typography>
          {stay.note && <Typography color="text.secondary">Note: {stay.note}</Typography>}
          <TextField
            label="Reason, if you cancel"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: contract['constellation.cancelSleepover'].input.shape.reason.maxLength } }}
          />
          {cancel.isError && <Alert severity="error">{cancel.error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button color="error" disabled={!reason.trim()} onClick={() => setConfirming(true)}>
          Cancel stay…
        </Button>
      </DialogActions>
      <ConfirmDialog
        open={confirming}
        title={`Cancel ${stay.childFirstName}'s stay?`}
        body={`This frees bed ${stay.bed} for ${formatStay(stay.startDate, stay.endDate)}. The satellite household should be told.`}
        confirmLabel="Cancel the stay"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          cancel.mutate({ sleepoverId: stay.id, reason }, { onSuccess: onCancelled });
        }}
      />
    </Dialog>
  );
}
