import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/** The API keys products read flags with (flags.keys: admins). The secret is answered once, by create. */
export function useApiKeys() {
  return useQuery(trpc.flags.keys.list.queryOptions());
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; environment: string }) => trpcClient.flags.keys.create.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.flags.keys.pathKey() }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => trpcClient.flags.keys.revoke.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.flags.keys.pathKey() }),
  });
}
