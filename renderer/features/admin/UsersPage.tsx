import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField,
} from '@mui/material';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';

export function UsersPage() {
  const users = useApi('users.list', {});
  const councils = useApi('region.councils', {});
  const [creating, setCreating] = useState(false);
  const councilName = (id: number | null) => (id === null ? 'Whole region' : (councils.data?.find((c) => c.id === id)?.name ?? `Council ${id}`));

  return (
    <>
      <PageHeader title="Users" subtitle="Local accounts, their roles and scope" actions={<Button variant="contained" onClick={() => setCreating(true)}>Add user</Button>} />
      {users.isPending && <LoadingState label="Loading users" />}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Users">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Username</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Scope</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.data.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>{u.displayName}{u.isDemo ? ' (demo)' : ''}</TableCell>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{ROLE_LABELS[u.role]}</TableCell>
                  <TableCell>{u.role === 'hub_carer' ? `Constellation ${u.constellationId}` : councilName(u.councilId)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const councils = useApi('region.councils', {});
  const constellations = useApi('region.constellations', {});
  const create = useApiMutation('users.create', ['users.list']);
  const [form, setForm] = useState({ displayName: '', username: '', password: '', role: 'placement_officer' as Role, councilId: '', constellationId: '' });
  const field = create.error?.field;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        displayName: form.displayName,
        username: form.username,
        password: form.password,
        role: form.role,
        councilId: form.councilId ? Number(form.councilId) : null,
        constellationId: form.constellationId ? Number(form.constellationId) : null,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="new-user-title" maxWidth="xs" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="new-user-title">Add a user</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <TextField label="Name" value={form.displayName} onChange={set('displayName')} required error={field === 'displayName'} autoFocus />
            <TextField label="Username" value={form.username} onChange={set('username')} required error={field === 'username'} />
            <TextField label="Temporary password" type="password" value={form.password} onChange={set('password')} required error={field === 'password'} helperText="At least 12 characters" />
            <TextField select label="Role" value={form.role} onChange={set('role')}>
              {ROLES.map((r) => (
                <MenuItem key={r} value={r}>
                  {ROLE_LABELS[r]}
                </MenuItem>
              ))}
            </TextField>
            {form.role === 'hub_carer' ? (
              <TextField select label="Constellation" value={form.constellationId} onChange={set('constellationId')} required error={field === 'constellationId'}>
                {constellations.data?.map((c) => (
                  <MenuItem key={c.id} value={String(c.id)}>
                    {c.name}
                  </MenuItem>
                ))}
              </TextField>
            ) : (
              <TextField select label="Council scope" value={form.councilId} onChange={set('councilId')}>
                <MenuItem value="">Whole region</MenuItem>
                {councils.data?.map((c) => (
                  <MenuItem key={c.id} value={String(c.id)}>
                    {c.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {create.isError && <Alert severity="error">{create.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            Add user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
