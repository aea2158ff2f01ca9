import { isUuid } from '@opsdesk/shared';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../app/trpcClient';

/** Whether an audit or approval target id can name a customer: a product user id or a Stripe customer. */
export function isCustomerId(id: string): boolean {
  return isUuid(id) || id.startsWith('cus_');
}

/**
 * Who a `customer` target is (a user id or a `cus_…` id): the lookup answers exact ids,
 * so one small cached search gives the page to link to and the name and email to show.
 */
export function useCustomerReference(id: string) {
  const query = useQuery(trpc.lookup.search.queryOptions({ q: id, limit: 1 }, { enabled: isCustomerId(id), staleTime: 5 * 60_000 }));
  const userId = query.data?.exact?.userId;
  const match = query.data?.results.find((result) => result.userId === userId) ?? null;
  return { userId: userId ?? null, name: match?.name ?? null, email: match?.email ?? null, isPending: query.isPending && isCustomerId(id) };
}
