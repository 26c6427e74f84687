import { createTheme, type Theme } from '@mui/material/styles';

export type ColourMode = 'light' | 'dark';

/** Calm, high-contrast colours: officers read these screens for hours. */
export function buildTheme(mode: ColourMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1f4e79' : '#8cb8e6' },
      secondary: { main: mode === 'light' ? '#6a3d7a' : '#cfa6dd' },
      background: mode === 'light' ? { default: '#f5f7fa', paper: '#ffffff' } : { default: '#121417', paper: '#1b1e23' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
    },
  });
}
