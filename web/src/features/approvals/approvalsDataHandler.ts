import type { GetListParams } from 'react-admin';
import { pageInBrowser, type ResourceDataHandler } from '../../app/resourceDataHandler';
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
    const rows = await trpcClient.approvals.find.query(toApprovalsFindInput(filter));
    return pageInBrowser(rows, pagination, 25);
  },

  getOne: (id) => trpcClient.approvals.get.query({ id }),
};

/** The list's filter → approvals.find input; an unknown scope falls back to what awaits a decision. */
export function toApprovalsFindInput(filter: GetListParams['filter'] | undefined) {
  const scope = SCOPES.includes(filter?.scope) ? (filter.scope as ApprovalScope) : 'to_decide';
  return { scope, status: filter?.status || undefined, limit: INBOX_LIMIT };
}
