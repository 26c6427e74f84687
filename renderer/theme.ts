import { createTheme, type Theme } from '@mui/material/styles';

export type ColourMode = 'light' | 'dark';

/** Calm, high-contrast colours: officers read these screens for hours. */
export function buildTheme(mode: ColourMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1f4e79' : '#8cb8e6' },
      secondary: { main: mode === 'light' ? '#6a3d7a' : '#cfa6dd' },
      // MUI's default orange fails WCAG AA contrast with white text; this one passes (5:1).
      warning: { main: mode === 'light' ? '#a84d00' : '#ffb74d' },
      // Secondary text dark enough for 4.5:1 on the page background, not only on white.
      ...(mode === 'light' ? { text: { primary: '#1c1e21', secondary: '#55595f' } } : {}),
      background: mode === 'light' ? { default: '#f5f7fa', paper: '#ffffff' } : { default: '#121417', paper: '#1b1e23' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
      // Unselected toggles default to a 54%-black that misses 4.5:1 on the page background.
      MuiToggleButton: { styleOverrides: { root: ({ theme }) => ({ color: theme.palette.text.secondary }) } },
    },
  });
}
