import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { ApiError, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { call } from './client';

/** Reads through the one query cache, keyed by method and input. */
export function useApi<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: Omit<UseQueryOptions<MethodOutput<M>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<MethodOutput<M>, ApiError>({
    queryKey: [method, input],
    queryFn: () => call(method, input),
    ...options,
  });
}

/** A change; on success the named methods' cached answers are refreshed. */
export function useApiMutation<M extends MethodName>(method: M, invalidates: MethodName[] = []) {
  const client = useQueryClient();
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((m) => client.invalidateQueries({ queryKey: [m] })));
    },
  });
}
