import { useMutation, useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

/** Add, edit (own) and pin staff notes; the page (react-admin's ['customers', …] keys) reloads after each. */
export function useCustomerNotes() {
  const queryClient = useQueryClient();
  const onSuccess = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['customers'] }), queryClient.invalidateQueries(trpc.customers.timeline.pathFilter())]);
  return {
    add: useMutation(trpc.customers.addNote.mutationOptions({ onSuccess })),
    edit: useMutation(trpc.customers.editNote.mutationOptions({ onSuccess })),
    pin: useMutation(trpc.customers.pinNote.mutationOptions({ onSuccess })),
  };
}
