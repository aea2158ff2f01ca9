import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

/** The signed-in staff member's account and the changes they can make to it. */
export function useAccount() {
  const queryClient = useQueryClient();
  const account = useQuery(trpc.account.get.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.get.queryKey() });
  return {
    account,
    changePassword: useMutation(trpc.account.changePassword.mutationOptions()),
    beginTotp: useMutation(trpc.account.beginTotpEnrollment.mutationOptions()),
    confirmTotp: useMutation(trpc.account.confirmTotpEnrollment.mutationOptions({ onSuccess: refresh })),
    disableTotp: useMutation(trpc.account.disableTotp.mutationOptions({ onSuccess: refresh })),
  };
}
