import type { TCustomerListResponse } from '@opsdesk/shared';
import type { AppRouter } from '@opsdesk/server/router';
import type { inferRouterOutputs } from '@trpc/server';
import type { GetListParams } from 'react-admin';
import { fetchKeysetPage, KeysetCursorMemory } from '../../app/keysetCursorMemory';
import type { ResourceDataHandler } from '../../app/resourceDataHandler';
import { trpcClient } from '../../app/trpcClient';
import { toApiFilter } from './customerListFilter';

/** A list row is a search result; the show record is the whole customer page (the router's type, not a copy). */
export type TCustomerRow = TCustomerListResponse['rows'][number] & { id: string };
export type TCustomerRecord = inferRouterOutputs<AppRouter>['customers']['get'] & { id: string };

/**
 * Customers can number millions: the server pages by keyset cursor and answers an
 * estimated total from the planner's statistics (never COUNT(*)), which the list shows
 * as "about N" through `meta`, not as react-admin's exact total.
 */
const cursors = new KeysetCursorMemory();

const SORTS = {
  'signupAt:DESC': 'signup_desc',
  'signupAt:ASC': 'signup_asc',
  'email:ASC': 'email_asc',
  'mrr:DESC': 'mrr_desc',
} as const;

/** react-admin's sort → lookup.list's; one it cannot page through is newest sign-ups first. */
export function toSort(sort: GetListParams['sort']) {
  return SORTS[`${sort?.field}:${sort?.order}` as keyof typeof SORTS] ?? 'signup_desc';
}

/** react-admin's list params → lookup.list's input (without the cursor) and the page asked for. */
export function toCustomerListInput({ filter, sort, pagination }: Partial<GetListParams>) {
  const { page = 1, perPage = 50 } = pagination ?? {};
  return { query: { filter: toApiFilter(filter ?? {}), sort: toSort(sort), limit: perPage }, page };
}

/** lookup.list's answer for page `reached` → what react-admin's list shows. */
export function fromCustomerListOutput(result: TCustomerListResponse, reached: number) {
  return {
    data: result.rows.map((row): TCustomerRow => ({ ...row, id: row.userId })),
    pageInfo: { hasNextPage: result.nextCursor !== null, hasPreviousPage: reached > 1 },
    meta: { estimatedTotal: result.estimatedTotal },
  };
}

export const customersDataHandler: ResourceDataHandler<TCustomerRow | TCustomerRecord> = {
  async getList(params: GetListParams) {
    const { query, page } = toCustomerListInput(params);
    const { result, page: reached } = await fetchKeysetPage(cursors, JSON.stringify(query), page, (cursor) => trpcClient.lookup.list.query({ ...query, cursor }));
    return fromCustomerListOutput(result, reached);
  },

  async getOne(id) {
    const page = await trpcClient.customers.get.query({ userId: id });
    return { ...page, id: page.user.id };
  },
};
