import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { trpc } from '../../app/trpcClient';

/**
 * Approve (which executes the stored request, once) or reject, each with a comment.
 * The inbox, its badge and customer pages are refreshed afterwards.
 */
export function useApprovalDecision() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['approvals'] }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
      queryClient.invalidateQueries(trpc.approvals.pathFilter()),
      queryClient.invalidateQueries(trpc.customers.pathFilter()),
    ]);
  return {
    approve: useMutation(
      trpc.approvals.approve.mutationOptions({
        onSuccess: (decided) =>
          decided.status === 'succeeded'
            ? notify('Approved: the action was carried out.', { type: 'success' })
            : notify('Approved: the action is being carried out; its outcome will appear here.', { type: 'info' }),
        onSettled: refresh,
      }),
    ),
    reject: useMutation(
      trpc.approvals.reject.mutationOptions({
        onSuccess: (decided) =>
          decided.status === 'void' ? notify('This request is void: its requester has been disabled.', { type: 'warning' }) : notify('Rejected.', { type: 'info' }),
        onSettled: refresh,
      }),
    ),
  };
}
