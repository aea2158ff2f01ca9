import type { GetListParams } from 'react-admin';
import type { ResourceDataHandler } from '../../app/resourceDataHandler';
import { trpcClient } from '../../app/trpcClient';
import type { ApprovalScope, TApprovalRecord } from './approvalTypes';

const SCOPES: readonly ApprovalScope[] = ['to_decide', 'mine', 'all'];
const INBOX_LIMIT = 200;

/**
 * The inbox is short by nature (pending requests expire after 72 h): approvals.find
 * returns at most a few hundred, newest first, and pages are cut here.
 */
export const approvalsDataHandler: ResourceDataHandler<TApprovalRecord> = {
  async getList({ filter, pagination }: GetListParams) {
    const scope = SCOPES.includes(filter?.scope) ? (filter.scope as ApprovalScope) : 'to_decide';
    const rows = await trpcClient.approvals.find.query({ scope, status: filter?.status || undefined, limit: INBOX_LIMIT });
    const { page = 1, perPage = 25 } = pagination ?? {};
    return { data: rows.slice((page - 1) * perPage, page * perPage), total: rows.length };
  },

  getOne: (id) => trpcClient.approvals.get.query({ id }),
};
