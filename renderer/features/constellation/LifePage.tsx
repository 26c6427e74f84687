import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  Grid,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { EVENT_KINDS, NOTE_MAX_CHARS } from '../../../shared/contract/constellation';
import { contract, type MethodOutput } from '../../../shared/contract';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { formatDay, formatMoment } from './dates';
import { localIsoDate } from '../../../shared/domain/calendar';
import { useOwnConstellationId } from './useOwnConstellation';
import { DateField } from '../../components/DateField';

type EventView = MethodOutput<'constellation.life'>['events'][number];
const KIND_LABELS: Record<(typeof EVENT_KINDS)[number], string> = { meeting: 'Meeting', activity: 'Activity' };

/** Meetings and activities with who came, and the hub carer's note log. */
export function LifePage() {
  const constellationId = useOwnConstellationId();
  const life = useApi('constellation.life', { constellationId: constellationId ?? 0 }, { enabled: constellationId !== null });
  const [attendanceFor, setAttendanceFor] = useState<EventView | null>(null);
  // Planned until its start time has come (the backend's clock decides); only then is attendance recorded.
  const upcoming = life.data?.events.filter((e) => e.status === 'planned').reverse() ?? [];
  const past = life.data?.events.filter((e) => e.status === 'happened') ?? [];

  return (
    <>
      <PageHeader title="Constellation life" subtitle="Monthly meetings, social activities and the hub's note log" />
      {(constellationId === null || life.isPending) && <LoadingState label="Loading constellation life" />}
      {life.isError && <ErrorState error={life.error} onRetry={() => void life.refetch()} />}
      {life.data && constellationId !== null && (
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, lg: 7 }} component="section" aria-labelledby="events-heading">
            <Typography id="events-heading" variant="h6" component="h2" gutterBottom>
              Meetings and activities
            </Typography>
            <AddEventForm constellationId={constellationId} />
            <EventList title="Coming up" events={upcoming} onAttendance={setAttendanceFor} empty="Nothing planned yet" />
            <EventList title="Past" events={past} onAttendance={setAttendanceFor} empty="No past meetings or activities" />
          </Grid>
          <Grid size={{ xs: 12, lg: 5 }} component="section" aria-labelledby="notes-heading">
            <Typography id="notes-heading" variant="h6" component="h2" gutterBottom>
              Note log
            </Typography>
            <NotesPanel constellationId={constellationId} notes={life.data.notes} />
          </Grid>
        </Grid>
      )}
      {attendanceFor && <AttendanceDialog event={attendanceFor} onClose={() => setAttendanceFor(null)} />}
    </>
  );
}

function EventList({ title, events, onAttendance, empty }: { title: string; events: EventView[]; onAttendance: (e: EventView) => void; empty: string }) {
  return (
    <>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        {title}
      </Typography>
      {events.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Paper variant="outlined">
          <List dense aria-label={title}>
            {events.map((e) => {
              const came = e.attendance.filter((a) => a.attended).length;
              const happened = e.status === 'happened';
              const when = [formatDay(e.date), e.startTime ? `at ${e.startTime}` : null].filter(Boolean).join(' ');
              const where = e.place || 'place not recorded';
              return (
                <ListItem
                  key={e.id}
                  // Room for the whole "Attendance" button, which is wider than the icon MUI expects there.
                  sx={{ pr: 16 }}
                  secondaryAction={
                    happened ? (
                      <Button size="small" onClick={() => onAttendance(e)} aria-label={`Attendance for ${e.title} on ${formatDay(e.date)}`}>
                        Attendance
                      </Button>
                    ) : (
                      <Chip size="small" color="primary" variant="outlined" label="Planned" />
                    )
                  }
                >
                  <ListItemText
                    primary={
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <span>{e.title}</span>
                        <Chip size="small" label={KIND_LABELS[e.kind]} variant={e.kind === 'meeting' ? 'filled' : 'outlined'} />
                      </Stack>
                    }
                    secondary={happened ? `${when} · ${where} · ${came} of ${e.attendance.length} households came` : `Planned for ${when} · ${where}`}
                  />
                </ListItem>
              );
            })}
          </List>
        </Paper>
      )}
    </>
  );
}

function AddEventForm({ constellationId }: { constellationId: number }) {
  const add = useApiMutation('constellation.addEvent', ['constellation.life']);
  const [kind, setKind] = useState<(typeof EVENT_KINDS)[number]>('meeting');
  const [title, setTitle] = useState('Monthly meeting');
  const [date, setDate] = useState(localIsoDate(new Date()));
  const [startTime, setStartTime] = useState('19:00');
  const [place, setPlace] = useState('');
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      {/* Wraps onto a second line in the page's narrower column: every field keeps a readable width. */}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ alignItems: { md: 'flex-start' }, flexWrap: 'wrap' }}>
        <TextField select size="small" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} sx={{ minWidth: 130 }}>
          {EVENT_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {KIND_LABELS[k]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          slotProps={{ htmlInput: { maxLength: contract['constellation.addEvent'].input.shape.title.maxLength } }}
          sx={{ flexGrow: 1, minWidth: 220 }}
        />
        <DateField label="Date" value={date} onChange={setDate} />
        <TextField
          size="small"
          type="time"
          label="Time"
          value={startTime}
          onChange={(e) => setStartTime(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 300 } }}
          sx={{ width: 120 }}
        />
        <TextField
          size="small"
          label="Place"
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          sx={{ flexGrow: 1, minWidth: 220 }}
          slotProps={{ htmlInput: { maxLength: contract['constellation.addEvent'].input.shape.place.maxLength } }}
        />
        <Button
          variant="contained"
          disabled={!title.trim() || !date || !startTime || !place.trim() || add.isPending}
          onClick={() => add.mutate({ constellationId, kind, title, date, startTime, place }, { onSuccess: () => setPlace('') })}
        >
          Add
        </Button>
      </Stack>
      {add.isError && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {add.error.message}
        </Alert>
      )}
    </Paper>
  );
}

function AttendanceDialog({ event, onClose }: { event: EventView; onClose: () => void }) {
  const save = useApiMutation('constellation.setAttendance', ['constellation.life']);
  const [came, setCame] = useState(() => new Set(event.attendance.filter((a) => a.attended).map((a) => a.homeId)));
  const toggle = (homeId: number) =>
    setCame((prev) => {
      const next = new Set(prev);
      if (next.has(homeId)) next.delete(homeId);
      else next.add(homeId);
      return next;
    });
  return (
    <Dialog open onClose={onClose} aria-labelledby="attendance-title">
      <DialogTitle id="attendance-title">
        Who came to {event.title} ({formatDay(event.date)})?
      </DialogTitle>
      <DialogContent>
        <FormGroup>
          {event.attendance.map((a) => (
            <FormControlLabel key={a.homeId} control={<Checkbox checked={came.has(a.homeId)} onChange={() => toggle(a.homeId)} />} label={a.homeName} />
          ))}
        </FormGroup>
        {save.isError && <Alert severity="error">{save.error.message}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={save.isPending}
          onClick={() => save.mutate({ eventId: event.id, attendedHomeIds: [...came] }, { onSuccess: onClose })}
        >
          Save attendance
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function NotesPanel({ constellationId, notes }: { constellationId: number; notes: MethodOutput<'constellation.life'>['notes'] }) {
  const add = useApiMutation('constellation.addNote', ['constellation.life']);
  const [text, setText] = useState('');
  return (
    <Stack spacing={2}>
      <Alert severity="warning" variant="outlined">
        <strong>No case recording.</strong> Keep this log to constellation life: plans, venues, lifts, who is bringing what. Anything about a child's needs,
        behaviour or history belongs in their case record, not here.
      </Alert>
      <TextField
        label="New note (no case recording)"
        multiline
        minRows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        helperText={`${text.length}/${NOTE_MAX_CHARS} characters`}
        error={text.length > NOTE_MAX_CHARS}
        slotProps={{ htmlInput: { maxLength: NOTE_MAX_CHARS } }}
      />
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          disabled={!text.trim() || add.isPending}
          onClick={() => add.mutate({ constellationId, text }, { onSuccess: () => setText('') })}
        >
          Add note
        </Button>
      </Stack>
      {add.isError && <Alert severity="error">{add.error.message}</Alert>}
      {notes.length === 0 ? (
        <EmptyState title="No notes yet" />
      ) : (
        <Paper variant="outlined">
          <List dense aria-label="Notes">
            {notes.map((n) => (
              <ListItem key={n.id} alignItems="flex-start">
                <ListItemText primary={n.text} secondary={`${n.author} · ${formatMoment(n.at)}`} sx={{ whiteSpace: 'pre-line' }} />
              </ListItem>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}
