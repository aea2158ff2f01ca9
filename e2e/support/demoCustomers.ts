import type { APIRequestContext } from '@playwright/test';
import type { TCustomerListFilter, TCustomerListResponse, TCustomerPage } from '@opsdesk/shared';
import { trpcData, trpcQuery } from './trpcRequest';

/**
 * Finds customers of the seeded demo company through the server, as the signed-in
 * staff member, so tests never hard-code ids of a generated company. Each test picks
 * customers of a different kind (plan) so tests running in parallel never act on the
 * same one.
 */
export type DemoCustomer = TCustomerPage;

export async function getCustomer(request: APIRequestContext, userId: string): Promise<DemoCustomer> {
  return trpcData<DemoCustomer>(await trpcQuery(request, 'customers.get', { userId }));
}

/** The first customer matching `filter` (newest signups first) whose page satisfies `accept`. */
export async function findCustomer(request: APIRequestContext, filter: TCustomerListFilter, accept: (customer: DemoCustomer) => boolean): Promise<DemoCustomer> {
  let cursor: string | undefined;
  do {
    const page = await trpcData<TCustomerListResponse>(await trpcQuery(request, 'lookup.list', { filter, limit: 50, ...(cursor ? { cursor } : {}) }));
    for (const row of page.rows) {
      const customer = await getCustomer(request, row.userId);
      if (accept(customer)) return customer;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  throw new Error(`The demo company has no customer matching ${JSON.stringify(filter)} and the test's condition.`);
}

export function refundablePayment(customer: DemoCustomer, atLeastCents: number) {
  return customer.payments.find((payment) => payment.status === 'succeeded' && !payment.disputed && payment.refundable >= atLeastCents);
}

/** One letter of the email's local part replaced, as someone reading it over the phone might. */
export function misspell(email: string): string {
  const [local, domain] = email.split('@') as [string, string];
  const at = Math.floor(local.length / 2);
  const replacement = local[at] === 'x' ? 'z' : 'x';
  return `${local.slice(0, at)}${replacement}${local.slice(at + 1)}@${domain}`;
}
