import { useEffect, useMemo, useState } from 'react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { buildTheme, type ColourMode } from './theme';
import { useApi } from './api/hooks';
import { call, onEvent } from './api/client';
import type { EventPayload } from '../shared/contract/events';
import { ChangeTemporaryPasswordPage } from './features/auth/ChangePasswordForm';
import { LoadingState, ErrorState } from './components/States';
import { SignInPage } from './features/auth/SignInPage';
import { FirstAdminPage } from './features/auth/FirstAdminPage';
import { StoreChoicePage } from './features/auth/StoreChoicePage';
import { RecoveryKeyDialog } from './features/admin/RecoveryKeyDialog';
import { Shell } from './features/shell/Shell';
import { UkDatesProvider } from './components/DateField';
import { mayCall } from '../shared/contract/access';

const MODE_KEY = 'rcc.colourMode';

function initialMode(): ColourMode {
  const saved = localStorage.getItem(MODE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function App() {
  const [mode, setMode] = useState<ColourMode>(initialMode);
  const theme = useMemo(() => buildTheme(mode), [mode]);
  const toggleMode = () => {
    const next = mode === 'light' ? 'dark' : 'light';
    localStorage.setItem(MODE_KEY, next);
    setMode(next);
  };
  return (
    <ThemeProvider theme={theme}>
      <UkDatesProvider>
        <CssBaseline />
        <Gate mode={mode} onToggleMode={toggleMode} />
      </UkDatesProvider>
    </ThemeProvider>
  );
}

const SESSION_ENDED_WORDS: Record<EventPayload<'session.ended'>['reason'], string | null> = {
  'signed-out': null,
  idle: 'You were signed out after 15 minutes without activity.',
  'account-disabled': 'You were signed out: an administrator has disabled your account.',
  'password-reset': 'You were signed out: an administrator reset your password. Sign in with the temporary password they gave you.',
  restored: 'An administrator restored the store from a backup: please sign in again.',
};

/** Decides what the user sees first: set-up, sign-in, or the app. */
function Gate({ mode, onToggleMode }: { mode: ColourMode; onToggleMode: () => void }) {
  const client = useQueryClient();
  const info = useApi('system.info', {});
  const me = useApi('auth.me', {});
  const [endedReason, setEndedReason] = useState<string | null>(null);

  useEffect(
    () =>
      onEvent('session.ended', ({ reason }) => {
        setEndedReason(SESSION_ENDED_WORDS[reason]);
        void client.resetQueries();
      }),
    [client],
  );
  // The backend stopped and was started again (the sign-in page says so), or could not be, and
  // every call then answers with what to do.
  useEffect(
    () =>
      onEvent('backend.stopped', ({ message }) => {
        setEndedReason(message);
        void client.resetQueries();
      }),
    [client],
  );

  if (info.isPending || me.isPending) return <LoadingState label="Opening RCC Placements" />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (info.data.needsStoreChoice) return <StoreChoicePage />;
  if (info.data.needsFirstAdmin) return <FirstAdminPage />;
  if (!me.data) return <SignInPage info={info.data} notice={endedReason} />;
  if (me.data.mustChangePassword) {
    const signOut = () => void call('auth.signOut', {}).finally(() => void client.resetQueries());
    return <ChangeTemporaryPasswordPage displayName={me.data.displayName} onSignOut={signOut} />;
  }
  return (
    <>
      <Shell user={me.data} info={info.data} mode={mode} onToggleMode={onToggleMode} onSignedOut={() => setEndedReason(null)} />
      {info.data.recoveryKeyPending && mayCall(me.data.role, 'recovery.reveal') && <RecoveryKeyDialog />}
    </>
  );
}
