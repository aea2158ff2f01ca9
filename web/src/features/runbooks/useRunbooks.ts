import type { JobLogLine, RunbookRunStatus, TRunbookRunRequest } from '@opsdesk/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * Every runbooks request the console makes (server: `runbooks`). A run that is queued
 * or running is read again every second until it finishes, like a job; components take
 * these hooks, never the client.
 */
const POLL_MS = 1_000;
const isActive = (status: RunbookRunStatus | undefined) => status === 'queued' || status === 'running';

/** `enabled: false` for a page that only may link actions (an SLO alert seen by support, who may not list them). */
export function useRunbookActions({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...trpc.runbooks.actions.queryOptions(), staleTime: 60_000, enabled });
}

/** A plan is a dry run against live state: asked for on demand, never cached. */
export function usePlan() {
  return useMutation({ mutationFn: (input: { action: string; params: Record<string, unknown> }) => trpcClient.runbooks.plan.query(input) });
}

export function useRunAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TRunbookRunRequest) => trpcClient.runbooks.run.mutate(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runbooks.runs.pathKey() }),
  });
}

export function useRuns(filter: { action?: string; active?: boolean; limit?: number }) {
  return useQuery({
    ...trpc.runbooks.runs.queryOptions({ active: false, limit: 20, ...filter }),
    refetchInterval: (query) => (query.state.data?.some((run) => isActive(run.status)) ? POLL_MS * 3 : false),
  });
}

export function useRun(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    ...trpc.runbooks.getRun.queryOptions({ id: id ?? '' }),
    enabled: id !== null,
    refetchInterval: (query) => {
      if (isActive(query.state.data?.status)) return POLL_MS;
      // Finished: the history and the changes list may have moved on too.
      if (query.state.data) void queryClient.invalidateQueries({ queryKey: trpc.runbooks.runs.pathKey() });
      return false;
    },
  });
}

/** The run's output as its job writes it: only lines after the last one held, once more after it finished. */
export function useRunLogTail(id: string) {
  const [lines, setLines] = useState<JobLogLine[]>([]);
  const afterSeq = lines.at(-1)?.seq ?? 0;
  const page = useQuery({
    ...trpc.runbooks.runLog.queryOptions({ id, afterSeq, limit: 500 }),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data.status) ? false : POLL_MS),
  });
  useEffect(() => setLines([]), [id]);
  useEffect(() => {
    const fresh = page.data?.lines.filter((line) => line.seq > afterSeq) ?? [];
    if (fresh.length > 0) setLines((held) => [...held, ...fresh].slice(-2_000));
  }, [page.data, afterSeq]);
  return { lines, isPending: page.isPending, error: page.error };
}

export function useTemporaryChanges() {
  return useQuery({ ...trpc.runbooks.changes.queryOptions({ limit: 50 }), refetchInterval: 15_000 });
}

export function useRevertNow() {
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.runbooks.revertNow.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runbooks.changes.pathKey() }),
  });
}
