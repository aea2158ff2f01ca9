import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { trpc } from '../../../app/trpcClient';
import { useDebouncedValue } from '../../lookup/useDebouncedValue';
import { customerActions, type ActionName, type ActionParams } from './customerActions';
import { followStripeEffects } from './followStripeEffects';

/**
 * The preview (re-asked as the parameters change, once typing pauses) and the request
 * of one action. After a request, the customer page, its timeline and the approvals
 * inbox are refreshed, and a done action's page keeps refreshing until Stripe's webhook
 * has had time to land (followStripeEffects). The preview's key is outside ['customers']
 * so that refresh does not replace the preview the staff member confirmed with a newer one.
 */
export function useCustomerAction<N extends ActionName>(name: N, params: ActionParams<N> | null, enabled: boolean) {
  const queryClient = useQueryClient();
  const calls = customerActions[name] as unknown as {
    preview(input: unknown): ReturnType<(typeof customerActions)[N]['preview']>;
    run(input: unknown): ReturnType<(typeof customerActions)[N]['run']>;
  };
  // Compared by content: callers build `params` afresh on every render.
  const paramsKey = JSON.stringify(params);
  const settledKey = useDebouncedValue(paramsKey, 300);
  const settledParams = useMemo(() => JSON.parse(settledKey) as ActionParams<N> | null, [settledKey]);
  const preview = useQuery({
    queryKey: ['customerActionPreview', name, settledKey],
    queryFn: () => calls.preview(settledParams),
    enabled: enabled && settledParams !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });
  const request = useMutation({
    mutationFn: (fields: { reason?: string; confirmation?: string }) => calls.run({ ...params, ...pinnedByPreview(preview.data), ...fields }),
    // Before onSettled's refresh, whose answer sets the page's next refetch interval.
    onSuccess: (outcome) => {
      if ((outcome as { status?: string }).status !== 'approval_requested') followStripeEffects();
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries(trpc.customers.pathFilter()),
        queryClient.invalidateQueries(trpc.approvals.pathFilter()),
      ]),
  });
  const previewIsCurrent = settledKey === paramsKey && !preview.isPlaceholderData && !preview.isFetching;
  return { preview, request, previewIsCurrent };
}

/**
 * What the confirmed preview fixes for the request: a plan change is applied with the
 * preview's proration date, so the customer is charged exactly the amount shown.
 */
function pinnedByPreview(answer: unknown): { prorationDate?: number } {
  const prorationDate = (answer as { preview?: { prorationDate?: unknown } } | undefined)?.preview?.prorationDate;
  return typeof prorationDate === 'number' ? { prorationDate } : {};
}
