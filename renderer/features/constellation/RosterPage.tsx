import { Button } from '@mui/material';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { hrefTo } from '../../navigate';
import { RosterDisplay } from './RosterDisplay';
import { useOwnConstellationId } from './useOwnConstellation';

/**
 * The hub carer's roster. "#/roster/7" asks for constellation 7: the dispatcher decides, so a
 * hub carer following a link to someone else's constellation sees a refusal, not their roster.
 */
export function RosterPage({ param }: { param: string }) {
  const own = useOwnConstellationId();
  const asked = /^\d+$/.test(param) ? Number(param) : null;
  const constellationId = asked ?? own;
  const roster = useApi('constellation.roster', { constellationId: constellationId ?? 0 }, { enabled: constellationId !== null, retry: false });

  return (
    <>
      <PageHeader
        title={roster.data ? roster.data.constellation.name : 'Roster'}
        subtitle={
          roster.data
            ? `Roster: the hub home and ${roster.data.households.filter((h) => h.role === 'satellite').length} satellite households`
            : 'The hub home and satellite households of your constellation'
        }
      />
      {(constellationId === null || roster.isPending) && <LoadingState label="Loading the roster" />}
      {roster.isError && (
        <>
          <ErrorState error={roster.error} onRetry={roster.error.code === 'FORBIDDEN' ? undefined : () => void roster.refetch()} />
          {asked !== null && asked !== own && (
            <Button href={hrefTo('roster')} sx={{ ml: 2 }}>
              Back to your own roster
            </Button>
          )}
        </>
      )}
      {roster.data && <RosterDisplay roster={roster.data} />}
    </>
  );
}
