import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from '@mui/material';
import type { ChasingLine, ReferralProgress } from '../../../shared/contract/referralDay';
import { messageForField } from '../../../shared/contract/issues';
import { formatDateTime } from '../../../shared/domain/calendar';
import { NOTE_KIND_LABELS, NOTE_KINDS, NOTE_MAX_CHARS, type NoteKind } from '../../../shared/domain/officerDay';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorState, LoadingState } from '../../components/States';

/** The day's work on a referral: the chasing list beside the notes of calls, e-mails and panel decisions. */
export function DayWorkPanel({ referralId, progress }: { referralId: number; progress: ReferralProgress | undefined }) {
  return (
    <Stack spacing={2}>
      <ChasingTable lines={progress?.chasing ?? []} />
      {/* Notes stay open after placing or closing: the calls after a placement are part of the record too. */}
      <Notes referralId={referralId} providers={progress?.chasing ?? []} />
    </Stack>
  );
}

const ANSWER_WORDS = { offered: 'Offered a place', refused: 'Said no', accepted: 'Placed', withdrawn: 'Withdrawn' } as const;

function waiting(hours: number): string {
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${Math.floor(hours)} working ${Math.floor(hours) === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return `${days} working days`;
}

type ChaseSort = 'waiting' | 'asked';

/** Providers asked (a hold is the asking), who answered and when, who has not and for how long; longest wait first. */
function ChasingTable({ lines }: { lines: ChasingLine[] }) {
  const [sort, setSort] = useState<{ key: ChaseSort; desc: boolean }>({ key: 'waiting', desc: true });
  const sorted = useMemo(() => {
    const value = (l: ChasingLine) => (sort.key === 'waiting' ? (l.waitingWorkingHours ?? -1) : l.askedAt ? Date.parse(l.askedAt) : 0);
    return [...lines].sort((a, b) => (sort.desc ? value(b) - value(a) : value(a) - value(b)));
  }, [lines, sort]);
  const header = (key: ChaseSort, label: string) => (
    <TableCell sortDirection={sort.key === key ? (sort.desc ? 'desc' : 'asc') : false}>
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key && sort.desc ? 'desc' : 'asc'}
        onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : true })}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
  return (
    <Paper variant="outlined" component="section" aria-labelledby="chasing-title" sx={{ p: 2 }}>
      <Typography id="chasing-title" variant="h6" component="h2" gutterBottom>
        Providers asked
      </Typography>
      {lines.length === 0 ? (
        <Typography color="text.secondary">
          No provider asked yet. Holding a bed from the search asks its provider, and the answer is recorded there.
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Providers asked and their answers">
            <TableHead>
              <TableRow>
                <TableCell>Provider and home</TableCell>
                <TableCell>Phone</TableCell>
                {header('asked', 'Asked')}
                <TableCell>Answer</TableCell>
                {header('waiting', 'Waiting')}
                <TableCell>Last note</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sorted.map((l) => (
                <TableRow key={l.vacancyId}>
                  <TableCell>
                    <Typography component="span" sx={{ fontWeight: 600 }}>
                      {l.providerName}
                    </Typography>
                    <Typography variant="body2" component="div">
                      {l.homeName}
                      {l.held && l.heldUntil ? ` · held until ${formatDateTime(l.heldUntil)}` : ''}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.phone || '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.askedAt ? formatDateTime(l.askedAt) : 'Not recorded'}</TableCell>
                  <TableCell>
                    {l.answer ? (
                      <>
                        {ANSWER_WORDS[l.answer.status]} {formatDateTime(l.answer.at)}
                        {l.answer.reason && l.answer.status === 'refused' ? `: ${l.answer.reason}` : ''}
                      </>
                    ) : (
                      <Chip size="small" color="warning" label="Not answered" />
                    )}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.waitingWorkingHours === null ? '—' : waiting(l.waitingWorkingHours)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.lastNoteAt ? formatDateTime(l.lastNoteAt) : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

function Notes({ referralId, providers }: { referralId: number; providers: ChasingLine[] }) {
  const notes = useApi('referrals.notes', { referralId });
  const add = useApiMutation('referrals.addNote', ['referrals.notes', 'referrals.progress']);
  const [kind, setKind] = useState<NoteKind>('call');
  const [text, setText] = useState('');
  const [providerId, setProviderId] = useState<number | ''>('');
  // One choice per provider, though they may have been asked about several homes.
  const choices = [...new Map(providers.map((p) => [p.providerId, p.providerName])).entries()];
  const fieldError = messageForField(add.error, 'text') ?? null;
  const submit = () =>
    add.mutate(
      { referralId, kind, text, providerId: providerId === '' ? null : providerId },
      {
        onSuccess: () => {
          setText('');
          setProviderId('');
        },
      },
    );
  return (
    <Paper variant="outlined" component="section" aria-labelledby="notes-title" sx={{ p: 2 }}>
      <Typography id="notes-title" variant="h6" component="h2" gutterBottom>
        Notes
      </Typography>
      <Box component="form" aria-label="Add a note" onSubmit={(e) => (e.preventDefault(), submit())} sx={{ mb: 2 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 1 }}>
          <TextField select size="small" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)} sx={{ minWidth: 170 }}>
            {NOTE_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {NOTE_KIND_LABELS[k]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="With provider (optional)"
            value={providerId}
            onChange={(e) => setProviderId(e.target.value === '' ? '' : Number(e.target.value))}
            sx={{ minWidth: 240 }}
          >
            <MenuItem value="">No provider</MenuItem>
            {choices.map(([id, name]) => (
              <MenuItem key={id} value={id}>
                {name}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        <TextField
          fullWidth
          multiline
          minRows={2}
          label="What was said or decided"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={fieldError !== null}
          helperText={fieldError ?? `${text.length.toLocaleString('en-GB')} of ${NOTE_MAX_CHARS.toLocaleString('en-GB')} characters`}
          slotProps={{ htmlInput: { maxLength: NOTE_MAX_CHARS } }}
        />
        {add.error && !fieldError && <Alert severity="error">{add.error.message}</Alert>}
        <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={add.isPending}>
          Add note
        </Button>
      </Box>
      {notes.isPending && <LoadingState label="Loading notes" />}
      {notes.isError && <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.data && notes.data.length === 0 && <Typography color="text.secondary">No notes yet.</Typography>}
      {notes.data && notes.data.length > 0 && (
        <List aria-label="Notes, newest first">
          {notes.data.map((n) => (
            <ListItem key={n.id} divider alignItems="flex-start">
              <ListItemText
                primary={n.text}
                slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap' } } }}
                secondary={`${NOTE_KIND_LABELS[n.kind]}${n.providerName ? ` with ${n.providerName}` : ''} · ${formatDateTime(n.at)} · ${n.by}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Paper>
  );
}
