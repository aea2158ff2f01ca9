import type { TStaff } from '@opsdesk/shared';
import type { GetListParams } from 'react-admin';
import { trpcClient } from '../../app/trpcClient';
import { pageInBrowser, type ResourceDataHandler } from '../../app/resourceDataHandler';

/**
 * Staff is a small table: staff.find returns every match, so sorting and paging happen
 * here, in the browser, and the total is simply the length (no COUNT on the server).
 */
export const staffDataHandler: ResourceDataHandler<TStaff> = {
  async getList({ filter, sort, pagination }: GetListParams) {
    const rows = await trpcClient.staff.find.query(toStaffFindInput(filter));
    return pageInBrowser(sortStaff(rows, sort), pagination, 25);
  },

  getOne: (id) => trpcClient.staff.get.query({ id }),

  create: (data) => trpcClient.staff.create.mutate(data as Parameters<typeof trpcClient.staff.create.mutate>[0]),

  update: (id, data) => trpcClient.staff.update.mutate(toStaffUpdateInput(id, data)),
};

/** The list's filter → staff.find input; cleared inputs are left out. */
export function toStaffFindInput(filter: GetListParams['filter']) {
  return { q: filter.q || undefined, status: filter.status || undefined, role: filter.role || undefined };
}

/** The edit form sends the whole record back; staff.update takes only what may change. */
export function toStaffUpdateInput(id: string, data: Partial<TStaff>) {
  return { id, name: String(data.name ?? ''), roles: (data.roles ?? []) as TStaff['roles'] };
}

export function sortStaff(rows: readonly TStaff[], sort: GetListParams['sort'] | undefined): readonly TStaff[] {
  return sort ? [...rows].sort(compareBy(sort.field as keyof TStaff, sort.order)) : rows;
}

function compareBy(field: keyof TStaff, order: 'ASC' | 'DESC') {
  const direction = order === 'DESC' ? -1 : 1;
  return (a: TStaff, b: TStaff) => direction * String(a[field] ?? '').localeCompare(String(b[field] ?? ''));
}
