import { Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { MethodOutput } from '../../shared/contract';
import { transportKind } from '../api/client';

export function AboutDialog({ open, onClose, info }: { open: boolean; onClose: () => void; info: MethodOutput<'system.info'> }) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="about-title" maxWidth="sm" fullWidth>
      <DialogTitle id="about-title">About RCC Placements</DialogTitle>
      <DialogContent dividers>
        <Typography>Version {info.version}</Typography>
        <Typography>
          Mode: {info.mode === 'desktop' ? 'desktop app' : 'loopback server in Chromium'} ({transportKind === 'ipc' ? 'IPC' : 'HTTP on 127.0.0.1'})
        </Typography>
        <Typography sx={{ wordBreak: 'break-all' }}>Data folder: {info.dataDir}</Typography>
        <Typography>
          Store: {info.storeKind === 'demo' ? 'demo region (synthetic data)' : 'real data'}, encrypted; key{' '}
          {info.keyProtection === 'os-secure-storage' ? "held by the operating system's secure storage" : 'in a file readable only by you'}
        </Typography>
        <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
          Licences and attributions
        </Typography>
        <List dense>
          {info.attributions.map((a) => (
            <ListItem key={a.name} disableGutters>
              <ListItemText primary={`${a.name} — ${a.licence}`} secondary={a.note} />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
