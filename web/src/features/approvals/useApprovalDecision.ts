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
    approve: useMutation(trpc.approvals.approve.mutationOptions({ onSuccess: () => notify('Approved: the action was carried out.', { type: 'success' }), onSettled: refresh })),
    reject: useMutation(trpc.approvals.reject.mutationOptions({ onSuccess: () => notify('Rejected.', { type: 'info' }), onSettled: refresh })),
  };
}
