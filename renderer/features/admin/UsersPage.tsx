import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogContentText,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { isScopedToConstellation, ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import type { UserView } from '../../../shared/contract/common';
import { PASSWORD_HINT } from '../../../shared/domain/passwords';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';

export function UsersPage() {
  const users = useApi('users.list', {});
  const me = useApi('auth.me', {});
  const councils = useApi('region.councils', {});
  const constellations = useApi('region.constellations', {});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [confirming, setConfirming] = useState<{ user: UserView; action: 'disable' | 'enable' | 'reset' } | null>(null);
  const councilName = (id: number | null) => (id === null ? 'Whole region' : (councils.data?.find((c) => c.id === id)?.name ?? `Council ${id}`));
  const constellationName = (id: number | null) => constellations.data?.find((c) => c.id === id)?.name ?? `Constellation ${id}`;

  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Local accounts, their roles and scope"
        actions={
          <Button variant="contained" onClick={() => setCreating(true)}>
            Add user
          </Button>
        }
      />
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
                <TableCell>Status</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.data.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>
                    {u.displayName}
                    {u.isDemo ? ' (demo)' : ''}
                  </TableCell>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{ROLE_LABELS[u.role]}</TableCell>
                  <TableCell>{isScopedToConstellation(u.role) ? constellationName(u.constellationId) : councilName(u.councilId)}</TableCell>
                  <TableCell>
                    {u.disabled ? (
                      <Chip size="small" label="Disabled" />
                    ) : u.mustChangePassword ? (
                      <Chip size="small" color="warning" variant="outlined" label="Temporary password" />
                    ) : (
                      <Chip size="small" color="success" variant="outlined" label="Active" />
                    )}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => setEditing(u)} aria-label={`Change ${u.username}`}>
                      Change
                    </Button>
                    <Button
                      size="small"
                      disabled={u.id === me.data?.id}
                      onClick={() => setConfirming({ user: u, action: 'reset' })}
                      aria-label={`Reset the password of ${u.username}`}
                    >
                      Reset password
                    </Button>
                    <Button
                      size="small"
                      color={u.disabled ? 'primary' : 'error'}
                      disabled={u.id === me.data?.id}
                      onClick={() => setConfirming({ user: u, action: u.disabled ? 'enable' : 'disable' })}
                      aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
      {editing && <EditUserDialog user={editing} onClose={() => setEditing(null)} />}
      {confirming && <ConfirmAccountDialog {...confirming} onClose={() => setConfirming(null)} />}
    </>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const councils = useApi('region.councils', {});
  const constellations = useApi('region.constellations', {});
  const create = useApiMutation('users.create', ['users.list']);
  // A new account starts on the first role of the domain's list (placement officer), the kind most often added.
  const [form, setForm] = useState({ displayName: '', username: '', password: '', role: ROLES[0] as Role, councilId: '', constellationId: '' });
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
            <TextField
              label="Temporary password"
              type="password"
              value={form.password}
              onChange={set('password')}
              required
              error={field === 'password'}
              helperText={`${PASSWORD_HINT} They choose their own at first sign-in.`}
            />
            <TextField select label="Role" value={form.role} onChange={set('role')}>
              {ROLES.map((r) => (
                <MenuItem key={r} value={r}>
                  {ROLE_LABELS[r]}
                </MenuItem>
              ))}
            </TextField>
            {isScopedToConstellation(form.role) ? (
              <TextField
                select
                label="Constellation"
                value={form.constellationId}
                onChange={set('constellationId')}
                required
                error={field === 'constellationId'}
              >
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

/** Name, role and scope of an existing account; takes effect on the user's next call. */
function EditUserDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const councils = useApi('region.councils', {});
  const constellations = useApi('region.constellations', {});
  const update = useApiMutation('users.update', ['users.list']);
  const [form, setForm] = useState({
    displayName: user.displayName,
    role: user.role,
    councilId: user.councilId ? String(user.councilId) : '',
    constellationId: user.constellationId ? String(user.constellationId) : '',
  });
  const field = update.error?.field;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const hub = isScopedToConstellation(form.role);
    update.mutate(
      {
        userId: user.id,
        displayName: form.displayName,
        role: form.role,
        councilId: !hub && form.councilId ? Number(form.councilId) : null,
        constellationId: hub && form.constellationId ? Number(form.constellationId) : null,
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="edit-user-title" maxWidth="xs" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="edit-user-title">Change {user.username}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <TextField label="Name" value={form.displayName} onChange={set('displayName')} required error={field === 'displayName'} autoFocus />
            <TextField select label="Role" value={form.role} onChange={set('role')} error={field === 'userId'}>
              {ROLES.map((r) => (
                <MenuItem key={r} value={r}>
                  {ROLE_LABELS[r]}
                </MenuItem>
              ))}
            </TextField>
            {isScopedToConstellation(form.role) ? (
              <TextField
                select
                label="Constellation"
                value={form.constellationId}
                onChange={set('constellationId')}
                required
                error={field === 'constellationId'}
              >
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
            {update.isError && <Alert severity="error">{update.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={update.isPending}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const CONFIRM_WORDS = {
  disable: {
    title: 'Disable',
    button: 'Disable account',
    text: 'They will be signed out at once, on every window, and cannot sign in until an administrator enables the account again. Their audit entries stay.',
  },
  enable: { title: 'Enable', button: 'Enable account', text: 'They can sign in again with their current password.' },
  reset: {
    title: 'Reset the password of',
    button: 'Reset password',
    text: 'They will be signed out at once. You will see a temporary password once: give it to them in person or by phone; they must choose their own when they sign in.',
  },
};

/** Disabling, enabling and password resets, each confirmed; a reset shows the temporary password once. */
function ConfirmAccountDialog({ user, action, onClose }: { user: UserView; action: 'disable' | 'enable' | 'reset'; onClose: () => void }) {
  const disable = useApiMutation('users.disable', ['users.list']);
  const enable = useApiMutation('users.enable', ['users.list']);
  const reset = useApiMutation('users.resetPassword', ['users.list']);
  const mutation = action === 'disable' ? disable : action === 'enable' ? enable : reset;
  const words = CONFIRM_WORDS[action];
  const go = () => {
    if (action === 'disable') disable.mutate({ userId: user.id }, { onSuccess: onClose });
    else if (action === 'enable') enable.mutate({ userId: user.id }, { onSuccess: onClose });
    else reset.mutate({ userId: user.id });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="account-action-title" maxWidth="xs" fullWidth>
      <DialogTitle id="account-action-title">
        {words.title} {user.displayName}?
      </DialogTitle>
      <DialogContent dividers>
        {reset.data ? (
          <Stack spacing={2}>
            <Alert severity="success">The password of {user.displayName} has been reset.</Alert>
            <TextField
              label="Temporary password (shown once)"
              value={reset.data.temporaryPassword}
              slotProps={{ input: { readOnly: true, sx: { fontFamily: 'monospace', fontSize: 20 } } }}
            />
          </Stack>
        ) : (
          <DialogContentText>{words.text}</DialogContentText>
        )}
        {mutation.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {mutation.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {reset.data ? (
          <Button variant="contained" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" color={action === 'disable' ? 'error' : 'primary'} onClick={go} disabled={mutation.isPending}>
              {words.button}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
