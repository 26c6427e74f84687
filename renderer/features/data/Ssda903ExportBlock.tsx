import { useState } from 'react';
import { Alert, AlertTitle, Box, Button, FormControl, InputLabel, MenuItem, Select, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import type { ApiError } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar';
import { collectionYearLabel, collectionYearOf } from '../../../shared/domain/ssda903';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ErrorState, LoadingState } from '../../components/States';
import { downloadBase64 } from './files';

/** Years a council may export: this one and the five before it, newest first. */
const YEARS = Array.from({ length: 6 }, (_, i) => collectionYearLabel(collectionYearOf(localIsoDate(new Date())) - i));

/**
 * One council's SSDA903 return for a collection year: before anything is downloaded the screen names
 * the two files, the council and the year, and says whether the return is the council's own or for
 * analysis only (and why), as the backend describes it (exports.ssda903Return).
 */
export function Ssda903ExportBlock({ ownCouncilId }: { ownCouncilId: number | null }) {
  const [chosenCouncil, setChosenCouncil] = useState<number | ''>('');
  const [year, setYear] = useState(YEARS[0]!);
  const [busy, setBusy] = useState<'header' | 'episodes' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const councils = useApi('region.councils', {}, { enabled: ownCouncilId === null });
  const councilId = ownCouncilId ?? (chosenCouncil === '' ? null : chosenCouncil);
  const input = { ...(councilId === null ? {} : { councilId }), collectionYear: year };
  const described = useApi('exports.ssda903Return', input, { enabled: councilId !== null });

  const download = async (file: 'header' | 'episodes') => {
    setBusy(file);
    setError(null);
    setDone(null);
    try {
      const out = await call(file === 'header' ? 'exports.ssda903Header' : 'exports.ssda903Episodes', input);
      downloadBase64(out.fileName, out.mimeType, out.contentBase64);
      setDone(`${out.fileName} (${out.rows.toLocaleString('en-GB')} rows) is downloading.`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };

  const view = described.data;
  const analysisOnly = view !== undefined && view.analysisOnlyReasons.length > 0;
  return (
    <Box component="section" aria-labelledby="ssda903-export-heading">
      <Typography id="ssda903-export-heading" variant="subtitle1" component="h3" gutterBottom>
        SSDA903 return (header and episodes files)
      </Typography>
      <Stack spacing={1.5}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {ownCouncilId === null && (
            <FormControl size="small" sx={{ minWidth: 240 }}>
              <InputLabel id="ssda903-council">Whose return?</InputLabel>
              <Select
                labelId="ssda903-council"
                label="Whose return?"
                value={chosenCouncil}
                onChange={(e) => setChosenCouncil(e.target.value ? Number(e.target.value) : '')}
              >
                {councils.data?.map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {c.name}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          )}
          <FormControl size="small" sx={{ minWidth: 160 }}>
            <InputLabel id="ssda903-year">Collection year</InputLabel>
            <Select labelId="ssda903-year" label="Collection year" value={year} onChange={(e) => setYear(e.target.value)}>
              {YEARS.map((y) => (
                <MenuItem key={y} value={y}>
                  {y}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        </Stack>
        {councilId === null ? (
          <Typography variant="body2" color="text.secondary">
            A return is one council’s: choose the council.
          </Typography>
        ) : described.isPending ? (
          <LoadingState label="Reading the return" />
        ) : described.isError ? (
          <ErrorState error={described.error} onRetry={() => void described.refetch()} />
        ) : view ? (
          <>
            <Alert severity={analysisOnly ? 'warning' : 'info'} role="status">
              <AlertTitle>
                {analysisOnly
                  ? `For analysis only: not ${view.councilName}’s ${view.collectionYear} return as it stands`
                  : `${view.councilName}’s ${view.collectionYear} return, under the council’s own child IDs`}
              </AlertTitle>
              {view.children.toLocaleString('en-GB')} children and {view.episodes.toLocaleString('en-GB')} episodes open at some time in {view.collectionYear},
              dates dd/mm/yyyy, XXXXXXX where a placement’s URN is not known.
              {analysisOnly && (
                <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
                  {view.analysisOnlyReasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </Box>
              )}
            </Alert>
            {view.ruleProblemCount === 0 ? (
              <Typography variant="body2" color="text.secondary">
                The files pass the DfE validator’s rules on the fields the app writes (as the app restates them).
              </Typography>
            ) : (
              <Alert severity="error">
                <AlertTitle>
                  The files would break {view.ruleProblemCount.toLocaleString('en-GB')} of the DfE validator’s rules on the fields the app writes
                </AlertTitle>
                <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                  {view.ruleProblems.map((p, i) => (
                    <li key={`${p.rule}-${p.child}-${i}`}>
                      Rule {p.rule}, {p.file} file, CHILD {p.child}: {p.message}
                    </li>
                  ))}
                </Box>
              </Alert>
            )}
            {(
              [
                ['header', view.headerFileName, 'one row per child: SEX, DOB, ETHNIC, UPN, MOTHER'],
                ['episodes', view.episodesFileName, 'the year’s episodes of care'],
              ] as const
            ).map(([file, name, what]) => (
              <Stack key={file} direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
                <Button
                  variant="outlined"
                  startIcon={<DownloadIcon />}
                  onClick={() => void download(file)}
                  disabled={busy !== null}
                  sx={{ minWidth: 300, justifyContent: 'flex-start', whiteSpace: 'nowrap' }}
                >
                  {busy === file ? 'Preparing…' : `SSDA903 ${file} (CSV)`}
                </Button>
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {name}: {what}
                </Typography>
              </Stack>
            ))}
          </>
        ) : null}
        {done && (
          <Alert severity="success" role="status">
            {done}
          </Alert>
        )}
        {error && <ErrorState error={error} />}
      </Stack>
    </Box>
  );
}
