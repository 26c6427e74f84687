import ImportExportIcon from '@mui/icons-material/ImportExportOutlined';
import { DataPage } from './DataPage';

/** The screen's entry in the shell's navigation (see features/shell/nav.tsx). */
export const DATA_NAV_ITEM = {
  path: 'data',
  label: 'Imports and exports',
  group: 'admin',
  roles: ['placement_officer', 'commissioner', 'administrator'],
  icon: <ImportExportIcon />,
  Page: DataPage,
} as const;
