import { useRef, useState } from 'react';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { formatMoment } from './dates';
import { RosterDisplay } from './RosterDisplay';
import { ExportPack } from './ConstellationsPage';
import type { ConstellationOverview } from '../../../shared/contract/constellation';
import { mayCall } from '../../../shared/contract/access';

/** Bytes to base64 in chunks, so a large file does not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** On a carer's own laptop: import the roster pack an officer sent, and read it without the region's data. */
export function RosterPackPage() {
  const me = useApi('auth.me', {});
  const imported = useApi('constellation.importedRoster', {});
  const importPack = useApiMutation('constellation.importRosterPack', ['constellation.importedRoster']);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setDone(null);
    const packBase64 = toBase64(new Uint8Array(await file.arrayBuffer()));
    importPack.mutate(
      { packBase64, passphrase },
      {
        onSuccess: (r) => {
          setDone(
            `Imported the roster of ${r.constellationName}, exported ${formatMoment(r.exportedAt)}${r.replaced ? '; it replaces the one exported ' + formatMoment(r.replaced.exportedAt) : ''}.`,
          );
          setPassphrase('');
          setFile(null);
          if (fileInput.current) fileInput.current.value = '';
        },
      },
    );
  };

  // An administrator or officer of the region comes here to make a pack for a hub carer; a hub carer, to open the
  // one they were sent. A carer's own laptop has a store of its own with no constellations, where the
  // carer is its administrator: there the screen is the import alone.
  const mayExport = me.data ? mayCall(me.data.role, 'constellation.exportRosterPack') : false;
  const overview = useApi('constellation.overview', {}, { enabled: mayExport });
  const exporter = mayExport && (overview.data?.length ?? 0) > 0;
  return (
    <>
      <PageHeader
        title="Roster pack"
        subtitle={
          exporter
            ? "Export a constellation's roster as an encrypted pack for the hub carer's own laptop"
            : "Your constellation's roster on this computer, from the encrypted pack your liaison worker sends"
        }
      />
      {exporter && <ExportForAdministrator constellations={overview.data ?? []} />}
      <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="section" aria-labelledby="import-heading">
        <Typography id="import-heading" variant="h6" component="h2" gutterBottom>
          {exporter ? 'Import a roster pack on this computer' : 'Import a roster pack'}
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          The officer gives you the passphrase separately (by phone or in person). A new pack replaces the one you have.
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' }, mt: 1 }}>
          <Button variant="outlined" component="label">
            {file ? `File: ${file.name}` : 'Choose pack file…'}
            <input
              ref={fileInput}
              hidden
              type="file"
              accept=".rccpack,application/octet-stream"
              aria-label="Roster pack file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Button>
          <TextField type="password" label="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} size="small" autoComplete="off" />
          <Button
            variant="contained"
            disabled={!file || !passphrase || importPack.isPending}
            onClick={() => (imported.data ? setConfirming(true) : void run())}
          >
            Import pack
          </Button>
        </Stack>
        {importPack.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {importPack.error.message}
          </Alert>
        )}
        {done && (
          <Alert severity="success" sx={{ mt: 2 }} role="status">
            {done}
          </Alert>
        )}
      </Paper>
      {imported.isPending && <LoadingState label="Loading the imported roster" />}
      {imported.isError && <ErrorState error={imported.error} onRetry={() => void imported.refetch()} />}
      {imported.data === null && <EmptyState title="No roster pack imported on this computer yet" />}
      {imported.data && (
        <Box component="section" aria-labelledby="imported-heading">
          <Typography id="imported-heading" variant="h6" component="h2">
            {imported.data.constellationName}
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            Exported {formatMoment(imported.data.exportedAt)} · imported {formatMoment(imported.data.importedAt)}. Ask your liaison worker for a new pack when
            households change.
          </Typography>
          <RosterDisplay roster={imported.data.roster} />
        </Box>
      )}
      <ConfirmDialog
        open={confirming}
        title="Replace the roster on this computer?"
        body={`The roster of ${imported.data?.constellationName ?? 'your constellation'} exported ${imported.data ? formatMoment(imported.data.exportedAt) : ''} will be replaced by the new pack.`}
        confirmLabel="Replace roster"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void run();
        }}
      />
    </>
  );
}

/** The export an administrator came for: choose the constellation, set the passphrase, save the pack. */
function ExportForAdministrator({ constellations }: { constellations: readonly ConstellationOverview[] }) {
  const [chosen, setChosen] = useState<number | ''>('');
  const constellation = constellations.find((c) => c.id === chosen) ?? null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="section" aria-labelledby="export-pack-heading">
      <Typography id="export-pack-heading" variant="h6" component="h2" gutterBottom>
        Export a roster pack
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        The hub carer imports the pack on their own laptop. Give them the passphrase separately, by phone or in person, never with the file.
      </Typography>
      <TextField
        select
        size="small"
        label="Constellation"
        value={chosen}
        onChange={(e) => setChosen(e.target.value === '' ? '' : Number(e.target.value))}
        sx={{ minWidth: 360, mt: 1 }}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      >
        <option value="" disabled>
          Choose a constellation…
        </option>
        {constellations.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · hub {c.hubHomeName}
          </option>
        ))}
      </TextField>
      {constellation && <ExportPack constellation={constellation} />}
    </Paper>
  );
}
