import type { TModerationAppealDecideRequest, TModerationAppealOpenRequest, TModerationAppealStatus } from '@opsdesk/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * Appeals (server: `moderation.appeals`, contracts in shared moderationAppeals.schemas):
 * the list (oldest first; `forMe` keeps those on decisions someone else took), entering
 * an appeal on the user's behalf, and upholding or reversing one.
 */
export function useAppeals(filter: { status: TModerationAppealStatus; forMe: boolean }) {
  const input = { ...filter, limit: 50 };
  return useInfiniteQuery({
    queryKey: trpc.moderation.appeals.list.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.moderation.appeals.list.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** One appeal (where an audit entry about it links); refreshed after a decision like the list. */
export function useAppeal(appealId: string) {
  return useQuery(trpc.moderation.appeals.get.queryOptions({ appealId }));
}

/** Appeals waiting for the caller (home card): the first page is enough to count "50+". */
export function useAppealsForMe() {
  return useQuery({ ...trpc.moderation.appeals.list.queryOptions({ status: 'open', forMe: true, limit: 50 }), refetchInterval: 30_000 });
}

export function useOpenAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TModerationAppealOpenRequest) => trpcClient.moderation.appeals.open.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.moderation.pathKey() }),
  });
}

export function useDecideAppeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TModerationAppealDecideRequest) => trpcClient.moderation.appeals.decide.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.moderation.pathKey() }),
  });
}
