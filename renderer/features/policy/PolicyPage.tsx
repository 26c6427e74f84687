import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormHelperText,
  InputLabel,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Paper,
  Select,
  Slider,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { PolicyEdit, type PolicyPreview } from '../../../shared/contract/policy';
import { fieldProblems, messageForField } from '../../../shared/contract/issues';
import { formatPence } from '../../../shared/domain/money';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { formatDateTime } from '../../../shared/domain/calendar';

const FACTOR_LABELS: Record<keyof PolicyEdit['weights'], string> = {
  stability: 'Stability (will the placement last)',
  needs: 'Needs met',
  distance: 'Distance from home and school',
  cost: 'Cost against the typical price',
  wishes: "The child's wishes",
};

type Top = PolicyPreview['rows'][number]['current'];
const topText = (t: Top) => (t ? `${t.homeName} (${t.score.toFixed(1)}, ${formatPence(t.weeklyPence)}, ${t.miles.toFixed(1)} mi)` : 'No home');

function PreviewTable({ preview }: { preview: PolicyPreview }) {
  const changed = preview.rows.filter((r) => r.changed);
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        Preview
      </Typography>
      <Alert severity={preview.changed > 0 ? 'info' : 'success'} sx={{ mb: 2 }} role="status">
        Of {preview.referrals} open referrals, {preview.changed} would get a different top match. Referrals with any match: {preview.matchedNow} now,{' '}
        {preview.matchedProposed} under the proposed policy.
      </Alert>
      {changed.length === 0 ? (
        <EmptyState title="No referral's top match would change" />
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Referrals whose top match would change">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  Child
                </TableCell>
                <TableCell component="th" scope="col">
                  Council
                </TableCell>
                <TableCell component="th" scope="col">
                  Top match now
                </TableCell>
                <TableCell component="th" scope="col">
                  Top match under the proposal
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changed.map((r) => (
                <TableRow key={r.referralId}>
                  <TableCell component="th" scope="row">
                    {r.childRef}
                  </TableCell>
                  <TableCell>{r.councilName}</TableCell>
                  <TableCell>{topText(r.current)}</TableCell>
                  <TableCell>{topText(r.proposed)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}

/** The fields' ranges in the contract's PolicyEdit, for the sliders' and number fields' own limits. */
const LIMITS = {
  weight: PolicyEdit.shape.weights.shape.cost,
  maxMiles: PolicyEdit.shape.caps.shape.maxMiles,
  maxWeeklyPence: PolicyEdit.shape.caps.shape.maxWeeklyPence,
  inHouseBonus: PolicyEdit.shape.inHouseBonus,
  qualityFloor: PolicyEdit.shape.plan.shape.qualityFloor,
};

function PolicyForm({ initial, version, onSaved }: { initial: PolicyEdit; version: number; onSaved: (version: number) => void }) {
  const [edit, setEdit] = useState<PolicyEdit>(initial);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const preview = useApiMutation('policy.preview');
  const save = useApiMutation('policy.save', ['policy.get']);
  const sum = Object.values(edit.weights).reduce((s, w) => s + w, 0);
  // The contract's own rules for a policy, as the administrator edits; then what the server said.
  const problems = fieldProblems(PolicyEdit, edit);
  const invalid = Object.keys(problems).length > 0;
  const fieldError = (field: string) => problems[field] ?? messageForField(save.error ?? preview.error, `policy.${field}`);
  const setWeight = (f: keyof PolicyEdit['weights'], value: number) => setEdit((e) => ({ ...e, weights: { ...e.weights, [f]: value } }));
  const changedSince = JSON.stringify(edit) !== JSON.stringify(initial);

  return (
    <Box component="form" onSubmit={(e) => e.preventDefault()} noValidate>
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 1fr' }, gap: 4 }}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Weights
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Only the ratios matter: each score&apos;s share of the total is shown beside it.
          </Typography>
          {(Object.keys(FACTOR_LABELS) as (keyof PolicyEdit['weights'])[]).map((f) => {
            const share = sum > 0 ? Math.round((edit.weights[f] / sum) * 100) : 0;
            return (
              <Box key={f} sx={{ mb: 1 }}>
                <Typography id={`weight-${f}`} variant="body2">
                  {FACTOR_LABELS[f]}: {edit.weights[f]} ({share}% of the total)
                </Typography>
                <Slider
                  value={edit.weights[f]}
                  min={LIMITS.weight.minValue ?? 0}
                  max={LIMITS.weight.maxValue ?? 100}
                  step={1}
                  onChange={(_e, v) => setWeight(f, v as number)}
                  aria-labelledby={`weight-${f}`}
                  getAriaValueText={(v) => `${v}, ${share}% of the total`}
                />
              </Box>
            );
          })}
          {fieldError('weights') && <FormHelperText error>{fieldError('weights')}</FormHelperText>}
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h6" component="h2">
            Limits and rules
          </Typography>
          <TextField
            label="Furthest from home (miles)"
            type="number"
            value={edit.caps.maxMiles}
            onChange={(e) => setEdit((x) => ({ ...x, caps: { ...x.caps, maxMiles: Number(e.target.value) } }))}
            error={!!fieldError('caps.maxMiles')}
            helperText={fieldError('caps.maxMiles') ?? 'Homes further than this from the child’s home are not offered.'}
            slotProps={{ htmlInput: { min: LIMITS.maxMiles.minValue, max: LIMITS.maxMiles.maxValue } }}
          />
          <TextField
            label="Highest weekly price (£)"
            type="number"
            value={edit.caps.maxWeeklyPence / 100}
            onChange={(e) => setEdit((x) => ({ ...x, caps: { ...x.caps, maxWeeklyPence: Math.round(Number(e.target.value) * 100) } }))}
            error={!!fieldError('caps.maxWeeklyPence')}
            helperText={fieldError('caps.maxWeeklyPence') ?? `Now ${formatPence(edit.caps.maxWeeklyPence)} a week per child.`}
            slotProps={{ htmlInput: { min: (LIMITS.maxWeeklyPence.minValue ?? 0) / 100, step: 10 } }}
          />
          <TextField
            label="In-house bonus (points of 100)"
            type="number"
            value={edit.inHouseBonus}
            onChange={(e) => setEdit((x) => ({ ...x, inHouseBonus: Number(e.target.value) }))}
            error={!!fieldError('inHouseBonus')}
            helperText={fieldError('inHouseBonus') ?? 'Added to the RCC’s own homes: a nudge, 0 to 20.'}
            slotProps={{ htmlInput: { min: LIMITS.inHouseBonus.minValue, max: LIMITS.inHouseBonus.maxValue } }}
          />
          <FormControlLabel
            control={<Switch checked={edit.excludeInadequate} onChange={(e) => setEdit((x) => ({ ...x, excludeInadequate: e.target.checked }))} />}
            label="Exclude homes rated Inadequate by Ofsted"
          />
          <FormControl>
            <InputLabel id="objective-label">Region plan objective</InputLabel>
            <Select
              labelId="objective-label"
              label="Region plan objective"
              value={edit.plan.objective}
              onChange={(e) => setEdit((x) => ({ ...x, plan: { ...x.plan, objective: e.target.value as PolicyEdit['plan']['objective'] } }))}
            >
              <MenuItem value="maximiseQuality">Best matches</MenuItem>
              <MenuItem value="minimiseCostAboveFloor">Lowest cost above a quality floor</MenuItem>
            </Select>
          </FormControl>
          <TextField
            label="Quality floor (score of 100)"
            type="number"
            value={edit.plan.qualityFloor}
            onChange={(e) => setEdit((x) => ({ ...x, plan: { ...x.plan, qualityFloor: Number(e.target.value) } }))}
            error={!!fieldError('plan.qualityFloor')}
            helperText={fieldError('plan.qualityFloor') ?? 'With the lowest-cost objective, homes scoring under this are not used.'}
            slotProps={{ htmlInput: { min: LIMITS.qualityFloor.minValue, max: LIMITS.qualityFloor.maxValue } }}
          />
        </Paper>
      </Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 3, flexWrap: 'wrap' }}>
        <TextField label="Why the change (kept with the version)" value={note} onChange={(e) => setNote(e.target.value)} sx={{ minWidth: 360 }} size="small" />
        <Button variant="outlined" onClick={() => preview.mutate({ policy: edit })} disabled={preview.isPending || invalid}>
          {preview.isPending ? 'Previewing…' : 'Preview'}
        </Button>
        <Button variant="contained" onClick={() => setConfirming(true)} disabled={save.isPending || invalid || !changedSince}>
          Save as version {version + 1}
        </Button>
        <Button onClick={() => setEdit(initial)} disabled={!changedSince}>
          Undo changes
        </Button>
      </Box>
      {save.isError && !fieldError(String(save.error.field).replace(/^policy\./, '')) && <ErrorState error={save.error} />}
      {preview.isError && <ErrorState error={preview.error} />}
      {preview.isPending && <LoadingState label="Ranking every open referral under both policies" />}
      {preview.data && !preview.isPending && <PreviewTable preview={preview.data} />}
      <ConfirmDialog
        open={confirming}
        title={`Save matching policy version ${version + 1}?`}
        body="Every search and region plan from now on will use the new weights and limits. Earlier searches keep the version they were run with."
        confirmLabel="Save the new version"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          save.mutate({ policy: edit, note }, { onSuccess: (saved) => onSaved(saved.version) });
        }}
      />
    </Box>
  );
}

export function PolicyPage() {
  const policy = useApi('policy.get', {});
  // Kept here: a save reloads the policy, which starts the form afresh from the new version.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  return (
    <>
      <PageHeader
        title="Matching policy"
        subtitle="The weights and limits every search and region plan uses. Each save is a new version; searches record the version they used."
      />
      {policy.isPending && <LoadingState label="Loading the matching policy" />}
      {policy.isError && <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />}
      {savedVersion !== null && (
        <Alert severity="success" sx={{ mb: 2 }} role="status" onClose={() => setSavedVersion(null)}>
          Saved as version {savedVersion}. Searches and region plans from now on use it.
        </Alert>
      )}
      {policy.data && (
        <>
          <Typography sx={{ mb: 2 }}>
            In force: <strong>version {policy.data.current.version}</strong> ({policy.data.current.name}).
          </Typography>
          <PolicyForm
            key={policy.data.current.version}
            initial={policy.data.current.edit}
            version={Math.max(...policy.data.versions.map((v) => v.version))}
            onSaved={setSavedVersion}
          />
          <Typography variant="h6" component="h2" sx={{ mt: 4 }}>
            Version history
          </Typography>
          <List dense aria-label="Policy versions">
            {policy.data.versions.map((v) => (
              <ListItem key={v.version} divider>
                <ListItemText
                  primary={`Version ${v.version}${v.version === policy.data.current.version ? ' (in force)' : ''}${v.note ? `: ${v.note}` : ''}`}
                  secondary={`${v.createdBy}${v.createdAt ? `, ${formatDateTime(v.createdAt)}` : ''}`}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </>
  );
}
