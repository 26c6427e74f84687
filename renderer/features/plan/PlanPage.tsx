import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Link,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Stack,
  Typography,
} from '@mui/material';
import type { PlanFigures, PlanResult, ProposedMatch } from '../../../shared/contract/plan';
import { formatPence } from '../../../shared/domain/money';
import { useApiMutation } from '../../api/hooks';
import { describeProgress, useJob } from '../../api/jobs';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/States';

/** The comparison's rows; `lineMiles` is the policy's distance line the plan counted with. */
const rowsFor = (lineMiles: number): { label: string; value: (f: PlanFigures) => string; better: 'higher' | 'lower' }[] => [
  { label: 'Children placed', value: (f) => String(f.childrenPlaced), better: 'higher' },
  { label: 'Urgent children placed by their needed-by date', value: (f) => `${f.urgentChildrenPlaced} of ${f.urgentChildren}`, better: 'higher' },
  { label: `Placed within ${lineMiles} miles of home`, value: (f) => String(f.childrenWithinTwentyMiles), better: 'higher' },
  {
    label: 'Sibling groups kept together',
    value: (f) => `${f.siblingGroupsKeptTogether} of ${f.siblingGroupsKeptTogether + f.siblingGroupsUnplaced}`,
    better: 'higher',
  },
  { label: 'Schools kept', value: (f) => String(f.schoolsKept), better: 'higher' },
  { label: 'Mean stability (0-100)', value: (f) => f.meanStability.toFixed(1), better: 'higher' },
  { label: 'Weekly cost', value: (f) => formatPence(f.weeklyCostPence), better: 'lower' },
  { label: 'Total match score', value: (f) => f.totalScore.toFixed(1), better: 'higher' },
  { label: 'Mean score per child', value: (f) => f.meanScore.toFixed(1), better: 'higher' },
  { label: 'Children not placed', value: (f) => String(f.childrenUnplaced), better: 'lower' },
];

function Comparison({ result }: { result: PlanResult }) {
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ mb: 3, maxWidth: 760 }}>
      <Table size="small" aria-label="Optimal plan against first come, first served">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Measure
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              Region plan (optimal)
            </TableCell>
            <TableCell component="th" scope="col" align="right">
              First come, first served
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rowsFor(result.distanceLineMiles).map((row) => (
            <TableRow key={row.label}>
              <TableCell component="th" scope="row">
                {row.label}
              </TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {row.value(result.optimal)}
              </TableCell>
              <TableCell align="right">{row.value(result.greedy)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Matches({ matches, lineMiles }: { matches: readonly ProposedMatch[]; lineMiles: number }) {
  const hold = useApiMutation('placement.hold', ['referrals.inbox', 'referrals.get', 'vacancies.list', 'placement.offers']);
  const toSearching = useApiMutation('referrals.setStatus');
  const [accepted, setAccepted] = useState<Record<number, true>>({});
  const [busy, setBusy] = useState<number | null>(null);
  if (matches.length === 0) return <EmptyState title="The plan proposes no matches">No open referral has a home that passes the hard rules.</EmptyState>;
  const accept = async (m: ProposedMatch) => {
    setBusy(m.referralId);
    try {
      // The workflow goes new → searching → shortlisted: the plan was this referral's search.
      if (m.referralStatus === 'new') await toSearching.mutateAsync({ referralId: m.referralId, status: 'searching', note: 'Searched by the region plan' });
      await hold.mutateAsync({ referralId: m.referralId, vacancyId: m.vacancyId, note: 'From the region plan' });
      setAccepted((a) => ({ ...a, [m.referralId]: true }));
    } catch {
      // Shown below from the mutations' error state.
    } finally {
      setBusy(null);
    }
  };
  const error = hold.error ?? toSearching.error;
  return (
    <>
      {error && <ErrorState error={error} />}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Proposed matches">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Child
              </TableCell>
              <TableCell component="th" scope="col">
                Home
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                Score
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                Weekly price
              </TableCell>
              <TableCell component="th" scope="col" align="right">
                Miles from home
              </TableCell>
              <TableCell component="th" scope="col">
                First come, first served
              </TableCell>
              <TableCell component="th" scope="col">
                Action
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {matches.map((m) => (
              <TableRow key={m.referralId}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                  <Link href={`#/referrals/${m.referralId}`}>{m.childRef}</Link>
                  {m.urgent && <Chip size="small" color="error" variant="outlined" label="Urgent" sx={{ ml: 1 }} />}
                  {m.children > 1 && <Chip size="small" label={`${m.children} siblings together`} sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell>
                  {m.homeName}
                  <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                    {m.councilName}
                    {m.schoolKept === true && ' · keeps their school'}
                    {m.schoolKept === false && ' · a new school'}
                  </Typography>
                </TableCell>
                <TableCell align="right">{m.score.toFixed(1)}</TableCell>
                <TableCell align="right">{formatPence(m.weeklyPence)}</TableCell>
                <TableCell align="right">
                  {m.miles.toFixed(1)}
                  {!m.withinTwentyMiles && <Chip size="small" color="warning" label={`over ${lineMiles}`} sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell>{m.greedyHomeName ?? 'Same home'}</TableCell>
                <TableCell>
                  {accepted[m.referralId] ? (
                    <Link href={`#/referrals/${m.referralId}`}>Held: continue on the referral</Link>
                  ) : (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => void accept(m)}
                      disabled={busy !== null}
                      aria-label={`Accept ${m.homeName} for ${m.childRef}`}
                    >
                      Accept
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

/** Seconds since the plan started, ticking on this window's own clock (nothing is asked of the backend). */
function Elapsed({ since }: { since: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return since === null ? null : <>({((now - since) / 1000).toFixed(1)} s)</>;
}

export function PlanPage() {
  // The plan runs as a job: its phases arrive as events, and the call answers with the plan.
  const job = useJob('plan.start');
  const [result, setResult] = useState<PlanResult | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [started, setStarted] = useState<number | null>(null);
  const running = job.running;
  // A plan this user started before the window (re)opened is followed to its end, not started again.
  const { resume } = job;
  useEffect(() => {
    resume().then(
      (resumed) => resumed && setResult(resumed),
      (e: unknown) => setError(e as Error),
    );
  }, [resume]);
  const run = async () => {
    setError(null);
    setStarted(Date.now());
    try {
      setResult(await job.run({}));
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <>
      <PageHeader
        title="Region plan"
        subtitle="Every open referral against every open vacancy at once, set beside first come, first served. Accepting a match holds the vacancy; the referral then carries on as usual."
        actions={
          <Button variant="contained" onClick={() => void run()} disabled={running}>
            {result ? 'Run again' : 'Run the plan'}
          </Button>
        }
      />
      {error && <ErrorState error={error} />}
      {running && (
        <Box role="status" aria-live="polite" sx={{ my: 3, maxWidth: 760 }}>
          <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
            <Typography>
              {job.cancelling ? 'Cancelling' : describeProgress(job.progress, 'Starting')}… <Elapsed since={started} />
            </Typography>
            <Button size="small" onClick={() => void job.cancel()} disabled={job.cancelling}>
              Cancel
            </Button>
          </Stack>
          <LinearProgress aria-label="Planning the region" />
        </Box>
      )}
      {!running && !result && !error && (
        <EmptyState title="No plan run yet">Run the plan to see the best placements for the whole region under the current matching policy.</EmptyState>
      )}
      {result && (
        <>
          <Alert severity={result.optimality.status === 'optimal' ? 'success' : 'info'} sx={{ mb: 2 }}>
            {result.referrals} open referrals
            {result.referralsHoldingBeds > 0 &&
              ` (and ${result.referralsHoldingBeds} left out because a bed is already held for ${result.referralsHoldingBeds === 1 ? 'it' : 'them'})`}
            , {result.vacancies} open vacancies, policy version {result.policyVersion}, planned in {(result.solveMs / 1000).toFixed(1)} s.{' '}
            {result.optimality.statement}
          </Alert>
          <Typography variant="h6" component="h2" gutterBottom>
            Compared with first come, first served
          </Typography>
          <Comparison result={result} />
          <Typography variant="body2" sx={{ mb: 3, maxWidth: 760 }}>
            <strong>How urgency counts.</strong> {result.urgency} Urgent means needed today or within five days; every placement the plan proposes is in a home
            free by the child’s needed-by date.
          </Typography>
          <Typography variant="h6" component="h2" gutterBottom>
            Proposed matches ({result.matches.length})
          </Typography>
          <Matches matches={result.matches} lineMiles={result.distanceLineMiles} />
          {result.unplaced.length > 0 && (
            <>
              <Typography variant="h6" component="h2" sx={{ mt: 3 }} gutterBottom>
                Not placed by the plan ({result.unplaced.length})
              </Typography>
              <Box component="ul" sx={{ mt: 0 }}>
                {result.unplaced.map((u) => (
                  <li key={u.referralId}>
                    <Link href={`#/referrals/${u.referralId}`}>{u.childRef}</Link>
                    {u.urgent && ' (urgent)'}: {u.reason}
                  </li>
                ))}
              </Box>
            </>
          )}
        </>
      )}
    </>
  );
}
