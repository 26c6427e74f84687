import { useEffect, useState } from 'react';
import {
  Alert,
  AppBar,
  Box,
  Button,
  Chip,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Snackbar,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import DarkIcon from '@mui/icons-material/DarkModeOutlined';
import LightIcon from '@mui/icons-material/LightModeOutlined';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import LogoutIcon from '@mui/icons-material/LogoutOutlined';
import ResetIcon from '@mui/icons-material/RestartAltOutlined';
import PasswordIcon from '@mui/icons-material/KeyOutlined';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract';
import type { UserView } from '../../../shared/contract/common';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import { mayCall } from '../../../shared/contract/access';
import { useApi, useApiMutation } from '../../api/hooks';
import { AboutDialog } from '../../components/AboutDialog';
import type { ColourMode } from '../../theme';
import { itemsFor, NAV_GROUPS, type NavItem } from './nav';
import { ResetDemoDialog } from './ResetDemoDialog';
import { ChangePasswordDialog } from '../auth/ChangePasswordForm';

const DRAWER_WIDTH = 248;

function currentPath(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

interface ShellProps {
  user: UserView;
  info: MethodOutput<'system.info'>;
  mode: ColourMode;
  onToggleMode: () => void;
  onSignedOut: () => void;
}

export function Shell({ user, info, mode, onToggleMode, onSignedOut }: ShellProps) {
  const client = useQueryClient();
  const items = itemsFor(user.role);
  const [path, setPath] = useState(currentPath);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [resetOpen, setResetOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const canResetDemo = info.storeKind === 'demo' && mayCall(user.role, 'demo.reset');
  const signOut = useApiMutation('auth.signOut');
  // A real store starts empty: its administrator is pointed to the partner councils, which everything else needs.
  const councils = useApi('region.councils', {}, { enabled: info.storeKind === 'real' && mayCall(user.role, 'councils.create') });
  const needsCouncils = councils.data?.length === 0;

  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // "#/referrals/12" opens the referrals screen with "12" as its parameter.
  const [base = '', ...rest] = path.split('/');
  const active: NavItem | undefined = items.find((i) => i.path === base) ?? items[0];
  const param = active?.path === base ? rest.join('/') : '';
  const groups = Object.entries(NAV_GROUPS).filter(([g]) => items.some((i) => i.group === g));

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar>
          <Typography variant="h6" component="p" sx={{ flexGrow: 1 }}>
            RCC Placements
          </Typography>
          {info.storeKind === 'demo' && <Chip label="Demo region — synthetic data" color="warning" size="small" sx={{ mr: 2 }} />}
          <Typography variant="body2" sx={{ mr: 1 }}>
            {user.displayName} · {ROLE_LABELS[user.role]}
          </Typography>
          <Tooltip title={mode === 'light' ? 'Dark mode' : 'Light mode'}>
            <IconButton color="inherit" onClick={onToggleMode} aria-label={mode === 'light' ? 'Switch to dark mode' : 'Switch to light mode'}>
              {mode === 'light' ? <DarkIcon /> : <LightIcon />}
            </IconButton>
          </Tooltip>
          {canResetDemo && (
            <Tooltip title="Reset the demo region">
              <IconButton color="inherit" onClick={() => setResetOpen(true)} aria-label="Reset the demo region">
                <ResetIcon />
              </IconButton>
            </Tooltip>
          )}
          <Tooltip title="About">
            <IconButton color="inherit" onClick={() => setAboutOpen(true)} aria-label="About RCC Placements">
              <InfoIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Change your password">
            <IconButton color="inherit" onClick={() => setPasswordOpen(true)} aria-label="Change your password">
              <PasswordIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Sign out">
            <IconButton
              color="inherit"
              aria-label="Sign out"
              onClick={() =>
                signOut.mutate(
                  {},
                  {
                    onSuccess: () => {
                      onSignedOut();
                      // Drop every cached answer so nothing of this user's lingers for the next one.
                      void client.resetQueries();
                    },
                  },
                )
              }
            >
              <LogoutIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar />
        <Box component="nav" aria-label="Main">
          {groups.map(([group, label]) => (
            <List key={group} dense subheader={<ListSubheader component="h2">{label}</ListSubheader>}>
              {items
                .filter((i) => i.group === group)
                .map((item) => (
                  <ListItemButton
                    key={item.path}
                    component="a"
                    href={`#/${item.path}`}
                    selected={item === active}
                    aria-current={item === active ? 'page' : undefined}
                  >
                    <ListItemIcon>{item.icon}</ListItemIcon>
                    <ListItemText primary={item.label} />
                  </ListItemButton>
                ))}
            </List>
          ))}
        </Box>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar />
        {needsCouncils && active?.path !== 'councils' && (
          <Alert
            severity="info"
            sx={{ mb: 2 }}
            action={
              <Button color="inherit" size="small" href="#/councils">
                Add councils
              </Button>
            }
          >
            This store has no partner councils yet. Add the region’s councils first: SSDA903 imports, homes, vacancies and referrals need them.
          </Alert>
        )}
        {active ? <active.Page param={param} /> : <Typography>Your role has no screens yet.</Typography>}
      </Box>
      <ChangePasswordDialog
        open={passwordOpen}
        onClose={() => setPasswordOpen(false)}
        onChanged={() => {
          setPasswordOpen(false);
          setNotice('Your password has been changed.');
        }}
      />
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} info={info} />
      {canResetDemo && (
        <ResetDemoDialog
          open={resetOpen}
          onClose={() => setResetOpen(false)}
          onDone={(r) => {
            setResetOpen(false);
            setNotice(
              `Demo region generated afresh for ${formatIsoDate(r.today)}: ${r.counts.children ?? 0} children, ${r.counts.vacancies ?? 0} vacancies, ${r.counts.referrals ?? 0} referrals.`,
            );
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </Box>
  );
}
