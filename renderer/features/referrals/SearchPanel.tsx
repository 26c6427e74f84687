import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Grid,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
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
  Tabs,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/TravelExplore';
import type { RankedHome, SearchResult } from '../../../shared/contract/matching';
import type { ReferralDetail } from '../../../shared/contract/referrals';
import { HOME_KINDS, HOME_KIND_LABELS, type HomeKind } from '../../../shared/domain/homes';
import { ofstedGradeLabel } from '../../../shared/domain/ofsted';
import { formatPence } from '../../../shared/domain/money';
import { FACTOR_LABELS, FACTORS } from '../../../shared/scoring/types';
import { NotScoredRow, notScoredText } from './NotScored';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { ActDialog, type Act } from './ActDialogs';
import { SearchMap } from './SearchMap';
import { ShortlistTable } from './ShortlistTable';
import { WideningPanel } from './WideningPanel';
import { call } from '../../api/client';
import { base64ToBytes, download } from '../market/export';
import { formatDateTime, formatIsoDate } from '../../../shared/domain/calendar';
import { plural } from '../../../shared/domain/words';

const OWNERSHIP_LABELS = { in_house: 'In-house', ifa: 'IFA', private: 'Private', voluntary: 'Voluntary', council: 'Another council' } as const;

/** Cards or the compact list: the officer's last choice, kept on this computer. */
type ResultsView = 'cards' | 'list';
const VIEW_KEY = 'rcc.search.view';
const savedView = (): ResultsView => (localStorage.getItem(VIEW_KEY) === 'list' ? 'list' : 'cards');

/** The view switch and the shortlist downloads: the homes ticked to compare, or the top ten when none are. */
function ShortlistBar({ runId, chosen, view, onView }: { runId: number; chosen: number[]; view: ResultsView; onView: (v: ResultsView) => void }) {
  const [state, setState] = useState<'idle' | 'making' | { error: string } | { done: string }>('idle');
  const make = async (format: 'pdf' | 'xlsx') => {
    setState('making');
    try {
      const file = await call('matching.shortlist', { runId, vacancyIds: chosen, format });
      download(base64ToBytes(file.base64), file.mimeType, file.filename);
      setState({ done: `${file.filename} (${file.homes} ${file.homes === 1 ? 'home' : 'homes'}) downloaded.` });
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: ResultsView | null) => v && onView(v)} aria-label="Show the ranked homes as">
        <ToggleButton value="cards">Cards</ToggleButton>
        <ToggleButton value="list">List</ToggleButton>
      </ToggleButtonGroup>
      <Typography variant="body2" sx={{ ml: 1 }}>
        Shortlist for panel ({chosen.length > 0 ? `${chosen.length} ticked` : 'top ten'}):
      </Typography>
      <Button size="small" variant="outlined" disabled={state === 'making'} onClick={() => void make('pdf')}>
        Shortlist PDF
      </Button>
      <Button size="small" variant="outlined" disabled={state === 'making'} onClick={() => void make('xlsx')}>
        Shortlist XLSX
      </Button>
      {typeof state === 'object' && 'done' in state && (
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          {state.done}
        </Typography>
      )}
      {typeof state === 'object' && 'error' in state && <Alert severity="error">{state.error}</Alert>}
    </Stack>
  );
}

interface Filters {
  kind: HomeKind | '';
  council: string;
  maxMiles: string;
  maxWeekly: string;
}

/** Ranks every open vacancy for the referral; filters re-rank the list instantly on the screen. */
export function SearchPanel({ detail }: { detail: ReferralDetail }) {
  const referralId = detail.summary.id;
  const runs = useApi('matching.runs', { referralId });
  const latestRunId = runs.data?.[0]?.id ?? null;
  const latest = useApi('matching.run', { runId: latestRunId ?? 1 }, { enabled: latestRunId !== null });
  const search = useApiMutation('matching.search', ['matching.runs', 'referrals.get', 'referrals.inbox', 'referrals.progress']);
  const answered: SearchResult | undefined = search.data ?? latest.data;
  // A search answers with the first page of a long list; the officer may ask for every home.
  const [everyHomeOf, setEveryHomeOf] = useState<number | null>(null);
  const everything = useApi('matching.run', { runId: answered?.runId ?? 1, all: true }, { enabled: answered !== undefined && everyHomeOf === answered.runId });
  const result = everything.data && everything.data.runId === answered?.runId ? everything.data : answered;
  const canAct = !['placed', 'closed', 'draft'].includes(detail.summary.status);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button variant="contained" startIcon={<SearchIcon />} onClick={() => search.mutate({ referralId })} disabled={search.isPending || !canAct}>
          {result ? 'Search again' : 'Search the region'}
        </Button>
        {result && (
          <Typography variant="body2" color="text.secondary">
            Search {result.runId} run {formatDateTime(result.at)} by {result.by} under policy version {result.policyVersion}; kept so it can be reproduced.
          </Typography>
        )}
      </Stack>
      {search.isPending && <LinearProgress aria-label="Searching" />}
      {search.isError && <ErrorState error={search.error} />}
      {runs.isPending || (latestRunId !== null && latest.isPending && !search.data) ? <LoadingState label="Loading the last search" /> : null}
      {!result && !search.isPending && runs.data?.length === 0 && (
        <EmptyState title="No search yet">
          <Typography>One search ranks every open vacancy in the region for this child and says why each other home is excluded.</Typography>
        </EmptyState>
      )}
      {result && (result.ranked.length < result.rankedTotal || result.excluded.length < result.excludedTotal) && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={() => setEveryHomeOf(result.runId)} disabled={everyHomeOf === result.runId}>
              Show every home
            </Button>
          }
        >
          Showing the best {result.ranked.length.toLocaleString('en-GB')} of {plural(result.rankedTotal, 'ranked home')} and{' '}
          {result.excluded.length.toLocaleString('en-GB')} of {plural(result.excludedTotal, 'excluded home')}. Filters apply to the homes shown.
        </Alert>
      )}
      {everything.isFetching && <LinearProgress aria-label="Loading every home" />}
      {everything.isError && <ErrorState error={everything.error} />}
      {result && <Results result={result} detail={detail} canAct={canAct} />}
    </Stack>
  );
}

function Results({ result, detail, canAct }: { result: SearchResult; detail: ReferralDetail; canAct: boolean }) {
  const [filters, setFilters] = useState<Filters>({ kind: '', council: '', maxMiles: '', maxWeekly: '' });
  const [tab, setTab] = useState<'ranked' | 'excluded' | 'map'>('ranked');
  const [compare, setCompare] = useState<number[]>([]);
  const [comparing, setComparing] = useState(false);
  const [act, setAct] = useState<Act | null>(null);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [view, setView] = useState<ResultsView>(savedView);
  const chooseView = (next: ResultsView) => {
    setView(next);
    localStorage.setItem(VIEW_KEY, next);
  };
  const councils = useMemo(() => [...new Set(result.ranked.map((r) => r.councilName))].sort(), [result]);
  const shown = useMemo(
    () =>
      result.ranked.filter(
        (r) =>
          (!filters.kind || r.kind === filters.kind) &&
          (!filters.council || r.councilName === filters.council) &&
          (!filters.maxMiles || r.homeMiles <= Number(filters.maxMiles)) &&
          (!filters.maxWeekly || r.weeklyPence <= Number(filters.maxWeekly) * 100),
      ),
    [result, filters],
  );
  const toggle = (id: number) => setCompare((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length < 4 ? [...c, id] : c));
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });

  return (
    <Grid container spacing={2}>
      {/* The list is wide: it takes the full width, and the child's words move below it. */}
      <Grid size={{ xs: 12, lg: view === 'list' && tab === 'ranked' ? 12 : 9 }}>
        <Tabs value={tab} onChange={(_e, v: 'ranked' | 'excluded' | 'map') => setTab(v)} aria-label="Search results">
          <Tab value="ranked" label={`Ranked homes (${shown.length})`} />
          <Tab value="excluded" label={`Excluded homes (${result.excludedTotal.toLocaleString('en-GB')})`} />
          <Tab value="map" label="Map" />
        </Tabs>
        {tab === 'ranked' && (
          <Stack spacing={2} sx={{ mt: 2 }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label="Filters">
              <TextField select size="small" label="Type" value={filters.kind} onChange={set('kind')} sx={{ minWidth: 170 }}>
                <MenuItem value="">All types</MenuItem>
                {HOME_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {HOME_KIND_LABELS[k]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select size="small" label="Council" value={filters.council} onChange={set('council')} sx={{ minWidth: 150 }}>
                <MenuItem value="">All councils</MenuItem>
                {councils.map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
              <TextField size="small" type="number" label="Max miles" value={filters.maxMiles} onChange={set('maxMiles')} sx={{ width: 120 }} />
              <TextField size="small" type="number" label="Max £ a week" value={filters.maxWeekly} onChange={set('maxWeekly')} sx={{ width: 140 }} />
              <Button variant="outlined" disabled={compare.length < 2} onClick={() => setComparing(true)}>
                Compare {compare.length > 0 ? `(${compare.length})` : ''}
              </Button>
            </Stack>
            <ShortlistBar runId={result.runId} chosen={compare} view={view} onView={chooseView} />
            {shown.length === 0 && (
              <EmptyState
                title={result.ranked.length === 0 ? 'No home in the region passes every rule for this child' : 'No ranked home matches these filters'}
              />
            )}
            {result.ranked.length === 0 && result.widening && <WideningPanel widening={result.widening} excluded={result.excludedTotal} />}
            {view === 'list' && shown.length > 0 && <ShortlistTable homes={shown} chosen={compare} onToggle={toggle} />}
            {view === 'cards' &&
              shown.map((r) => (
                <ResultCard
                  key={r.vacancyId}
                  r={r}
                  selected={compare.includes(r.vacancyId)}
                  onToggle={() => toggle(r.vacancyId)}
                  onAct={canAct ? (kind) => setAct({ kind, home: r }) : null}
                  onFocus={() => setHighlight(r.vacancyId)}
                />
              ))}
          </Stack>
        )}
        {tab === 'excluded' && <Excluded result={result} />}
        {tab === 'map' && (
          <Box sx={{ mt: 2 }}>
            <SearchMap result={result} highlight={highlight} />
          </Box>
        )}
      </Grid>
      <Grid size={{ xs: 12, lg: view === 'list' && tab === 'ranked' ? 12 : 3 }}>
        <Card variant="outlined" sx={{ position: 'sticky', top: 80 }} component="aside" aria-label="The child's wishes">
          <CardContent>
            <Typography variant="overline" component="h2">
              In their own words
            </Typography>
            {result.childWishes ? (
              <Typography sx={{ fontStyle: 'italic' }}>“{result.childWishes}”</Typography>
            ) : (
              <Alert severity="warning">No wishes recorded. Ask the child.</Alert>
            )}
          </CardContent>
        </Card>
      </Grid>
      {comparing && <CompareDialog homes={result.ranked.filter((r) => compare.includes(r.vacancyId))} onClose={() => setComparing(false)} />}
      {act && (
        <ActDialog
          act={act}
          referralId={detail.summary.id}
          childId={detail.summary.childId}
          siblingCount={detail.fields.siblingCount}
          onClose={() => setAct(null)}
        />
      )}
    </Grid>
  );
}

function FactorBars({ r }: { r: RankedHome }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '90px 1fr 40px', gap: 0.5, alignItems: 'center' }}>
      {FACTORS.map((f) =>
        !r.factors[f].scored ? (
          <NotScoredRow key={f} factor={f} />
        ) : (
          <Box key={f} sx={{ display: 'contents' }}>
            <Typography variant="body2">{FACTOR_LABELS[f]}</Typography>
            <LinearProgress
              variant="determinate"
              value={r.factors[f].score}
              aria-label={`${FACTOR_LABELS[f]} ${r.factors[f].score.toFixed(0)} of 100`}
              sx={{ height: 8, borderRadius: 4 }}
            />
            <Typography variant="body2" align="right">
              {r.factors[f].score.toFixed(0)}
            </Typography>
          </Box>
        ),
      )}
    </Box>
  );
}

function ResultCard({
  r,
  selected,
  onToggle,
  onAct,
  onFocus,
}: {
  r: RankedHome;
  selected: boolean;
  onToggle: () => void;
  onAct: ((k: Act['kind']) => void) | null;
  onFocus: () => void;
}) {
  const [why, setWhy] = useState(false);
  return (
    <Card variant="outlined" component="article" aria-label={`${r.rank}. ${r.homeName}`} onMouseEnter={onFocus} onFocus={onFocus}>
      <CardContent>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 5 }}>
            <Typography variant="h6" component="h3">
              {r.rank}. {r.homeName}
            </Typography>
            <Typography color="text.secondary">
              {HOME_KIND_LABELS[r.kind]} · {OWNERSHIP_LABELS[r.ownership]} · {r.providerName}
            </Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ my: 1, flexWrap: 'wrap' }}>
              <Chip size="small" label={`${r.homeMiles.toFixed(1)} mi from home`} color={r.withinTwentyMiles ? 'success' : 'warning'} />
              {r.schoolMiles !== null && <Chip size="small" label={`${r.schoolMiles.toFixed(1)} mi from school`} />}
              <Chip size="small" label={r.insideHomeCouncil ? 'In home council' : `${r.councilName}`} />
              {r.ofstedGrade && <Chip size="small" label={`Ofsted: ${ofstedGradeLabel(r.ofstedGrade)}`} />}
              {r.stability.some((s) => s.factor === 'mockingbird' && s.points > 0) && (
                <Chip size="small" color="secondary" variant="outlined" label="Mockingbird constellation support" />
              )}
            </Stack>
            <Typography>
              <strong>{formatPence(r.weeklyPence)}</strong> a week · {formatPence(r.annualPence)} a year
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Call {r.phone || 'the provider'} · {plural(r.beds, 'bed')} from {formatIsoDate(r.availableFrom)}
            </Typography>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <FactorBars r={r} />
          </Grid>
          <Grid size={{ xs: 12, md: 3 }} sx={{ textAlign: 'right' }}>
            <Typography variant="h3" component="p" aria-label={`Total ${r.total.toFixed(1)} of 100`}>
              {r.total.toFixed(0)}
            </Typography>
            <Typography variant="caption">of 100{r.inHouseBonus > 0 ? ` (incl. +${r.inHouseBonus} in-house)` : ''}</Typography>
          </Grid>
          {r.explanation.length > 0 && (
            <Grid size={12}>
              <Typography variant="body2">{r.explanation[0]}</Typography>
            </Grid>
          )}
          {why && (
            <Grid size={12}>
              <List dense disablePadding aria-label="Why this score">
                {r.explanation.slice(1).map((line, i) => (
                  <ListItem key={i} disableGutters sx={{ py: 0 }}>
                    <ListItemText primary={line} slotProps={{ primary: { variant: 'body2' } }} />
                  </ListItem>
                ))}
                {r.stability.map((s) => (
                  <ListItem key={s.factor} disableGutters sx={{ py: 0 }}>
                    <ListItemText primary={`Stability · ${s.line}`} slotProps={{ primary: { variant: 'body2', color: 'text.secondary' } }} />
                  </ListItem>
                ))}
              </List>
            </Grid>
          )}
        </Grid>
      </CardContent>
      <CardActions>
        <FormControlLabel control={<Checkbox checked={selected} onChange={onToggle} />} label="Compare" />
        {r.explanation.length > 1 && (
          <Button onClick={() => setWhy(!why)} aria-expanded={why}>
            {why ? 'Hide reasons' : 'Why this score'}
          </Button>
        )}
        {onAct && (
          <>
            <Button onClick={() => onAct('hold')}>Hold</Button>
            <Button onClick={() => onAct('response')}>Record answer</Button>
            <Button variant="contained" onClick={() => onAct('place')}>
              Place
            </Button>
          </>
        )}
      </CardActions>
    </Card>
  );
}

function Excluded({ result }: { result: SearchResult }) {
  if (result.excluded.length === 0) return <EmptyState title="No home was excluded" />;
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ mt: 2 }}>
      <Table size="small" aria-label="Excluded homes">
        <TableHead>
          <TableRow>
            <TableCell>Home</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Council</TableCell>
            <TableCell>Why not</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.excluded.map((e) => (
            <TableRow key={e.vacancyId}>
              <TableCell>
                {e.homeName}
                <Typography variant="body2" color="text.secondary">
                  {e.providerName}
                </Typography>
              </TableCell>
              <TableCell>{HOME_KIND_LABELS[e.kind]}</TableCell>
              <TableCell>{e.councilName}</TableCell>
              <TableCell>
                {e.reasons.map((reason, i) => (
                  <Typography key={i} variant="body2">
                    {reason}
                  </Typography>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function CompareDialog({ homes, onClose }: { homes: RankedHome[]; onClose: () => void }) {
  const rows: [string, (r: RankedHome) => string][] = [
    ['Total', (r) => r.total.toFixed(1)],
    ...FACTORS.map(
      (f) =>
        [
          FACTOR_LABELS[f],
          (r: RankedHome) => (r.factors[f].scored ? `${r.factors[f].score.toFixed(0)} (+${r.factors[f].points.toFixed(1)})` : notScoredText(f)),
        ] as [string, (r: RankedHome) => string],
    ),
    ['Type', (r) => `${HOME_KIND_LABELS[r.kind]}, ${OWNERSHIP_LABELS[r.ownership]}`],
    ['Weekly cost', (r) => formatPence(r.weeklyPence)],
    ['Annual cost', (r) => formatPence(r.annualPence)],
    ['From home', (r) => `${r.homeMiles.toFixed(1)} miles`],
    ['From school', (r) => (r.schoolMiles === null ? '—' : `${r.schoolMiles.toFixed(1)} miles`)],
    ['Ofsted', (r) => (r.ofstedGrade ? ofstedGradeLabel(r.ofstedGrade) : 'Foster home (not graded)')],
    ['Available from', (r) => formatIsoDate(r.availableFrom)],
  ];
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="compare-title">
      <DialogTitle id="compare-title">Compare {homes.length} homes, factor by factor</DialogTitle>
      <DialogContent dividers>
        <Table size="small" aria-label="Comparison">
          <TableHead>
            <TableRow>
              <TableCell />
              {homes.map((h) => (
                <TableCell key={h.vacancyId} sx={{ fontWeight: 600 }}>
                  {h.rank}. {h.homeName}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row">
                  {label}
                </TableCell>
                {homes.map((h) => (
                  <TableCell key={h.vacancyId}>{value(h)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
