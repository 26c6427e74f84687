import { useApi } from '../../api/hooks';

/** The signed-in hub carer's constellation (null while loading, or for other roles). */
export function useOwnConstellationId(): number | null {
  const me = useApi('auth.me', {});
  return me.data?.constellationId ?? null;
}
