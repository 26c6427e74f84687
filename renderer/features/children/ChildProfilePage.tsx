import type { ReactNode } from 'react';
import { Alert, Box, Card, CardContent, Chip, Grid, Link, Stack, Typography } from '@mui/material';
import type { ChildProfile } from '../../../shared/contract/children';
import { SEX_LABELS } from '../../../shared/domain/homes';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { hrefTo } from '../../navigate';
import { SEND_LABELS } from '../../../shared/domain/placements-standard';
import { EndPlacementAction } from './EndPlacement';
import { EndingChip } from './ReasonSelect';

function Facts({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, py: 0.25 }}>
      <Typography color="text.secondary" sx={{ minWidth: 170 }}>
        {label}
      </Typography>
      <Typography component="div">{value}</Typography>
    </Box>
  );
}

export function ChildProfilePage({ childId }: { childId: number }) {
  const profile = useApi('children.profile', { childId });
  if (profile.isPending) return <LoadingState label="Opening the child's profile" />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const { child, siblings, history, stability, unreadableDates, currentPlacement } = profile.data;
  const unreadable = new Set(unreadableDates.map((d) => d.field));
  const age = child.age === null ? 'Age unknown' : `${child.age} years old`;
  return (
    <>
      <PageHeader
        title={`${child.ref} · ${child.firstName}`}
        subtitle={`${age} · ${SEX_LABELS[child.sex].toLowerCase()} · ${child.councilName}. This view is recorded in the audit trail.`}
      />
      {unreadableDates.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} role="status">
          Some dates in this record are not real calendar dates and are shown as unreadable:{' '}
          {unreadableDates.map((d) => `${d.label} (stored as “${d.value}”)`).join('; ')}. Correct them at the source and import again.
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 4 }}>
          <Facts title="Stability">
            <Fact label="Moves in the last 12 months" value={<StabilityChip moves={stability.movesLast12Months} />} />
            <Fact label="Placements in all" value={stability.placementsTotal} />
            <Fact label="Current home" value={stability.currentHomeName ?? 'Not in a placement in the region'} />
            <Fact label="Time in current home" value={stability.daysInCurrentHome === null ? '—' : describeDays(stability.daysInCurrentHome)} />
            <EndPlacementAction placement={currentPlacement} />
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
              Indicators from the child's SSDA903 history; they describe what has happened, not a prediction.
            </Typography>
          </Facts>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Facts title="Needs">
            <Fact label="Legal status" value={child.legalStatus} />
            <Fact label="Category of need" value={child.categoryOfNeed} />
            <Fact label="Ethnicity" value={child.ethnicity} />
            <Fact label="Languages" value={child.languages.join(', ') || '—'} />
            <Fact label="Religion" value={child.religion || '—'} />
            <Fact label="Communication" value={child.communication.join(', ') || 'None recorded'} />
            <Fact
              label="Disability / SEND"
              value={
                [
                  child.disability && 'disability',
                  child.wheelchair && 'wheelchair user',
                  child.send !== 'none' && `SEND: ${SEND_LABELS[child.send] ?? child.send}`,
                ]
                  .filter(Boolean)
                  .join(', ') || 'None recorded'
              }
            />
            <Fact label="UASC" value={child.uasc ? 'Yes' : 'No'} />
            <Fact label="Cared for alongside" value={child.livingCompanions} />
            <Fact label="Pets" value={child.pets} />
            <Fact label="School" value={child.schoolLabel || '—'} />
          </Facts>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Facts title="Risks">
            {child.risks.length === 0 ? (
              <Typography>No known risks recorded.</Typography>
            ) : (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {child.risks.map((r) => (
                  <Chip key={r} label={r} color="warning" variant="outlined" />
                ))}
              </Stack>
            )}
          </Facts>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Facts title="In their own words">
            {child.wishes ? (
              <Typography sx={{ fontStyle: 'italic' }}>“{child.wishes}”</Typography>
            ) : (
              <Alert severity="info">Nobody has recorded this child's wishes yet. Ask them.</Alert>
            )}
          </Facts>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Facts title="Siblings">
            {siblings.length === 0 ? (
              <Typography>No siblings recorded in care.</Typography>
            ) : (
              siblings.map((s) => (
                <Fact
                  key={s.id}
                  label={`${s.ref} (${s.age ?? 'age unknown'})`}
                  value={<Link href={hrefTo(`children/${s.id}`)}>{s.currentHome ?? 'Not placed in the region'}</Link>}
                />
              ))
            )}
          </Facts>
        </Grid>
        <Grid size={12}>
          <Facts title="Placement history">
            {history.length === 0 ? <EmptyState title="No placement history recorded" /> : <Timeline history={history} unreadable={unreadable} />}
          </Facts>
        </Grid>
      </Grid>
    </>
  );
}

function StabilityChip({ moves }: { moves: number }) {
  // The DfE's headline: three or more placements in a year.
  return <Chip size="small" label={moves} color={moves >= 2 ? 'error' : moves === 1 ? 'warning' : 'success'} />;
}

function describeDays(days: number): string {
  if (days < 60) return `${days} days`;
  const months = Math.floor(days / 30.44);
  return months < 24 ? `${months} months` : `${(days / 365.25).toFixed(1)} years`;
}

const UNREADABLE = 'unreadable date';

function Timeline({ history, unreadable }: { history: ChildProfile['history']; unreadable: ReadonlySet<string> }) {
  return (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, borderLeft: 2, borderColor: 'divider', ml: 1 }} aria-label="Placement history, oldest first">
      {history.map((e, i) => (
        <Box component="li" key={i} sx={{ position: 'relative', pl: 3, pb: 2 }}>
          <Box sx={{ position: 'absolute', left: -7, top: 6, width: 12, height: 12, borderRadius: '50%', bgcolor: e.end ? 'text.disabled' : 'primary.main' }} />
          <Typography sx={{ fontWeight: 600 }}>
            {e.start ? formatIsoDate(e.start) : UNREADABLE} – {e.end ? formatIsoDate(e.end) : unreadable.has(`history.${i}.end`) ? UNREADABLE : 'now'} ·{' '}
            {e.homeName ?? e.placeLabel}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {e.placeCode}: {e.placeLabel} · {e.providerLabel}
            {e.distanceMiles !== null && ` · ${e.distanceMiles.toFixed(1)} miles from home`}
          </Typography>
          {(e.reasonForChange || (e.ceasedLabel && e.ceasedCode !== 'X1')) && (
            <Typography variant="body2">
              Ended:{' '}
              {e.ceasedLabel && e.ceasedCode !== 'X1'
                ? `${e.ceasedLabel} (${e.ceasedCode})`
                : `${e.reasonForChange}${e.reasonForChangeCode ? ` (${e.reasonForChangeCode})` : ''}`}{' '}
              {e.ending && <EndingChip ending={e.ending} />}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
