import { isUuid, JOB_STATUSES, type JobStatus, type JobSummary } from '@opsdesk/shared';
import type { GetListParams } from 'react-admin';
import { fetchKeysetPage, KeysetCursorMemory } from '../../app/keysetCursorMemory';
import type { ResourceDataHandler } from '../../app/resourceDataHandler';
import { trpcClient } from '../../app/trpcClient';

/**
 * Jobs are listed newest first by keyset cursor (the server never counts); react-admin's
 * page N maps to the cursor page N-1 returned. A job's own page reads jobs.get through
 * its polling hook (useJob.ts); getOne serves react-admin's record context.
 */
const cursors = new KeysetCursorMemory();

export const jobsDataHandler: ResourceDataHandler<JobSummary> = {
  async getList(params: GetListParams) {
    const { query, page } = toJobsListInput(params);
    const { result, page: reached } = await fetchKeysetPage(cursors, JSON.stringify(query), page, (cursor) => trpcClient.jobs.list.query({ ...query, cursor }));
    const pageInfo = { hasNextPage: result.nextCursor !== null, hasPreviousPage: reached > 1 };
    const total = result.nextCursor === null ? (reached - 1) * query.limit + result.jobs.length : undefined;
    return { data: result.jobs, pageInfo, total };
  },

  getOne: (id) => trpcClient.jobs.get.query({ id }),
};

/** react-admin's list params → jobs.list's input (without the cursor); unknown filter values are dropped. */
export function toJobsListInput({ filter, pagination }: Partial<GetListParams>) {
  const { page = 1, perPage = 25 } = pagination ?? {};
  const status = JOB_STATUSES.includes(filter?.status) ? (filter!.status as JobStatus) : undefined;
  const kind = typeof filter?.kind === 'string' && filter.kind !== '' ? filter.kind : undefined;
  const by: unknown = filter?.startedBy;
  const startedBy = by === 'staff' || by === 'system' || (typeof by === 'string' && isUuid(by)) ? by : undefined;
  const hideRoutine = filter?.hideRoutine === true ? true : undefined;
  return { query: { status, kind, startedBy, hideRoutine, limit: Math.min(Math.max(perPage, 1), 100) }, page };
}
