import { MODERATION_QUEUE_STATUSES, type TModerationQueueRequest, type TModerationQueueStatus } from '@opsdesk/shared';

/**
 * The queue's filters live in the address (`#/moderation?group=abuse&status=claimed&q=…`),
 * so a home card or a colleague can link to one queue. Malformed values are dropped here
 * rather than sent for the server to refuse.
 */
export interface QueueFilterValues {
  reasonGroup: string;
  status: TModerationQueueStatus;
  search: string;
}

export const REASON_GROUPS = ['child_safety', 'violence', 'illegal', 'abuse', 'sexual', 'spam', 'ip', 'other'] as const;
const GROUP = /^[a-z][a-z0-9_]{0,39}$/;

export function filtersFromParams(params: URLSearchParams): QueueFilterValues {
  const group = params.get('group') ?? '';
  const status = params.get('status') ?? '';
  return {
    reasonGroup: GROUP.test(group) ? group : '',
    status: (MODERATION_QUEUE_STATUSES as readonly string[]).includes(status) ? (status as TModerationQueueStatus) : 'open',
    search: (params.get('q') ?? '').slice(0, 100),
  };
}

export function paramsFromFilters(filters: QueueFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.reasonGroup) params.set('group', filters.reasonGroup);
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.search) params.set('q', filters.search);
  return params;
}

export function queueRequestOf(filters: QueueFilterValues): Omit<TModerationQueueRequest, 'cursor' | 'limit'> {
  const search = filters.search.trim();
  return { reasonGroup: filters.reasonGroup || undefined, status: filters.status, search: search || undefined };
}
