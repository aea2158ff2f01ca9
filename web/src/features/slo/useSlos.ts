import type { SloSummary, TSloWrite } from '@opsdesk/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * Every SLO request the console makes (server: `slo`, contract in shared sloApi.schemas).
 * Statuses change when the evaluation job runs, once a minute, so lists are read again
 * each minute; active alerts every 30 s so a page shows up soon after it fires.
 * Components take these hooks, never the client.
 */
const MINUTE_MS = 60_000;

export function useSlos() {
  return useQuery({ ...trpc.slo.list.queryOptions(), refetchInterval: MINUTE_MS });
}

export function useSlo(id: string) {
  return useQuery({ ...trpc.slo.get.queryOptions({ id }), refetchInterval: MINUTE_MS });
}

export function useActiveAlerts() {
  return useQuery({ ...trpc.slo.activeAlerts.queryOptions(), refetchInterval: MINUTE_MS / 2 });
}

export interface SloAlertsFilter {
  sloId?: string;
  state?: 'firing' | 'resolved';
  severity?: 'page' | 'ticket';
}

/** Alert history, newest first, a keyset page ("older") at a time. */
export function useSloAlertHistory(filter: SloAlertsFilter) {
  const input = { ...filter, limit: 25 };
  // Not tRPC's infiniteQueryOptions: it adds a `direction` field the strict schema refuses.
  return useInfiniteQuery({
    queryKey: trpc.slo.alerts.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.slo.alerts.query({ ...input, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: MINUTE_MS,
  });
}

/** Create or edit (an audited mutation on the server); every SLO read is stale afterwards. */
export function useSaveSlo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; write: TSloWrite }): Promise<SloSummary> =>
      input.id ? trpcClient.slo.update.mutate({ ...input.write, id: input.id }) : trpcClient.slo.create.mutate(input.write),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.slo.pathKey() }),
  });
}
