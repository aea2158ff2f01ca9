import type { TStaff } from '@opsdesk/shared';
import type { GetListParams } from 'react-admin';
import { trpcClient } from '../../app/trpcClient';
import type { ResourceDataHandler } from '../../app/resourceDataHandler';

/**
 * Staff is a small table: staff.find returns every match, so sorting and paging happen
 * here, in the browser, and the total is simply the length (no COUNT on the server).
 */
export const staffDataHandler: ResourceDataHandler<TStaff> = {
  async getList({ filter, sort, pagination }: GetListParams) {
    const rows = await trpcClient.staff.find.query({
      q: filter.q || undefined,
      status: filter.status || undefined,
      role: filter.role || undefined,
    });
    const sorted = sort ? [...rows].sort(compareBy(sort.field as keyof TStaff, sort.order)) : rows;
    const { page = 1, perPage = 25 } = pagination ?? {};
    return { data: sorted.slice((page - 1) * perPage, page * perPage), total: rows.length };
  },

  getOne: (id) => trpcClient.staff.get.query({ id }),

  create: (data) => trpcClient.staff.create.mutate(data as Parameters<typeof trpcClient.staff.create.mutate>[0]),

  update: (id, data) => trpcClient.staff.update.mutate({ id, name: String(data.name ?? ''), roles: (data.roles ?? []) as TStaff['roles'] }),
};

function compareBy(field: keyof TStaff, order: 'ASC' | 'DESC') {
  const direction = order === 'DESC' ? -1 : 1;
  return (a: TStaff, b: TStaff) => direction * String(a[field] ?? '').localeCompare(String(b[field] ?? ''));
}
