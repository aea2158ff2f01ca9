import type { TPrivacyCreateRequest, TPrivacyErasureRequest, TPrivacyExtendRequest, TPrivacyListRequest, TPrivacyReasonRequest, TPrivacyVerifyRequest } from '@opsdesk/shared';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';
import { isJobActive } from '../jobs/jobLabels';

/**
 * Every privacy request the console makes (server: `privacy`, contracts in shared
 * privacy.schemas). Every change makes every privacy read stale, so the list, the
 * request page, the customer page's section and the home cards all show it. While a
 * request waits for its approval or its job it is read again every 2 s. Components take
 * these hooks, never the client.
 */
const POLL_MS = 2_000;

export function usePrivacyRequests(filter: Omit<TPrivacyListRequest, 'cursor' | 'limit'>, limit = 50) {
  const input = { ...filter, limit };
  // Not tRPC's infiniteQueryOptions: it adds a `direction` field the strict schema refuses.
  return useInfiniteQuery({
    queryKey: trpc.privacy.list.queryKey(input),
    queryFn: ({ pageParam }) => trpcClient.privacy.list.query({ ...input, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One page without paging (the customer page's section). */
export function usePrivacyRequestsSnapshot(input: TPrivacyListRequest, enabled = true) {
  return useQuery({ ...trpc.privacy.list.queryOptions(input), enabled });
}

export function usePrivacyDeadlines() {
  return useQuery({ ...trpc.privacy.deadlines.queryOptions(), refetchInterval: 60_000 });
}

const waiting = (status: string | undefined) => status === 'approved' || status === 'in_progress';

export function usePrivacyRequest(requestId: string) {
  return useQuery({
    ...trpc.privacy.get.queryOptions({ requestId }),
    enabled: requestId !== '',
    refetchInterval: (query) => (waiting(query.state.data?.status) ? POLL_MS : false),
  });
}

/** Reads the request again every 2 s while `follow` holds (its erasure waits for a second person, who may approve any moment). */
export function useFollowPrivacyRequest(requestId: string, follow: boolean) {
  useQuery({ ...trpc.privacy.get.queryOptions({ requestId }), enabled: follow, refetchInterval: follow ? POLL_MS : false });
}

function useInvalidatePrivacy() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.privacy.pathKey() });
}

function usePrivacyMutation<TInput, TOutput>(mutationFn: (input: TInput) => Promise<TOutput>) {
  const invalidate = useInvalidatePrivacy();
  return useMutation({ mutationFn, onSuccess: invalidate });
}

export const useCreatePrivacyRequest = () => usePrivacyMutation((input: TPrivacyCreateRequest) => trpcClient.privacy.create.mutate(input));
export const useVerifyIdentity = () => usePrivacyMutation((input: TPrivacyVerifyRequest) => trpcClient.privacy.verifyIdentity.mutate(input));
export const useExtendDeadline = () => usePrivacyMutation((input: TPrivacyExtendRequest) => trpcClient.privacy.extend.mutate(input));
export const useHold = () => usePrivacyMutation((input: TPrivacyReasonRequest) => trpcClient.privacy.hold.mutate(input));
export const useLiftHold = () => usePrivacyMutation((input: TPrivacyReasonRequest) => trpcClient.privacy.liftHold.mutate(input));
export const useReject = () => usePrivacyMutation((input: TPrivacyReasonRequest) => trpcClient.privacy.reject.mutate(input));
export const useStartExport = () => usePrivacyMutation((requestId: string) => trpcClient.privacy.startExport.mutate({ requestId }));
export const useRequestErasure = () => usePrivacyMutation((input: TPrivacyErasureRequest) => trpcClient.privacy.requestErasure.mutate(input));

/** The plan is a dry run the person asks for (it reads every table), so it is fetched on demand, not on page load. */
export function useErasurePreview() {
  return useMutation({ mutationFn: (input: TPrivacyErasureRequest) => trpcClient.privacy.previewErasure.query(input) });
}

/** Downloads go through the browser (session cookie), so the file streams to disk instead of into memory. */
export const exportZipHref = (requestId: string) => `/api/privacy/requests/${requestId}/export.zip`;
export const receiptHref = (requestId: string) => `/api/privacy/requests/${requestId}/receipt.json`;

/**
 * The request's export or erasure job (the jobs feature's `jobs.get`), read every second
 * while it runs, for those who may read jobs; others follow the request's status.
 */
export function usePrivacyJob(jobId: string | null, enabled: boolean) {
  return useQuery({
    ...trpc.jobs.get.queryOptions({ id: jobId ?? '' }),
    enabled: enabled && jobId !== null,
    refetchInterval: (query) => (isJobActive(query.state.data) ? 1_000 : false),
  });
}

/** The erasure's approval request (approvals.get), read again while it waits for a second person. */
export function useErasureApproval(approvalRequestId: string | null) {
  return useQuery({
    ...trpc.approvals.get.queryOptions({ id: approvalRequestId ?? '' }),
    enabled: approvalRequestId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'pending_approval' ? POLL_MS : false),
  });
}
