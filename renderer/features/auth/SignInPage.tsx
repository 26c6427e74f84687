import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, Divider, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { useApi, useApiMutation } from '../../api/hooks';

export function SignInPage({ info, notice }: { info: MethodOutput<'system.info'>; notice: string | null }) {
  const client = useQueryClient();
  const demo = useApi('auth.demoAccounts', {});
  const signIn = useApiMutation('auth.signIn');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event?: FormEvent, as?: { username: string; password: string }) => {
    event?.preventDefault();
    signIn.mutate(as ?? { username, password }, { onSuccess: () => client.invalidateQueries() });
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Card sx={{ width: 440, maxWidth: '100%' }} variant="outlined">
        <CardContent>
          <Typography variant="h4" component="h1" gutterBottom>
            RCC Placements
          </Typography>
          <Typography color="text.secondary" gutterBottom>
            Find the right home for every child, across the region.
          </Typography>
          {info.storeKind === 'demo' && <Chip color="warning" label="Demo region: synthetic data only" sx={{ mb: 2 }} />}
          {notice && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {notice}
            </Alert>
          )}
          <Box component="form" onSubmit={submit} noValidate aria-label="Sign in">
            <Stack spacing={2}>
              <TextField label="Username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
              <TextField
                label="Password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
                required
              />
              {signIn.isError && <Alert severity="error">{signIn.error.message}</Alert>}
              <Button type="submit" variant="contained" size="large" disabled={signIn.isPending}>
                Sign in
              </Button>
            </Stack>
          </Box>
          {demo.data && demo.data.length > 0 && (
            <>
              <Divider sx={{ my: 3 }}>Demo accounts</Divider>
              <Stack spacing={1}>
                {demo.data.map((account) => (
                  <Button
                    key={account.username}
                    variant="outlined"
                    onClick={() => submit(undefined, { username: account.username, password: account.password })}
                    disabled={signIn.isPending}
                  >
                    Demo: sign in as {ROLE_LABELS[account.role].toLowerCase()}
                  </Button>
                ))}
                <Typography variant="caption" color="text.secondary">
                  Demo password for every demo account: {demo.data[0]?.password}
                </Typography>
              </Stack>
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
