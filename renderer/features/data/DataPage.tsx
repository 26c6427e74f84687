import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControl,
  FormControlLabel,
  FormHelperText,
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
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import UploadIcon from '@mui/icons-material/UploadFileOutlined';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import WarningIcon from '@mui/icons-material/WarningAmberOutlined';
import { useQueryClient } from '@tanstack/react-query';
import type { ApiError, MethodName, MethodOutput } from '../../../shared/contract';
import { mayCall } from '../../../shared/contract/access';
import type { ImportKind, ImportProblemView, ImportResultView } from '../../../shared/contract/data';
import type { JobProgress } from '../../../shared/contract/jobs';
import { MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE } from '../../../shared/contract/uploads';
import type { Role } from '../../../shared/domain/roles';
import { localIsoDate } from '../../../shared/domain/calendar';
import { collectionYearLabel, collectionYearOf } from '../../../shared/domain/ssda903';
import { call } from '../../api/client';
import { describeProgress, useJob } from '../../api/jobs';
import { useApi } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { downloadBase64, formatBytes, readAsBase64 } from './files';
import { PostcodeDirectoryPanel } from './PostcodeDirectoryPanel';
import { Ssda903ExportBlock } from './Ssda903ExportBlock';

interface KindInfo {
  label: string;
  help: string;
  accept: string;
  multiple: boolean;
  /** The contract method that imports this kind: who may call it decides who is offered it. */
  method: ImportMethod;
}

type ImportMethod = 'imports.ssda903' | 'imports.ofsted' | 'imports.vacancies' | 'imports.fosterHouseholds' | 'imports.councils';

const KINDS: Record<ImportKind, KindInfo> = {
  ssda903: {
    label: 'SSDA903 return (children looked after)',
    help: 'The header, episodes, UASC and missing CSV files in the DfE layout (dates dd/mm/yyyy), chosen together, or the XML return, of any year: codes are judged by the return’s own collection year, and an older return never overwrites newer history. Children get pseudonymous references on screen; the council’s own identifiers are kept only for its SSDA903 export.',
    accept: '.csv,.xml,text/csv,text/xml,application/xml',
    multiple: true,
    method: 'imports.ssda903',
  },
  ofsted: {
    label: 'Ofsted list of children’s social care providers',
    help: 'Ofsted’s published list (Excel or CSV). Homes and agencies are matched by URN: grades and inspection dates are updated, new ones in the region are added.',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    method: 'imports.ofsted',
  },
  vacancies: {
    label: 'Provider vacancy feed',
    help: 'The vacancy template (exported below) as filled in by a provider: rows with a vacancy ID update it, rows without one add a vacancy.',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    method: 'imports.vacancies',
  },
  fosterHouseholds: {
    label: 'Foster household list',
    help: 'One row per approved household, keyed by the provider’s household reference: approval, fee and skills tiers, specialisms, carers.',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    method: 'imports.fosterHouseholds',
  },
  councils: {
    label: 'Partner councils',
    help: 'A list with the columns Council, DfE LA code (three digits), ONS code (e.g. E08000003) and Centre (a postcode or a town). A DfE LA code already in the app updates that council; a new one adds a council.',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
    method: 'imports.councils',
  },
};

/** Every method the screen offers: it is in the menu for the roles that may call any of them. */
export const DATA_SCREEN_METHODS: readonly MethodName[] = [
  ...Object.values(KINDS).map((k) => k.method),
  'imports.postcodes',
  'exports.placementsStandard',
  'exports.ssda903Return',
  'exports.ssda903Header',
  'exports.ssda903Episodes',
  'exports.vacancyTemplate',
];

interface EncodedFile {
  fileName: string;
  contentBase64: string;
}

/** SSDA903 collection years to choose from: this one and the twelve before it, newest first. */
const COLLECTION_YEARS = Array.from({ length: 13 }, (_, i) => collectionYearLabel(collectionYearOf(localIsoDate(new Date())) - i));

/** The import call for a kind: each runs as a job (renderer/api/jobs.ts), with its own method. */
function useImportJobs() {
  const jobs = {
    ssda903: useJob('imports.ssda903'),
    ofsted: useJob('imports.ofsted'),
    vacancies: useJob('imports.vacancies'),
    fosterHouseholds: useJob('imports.fosterHouseholds'),
    councils: useJob('imports.councils'),
  };
  const run = (
    kind: ImportKind,
    files: EncodedFile[],
    options: { skipBadRows: boolean; dryRun: boolean; councilId: number | null; collectionYear: string; confirmIntoDemo: boolean },
  ): Promise<ImportResultView> => {
    const common = { skipBadRows: options.skipBadRows, dryRun: options.dryRun };
    const [first] = files as [EncodedFile];
    switch (kind) {
      case 'ssda903':
        return jobs.ssda903.run({
          files,
          ...common,
          confirmIntoDemo: options.confirmIntoDemo,
          ...(options.councilId !== null ? { councilId: options.councilId } : {}),
          ...(options.collectionYear !== '' ? { collectionYear: options.collectionYear } : {}),
        });
      case 'ofsted':
        return jobs.ofsted.run({ ...first, ...common });
      case 'vacancies':
        return jobs.vacancies.run({ ...first, ...common });
      case 'fosterHouseholds':
        return jobs.fosterHouseholds.run({ ...first, ...common });
      case 'councils':
        return jobs.councils.run({ ...first, ...common });
    }
  };
  const active = Object.values(jobs).find((j) => j.running);
  return { run, progress: active?.progress ?? null, cancel: active?.cancel, cancelling: active?.cancelling ?? false };
}

export function DataPage() {
  const me = useApi('auth.me', {});
  if (me.isPending) return <LoadingState label="Opening imports and exports" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return null;
  return (
    <>
      <PageHeader
        title="Imports and exports"
        subtitle="Bring in returns, provider lists and vacancy feeds; take out placements and episodes in the national layouts."
      />
      <Stack spacing={3}>
        <ImportPanel role={me.data.role} ownCouncilId={me.data.councilId} />
        {mayCall(me.data.role, 'imports.postcodes') && <PostcodeDirectoryPanel />}
        <ExportPanel role={me.data.role} ownCouncilId={me.data.councilId} />
      </Stack>
    </>
  );
}

/** The import form and its report; `only` fixes the kind (another screen's import of its own records). */
export function ImportPanel({
  role,
  ownCouncilId,
  only,
  heading = 'Import a file',
}: {
  role: Role;
  ownCouncilId: number | null;
  only?: ImportKind;
  heading?: string;
}) {
  const client = useQueryClient();
  const kinds = (Object.keys(KINDS) as ImportKind[]).filter((k) => mayCall(role, KINDS[k].method) && (only === undefined || k === only));
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'ofsted');
  const [files, setFiles] = useState<File[]>([]);
  const [councilId, setCouncilId] = useState<number | ''>('');
  const [collectionYear, setCollectionYear] = useState('');
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [demoWarning, setDemoWarning] = useState<string | null>(null);
  const [running, setRunning] = useState<'check' | 'import' | null>(null);
  const [result, setResult] = useState<ImportResultView | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const jobs = useImportJobs();
  const input = useRef<HTMLInputElement>(null);
  const needsCouncil = kind === 'ssda903' && ownCouncilId === null;
  const councils = useApi('region.councils', {}, { enabled: needsCouncil });

  const reset = () => {
    setResult(null);
    setError(null);
  };
  const chooseKind = (next: ImportKind) => {
    setKind(next);
    setFiles([]);
    reset();
  };

  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  // Refused here, before anything is read or sent, with the words the backend would use.
  const tooLarge = totalBytes > MAX_UPLOAD_BYTES;
  const missingCouncil = needsCouncil && councilId === '';
  const ready = files.length > 0 && !tooLarge && !missingCouncil && running === null;

  const start = async (dryRun: boolean, confirmIntoDemo = false) => {
    reset();
    setRunning(dryRun ? 'check' : 'import');
    try {
      const encoded = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await readAsBase64(f) })));
      const outcome = await jobs.run(kind, encoded, { skipBadRows, dryRun, councilId: councilId === '' ? null : councilId, collectionYear, confirmIntoDemo });
      setResult(outcome);
      if (outcome.imported) await client.invalidateQueries();
    } catch (e) {
      // A file that looks real, going into the demo region: the user must say it is synthetic.
      if ((e as { field?: string }).field === 'confirmIntoDemo') setDemoWarning((e as Error).message);
      else setError(e as Error);
    } finally {
      setRunning(null);
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="import-heading">
      <Typography id="import-heading" variant="h6" component="h2" gutterBottom>
        {heading}
      </Typography>
      <ConfirmDialog
        open={demoWarning !== null}
        title="Is this real children's data?"
        body={demoWarning ?? ''}
        confirmLabel="It is synthetic: import it"
        onCancel={() => setDemoWarning(null)}
        onConfirm={() => {
          setDemoWarning(null);
          void start(false, true);
        }}
      />
      {kinds.length === 0 ? (
        <EmptyState title="Your role has no imports" />
      ) : (
        <Stack spacing={2}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            {only === undefined && (
              <FormControl size="small" sx={{ minWidth: 320 }}>
                <InputLabel id="import-kind">What are you importing?</InputLabel>
                <Select
                  labelId="import-kind"
                  label="What are you importing?"
                  value={kind}
                  onChange={(e) => chooseKind(e.target.value as ImportKind)}
                  disabled={running !== null}
                >
                  {kinds.map((k) => (
                    <MenuItem key={k} value={k}>
                      {KINDS[k].label}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
            )}
            {needsCouncil && (
              <FormControl size="small" sx={{ minWidth: 220 }} error={missingCouncil && files.length > 0}>
                <InputLabel id="import-council">Whose return is it?</InputLabel>
                <Select
                  labelId="import-council"
                  label="Whose return is it?"
                  value={councilId}
                  onChange={(e) => setCouncilId(e.target.value ? Number(e.target.value) : '')}
                  disabled={running !== null}
                >
                  {councils.data?.map((c) => (
                    <MenuItem key={c.id} value={c.id}>
                      {c.name}
                    </MenuItem>
                  ))}
                </Select>
                <FormHelperText>{councils.isError ? councils.error.message : 'The council that made the return'}</FormHelperText>
              </FormControl>
            )}
            {kind === 'ssda903' && (
              <FormControl size="small" sx={{ minWidth: 220 }}>
                <InputLabel id="import-year" shrink>
                  Collection year
                </InputLabel>
                <Select
                  labelId="import-year"
                  label="Collection year"
                  value={collectionYear}
                  onChange={(e) => setCollectionYear(e.target.value)}
                  disabled={running !== null}
                  displayEmpty
                  notched
                >
                  <MenuItem value="">From the return’s dates</MenuItem>
                  {COLLECTION_YEARS.map((y) => (
                    <MenuItem key={y} value={y}>
                      {y}
                    </MenuItem>
                  ))}
                </Select>
                <FormHelperText>The result says which year was used</FormHelperText>
              </FormControl>
            )}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {KINDS[kind].help}
          </Typography>

          <Box>
            <input
              ref={input}
              type="file"
              hidden
              multiple={KINDS[kind].multiple}
              accept={KINDS[kind].accept}
              aria-label="File to import"
              onChange={(e) => {
                setFiles(Array.from(e.target.files ?? []));
                reset();
                e.target.value = '';
              }}
            />
            <Button variant="outlined" startIcon={<UploadIcon />} onClick={() => input.current?.click()} disabled={running !== null}>
              {KINDS[kind].multiple ? 'Choose files…' : 'Choose a file…'}
            </Button>
            <Box sx={{ mt: 1 }} aria-live="polite">
              {files.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  No file chosen yet.
                </Typography>
              ) : (
                <Typography variant="body2">{files.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ')}</Typography>
              )}
            </Box>
            {tooLarge && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {UPLOAD_TOO_LARGE} (Chosen: {formatBytes(totalBytes)}.)
              </Alert>
            )}
          </Box>

          <FormControlLabel
            control={<Checkbox checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} disabled={running !== null} />}
            label="Skip bad rows: import the good rows and leave out rows with errors (otherwise any error stops the whole import)"
          />

          <Stack direction="row" spacing={2}>
            <Button variant="outlined" onClick={() => void start(true)} disabled={!ready}>
              Check (nothing is changed)
            </Button>
            <Button variant="contained" onClick={() => void start(false)} disabled={!ready}>
              Import
            </Button>
          </Stack>

          {running !== null && (
            <ImportProgress
              progress={jobs.progress}
              checking={running === 'check'}
              onCancel={jobs.cancel ? () => void jobs.cancel?.() : null}
              cancelling={jobs.cancelling}
            />
          )}
          {error && <ErrorState error={error} />}
          {result && <ImportReport result={result} />}
        </Stack>
      )}
    </Paper>
  );
}

function ImportProgress({
  progress,
  checking,
  onCancel,
  cancelling,
}: {
  progress: JobProgress | null;
  checking: boolean;
  onCancel: (() => void) | null;
  cancelling: boolean;
}) {
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  const text = describeProgress(progress, checking ? 'Sending the file to be checked' : 'Sending the file');
  return (
    <Box role="status" aria-live="polite">
      <Stack direction="row" spacing={2} sx={{ mb: 0.5, alignItems: 'center' }}>
        <Typography variant="body2">{cancelling ? 'Cancelling' : text}…</Typography>
        {onCancel && (
          <Button size="small" onClick={onCancel} disabled={cancelling}>
            Cancel
          </Button>
        )}
      </Stack>
      <LinearProgress variant={percent === null ? 'indeterminate' : 'determinate'} value={percent ?? 0} aria-label={text} />
    </Box>
  );
}

const PAGE_SIZE = 25;
const count = (n: number, one: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : `${one}s`}`;

function ImportReport({ result }: { result: ImportResultView }) {
  const [show, setShow] = useState<'all' | 'error' | 'warning'>('all');
  const [page, setPage] = useState(0);
  const problems = useMemo(() => result.problems.filter((p) => show === 'all' || p.severity === show), [result.problems, show]);
  const severity = result.imported
    ? result.warningCount > 0 || result.rowsSkipped > 0
      ? 'warning'
      : 'success'
    : result.dryRun && result.errorCount === 0
      ? 'info'
      : result.errorCount > 0
        ? 'error'
        : 'info';
  const title = result.dryRun ? 'Check finished' : result.imported ? 'Imported' : 'Not imported';
  return (
    <Stack spacing={2} aria-live="polite">
      <Alert severity={severity}>
        <AlertTitle>{title}</AlertTitle>
        {result.summary}
        {result.problemCount > 0 && ` Reported: ${count(result.errorCount, 'error')}, ${count(result.warningCount, 'warning')}.`}
      </Alert>

      {result.files.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Files read">
            <TableHead>
              <TableRow>
                <TableCell>File</TableCell>
                <TableCell>Recognised as</TableCell>
                <TableCell align="right">Rows</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.files.map((f) => (
                <TableRow key={f.fileName}>
                  <TableCell>{f.fileName}</TableCell>
                  <TableCell>{f.content}</TableCell>
                  <TableCell align="right">{f.rows.toLocaleString('en-GB')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}

      {result.changes.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={result.dryRun ? 'What the import would change' : 'What the import changed'}>
            <TableHead>
              <TableRow>
                <TableCell>Records</TableCell>
                <TableCell align="right">{result.dryRun ? 'Would add' : 'Added'}</TableCell>
                <TableCell align="right">{result.dryRun ? 'Would update' : 'Updated'}</TableCell>
                <TableCell align="right">Unchanged</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.changes.map((c) => (
                <TableRow key={c.record}>
                  <TableCell>{c.record}</TableCell>
                  <TableCell align="right">{c.created.toLocaleString('en-GB')}</TableCell>
                  <TableCell align="right">{c.updated.toLocaleString('en-GB')}</TableCell>
                  <TableCell align="right">{c.unchanged.toLocaleString('en-GB')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}

      {result.problemCount === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No problems were found.
        </Typography>
      ) : (
        <Box>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
            <Typography variant="subtitle1" component="h3">
              Validation report
            </Typography>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={show}
              onChange={(_e, v: 'all' | 'error' | 'warning' | null) => {
                if (v) {
                  setShow(v);
                  setPage(0);
                }
              }}
              aria-label="Which problems to show"
            >
              <ToggleButton value="all">All</ToggleButton>
              <ToggleButton value="error">Errors ({result.errorCount.toLocaleString('en-GB')})</ToggleButton>
              <ToggleButton value="warning">Warnings ({result.warningCount.toLocaleString('en-GB')})</ToggleButton>
            </ToggleButtonGroup>
            {result.problems.length < result.problemCount && (
              <Typography variant="body2" color="text.secondary">
                Showing the first {result.problems.length.toLocaleString('en-GB')} of {result.problemCount.toLocaleString('en-GB')} problems.
              </Typography>
            )}
          </Stack>
          <ProblemTable problems={problems.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)} />
          <TablePagination
            component="div"
            count={problems.length}
            page={page}
            rowsPerPage={PAGE_SIZE}
            rowsPerPageOptions={[PAGE_SIZE]}
            onPageChange={(_e, p) => setPage(p)}
          />
        </Box>
      )}
    </Stack>
  );
}

function ProblemTable({ problems }: { problems: ImportProblemView[] }) {
  if (problems.length === 0) return <EmptyState title="No problems of this kind" />;
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="Validation report: problems by row and column">
        <TableHead>
          <TableRow>
            <TableCell>File</TableCell>
            <TableCell align="right">Row</TableCell>
            <TableCell>Column</TableCell>
            <TableCell>Problem</TableCell>
            <TableCell>Kind</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {problems.map((p, i) => (
            <TableRow key={`${p.file}-${p.row}-${p.column}-${i}`}>
              <TableCell>{p.file}</TableCell>
              <TableCell align="right">{p.row ?? 'whole file'}</TableCell>
              <TableCell>{p.column ?? '—'}</TableCell>
              <TableCell>{p.problem}</TableCell>
              <TableCell>
                {p.severity === 'error' ? (
                  <Chip size="small" label="Error" color="error" variant="outlined" />
                ) : (
                  <Chip size="small" label="Warning" variant="outlined" icon={<WarningIcon color="warning" />} />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

type ExportName = 'placements' | 'templateCsv' | 'templateXlsx';

function ExportPanel({ role, ownCouncilId }: { role: Role; ownCouncilId: number | null }) {
  const [busy, setBusy] = useState<ExportName | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  // Those who may open children's records get the standard's full fields; others its market view.
  const seesChildren = mayCall(role, 'children.get');

  const run = async (name: ExportName, fetchFile: () => Promise<MethodOutput<'exports.vacancyTemplate'>>) => {
    setBusy(name);
    setError(null);
    setDone(null);
    try {
      const file = await fetchFile();
      downloadBase64(file.fileName, file.mimeType, file.contentBase64);
      setDone(`${file.fileName} (${file.rows.toLocaleString('en-GB')} rows) is downloading.`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };

  const exportButton = (name: ExportName, label: string, description: string, fetchFile: () => Promise<MethodOutput<'exports.vacancyTemplate'>>) => (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }} key={name}>
      <Button
        variant="outlined"
        startIcon={<DownloadIcon />}
        onClick={() => void run(name, fetchFile)}
        disabled={busy !== null}
        sx={{ minWidth: 300, justifyContent: 'flex-start', whiteSpace: 'nowrap' }}
      >
        {busy === name ? 'Preparing…' : label}
      </Button>
      <Typography variant="body2" color="text.secondary">
        {description}
      </Typography>
    </Stack>
  );

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="export-heading">
      <Typography id="export-heading" variant="h6" component="h2" gutterBottom>
        Export
      </Typography>
      <Stack spacing={1.5}>
        {exportButton(
          'placements',
          'Placements (Placements Standard, CSV)',
          seesChildren
            ? 'Every placement in your scope, in the national Placements Data Standard’s fields and options.'
            : 'Placements in the standard’s layout, market view: a pseudonymous child id and the placement made, without the child’s needs or risks.',
          () => call('exports.placementsStandard', {}),
        )}
        {exportButton(
          'templateCsv',
          'Vacancy template (CSV)',
          'Open and held vacancies, and a blank line per home, for providers to fill in and send back.',
          () => call('exports.vacancyTemplate', { format: 'csv' }),
        )}
        {exportButton('templateXlsx', 'Vacancy template (Excel)', 'The same template as an Excel workbook, with a drop-down list for the status.', () =>
          call('exports.vacancyTemplate', { format: 'xlsx' }),
        )}
        {done && (
          <Alert severity="success" role="status">
            {done}
          </Alert>
        )}
        {error && <ErrorState error={error} />}
        {mayCall(role, 'exports.ssda903Return') && <Ssda903ExportBlock ownCouncilId={ownCouncilId} />}
      </Stack>
    </Paper>
  );
}
