import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { trpc } from '../../app/trpcClient';

/** Saved customer-list filters, shared between staff; refreshed after each save or delete. */
export function useSavedFilters() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const list = useQuery(trpc.lookup.savedFilters.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.lookup.savedFilters.queryKey() });
  const save = useMutation(
    trpc.lookup.saveFilter.mutationOptions({
      onSuccess: () => {
        void refresh();
        notify('Filter saved; other staff can pick it too.', { type: 'success' });
      },
    }),
  );
  const remove = useMutation(trpc.lookup.deleteFilter.mutationOptions({ onSuccess: () => void refresh() }));
  return { list, save, remove };
}
