import type { TModerationRuleConditions, TModerationRuleCreateRequest, TModerationRuleMode } from '@opsdesk/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc, trpcClient } from '../../app/trpcClient';

/**
 * Auto-moderation rules (server: `moderation.rules`, contracts in shared
 * moderationRules.schemas): the list with per-rule figures, creating a rule (shadow by
 * default), switching shadow ↔ live, and dry runs over the last days of content.
 */
export function useRules() {
  return useQuery({ ...trpc.moderation.rules.list.queryOptions({ includeDisabled: true }), refetchInterval: 60_000 });
}

function useInvalidateRules() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.moderation.rules.pathKey() });
}

export function useCreateRule() {
  const invalidate = useInvalidateRules();
  return useMutation({ mutationFn: (input: TModerationRuleCreateRequest) => trpcClient.moderation.rules.create.mutate(input), onSuccess: invalidate });
}

export function useSetRuleMode() {
  const invalidate = useInvalidateRules();
  return useMutation({ mutationFn: (input: { id: string; mode: TModerationRuleMode; reason: string }) => trpcClient.moderation.rules.setMode.mutate(input), onSuccess: invalidate });
}

/** A dry run is a read, but one a person asks for: run on demand, not on every render. */
export function useDryRun() {
  return useMutation({ mutationFn: (input: { id?: string; conditions?: TModerationRuleConditions; days: number }) => trpcClient.moderation.rules.dryRun.query({ ...input, limit: 100 }) });
}
