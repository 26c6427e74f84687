import { Card, CardContent, Grid, Typography } from '@mui/material';
import { HOME_KINDS, HOME_KIND_LABELS } from '../../../shared/domain/homes';
import { formatPence } from '../../../shared/domain/money';
import { median } from '../../../shared/domain/stats';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';

/** Open vacancies by type with their median weekly price: the first view of the market. */
export function MarketPage() {
  const vacancies = useApi('vacancies.list', { status: 'open' });
  return (
    <>
      <PageHeader title="Market overview" subtitle="Open vacancies across the region by type of home, with the median weekly price" />
      {vacancies.isPending && <LoadingState label="Loading the market" />}
      {vacancies.isError && <ErrorState error={vacancies.error} onRetry={() => void vacancies.refetch()} />}
      {vacancies.data && (
        <Grid container spacing={2}>
          {HOME_KINDS.map((kind) => {
            const ofKind = vacancies.data.filter((v) => v.homeKind === kind);
            const mid = median(ofKind.map((v) => v.weeklyPricePence));
            return (
              <Grid key={kind} size={{ xs: 12, md: 4 }}>
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="overline" component="h2">
                      {HOME_KIND_LABELS[kind]}
                    </Typography>
                    <Typography variant="h4" component="p">
                      {ofKind.reduce((n, v) => n + v.beds, 0)} beds
                    </Typography>
                    <Typography color="text.secondary">
                      in {ofKind.length} open vacancies · median {mid === null ? 'n/a' : formatPence(mid)} a week
                    </Typography>
                  </CardContent>
                </Card>
              </Grid>
            );
          })}
        </Grid>
      )}
    </>
  );
}
