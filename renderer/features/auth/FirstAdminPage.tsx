import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation } from '../../api/hooks';
import { PASSWORD_HINT } from '../../../shared/domain/passwords';

/** A new real store has no accounts: its first user becomes the administrator. */
export function FirstAdminPage() {
  const client = useQueryClient();
  const create = useApiMutation('auth.createFirstAdmin');
  const [form, setForm] = useState({ username: '', displayName: '', password: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const field = create.error?.field;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    create.mutate({ username: form.username, displayName: form.displayName, password: form.password }, { onSuccess: () => client.invalidateQueries() });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Card sx={{ width: 480, maxWidth: '100%' }} variant="outlined">
        <CardContent>
          <Typography variant="h4" component="h1" gutterBottom>
            Set up RCC Placements
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            This store is new. Create the first administrator; they can then add placement officers, commissioners and hub carers.
          </Typography>
          <Box component="form" onSubmit={submit} noValidate aria-label="Create the first administrator">
            <Stack spacing={2}>
              <TextField label="Your name" value={form.displayName} onChange={set('displayName')} required error={field === 'displayName'} autoFocus />
              <TextField label="Username" value={form.username} onChange={set('username')} required error={field === 'username'} autoComplete="username" />
              <TextField
                label="Password"
                type="password"
                value={form.password}
                onChange={set('password')}
                required
                error={field === 'password'}
                helperText={PASSWORD_HINT}
                autoComplete="new-password"
              />
              <TextField
                label="Password again"
                type="password"
                value={form.confirm}
                onChange={set('confirm')}
                required
                error={mismatch}
                autoComplete="new-password"
              />
              {mismatch && <Alert severity="error">The two passwords differ.</Alert>}
              {create.isError && <Alert severity="error">{create.error.message}</Alert>}
              <Button type="submit" variant="contained" disabled={create.isPending}>
                Create administrator
              </Button>
            </Stack>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
