import { useInfiniteQuery } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

export const TIMELINE_PAGE_SIZE = 30;

/** The merged timeline (billing, account, staff), newest first, one keyset page at a time. */
export function useCustomerTimeline(userId: string) {
  return useInfiniteQuery(
    trpc.customers.timeline.infiniteQueryOptions({ userId, limit: TIMELINE_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
}
