import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Grid,
  InputAdornment,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { ReferralFields, type Risks } from '../../../shared/contract/referrals';
import type { ApiError } from '../../../shared/contract';
import { fieldProblems, messageForField } from '../../../shared/contract/issues';
import {
  ADDITIONAL_SUPPORT,
  COMMUNICATION_NEEDS,
  COMMUNICATION_REQUIREMENTS,
  CULTURAL_NEEDS,
  LIVING_COMPANIONS,
  NEEDED_BY,
  PETS,
  RISKS_TO_CHILD,
  RISKS_TO_OTHERS,
  SUITABILITY,
} from '../../../shared/domain/placements-standard';
import { OFSTED_CATEGORIES, OFSTED_CATEGORY_CODES } from '../../../shared/domain/ofsted';
import { neededByFor } from '../../../shared/domain/referrals';
import { useApi } from '../../api/hooks';
import { CodeChecklist, CodeSelect } from './fields';
import { PurposeSelect } from './PurposeSelect';
import { DEFAULT_REFERRAL_PURPOSE } from '../../../shared/domain/purposes';
import { DateField } from '../../components/DateField';
import type { NewChild } from '../../../shared/contract/children';
import { emptyNewChild, NewChildFields, validateNewChild, type NewChildDraft } from './NewChildFields';
import { LegalOrderFields } from './LegalOrderFields';
import { WishesField } from './WishesField';

export function emptyReferral(today: string): ReferralFields {
  return {
    childId: 0,
    neededBy: 'in more than 5 days',
    neededByDate: today,
    siblingCount: 0,
    siblingIds: [],
    preferredLocation: '',
    preferredLocationReason: '',
    avoidCouncilIds: [],
    fosterSuitability: 'Not specified',
    residentialSuitability: 'Not specified',
    supportedSuitability: 'Not specified',
    communicationNeeds: 'Not Specified',
    communicationRequirements: ['None'],
    homeAdaptation: false,
    culturalNeeds: 'Not Known',
    livingCompanions: 'No preference',
    pets: 'Not Known',
    additionalSupport: [],
    deprivationOfLiberty: false,
    secureOrder: false,
    ofstedNeeds: [],
    risks: Object.fromEntries([...Object.keys(RISKS_TO_CHILD), ...Object.keys(RISKS_TO_OTHERS)].map((k) => [k, 'No known risk'])) as Risks,
    riskOther: '',
    riskToOthersOther: '',
    budgetCeilingPence: null,
    childWishes: '',
    purpose: DEFAULT_REFERRAL_PURPOSE,
    wishes: [],
  };
}

/** Field path → message, from the same zod schema the dispatcher uses. */
function validate(fields: ReferralFields): Record<string, string> {
  const errors = fieldProblems(ReferralFields, fields);
  if (fields.childId <= 0) errors.childId = 'Choose the child this referral is for';
  return errors;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        <Grid container spacing={2}>
          {children}
        </Grid>
      </CardContent>
    </Card>
  );
}

interface ReferralFormProps {
  initial: ReferralFields;
  isNew: boolean;
  isDraft: boolean;
  today: string;
  saving: boolean;
  serverError: ApiError | null;
  /** `child` is given when the child is not on record yet: the referral then creates them. */
  onSave: (fields: ReferralFields, asDraft: boolean, child: NewChild | null) => void;
}

export function ReferralForm({ initial, isNew, isDraft, today, saving, serverError, onSave }: ReferralFormProps) {
  const [f, setF] = useState<ReferralFields>(initial);
  const [touched, setTouched] = useState(false);
  const [newChild, setNewChild] = useState<NewChildDraft | null>(null);
  const errors = useMemo(() => {
    const e = validate(f);
    if (newChild === null) return e;
    delete e.childId;
    for (const [k, v] of Object.entries(validateNewChild(newChild))) e[`child.${k}`] = v;
    return e;
  }, [f, newChild]);
  const councils = useApi('region.councils', {});
  const [childSearch, setChildSearch] = useState('');
  // The first children whose reference, first name or council holds what is typed: enough to pick from, never the whole region.
  const children = useApi('children.list', { ...(childSearch ? { search: childSearch } : {}), limit: 50 }, { enabled: isNew });
  // The child's brothers and sisters on record, so the officer ticks who moves with them.
  const profile = useApi('children.profile', { childId: f.childId }, { enabled: f.childId > 0 });
  const onRecord = f.childId > 0 ? (profile.data?.siblings ?? []) : [];
  // Referrals from before siblings were chosen by name move the youngest siblingCount, as the search does.
  const chosenSiblings =
    f.siblingIds.length > 0
      ? f.siblingIds
      : [...onRecord]
          .sort((a, b) => (a.age ?? 0) - (b.age ?? 0))
          .slice(0, f.siblingCount)
          .map((s) => s.id);
  const toggleSibling = (id: number) => {
    const next = chosenSiblings.includes(id) ? chosenSiblings.filter((x) => x !== id) : [...chosenSiblings, id];
    setF((prev) => ({ ...prev, siblingIds: next, siblingCount: next.length }));
  };
  const set = <K extends keyof ReferralFields>(key: K, value: ReferralFields[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const err = (key: string) => (touched ? errors[key] : undefined) ?? messageForField(serverError, `fields.${key}`);

  const submit = (asDraft: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length > 0) return;
    onSave(f, asDraft, newChild && newChild.sex !== '' ? { ...newChild, sex: newChild.sex } : null);
  };
  const pounds = f.budgetCeilingPence === null ? '' : String(f.budgetCeilingPence / 100);

  return (
    <Box component="form" noValidate onSubmit={submit(false)} aria-label="Referral">
      <Stack spacing={2}>
        <Section title="The child">
          <Grid size={{ xs: 12, md: 6 }}>
            {isNew && (
              <FormControlLabel
                control={<Switch checked={newChild !== null} onChange={(e) => setNewChild(e.target.checked ? emptyNewChild() : null)} />}
                label="Child not on record yet"
              />
            )}
            {isNew && newChild !== null ? null : isNew ? (
              <Autocomplete
                options={children.data?.rows ?? []}
                // The server has matched reference, name and council already; filtering again by label would hide council matches.
                filterOptions={(options) => options}
                getOptionLabel={(c) => `${c.ref} · ${c.firstName || 'no name recorded'} · ${c.age} · ${c.councilName}`}
                onInputChange={(_e, v, reason) => reason === 'input' && setChildSearch(v.trim())}
                onChange={(_e, c) => set('childId', c?.id ?? 0)}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    size="small"
                    label="Child (reference or first name)"
                    required
                    error={Boolean(err('childId'))}
                    helperText={err('childId')}
                  />
                )}
              />
            ) : (
              <Typography>Child record {f.childId}</Typography>
            )}
          </Grid>
          {newChild !== null && (
            <NewChildFields
              child={newChild}
              onChange={setNewChild}
              councils={councils.data ?? []}
              today={today}
              error={(k) => (touched ? errors[`child.${k}`] : undefined) ?? messageForField(serverError, `child.${k}`)}
            />
          )}
          <Grid size={{ xs: 12, md: 6 }}>
            {onRecord.length > 0 ? (
              <FormControl component="fieldset" error={Boolean(err('siblingIds') ?? err('siblingCount'))}>
                <FormLabel component="legend">Brothers and sisters to place with this child</FormLabel>
                <FormGroup>
                  {onRecord.map((s) => (
                    <FormControlLabel
                      key={s.id}
                      control={<Checkbox size="small" checked={chosenSiblings.includes(s.id)} onChange={() => toggleSibling(s.id)} />}
                      label={`${s.ref}, ${s.age}, ${s.currentHome ? `now at ${s.currentHome}` : 'not in a placement'}`}
                    />
                  ))}
                </FormGroup>
                <FormHelperText>{err('siblingIds') ?? err('siblingCount') ?? 'Ticked siblings are searched and placed together'}</FormHelperText>
              </FormControl>
            ) : (
              <TextField
                size="small"
                type="number"
                label="Siblings to place with"
                value={f.siblingCount}
                onChange={(e) => set('siblingCount', Number(e.target.value))}
                slotProps={{ htmlInput: { min: ReferralFields.shape.siblingCount.minValue, max: ReferralFields.shape.siblingCount.maxValue } }}
                error={Boolean(err('siblingCount'))}
                helperText={
                  err('siblingCount') ??
                  (f.childId ? 'No brothers or sisters are on record for this child' : 'Brothers and sisters who should live with this child')
                }
                fullWidth
              />
            )}
          </Grid>
        </Section>

        <Section title="When">
          <Grid size={{ xs: 12, md: 6 }}>
            <DateField
              label="Needed by"
              value={f.neededByDate}
              onChange={(iso) => setF((prev) => ({ ...prev, neededByDate: iso, neededBy: iso ? neededByFor(iso, today) : prev.neededBy }))}
              error={err('neededByDate')}
              fullWidth
              required
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <CodeSelect
              label="Needed (Placements Standard)"
              value={f.neededBy}
              options={NEEDED_BY}
              onChange={(v) => set('neededBy', v)}
              error={err('neededBy')}
            />
          </Grid>
          <PurposeSelect value={f.purpose} onChange={(v) => set('purpose', v)} error={err('purpose')} />
        </Section>

        <Section title="Where">
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              size="small"
              fullWidth
              label="Preferred location for the search"
              value={f.preferredLocation}
              onChange={(e) => set('preferredLocation', e.target.value)}
              error={Boolean(err('preferredLocation'))}
              helperText={err('preferredLocation')}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              size="small"
              fullWidth
              label="Why that location"
              value={f.preferredLocationReason}
              onChange={(e) => set('preferredLocationReason', e.target.value)}
              error={Boolean(err('preferredLocationReason'))}
              helperText={err('preferredLocationReason') ?? 'Needed when the location is outside the home council'}
            />
          </Grid>
          <Grid size={12}>
            <TextField
              select
              size="small"
              fullWidth
              label="Areas to avoid (e.g. exploitation risk)"
              value={f.avoidCouncilIds}
              onChange={(e) => set('avoidCouncilIds', (e.target.value as unknown as number[]).map(Number))}
              slotProps={{ select: { multiple: true } }}
            >
              {councils.data?.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        </Section>

        <Section title="Type of home">
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect
              label="Foster care"
              value={f.fosterSuitability}
              options={SUITABILITY}
              onChange={(v) => set('fosterSuitability', v)}
              error={err('fosterSuitability')}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect label="Residential care" value={f.residentialSuitability} options={SUITABILITY} onChange={(v) => set('residentialSuitability', v)} />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect label="Supported accommodation" value={f.supportedSuitability} options={SUITABILITY} onChange={(v) => set('supportedSuitability', v)} />
          </Grid>
        </Section>

        <Section title="What they need">
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect label="Communication needs" value={f.communicationNeeds} options={COMMUNICATION_NEEDS} onChange={(v) => set('communicationNeeds', v)} />
          </Grid>
          <Grid size={{ xs: 12, md: 8 }}>
            <CodeChecklist
              label="Communication requirements"
              value={f.communicationRequirements}
              options={COMMUNICATION_REQUIREMENTS}
              onChange={(v) => set('communicationRequirements', v)}
              error={err('communicationRequirements')}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect
              label="Cultural needs (e.g. place of worship)"
              value={f.culturalNeeds}
              options={CULTURAL_NEEDS}
              onChange={(v) => set('culturalNeeds', v)}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect
              label="Can be cared for alongside"
              value={f.livingCompanions}
              options={LIVING_COMPANIONS}
              onChange={(v) => set('livingCompanions', v)}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <CodeSelect label="Can live with pets" value={f.pets} options={PETS} onChange={(v) => set('pets', v)} />
          </Grid>
          <Grid size={12}>
            <CodeChecklist label="Additional support" value={f.additionalSupport} options={ADDITIONAL_SUPPORT} onChange={(v) => set('additionalSupport', v)} />
          </Grid>
          <Grid size={12}>
            <CodeChecklist
              label="Ofsted registration categories the home must have"
              value={f.ofstedNeeds}
              options={OFSTED_CATEGORY_CODES}
              labels={OFSTED_CATEGORIES}
              onChange={(v) => set('ofstedNeeds', v)}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <FormControlLabel
              control={<Switch checked={f.homeAdaptation} onChange={(e) => set('homeAdaptation', e.target.checked)} />}
              label="Needs an adapted home (e.g. wheelchair)"
            />
          </Grid>
          <LegalOrderFields secureOrder={f.secureOrder} deprivationOfLiberty={f.deprivationOfLiberty} onChange={set} />
        </Section>

        <Section title="Risks">
          {[
            ['To the child', RISKS_TO_CHILD],
            ['To others or property', RISKS_TO_OTHERS],
          ].map(([heading, list]) => (
            <Grid key={heading as string} size={{ xs: 12, md: 6 }}>
              <Typography variant="subtitle2" component="h3">
                {heading as string}
              </Typography>
              {Object.entries(list as Record<string, string>).map(([key, label]) => (
                <FormControlLabel
                  key={key}
                  sx={{ display: 'flex' }}
                  control={
                    <Switch
                      checked={f.risks[key as keyof Risks] === 'Risk Present'}
                      onChange={(e) => set('risks', { ...f.risks, [key]: e.target.checked ? 'Risk Present' : 'No known risk' })}
                    />
                  }
                  label={label}
                />
              ))}
            </Grid>
          ))}
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              size="small"
              fullWidth
              label="Other risks to the child"
              value={f.riskOther}
              onChange={(e) => set('riskOther', e.target.value)}
              error={Boolean(err('riskOther'))}
              helperText={err('riskOther')}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              size="small"
              fullWidth
              label="Other risks to others"
              value={f.riskToOthersOther}
              onChange={(e) => set('riskToOthersOther', e.target.value)}
              error={Boolean(err('riskToOthersOther'))}
              helperText={err('riskToOthersOther')}
            />
          </Grid>
        </Section>

        <Section title="Budget">
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              size="small"
              fullWidth
              type="number"
              label="Weekly budget ceiling"
              value={pounds}
              onChange={(e) => set('budgetCeilingPence', e.target.value === '' ? null : Math.round(Number(e.target.value) * 100))}
              slotProps={{ input: { startAdornment: <InputAdornment position="start">£</InputAdornment> }, htmlInput: { min: 0, step: 10 } }}
              error={Boolean(err('budgetCeilingPence'))}
              helperText={err('budgetCeilingPence') ?? 'Leave empty for no ceiling'}
            />
          </Grid>
        </Section>

        <Section title="Their own wishes">
          <Grid size={12}>
            <TextField
              fullWidth
              multiline
              minRows={3}
              label="In the child's own words"
              value={f.childWishes}
              onChange={(e) => set('childWishes', e.target.value)}
              error={Boolean(err('childWishes'))}
              helperText={err('childWishes') ?? 'Shown beside every match. Only 41% of children are asked where they would like to live.'}
            />
          </Grid>
          <WishesField value={f.wishes} onChange={(next) => set('wishes', next)} error={err} />
        </Section>

        {touched && Object.keys(errors).length > 0 && (
          <Alert severity="error" role="alert">
            Please correct {Object.keys(errors).length === 1 ? 'the field' : `the ${Object.keys(errors).length} fields`} marked in red:{' '}
            {Object.values(errors)[0]}
          </Alert>
        )}
        {serverError && <Alert severity="error">{serverError.message}</Alert>}
        <Stack direction="row" spacing={2}>
          <Button type="submit" variant="contained" disabled={saving}>
            {isNew || isDraft ? 'Send to the placement team' : 'Save changes'}
          </Button>
          {(isNew || isDraft) && (
            <Button variant="outlined" onClick={() => submit(true)()} disabled={saving}>
              Save draft
            </Button>
          )}
        </Stack>
      </Stack>
    </Box>
  );
}
