import type { TReconciliationRun } from '@opsdesk/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../../app/trpcClient';

/**
 * Every reconciliation request the console makes (server: `revenue.reconciliation`).
 * A run in progress is polled every second until it ends; components take these hooks,
 * never the client.
 */
export const isRunActive = (run: Pick<TReconciliationRun, 'status'> | undefined) => run?.status === 'queued' || run?.status === 'running';
const POLL_MS = 1_000;

export function useReconciliationRun(runId: string | null) {
  return useQuery({
    ...trpc.revenue.reconciliation.get.queryOptions({ runId: runId ?? '' }),
    enabled: runId !== null,
    refetchInterval: (query) => (isRunActive(query.state.data) ? POLL_MS : false),
  });
}

/** Read again while one of them is queued or running, so its status there follows the run. */
export function useRecentReconciliations() {
  return useQuery({ ...trpc.revenue.reconciliation.list.queryOptions({ limit: 10 }), refetchInterval: (query) => (query.state.data?.some(isRunActive) ? POLL_MS : false) });
}

/** Starts (or finds) the day's run; the recent runs are read again so it shows in the list. */
export function useStartReconciliation(onStarted: (run: TReconciliationRun) => void) {
  const queryClient = useQueryClient();
  return useMutation(
    trpc.revenue.reconciliation.start.mutationOptions({
      onSuccess: ({ run }) => {
        queryClient.setQueryData(trpc.revenue.reconciliation.get.queryKey({ runId: run.id }), run);
        void queryClient.invalidateQueries({ queryKey: trpc.revenue.reconciliation.list.queryKey() });
        onStarted(run);
      },
    }),
  );
}

/** The customers that differ, largest difference first, a keyset page at a time (only once the run has succeeded). */
export function useReconciliationDifferences(runId: string, enabled: boolean) {
  const input = { runId, limit: 25 };
  // Not tRPC's infiniteQueryOptions: it adds a `direction` field the strict schema refuses.
  return useInfiniteQuery({
    queryKey: trpc.revenue.reconciliation.differences.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.revenue.reconciliation.differences.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
  });
}
