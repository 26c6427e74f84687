import type { ReactNode } from 'react';
import { Alert, AlertTitle, Box, Button, CircularProgress, Typography } from '@mui/material';
import type { ApiError } from '../../shared/contract';

export function LoadingState({ label }: { label: string }) {
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 4 }}>
      <CircularProgress size={24} aria-hidden />
      <Typography>{label}…</Typography>
    </Box>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  // A job the user cancelled did what they asked: said plainly, not as a failure.
  if ((error as Partial<ApiError>).code === 'CANCELLED') {
    return (
      <Alert severity="info" sx={{ m: 2 }} role="status">
        {error.message}
      </Alert>
    );
  }
  return (
    <Alert
      severity="error"
      sx={{ m: 2 }}
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>That did not work</AlertTitle>
      {error.message}
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }}>
      <Typography variant="h6" component="p">
        {title}
      </Typography>
      {children}
    </Box>
  );
}
