import { Alert, Box, Button, Card, CardActions, CardContent, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation } from '../../api/hooks';

/**
 * The desktop app's first run: the demo region (synthetic data, for training) or the council's
 * real store, never a mixture. The choice is made once for this computer's data folder.
 */
export function StoreChoicePage() {
  const client = useQueryClient();
  const choose = useApiMutation('system.chooseStore');
  const pick = (kind: 'demo' | 'real') => choose.mutate({ kind }, { onSuccess: () => void client.invalidateQueries() });
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Stack spacing={3} sx={{ maxWidth: 900, width: '100%' }}>
        <Typography variant="h4" component="h1">
          Welcome to RCC Placements
        </Typography>
        <Typography color="text.secondary">
          Choose what this computer holds. The choice is made once: the demo region and the council's real records are never kept in the same store.
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <Card variant="outlined" sx={{ flex: 1 }}>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                Open the demo region
              </Typography>
              <Typography>
                A made-up region with synthetic children, carers and homes, for training and trying the app. Every screen and export is marked "Demo region —
                synthetic data". Never enter real children's details here.
              </Typography>
            </CardContent>
            <CardActions>
              <Button variant="outlined" onClick={() => pick('demo')} disabled={choose.isPending}>
                Open the demo region
              </Button>
            </CardActions>
          </Card>
          <Card variant="outlined" sx={{ flex: 1 }}>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                Set up the council's real store
              </Typography>
              <Typography>
                An empty, encrypted store for real records. You create the first administrator next, and are shown a recovery key once: print it or keep it in
                the council's password safe.
              </Typography>
            </CardContent>
            <CardActions>
              <Button variant="contained" onClick={() => pick('real')} disabled={choose.isPending}>
                Set up the real store
              </Button>
            </CardActions>
          </Card>
        </Stack>
        {choose.isPending && <Alert severity="info">Preparing the store…</Alert>}
        {choose.isError && <Alert severity="error">{choose.error.message}</Alert>}
      </Stack>
    </Box>
  );
}
