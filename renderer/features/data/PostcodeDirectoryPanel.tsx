import { useState, type FormEvent } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  InputLabel,
  LinearProgress,
  MenuItem,
  Paper,
  Select,
  Stack,
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
import { useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract';
import { ApiError } from '../../../shared/contract';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { PostcodeImportReportView } from '../../../shared/contract/places';
import { useApi } from '../../api/hooks';
import { useJob } from '../../api/jobs';
import { ErrorState, LoadingState } from '../../components/States';
import { formatBytes } from './files';
import { formatDateTime } from '../../../shared/domain/calendar';

type Format = 'auto' | 'onspd' | 'codepoint';
type Report = PostcodeImportReportView;

const FORMAT_LABELS: Record<Format, string> = {
  auto: 'Work it out from the file',
  onspd: 'ONS Postcode Directory (ONSPD)',
  codepoint: 'Code-Point Open (Ordnance Survey)',
};
const DIRECTORY_FORMATS: Record<'onspd' | 'codepoint', string> = { onspd: 'ONS Postcode Directory', codepoint: 'Code-Point Open' };
const PAGE_SIZE = 25;

const number = (n: number) => n.toLocaleString('en-GB');

/**
 * The postcode directory behind distances and local authorities: which one is in use, and an
 * administrator's import of a new one. The file (about 1.4 GB) is read where it lies by the local
 * backend, so the screen asks for its path rather than sending its bytes.
 */
export function PostcodeDirectoryPanel() {
  const client = useQueryClient();
  const directory = useApi('places.directory', {});
  // The import runs as a job: progress arrives as events, and the call answers with the report.
  const job = useJob('imports.postcodes');
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<Format>('auto');
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const running = job.running;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    setReport(null);
    setError(null);
    job
      .run({ path, format, skipBadRows })
      .then(async (answer) => {
        setReport(answer);
        // Every answer that used the old directory (distances, places) is stale now.
        await (answer.imported ? client.invalidateQueries() : client.invalidateQueries({ queryKey: ['places.directory'] }));
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))));
  };
  const pathError = error instanceof ApiError && error.field === 'path' ? error.message : null;

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="postcodes-heading">
      <Typography id="postcodes-heading" variant="h6" component="h2" gutterBottom>
        Postcode directory
      </Typography>
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          Distances by the DfE method and whether a placement is inside a child’s council come from a postcode directory. Without one, only towns from the
          built-in gazetteer can be placed.
        </Typography>
        {directory.isPending ? (
          <LoadingState label="Finding the postcode directory in use" />
        ) : directory.isError ? (
          <ErrorState error={directory.error} onRetry={() => void directory.refetch()} />
        ) : (
          <DirectoryFacts facts={directory.data} />
        )}

        <Box component="form" onSubmit={submit} noValidate aria-labelledby="postcodes-import-heading">
          <Typography id="postcodes-import-heading" variant="subtitle1" component="h3" gutterBottom>
            Import a postcode directory
          </Typography>
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              The ONS Postcode Directory (ONSPD) or Code-Point Open, as the CSV file unzipped from the download; the ONSPD is about 1.4 GB. The file is read
              where it is on this computer: it is never uploaded or copied. A new directory replaces the old one only when the whole file has been read.
            </Typography>
            <TextField
              label="Full path of the postcode file on this computer"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              disabled={running}
              required
              fullWidth
              size="small"
              error={pathError !== null}
              helperText={pathError ?? 'For example C:\\Data\\ONSPD_FEB_2025_UK.csv or /home/me/ONSPD_FEB_2025_UK.csv'}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
            />
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
              <FormControl size="small" sx={{ minWidth: 320 }}>
                <InputLabel id="postcodes-format">Format</InputLabel>
                <Select labelId="postcodes-format" label="Format" value={format} onChange={(e) => setFormat(e.target.value as Format)} disabled={running}>
                  {(Object.keys(FORMAT_LABELS) as Format[]).map((f) => (
                    <MenuItem key={f} value={f}>
                      {FORMAT_LABELS[f]}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              <FormControlLabel
                control={<Checkbox checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} disabled={running} />}
                label="Skip bad rows (otherwise any bad row leaves the directory as it is)"
              />
            </Stack>
            <Box>
              <Button type="submit" variant="contained" disabled={running || path.trim() === ''}>
                {running ? 'Importing…' : 'Start the import'}
              </Button>
            </Box>
          </Stack>
        </Box>

        {error && pathError === null && <ErrorState error={error} />}
        {running && <ImportProgressLine progress={job.progress} cancelling={job.cancelling} onCancel={() => void job.cancel()} />}
        {report && <ImportOutcome report={report} />}
      </Stack>
    </Paper>
  );
}

function DirectoryFacts({ facts }: { facts: MethodOutput<'places.directory'> }) {
  const { directory, gazetteer } = facts;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="Place data in use">
        <TableHead>
          <TableRow>
            <TableCell>Data</TableCell>
            <TableCell>Source</TableCell>
            <TableCell align="right">Entries</TableCell>
            <TableCell>Date or licence</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell component="th" scope="row">
              Postcode directory
            </TableCell>
            {directory ? (
              <>
                <TableCell>
                  {DIRECTORY_FORMATS[directory.format]}: {directory.fileName}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {number(facts.postcodes)} postcodes
                </TableCell>
                <TableCell>Imported {formatDateTime(directory.importedAt)}</TableCell>
              </>
            ) : (
              <TableCell colSpan={3}>None imported yet: postcodes cannot be placed, only towns.</TableCell>
            )}
          </TableRow>
          <TableRow>
            <TableCell component="th" scope="row">
              Gazetteer of towns (built in)
            </TableCell>
            <TableCell>{gazetteer.source}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {number(gazetteer.places)} places
            </TableCell>
            <TableCell>{gazetteer.licence}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ImportProgressLine({ progress, cancelling, onCancel }: { progress: JobProgress | null; cancelling: boolean; onCancel: () => void }) {
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const phase = cancelling ? 'Cancelling' : (progress?.phase ?? 'Starting');
  return (
    <Box role="status" aria-live="polite">
      <Stack direction="row" spacing={2} sx={{ mb: 0.5, alignItems: 'center' }}>
        <Typography variant="body2">
          {phase}
          {progress && progress.total > 0 ? `: ${formatBytes(progress.done)} of ${formatBytes(progress.total)}` : ''}…
        </Typography>
        <Button size="small" onClick={onCancel} disabled={cancelling}>
          Cancel
        </Button>
      </Stack>
      <LinearProgress variant="determinate" value={percent} aria-label={`${phase}: ${percent}%`} />
    </Box>
  );
}

function ImportOutcome({ report }: { report: Report }) {
  const severity = report.imported ? (report.badRows > 0 ? 'warning' : 'success') : 'error';
  return (
    <Stack spacing={2} role="status" aria-live="polite">
      <Alert severity={severity}>
        <AlertTitle>{report.imported ? 'Postcode directory imported' : 'Postcode directory not imported'}</AlertTitle>
        {report.message}
      </Alert>
      <ReportDetails report={report} />
    </Stack>
  );
}

function ReportDetails({ report }: { report: Report }) {
  const [page, setPage] = useState(0);
  const facts: [string, string][] = [
    ['File', `${report.fileName}${report.format ? ` (${DIRECTORY_FORMATS[report.format]})` : ''}`],
    ['Rows read', number(report.rowsRead)],
    ['Postcodes imported', number(report.postcodes)],
    ['Terminated postcodes left out', number(report.skippedTerminated)],
    ['Postcodes without a location left out', number(report.skippedNoLocation)],
    ['Bad rows', number(report.badRows)],
    ['Time taken', `${(report.elapsedMs / 1000).toFixed(1)} s`],
  ];
  return (
    <>
      <TableContainer component={Paper} variant="outlined" sx={{ maxWidth: 640 }}>
        <Table size="small" aria-label="Postcode import summary">
          <TableBody>
            {facts.map(([name, value]) => (
              <TableRow key={name}>
                <TableCell component="th" scope="row">
                  {name}
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {report.problems.length > 0 && (
        <Box>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            Validation report
          </Typography>
          {report.problemsTruncated && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Reading stopped after the first {number(report.problems.length)} problems; there may be more.
            </Typography>
          )}
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Postcode validation report: problems by row and column">
              <TableHead>
                <TableRow>
                  <TableCell align="right">Row</TableCell>
                  <TableCell>Column</TableCell>
                  <TableCell>Problem</TableCell>
                  <TableCell>Value</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.problems.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((p, i) => (
                  <TableRow key={`${p.row}-${p.column}-${i}`}>
                    <TableCell align="right">{number(p.row)}</TableCell>
                    <TableCell>{p.column}</TableCell>
                    <TableCell>{p.problem}</TableCell>
                    <TableCell>{p.value ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {report.problems.length > PAGE_SIZE && (
            <TablePagination
              component="div"
              count={report.problems.length}
              page={page}
              rowsPerPage={PAGE_SIZE}
              rowsPerPageOptions={[PAGE_SIZE]}
              onPageChange={(_e, p) => setPage(p)}
            />
          )}
        </Box>
      )}
    </>
  );
}
