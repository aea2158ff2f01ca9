import type { TFlagCreateRequest, TFlagListRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * The flags requests of the list, create and flag pages (server: `flags`, contracts in
 * shared flagsApi.schemas). Every change makes every flags read stale, so the list, the
 * flag page, its history and the home cards all show it. Components take these hooks,
 * never the client.
 */
export function useFlagEnvironments() {
  return useQuery({ ...trpc.flags.environments.queryOptions(), staleTime: 5 * 60_000 });
}

export function useFlagList(filters: TFlagListRequest) {
  return useQuery({ ...trpc.flags.list.queryOptions(filters), placeholderData: keepPreviousData });
}

export function useFlag(key: string) {
  return useQuery(trpc.flags.get.queryOptions({ key }));
}

export function useStaleFlags(mine: boolean) {
  return useQuery(trpc.flags.stale.queryOptions({ mine }));
}

function useInvalidateFlags() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.flags.pathKey() });
}

export function useCreateFlag() {
  const invalidate = useInvalidateFlags();
  return useMutation({ mutationFn: (input: TFlagCreateRequest) => trpcClient.flags.create.mutate(input), onSuccess: invalidate });
}

export function useUpdateFlag() {
  const invalidate = useInvalidateFlags();
  return useMutation({
    mutationFn: (input: { key: string; description?: string; type?: TFlagCreateRequest['type']; ownerId?: string | null; tags?: string[] }) => trpcClient.flags.update.mutate(input),
    onSuccess: invalidate,
  });
}

export function useArchiveFlag() {
  const invalidate = useInvalidateFlags();
  return useMutation({ mutationFn: (key: string) => trpcClient.flags.archive.mutate({ key }), onSuccess: invalidate });
}

/** The product's plan names, for targeting by plan (most common first). */
export function usePlanOptions() {
  return useQuery({ ...trpc.flags.plans.queryOptions(), staleTime: 300_000 });
}
