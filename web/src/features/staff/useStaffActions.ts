import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { trpc } from '../../app/trpcClient';

/**
 * Staff actions that are not plain edits. After each one, react-admin's cached staff
 * queries (keyed ['staff', …]) are invalidated so list and edit views show the change.
 */
export function useStaffActions() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const onSuccess = (message: string) => () => {
    void queryClient.invalidateQueries({ queryKey: ['staff'] });
    notify(message, { type: 'success' });
  };
  return {
    disable: useMutation(trpc.staff.disable.mutationOptions({ onSuccess: onSuccess('Staff member disabled; their sessions were ended.') })),
    enable: useMutation(trpc.staff.enable.mutationOptions({ onSuccess: onSuccess('Staff member enabled.') })),
    resetPassword: useMutation(trpc.staff.resetPassword.mutationOptions({ onSuccess: onSuccess('Password reset; their sessions were ended.') })),
    resetTotp: useMutation(trpc.staff.resetTotp.mutationOptions({ onSuccess: onSuccess('Two-factor authentication reset; their sessions were ended.') })),
  };
}
