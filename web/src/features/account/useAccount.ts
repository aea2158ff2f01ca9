import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

/** The signed-in staff member's account and the changes they can make to it. */
export function useAccount() {
  const queryClient = useQueryClient();
  const account = useQuery(trpc.account.get.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.get.queryKey() });
  const beginTotp = useMutation(trpc.account.beginTotpEnrollment.mutationOptions());
  // The enrollment is spent once confirmed; kept, it would read as a replacement in progress.
  const refreshAndEndEnrollment = async () => {
    await refresh();
    beginTotp.reset();
  };
  return {
    account,
    changePassword: useMutation(trpc.account.changePassword.mutationOptions()),
    beginTotp,
    confirmTotp: useMutation(trpc.account.confirmTotpEnrollment.mutationOptions({ onSuccess: refreshAndEndEnrollment })),
    replaceTotp: useMutation(trpc.account.replaceTotp.mutationOptions({ onSuccess: refreshAndEndEnrollment })),
    disableTotp: useMutation(trpc.account.disableTotp.mutationOptions({ onSuccess: refresh })),
  };
}
