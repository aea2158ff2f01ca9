import type { TFlagChangeRequest, TFlagEnvironmentRules } from '@opsdesk/shared/flags/flagsApi.schemas';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../../app/trpcClient';
import { useDebouncedValue } from '../../lookup/useDebouncedValue';

/**
 * The requests of one environment's editor: the flag's saved states, the impact preview
 * (re-asked once edits pause), saving directly, the change request for a protected
 * environment (preview + request, the four-eyes action `flags.changeEnvironment`) and
 * scheduling. Every change refreshes all flags reads and the approvals inbox.
 */
export type ChangeTarget = { key: string; environment: string };

export function useFlagStates(key: string) {
  return useQuery(trpc.flags.get.queryOptions({ key }));
}

export function useFlagSegments() {
  return useQuery({ ...trpc.flags.segments.list.queryOptions(), staleTime: 60_000 });
}

/** `rules` null: nothing to preview (unchanged or invalid). Compared by content, debounced. */
export function useImpactPreview(target: ChangeTarget, rules: TFlagEnvironmentRules | null, manual: number) {
  const settled = useDebouncedValue(JSON.stringify(rules), 600);
  const input = settled === 'null' ? null : { ...target, ...(JSON.parse(settled) as TFlagEnvironmentRules) };
  const query = useQuery({
    // Outside the flags key: a refresh after a save must not swap the preview someone is reading.
    // `manual` is in the key so "Preview impact" asks again for the same rules (accounts change).
    queryKey: ['flagImpactPreview', target.key, target.environment, settled, manual],
    queryFn: () => trpcClient.flags.previewImpact.query(input!),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
  const current = settled === JSON.stringify(rules) && !query.isPlaceholderData && !query.isFetching;
  return { query, current };
}

function useRefreshFlags() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries(trpc.flags.pathFilter()), queryClient.invalidateQueries(trpc.approvals.pathFilter()), queryClient.invalidateQueries({ queryKey: ['approvals'] })]);
}

export function useSaveEnvironment() {
  const refresh = useRefreshFlags();
  return useMutation({
    mutationFn: (input: ChangeTarget & TFlagEnvironmentRules & { expectedRevision: number }) => trpcClient.flags.setEnvironment.mutate(input),
    onSuccess: refresh,
  });
}

/** The server's preview of a change request: the diff, its impact, and whether a second person must approve. */
export function useChangePreview(input: TFlagChangeRequest | null) {
  return useQuery({
    ...trpc.flags.previewChange.queryOptions(input ?? { key: '-', environment: 'production', enabled: false, strategies: [], expectedRevision: 0 }),
    enabled: input !== null,
    retry: false,
    staleTime: 0,
  });
}

export function useRequestChange() {
  const refresh = useRefreshFlags();
  return useMutation({ mutationFn: (input: TFlagChangeRequest) => trpcClient.flags.requestChange.mutate(input), onSettled: refresh });
}

export function useScheduleChange() {
  const refresh = useRefreshFlags();
  return useMutation({
    mutationFn: (input: ChangeTarget & TFlagEnvironmentRules & { runAt: string }) => trpcClient.flags.schedules.create.mutate(input),
    onSuccess: refresh,
  });
}
