import { Card, CardContent, Grid, Typography } from '@mui/material';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';

export function ConstellationsPage() {
  const constellations = useApi('region.constellations', {});
  return (
    <>
      <PageHeader title="Constellations" subtitle="Mockingbird constellations: a hub home supporting nearby satellite households" />
      {constellations.isPending && <LoadingState label="Loading constellations" />}
      {constellations.isError && <ErrorState error={constellations.error} onRetry={() => void constellations.refetch()} />}
      {constellations.data?.length === 0 && <EmptyState title="No constellations yet" />}
      <Grid container spacing={2}>
        {constellations.data?.map((c) => (
          <Grid key={c.id} size={{ xs: 12, md: 6, lg: 4 }}>
            <Card variant="outlined">
              <CardContent>
                <Typography variant="h6" component="h2">
                  {c.name}
                </Typography>
                <Typography color="text.secondary">Hub home: {c.hubHomeName}</Typography>
              </CardContent>
            </Card>
          </Grid>
        ))}
      </Grid>
    </>
  );
}
