import { createTheme, type Theme } from '@mui/material/styles';
// The data grid's own entries in the theme's components (types only).
import type {} from '@mui/x-data-grid/themeAugmentation';

export type ColourMode = 'light' | 'dark';

/** The keyboard focus ring: at least 3:1 against the page and the paper in both modes. */
const focusColour = (theme: Theme) => (theme.palette.mode === 'light' ? '#0b57d0' : '#a8c7fa');

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
      // WCAG 2.4.7: whatever the keyboard reaches shows where it is. MUI marks keyboard focus on its
      // buttons, links, chips, list rows and card areas with .Mui-focusVisible (its own cue, a ripple,
      // is faint and is switched off with animations); our own focusable rows (tabIndex) and links get
      // :focus-visible. Text fields keep MUI's thick coloured border, which is already plain.
      MuiCssBaseline: {
        styleOverrides: (theme: Theme) => ({
          '.Mui-focusVisible, a:focus-visible, button:focus-visible, [role="button"]:focus-visible, [tabindex]:not(input):not(textarea):focus-visible': {
            outline: `3px solid ${focusColour(theme)}`,
            outlineOffset: '2px',
          },
          // Rows and cells sit edge to edge: drawn inside, so a neighbour cannot cover the outline.
          'tr:focus-visible, tr.Mui-focusVisible, li:focus-visible, .MuiListItemButton-root.Mui-focusVisible, .MuiMenuItem-root.Mui-focusVisible': {
            outline: `3px solid ${focusColour(theme)}`,
            outlineOffset: '-3px',
          },
        }),
      },
      // The data grid moves focus between cells itself (roving focus, so :focus not :focus-visible).
      MuiDataGrid: {
        styleOverrides: {
          root: ({ theme }: { theme: Theme }) => ({
            '& .MuiDataGrid-cell:focus, & .MuiDataGrid-cell:focus-within, & .MuiDataGrid-columnHeader:focus, & .MuiDataGrid-columnHeader:focus-within': {
              outline: `3px solid ${focusColour(theme)}`,
              outlineOffset: '-3px',
            },
          }),
        },
      },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
      // Unselected toggles default to a 54%-black that misses 4.5:1 on the page background.
      MuiToggleButton: { styleOverrides: { root: ({ theme }) => ({ color: theme.palette.text.secondary }) } },
    },
  });
}
