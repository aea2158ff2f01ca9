import { useInfiniteQuery } from '@tanstack/react-query';
import type { TTimelineSource } from '@opsdesk/shared';
import { trpc } from '../../app/trpcClient';
import { customerPageRefetchInterval } from './actions/followStripeEffects';

export const TIMELINE_PAGE_SIZE = 30;

/** What the timeline shows: everything, what staff did (account and staff actions), or what Stripe did. */
export const TIMELINE_VIEWS = {
  all: { label: 'Everything', sources: undefined },
  staff: { label: 'Staff actions', sources: ['staff', 'account'] },
  billing: { label: 'Billing', sources: ['billing'] },
} as const satisfies Record<string, { label: string; sources: readonly TTimelineSource[] | undefined }>;
export type TimelineView = keyof typeof TIMELINE_VIEWS;

/** The merged timeline (billing, account, staff), newest first, one keyset page at a time. */
export function useCustomerTimeline(userId: string, view: TimelineView = 'all') {
  const sources = TIMELINE_VIEWS[view].sources;
  return useInfiniteQuery(
    trpc.customers.timeline.infiniteQueryOptions(
      { userId, limit: TIMELINE_PAGE_SIZE, ...(sources ? { sources: [...sources] } : {}) },
      // Follows Stripe after an action as the page does: the refund's webhook events join the timeline.
      { getNextPageParam: (page) => page.nextCursor ?? undefined, refetchInterval: () => customerPageRefetchInterval() },
    ),
  );
}
