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
  async getList(params: GetListParams) {
    const { query, page } = toAuditListInput(params);
    const { result, page: reached } = await fetchKeysetPage(cursors, JSON.stringify(query), page, (cursor) => trpcClient.audit.find.query({ ...query, cursor }));
    return fromAuditListOutput(result, reached, query.limit);
  },

  getOne: (id) => trpcClient.audit.get.query({ id }),
};

/** react-admin's list params → audit.find's input (without the cursor) and the page asked for. */
export function toAuditListInput({ filter, pagination }: Partial<GetListParams>) {
  const { page = 1, perPage = 50 } = pagination ?? {};
  return { query: toAuditQuery(filter ?? {}, perPage), page };
}

/** audit.find's answer for page `reached` → what react-admin's list shows. */
export function fromAuditListOutput(result: { entries: TAuditEntry[]; nextCursor: string | null }, reached: number, limit: number) {
  const pageInfo = { hasNextPage: result.nextCursor !== null, hasPreviousPage: reached > 1 };
  // On the last page the total is known without counting; elsewhere it stays unknown.
  const total = result.nextCursor === null ? (reached - 1) * limit + result.entries.length : undefined;
  return { data: result.entries, pageInfo, total };
}

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
