import { useState } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { BACKUP_REASON_LABELS } from '../../../shared/domain/backups';
import type { BackupView } from '../../../shared/contract/backups';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Backups, the recovery key and the app log: what an information governance lead asks about. */
export function BackupsPage() {
  return (
    <>
      <PageHeader title="Backups and recovery" subtitle="Encrypted backups of the store, the recovery key for a lost store key, and the app log for IT." />
      <Stack spacing={3}>
        <BackupsSection />
        <RecoveryKeySection />
        <LogSection />
      </Stack>
    </>
  );
}

function BackupsSection() {
  const client = useQueryClient();
  const list = useApi('backups.list', {});
  const create = useApiMutation('backups.create', ['backups.list']);
  const settings = useApiMutation('backups.settings', ['backups.list']);
  const restore = useApiMutation('backups.restore');
  const [confirming, setConfirming] = useState<BackupView | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [keep, setKeep] = useState<string | null>(null);

  if (list.isPending) return <LoadingState label="Checking the backups" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;
  const good = data.backups.filter((b) => b.opens).length;

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="backups-heading">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }} spacing={2}>
        <Typography variant="h6" component="h2" id="backups-heading" sx={{ flexGrow: 1 }}>
          Backups
        </Typography>
        <Button variant="contained" onClick={() => create.mutate({})} disabled={create.isPending}>
          {create.isPending ? 'Backing up…' : 'Back up now'}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        A backup is taken every {data.intervalHours} hours while the app runs, before every import, before an update changes the store and before a restore.
        Each is encrypted with the store's key and checked by opening it. The newest {data.keep} are kept.
      </Typography>
      {create.data && (
        <Alert severity={create.data.opens ? 'success' : 'error'} sx={{ mb: 2 }}>
          {create.data.opens
            ? `Backed up to ${create.data.fileName} (${size(create.data.sizeBytes)}); it opens with the key.`
            : `The backup was written but does not open: ${create.data.problem}`}
        </Alert>
      )}
      {create.isError && <ErrorState error={create.error} />}
      {restore.isError && <ErrorState error={restore.error} />}
      {good === 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          There is no backup that opens yet. Back up now.
        </Alert>
      )}

      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={2}
        sx={{ mb: 2 }}
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          settings.mutate({ folder: folder ?? data.folder, keep: Number(keep ?? data.keep) });
        }}
      >
        <TextField
          label="Backup folder"
          value={folder ?? data.folder}
          onChange={(e) => setFolder(e.target.value)}
          sx={{ flexGrow: 1 }}
          size="small"
          helperText="A folder that exists on this computer or a network drive, e.g. one IT backs up too."
        />
        <TextField
          label="Backups kept"
          type="number"
          value={keep ?? String(data.keep)}
          onChange={(e) => setKeep(e.target.value)}
          size="small"
          sx={{ width: 140 }}
        />
        <Box>
          <Button type="submit" variant="outlined" disabled={settings.isPending}>
            Save
          </Button>
        </Box>
      </Stack>
      {settings.isError && <ErrorState error={settings.error} />}
      {settings.isSuccess && (
        <Alert severity="success" sx={{ mb: 2 }}>
          Backups now go to {settings.data.folder}; the newest {settings.data.keep} are kept.
        </Alert>
      )}

      <TableContainer>
        <Table size="small" aria-label="Backups">
          <TableHead>
            <TableRow>
              <TableCell>Taken</TableCell>
              <TableCell>Why</TableCell>
              <TableCell align="right">Size</TableCell>
              <TableCell>Check</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {data.backups.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>No backups in {data.folder} yet.</TableCell>
              </TableRow>
            )}
            {data.backups.map((b) => (
              <TableRow key={b.fileName}>
                <TableCell title={b.fileName}>{when.format(new Date(b.takenAt))}</TableCell>
                <TableCell>{BACKUP_REASON_LABELS[b.reason]}</TableCell>
                <TableCell align="right">{size(b.sizeBytes)}</TableCell>
                <TableCell>
                  {b.opens ? (
                    <Chip size="small" color="success" label="Opens with the key" />
                  ) : (
                    <Chip size="small" color="error" label={b.problem ?? 'Does not open'} />
                  )}
                </TableCell>
                <TableCell align="right">
                  <Button size="small" disabled={!b.opens || restore.isPending} onClick={() => setConfirming(b)}>
                    Restore…
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <ConfirmDialog
        open={confirming !== null}
        title="Restore this backup?"
        body={
          confirming
            ? `The store will be put back as it was on ${when.format(new Date(confirming.takenAt))}. Everything entered since then will be lost from the store ` +
              '(the current store is backed up first, so it can be brought back). Everyone, you included, will be signed out.'
            : ''
        }
        confirmLabel="Restore and sign everyone out"
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const fileName = confirming!.fileName;
          setConfirming(null);
          restore.mutate({ fileName, confirm: true }, { onSuccess: () => void client.resetQueries() });
        }}
      />
    </Paper>
  );
}

function RecoveryKeySection() {
  const reveal = useApiMutation('recovery.reveal');
  const renew = useApiMutation('recovery.renew');
  const [confirmRenew, setConfirmRenew] = useState(false);
  const shown = renew.data?.recoveryKey ?? reveal.data?.recoveryKey ?? null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="recovery-heading">
      <Typography variant="h6" component="h2" id="recovery-heading" sx={{ mb: 1 }}>
        Recovery key
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        If this computer's copy of the store key is lost (a new laptop profile, a reset keyring, a deleted key file), the recovery key unlocks the store again.
        It is shown once: print it or keep it in the council's password safe, never beside the data.
      </Typography>
      {shown && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>Write this down now: it will not be shown again</AlertTitle>
          <Typography component="p" sx={{ fontFamily: 'monospace', fontSize: '1.3rem', letterSpacing: 1 }} data-testid="recovery-key">
            {shown}
          </Typography>
        </Alert>
      )}
      {reveal.data && reveal.data.recoveryKey === null && !renew.data && (
        <Alert severity="info" sx={{ mb: 2 }}>
          The recovery key made when this store was set up has already been shown. Make a new one if it was lost.
        </Alert>
      )}
      {(reveal.isError || renew.isError) && <ErrorState error={(reveal.error ?? renew.error)!} />}
      <Stack direction="row" spacing={2}>
        <Button variant="outlined" onClick={() => reveal.mutate({})} disabled={reveal.isPending || reveal.isSuccess}>
          Show the set-up recovery key
        </Button>
        <Button variant="outlined" color="warning" onClick={() => setConfirmRenew(true)} disabled={renew.isPending}>
          Make a new recovery key…
        </Button>
      </Stack>
      <ConfirmDialog
        open={confirmRenew}
        title="Make a new recovery key?"
        body="The old recovery key will stop working at once. The new one is shown once on this screen."
        confirmLabel="Make a new key"
        onCancel={() => setConfirmRenew(false)}
        onConfirm={() => {
          setConfirmRenew(false);
          renew.mutate({});
        }}
      />
    </Paper>
  );
}

function LogSection() {
  const tail = useApi('log.tail', { lines: 40 });
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="log-heading">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" id="log-heading" sx={{ flexGrow: 1 }}>
          App log
        </Typography>
        <Button onClick={() => void tail.refetch()}>Refresh</Button>
      </Stack>
      {tail.isError && <ErrorState error={tail.error} />}
      {tail.data && (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {tail.data.file ? (
              <>
                The log is at <code>{tail.data.file}</code> (it rotates at 2 MB, keeping five files). It holds method names, outcomes and timings, never a
                child's details.
              </>
            ) : (
              'This app keeps no log file.'
            )}
          </Typography>
          <Box
            component="pre"
            tabIndex={0}
            sx={{ m: 0, p: 1, maxHeight: 260, overflow: 'auto', fontSize: 12, bgcolor: 'action.hover', borderRadius: 1 }}
            aria-label="Last lines of the app log"
          >
            {tail.data.lines.join('\n') || '(empty)'}
          </Box>
        </>
      )}
    </Paper>
  );
}
