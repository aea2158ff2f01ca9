import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

export function useSecuritySettings() {
  const queryClient = useQueryClient();
  return {
    settings: useQuery(trpc.security.get.queryOptions()),
    save: useMutation(
      trpc.security.update.mutationOptions({
        onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.security.get.queryKey() }),
      }),
    ),
  };
}
