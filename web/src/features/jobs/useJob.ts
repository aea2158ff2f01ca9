import type { JobLogLine } from '@opsdesk/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { trpc } from '../../app/trpcClient';
import { isJobActive } from './jobLabels';

/**
 * Every jobs request the console makes outside the list (server: `jobs`). A job that is
 * queued or running is read again every second until it finishes; components take these
 * hooks, never the client.
 */
const POLL_MS = 1_000;

export function useJob(id: string) {
  return useQuery({ ...trpc.jobs.get.queryOptions({ id }), refetchInterval: (query) => (isJobActive(query.state.data) ? POLL_MS : false) });
}

/**
 * The log's live tail: asks only for lines after the last one held, while the job runs,
 * and once more after it finished (for its closing lines). Keeps at most MAX_LINES.
 */
const MAX_LINES = 2_000;

export function useJobLogTail(id: string) {
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const afterSeq = lines.at(-1)?.seq ?? 0;
  const page = useQuery({
    ...trpc.jobs.log.queryOptions({ id, afterSeq, limit: 500 }),
    refetchInterval: (query) => (query.state.data && !isJobActive(query.state.data) ? false : POLL_MS),
  });
  useEffect(() => {
    const fresh = page.data?.lines.filter((line) => line.seq > afterSeq) ?? [];
    if (fresh.length > 0) setLines((held) => [...held, ...fresh].slice(-MAX_LINES));
  }, [page.data, afterSeq]);
  return { lines, status: page.data?.status, logDropped: page.data?.logDropped ?? 0, isPending: page.isPending, error: page.error };
}

export function useCancelJob(id: string) {
  const queryClient = useQueryClient();
  return useMutation(trpc.jobs.cancel.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.get.queryKey({ id }) }) }));
}

export function useStartSelfCheck() {
  return useMutation(trpc.jobs.startSelfCheck.mutationOptions());
}

export function useStartRevenueRebuild() {
  return useMutation(trpc.jobs.startRevenueRebuild.mutationOptions());
}

export function useJobKinds() {
  return useQuery(trpc.jobs.kinds.queryOptions());
}

/** A kind's title ("Self-check"); its name ("jobs.selfCheck") while the titles load, or for a kind the server does not name. */
export function useJobKindTitle(): (kind: string) => string {
  const kinds = useJobKinds();
  const titles = new Map((kinds.data ?? []).map((kind) => [kind.name, kind.title]));
  return (kind) => titles.get(kind) ?? kind;
}
