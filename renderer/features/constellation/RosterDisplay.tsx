import { SATELLITE_KIND_LABELS } from '../../../shared/domain/mockingbird';
import { Alert, Box, Card, CardContent, CardHeader, Chip, Grid, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import PhoneIcon from '@mui/icons-material/PhoneOutlined';
import type { RosterHousehold, RosterView } from '../../../shared/contract/constellation';
import { EmptyState } from '../../components/States';

/** The constellation's people at a glance, as the carers' placement plans would describe them. */
export function RosterDisplay({ roster }: { roster: RosterView }) {
  const { constellation, households } = roster;
  return (
    <Stack spacing={2}>
      <Card variant="outlined" component="section" aria-labelledby="who-to-call">
        <CardContent>
          <Typography id="who-to-call" variant="h6" component="h2" gutterBottom>
            Who to call
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <Contact label="Liaison worker" name={constellation.liaisonWorker || 'Not recorded'} phone={constellation.liaisonPhone} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <Contact label="Out of hours" name="Out-of-hours line" phone={constellation.outOfHoursPhone} />
            </Grid>
          </Grid>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Each household's supervising social worker is on its card below.
          </Typography>
        </CardContent>
      </Card>
      <Alert severity="info" variant="outlined">
        Children appear as their carers' placement plans describe them: first name, age, school and daily care. Every view of this roster is recorded.
      </Alert>
      {households.length === 0 && <EmptyState title="No households in this constellation yet" />}
      {households.map((h) => (
        <HouseholdCard key={h.homeId} household={h} />
      ))}
    </Stack>
  );
}

function Contact({ label, name, phone }: { label: string; name: string; phone: string }) {
  return (
    <Box>
      <Typography variant="overline" component="p">
        {label}
      </Typography>
      <Typography sx={NO_BREAK}>{name}</Typography>
      <Phone number={phone} />
    </Box>
  );
}

/** A name or a phone number is read whole: never cut, never split over two lines (a number split at its space gets misdialled). */
const NO_BREAK = { whiteSpace: 'nowrap' } as const;

function Phone({ number }: { number: string }) {
  return (
    <Typography sx={{ display: 'flex', alignItems: 'center', gap: 0.5, ...NO_BREAK }} data-phone>
      <PhoneIcon fontSize="small" aria-hidden />
      {number || 'No number recorded'}
    </Typography>
  );
}

function HouseholdCard({ household: h }: { household: RosterHousehold }) {
  const headingId = `household-${h.homeId}`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={headingId}>
      <CardHeader
        title={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography id={headingId} variant="h6" component="h2">
              {h.name}
            </Typography>
            <Chip size="small" label={h.role === 'hub' ? 'Hub home' : 'Satellite'} color={h.role === 'hub' ? 'primary' : 'default'} />
            <Chip size="small" variant="outlined" label={SATELLITE_KIND_LABELS[h.householdKind]} />
          </Stack>
        }
        subheader={h.address ?? `Area: ${h.area} (full address not shared)`}
      />
      <CardContent sx={{ pt: 0 }}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 4 }}>
            <Typography variant="overline" component="h3">
              Carers
            </Typography>
            {h.carers.length === 0 && <Typography color="text.secondary">None recorded</Typography>}
            {h.carers.map((c) => (
              <Box key={`${c.name}-${c.phone}`} sx={{ mb: 0.5 }}>
                <Typography sx={NO_BREAK}>
                  {c.name}
                  {c.isMain ? ' (main carer)' : ''}
                </Typography>
                <Phone number={c.phone || h.phone} />
                {c.email && (
                  <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                    {c.email}
                  </Typography>
                )}
              </Box>
            ))}
            {h.phone && (
              <Typography variant="body2" sx={NO_BREAK}>
                Home phone: {h.phone}
              </Typography>
            )}
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Typography variant="overline" component="h3">
              Household members
            </Typography>
            <Typography>{h.householdMembers.length > 0 ? h.householdMembers.join('; ') : 'No other children recorded'}</Typography>
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <Typography variant="overline" component="h3">
              Supervising social worker
            </Typography>
            <Typography sx={NO_BREAK}>{h.supervisingSocialWorker || 'Not recorded'}</Typography>
            {h.supervisingPhone && <Phone number={h.supervisingPhone} />}
          </Grid>
        </Grid>
        <Typography variant="overline" component="h3" sx={{ mt: 2, display: 'block' }}>
          Children placed here
        </Typography>
        {h.children.length === 0 ? (
          <Typography color="text.secondary">No children placed at the moment.</Typography>
        ) : (
          <Table size="small" aria-label={`Children placed with ${h.name}`}>
            <TableHead>
              <TableRow>
                <TableCell>First name</TableCell>
                <TableCell>Age</TableCell>
                <TableCell>School</TableCell>
                <TableCell>Daily care</TableCell>
                <TableCell>Cared for alongside</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {h.children.map((c) => (
                <TableRow key={c.childId}>
                  <TableCell sx={NO_BREAK}>{c.firstName}</TableCell>
                  <TableCell>{c.age}</TableCell>
                  <TableCell>{c.school || '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-line' }}>{c.careNotes || '—'}</TableCell>
                  <TableCell>{c.caredForAlongside}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
