import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Dialog, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { PASSWORD_HINT, passwordWeakness } from '../../../shared/domain/passwords';
import { useApiMutation } from '../../api/hooks';

/** Current password, new password twice; the strength rule is the contract's own, shown as you type. */
function ChangePasswordForm({ onDone, onCancel, submitLabel }: { onDone: () => void; onCancel?: () => void; submitLabel: string }) {
  const client = useQueryClient();
  const change = useApiMutation('auth.changePassword');
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const field = change.error?.field;
  const weakness = form.newPassword ? passwordWeakness(form.newPassword) : null;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.newPassword !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { currentPassword: form.currentPassword, newPassword: form.newPassword },
      {
        onSuccess: async () => {
          await client.invalidateQueries();
          onDone();
        },
      },
    );
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label="Change your password">
      <Stack spacing={2}>
        <TextField
          label="Current password"
          type="password"
          value={form.currentPassword}
          onChange={set('currentPassword')}
          required
          error={field === 'currentPassword'}
          autoComplete="current-password"
          autoFocus
        />
        <TextField
          label="New password"
          type="password"
          value={form.newPassword}
          onChange={set('newPassword')}
          required
          error={field === 'newPassword' || weakness !== null}
          helperText={weakness ?? PASSWORD_HINT}
          autoComplete="new-password"
        />
        <TextField
          label="New password again"
          type="password"
          value={form.confirm}
          onChange={set('confirm')}
          required
          error={mismatch}
          autoComplete="new-password"
        />
        {mismatch && <Alert severity="error">The two new passwords differ.</Alert>}
        {change.isError && <Alert severity="error">{change.error.message}</Alert>}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          {onCancel && <Button onClick={onCancel}>Cancel</Button>}
          <Button type="submit" variant="contained" disabled={change.isPending}>
            {submitLabel}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

/** Shown before anything else while a temporary password is in use. */
export function ChangeTemporaryPasswordPage({ displayName, onSignOut }: { displayName: string; onSignOut: () => void }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Card sx={{ width: 480, maxWidth: '100%' }} variant="outlined">
        <CardContent>
          <Typography variant="h4" component="h1" gutterBottom>
            Choose your password
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {displayName}, you signed in with a temporary password from an administrator. Choose your own before you go on; nobody else will know it.
          </Typography>
          <ChangePasswordForm submitLabel="Save my password" onDone={() => undefined} />
          <Button sx={{ mt: 1 }} onClick={onSignOut}>
            Sign out instead
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}

/** A signed-in user's own password change, from the top bar. */
export function ChangePasswordDialog({ open, onClose, onChanged }: { open: boolean; onClose: () => void; onChanged: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="change-password-title" maxWidth="xs" fullWidth>
      <DialogTitle id="change-password-title">Change your password</DialogTitle>
      <DialogContent dividers>{open && <ChangePasswordForm submitLabel="Change password" onCancel={onClose} onDone={onChanged} />}</DialogContent>
    </Dialog>
  );
}
