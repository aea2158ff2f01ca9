import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * What happened and what will happen to flags: scheduled changes (and cancelling one),
 * the audited history a page at a time, and the evaluations the product reported.
 * Schedules apply from a job, so their list is read again each minute.
 */
const MINUTE_MS = 60_000;

export function useFlagSchedules(filter: { key?: string; status?: 'pending' | 'applied' | 'cancelled' | 'failed' | 'stale'; limit?: number }) {
  return useQuery({ ...trpc.flags.schedules.list.queryOptions(filter), refetchInterval: MINUTE_MS });
}

export function useCancelSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => trpcClient.flags.schedules.cancel.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.flags.pathKey() }),
  });
}

/** Newest first, a keyset page ("Load more") at a time. */
export function useFlagHistory(key: string) {
  const input = { key, limit: 20 };
  // Not tRPC's infiniteQueryOptions: it adds a `direction` field the strict schema refuses.
  return useInfiniteQuery({
    queryKey: trpc.flags.history.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.flags.history.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The last 7 days, hour by hour (the server's default window). */
export function useFlagMetrics(key: string) {
  return useQuery({ ...trpc.flags.metrics.queryOptions({ key }), refetchInterval: 5 * MINUTE_MS });
}
