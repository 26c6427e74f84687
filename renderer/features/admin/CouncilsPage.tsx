import { useState } from 'react';
import { Alert, Box, Button, Paper, Snackbar, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/AddOutlined';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import type { CouncilView } from '../../../shared/contract/region';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { ImportPanel } from '../data/DataPage';
import { downloadBase64 } from '../data/files';
import { CouncilDialog } from './CouncilDialog';

/** The columns a council list import reads (db/importers/councils.ts), with one example row. */
const LIST_TEMPLATE = 'Council,DfE LA code,ONS code,Centre\r\nManchester,352,E08000003,M60 2LA\r\n';

function position(c: CouncilView): string {
  return `${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}`;
}

export function CouncilsPage() {
  const me = useApi('auth.me', {});
  const councils = useApi('region.councils', {});
  const [editing, setEditing] = useState<CouncilView | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const regionWide = me.data?.councilId === null;

  return (
    <>
      <PageHeader
        title="Partner councils"
        subtitle="The councils of this Regional Care Cooperative. Every child, home, SSDA903 return and referral belongs to one of them."
        actions={
          regionWide && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
              Add a council
            </Button>
          )
        }
      />
      {councils.isPending && <LoadingState label="Loading councils" />}
      {councils.isError && <ErrorState error={councils.error} onRetry={() => void councils.refetch()} />}
      {councils.data?.length === 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          No partner councils yet. Add each council of the region, or import a list below: SSDA903 returns, homes, vacancies and referrals all need them.
        </Alert>
      )}
      {councils.data && councils.data.length > 0 && (
        <TableContainer component={Paper} variant="outlined" sx={{ mb: 3 }}>
          <Table size="small" aria-label="Partner councils">
            <TableHead>
              <TableRow>
                <TableCell>Council</TableCell>
                <TableCell>DfE LA code</TableCell>
                <TableCell>ONS code</TableCell>
                <TableCell>Centre</TableCell>
                <TableCell>Position</TableCell>
                {regionWide && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {councils.data.map((c) => (
                <TableRow key={c.id} hover>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>
                    {c.dfeCode ?? (
                      <Typography component="span" variant="body2" color="warning.main">
                        Not recorded
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{c.onsCode}</TableCell>
                  <TableCell>
                    {c.centreLabel ?? (
                      <Typography component="span" variant="body2" color="text.secondary">
                        Position only
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <Typography component="span" variant="body2" color="text.secondary">
                      {position(c)}
                    </Typography>
                  </TableCell>
                  {regionWide && (
                    <TableCell align="right">
                      <Button size="small" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                        Edit
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {me.data && regionWide && (
        <Stack spacing={1}>
          <ImportPanel role={me.data.role} ownCouncilId={null} only="councils" heading="Import a list of councils" />
          <Box>
            <Button size="small" startIcon={<DownloadIcon />} onClick={() => downloadBase64('partner-councils.csv', 'text/csv', btoa(LIST_TEMPLATE))}>
              Download a blank list (CSV)
            </Button>
          </Box>
        </Stack>
      )}
      {me.data && !regionWide && <Alert severity="info">Only an administrator for the whole region can add or change partner councils.</Alert>}
      {editing !== null && (
        <CouncilDialog
          council={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setNotice(editing === 'new' ? `${c.name} added.` : `${c.name} saved.`);
            setEditing(null);
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </>
  );
}
