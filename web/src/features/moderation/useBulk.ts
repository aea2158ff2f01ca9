import type { TModerationBulkFilter, TModerationBulkStartRequest } from '@opsdesk/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * Bulk decisions (server: `moderation.bulk`, contracts in shared moderationBulk.schemas):
 * the estimate of "all N matching", starting a run (a durable server job over the set
 * frozen when it starts, never a browser loop), its progress and cancelling it.
 */
export function useBulkEstimate(filter: TModerationBulkFilter, enabled: boolean) {
  return useQuery({ ...trpc.moderation.bulk.estimate.queryOptions({ filter }), enabled });
}

export function useStartBulk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TModerationBulkStartRequest) => trpcClient.moderation.bulk.start.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.moderation.pathKey() }),
  });
}

const FINISHED: readonly (string | null)[] = ['succeeded', 'failed', 'cancelled', 'timed_out'];

/** A run and its first items; read every 2 s until the job has finished. */
export function useBulkRun(runId: string, itemStatus?: 'pending' | 'done' | 'skipped' | 'failed') {
  return useQuery({
    ...trpc.moderation.bulk.get.queryOptions({ runId, itemStatus, limit: 100 }),
    refetchInterval: (query) => (query.state.data && (query.state.data.run.finishedAt || FINISHED.includes(query.state.data.run.status)) ? false : 2_000),
  });
}

export function useCancelBulk() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => trpcClient.moderation.bulk.cancel.mutate({ runId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.moderation.bulk.pathKey() }),
  });
}
