import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { useTakeNext } from './useModeration';

export const itemHref = (entryId: string) => `/moderation/${entryId}/show`;

/**
 * "Next item": claims (or returns the one already held) and opens it. `empty` says the
 * queue had nothing claimable, so the page can say so instead of moving.
 */
export function useNextItem(reasonGroup?: string) {
  const navigate = useNavigate();
  const next = useTakeNext();
  const take = () => {
    if (next.isPending) return;
    next.mutate(reasonGroup, {
      onSuccess: (answer) => {
        if (answer.entry) navigate(itemHref(answer.entry.id));
      },
    });
  };
  return {
    take,
    isPending: next.isPending,
    empty: next.isSuccess && next.data.entry === null,
    error: next.error ? errorMessage(next.error) : null,
  };
}
