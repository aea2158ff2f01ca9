import type { TAuditEntry } from './auditTypes';
import type { GetListParams } from 'react-admin';
import type { ResourceDataHandler } from '../../app/resourceDataHandler';
import { trpcClient } from '../../app/trpcClient';
import { fetchKeysetPage, KeysetCursorMemory } from '../../app/keysetCursorMemory';

/**
 * The audit log is append-only and can be huge, so the server pages by keyset cursor
 * and never counts. react-admin's page N maps to the cursor page N-1 returned.
 */
const cursors = new KeysetCursorMemory();

export const auditDataHandler: ResourceDataHandler<TAuditEntry> = {
  async getList({ filter, pagination }: GetListParams) {
    const { page = 1, perPage = 50 } = pagination ?? {};
    const query = toAuditQuery(filter, perPage);
    const { result, page: reachable } = await fetchKeysetPage(cursors, JSON.stringify(query), page, (cursor) => trpcClient.audit.find.query({ ...query, cursor }));
    const pageInfo = { hasNextPage: result.nextCursor !== null, hasPreviousPage: reachable > 1 };
    // On the last page the total is known without counting; elsewhere it stays unknown.
    const total = result.nextCursor === null ? (reachable - 1) * query.limit + result.entries.length : undefined;
    return { data: result.entries, pageInfo, total };
  },

  getOne: (id) => trpcClient.audit.get.query({ id }),
};

function toAuditQuery(filter: Record<string, unknown>, limit: number) {
  const text = (name: string) => (typeof filter[name] === 'string' && filter[name] !== '' ? (filter[name] as string) : undefined);
  return {
    q: text('q'),
    actor: text('actor'),
    action: text('action'),
    targetType: text('targetType'),
    targetId: text('targetId'),
    result: text('result') as TAuditEntry['result'] | undefined,
    from: toIso(filter.from),
    to: toIso(filter.to),
    limit,
  };
}

/** Date inputs give local "YYYY-MM-DDTHH:mm" or Date values; the API wants ISO with offset. */
function toIso(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
