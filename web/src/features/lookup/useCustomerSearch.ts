import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';
import { useDebouncedValue } from './useDebouncedValue';

export const SEARCH_DEBOUNCE_MS = 200;
const MIN_QUERY_LENGTH = 2;

/**
 * The universal lookup behind the app bar box and the Ctrl/Cmd-K palette: one
 * `lookup.search` per pause in typing. `settled` is false while the box holds text the
 * server has not answered yet, so the palette never acts on an answer to older text.
 */
export function useCustomerSearch(text: string) {
  const q = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const enabled = q.length >= MIN_QUERY_LENGTH;
  const query = useQuery(trpc.lookup.search.queryOptions({ q, limit: 10 }, { enabled, placeholderData: keepPreviousData, staleTime: 30_000 }));
  const settled = enabled && q === text.trim() && !query.isPlaceholderData && !query.isFetching;
  return {
    q,
    tooShort: text.trim().length < MIN_QUERY_LENGTH,
    searching: text.trim().length >= MIN_QUERY_LENGTH && !settled && !query.isError,
    response: enabled ? query.data : undefined,
    settled,
    error: query.error,
  };
}
