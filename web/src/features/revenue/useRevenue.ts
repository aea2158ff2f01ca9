import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';
import type { RevenueCompare, RevenueDrill, RevenueView } from './revenueView';

/**
 * Every revenue request the console makes (the server's `revenue` router reads only
 * precomputed rows). Components take these hooks, never the client. Previous answers
 * stay on screen while a changed view loads, so the page does not flash to skeletons.
 */
const rangeOf = (view: RevenueView) => ({ policy: view.policy, from: view.from, to: view.to, filter: view.filter });
const keep = { placeholderData: keepPreviousData };

export function useRevenueOverview(view: Pick<RevenueView, 'policy' | 'to' | 'filter'>) {
  return useQuery(trpc.revenue.overview.queryOptions({ policy: view.policy, to: view.to, filter: view.filter }, keep));
}

export const useRevenueSeries = (view: RevenueView) => useQuery(trpc.revenue.series.queryOptions({ ...rangeOf(view), interval: view.interval }, keep));
export const useRevenueCohorts = (view: RevenueView) => useQuery(trpc.revenue.cohorts.queryOptions(rangeOf(view), keep));
export const useRevenuePlanMix = (view: RevenueView) => useQuery(trpc.revenue.planMix.queryOptions(rangeOf(view), keep));
export const useRevenuePaymentRecovery = (view: Pick<RevenueView, 'policy' | 'from' | 'to' | 'filter'>) =>
  useQuery(trpc.revenue.paymentRecovery.queryOptions({ policy: view.policy, from: view.from, to: view.to, filter: view.filter }, keep));

/** The customers behind one number or bar, a keyset page at a time. */
export function useRevenueDrillDown(view: RevenueView, drill: RevenueDrill) {
  const input = { policy: view.policy, filter: view.filter, from: drill.from, to: drill.to, kind: drill.kind, limit: 25 };
  // Not tRPC's infiniteQueryOptions: it adds a `direction` field the strict schema refuses.
  return useInfiniteQuery({
    queryKey: trpc.revenue.drillDown.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.revenue.drillDown.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export const useMovementExplanation = (movementId: string) => useQuery(trpc.revenue.explain.queryOptions({ movementId }));

/** Two policies side by side on the view's `to` day: totals, and the differing customers a keyset page at a time. */
export function usePolicyComparison(view: Pick<RevenueView, 'to' | 'filter'>, compare: RevenueCompare) {
  const input = { a: compare.a, b: compare.b, day: view.to, filter: view.filter, limit: 25 };
  return useInfiniteQuery({
    queryKey: trpc.revenue.comparePolicies.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.revenue.comparePolicies.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
