import ImportExportIcon from '@mui/icons-material/ImportExportOutlined';
import { DataPage, DATA_SCREEN_METHODS } from './DataPage';

/** The screen's entry in the shell's navigation (see features/shell/nav.tsx). */
export const DATA_NAV_ITEM = {
  path: 'data',
  label: 'Imports and exports',
  group: 'admin',
  needs: DATA_SCREEN_METHODS,
  icon: <ImportExportIcon />,
  Page: DataPage,
} as const;
