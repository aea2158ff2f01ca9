import type { TModerationDecideRequest, TModerationQueueRequest } from '@opsdesk/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpc, trpcClient } from '../../app/trpcClient';
import { reasonLabeller } from './moderationText';

/**
 * Every moderation request the console makes (server: `moderation`, contracts in shared
 * moderation.schemas). The queue moves while people work, so it is read again every
 * 30 s; every claim or decision makes all moderation reads stale. Components take these
 * hooks, never the client.
 */
const REFRESH_MS = 30_000;

export function useReasonCodes() {
  return useQuery({ ...trpc.moderation.reasonCodes.queryOptions(), staleTime: 5 * 60_000 });
}

/** `(code) => words` for showing reason codes (moderationText.reasonLabeller). */
export function useReasonLabel(): (code: string) => string {
  const codes = useReasonCodes();
  return useMemo(() => reasonLabeller(codes.data), [codes.data]);
}

/** The queue, a keyset page (50) at a time, with the live counts per reason group and bucket. */
export function useModerationQueue(filter: Omit<TModerationQueueRequest, 'cursor' | 'limit'>) {
  const input = { ...filter, limit: 50 };
  // Not tRPC's infiniteQueryOptions: it adds a `direction` field the strict schema refuses.
  return useInfiniteQuery({
    queryKey: trpc.moderation.queue.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.moderation.queue.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
}

/** One page of the queue without paging (home cards). */
export function useQueueSnapshot(input: TModerationQueueRequest) {
  return useQuery({ ...trpc.moderation.queue.queryOptions(input), refetchInterval: REFRESH_MS });
}

export function useModerationItem(entryId: string) {
  return useQuery({ ...trpc.moderation.item.queryOptions({ entryId }), enabled: entryId !== '' });
}

function useInvalidateModeration() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.moderation.pathKey() });
}

/** "Next item": the item the caller already holds, else the highest-priority claimable one (null when the queue is empty). */
export function useTakeNext() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (reasonGroup: string | undefined) => trpcClient.moderation.next.mutate({ reasonGroup }),
    onSuccess: invalidate,
  });
}

export function useRenewLease() {
  return useMutation({ mutationFn: (entryId: string) => trpcClient.moderation.renew.mutate({ entryId }) });
}

export function releaseLease(entryId: string) {
  return trpcClient.moderation.release.mutate({ entryId });
}

export function useAddNote(entryId: string) {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (body: string) => trpcClient.moderation.addNote.mutate({ entryId, body }),
    onSuccess: invalidate,
  });
}

export function useDecide() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (input: TModerationDecideRequest) => trpcClient.moderation.decide.mutate(input),
    onSuccess: invalidate,
  });
}
