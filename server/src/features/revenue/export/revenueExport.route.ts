import { Router } from 'express';
import { parseRevenueExportRequest, type TRevenueExportRequest } from '@opsdesk/shared';
import { guardedRoute } from '../../../http/guardedRoute.js';
import type { AppDeps } from '../../../trpc/context.js';
import { streamCsv } from './revenueCsv.js';
import { readRevenueDataset } from './revenueExport.datasets.js';

/**
 * GET /api/revenue/export/:dataset?policy&from&to&interval&kind&plan&billingInterval&country
 * — a revenue chart or drill-down list as CSV (datasets and parameters:
 * shared/src/revenue/export.schemas.ts, parsed by the procedures' own schemas). Guarded
 * like a procedure (http/guardedRoute.ts): session, `revenue.export`, audited as
 * `revenue.exported` against the dataset, with the parsed request (a failure: with the
 * query string); bad input is a 400, not audited, as for a procedure.
 */
export function revenueExportRoute(deps: AppDeps): Router {
  const routes = Router();
  routes.get(
    '/api/revenue/export/:dataset',
    guardedRoute(deps, {
      permission: 'revenue.export',
      audit: { action: 'revenue.exported', targetType: 'revenue_report' },
      async handler({ req, target }) {
        const exported = parseRevenueExportRequest(req.params.dataset, req.query);
        // Named before the read: a failure (a timeout on a long drill-down) is filed under the dataset asked for, with its query.
        target('revenue_report', exported.dataset);
        const table = await readRevenueDataset(deps.db, exported);
        return { auditInput: exported, send: (res) => streamCsv(res, fileName(exported), table) };
      },
    }),
  );
  return routes;
}

/** e.g. revenue-drill-down-churn-profitwell-2025-01-01-to-2025-12-31.csv (every part is validated, so safe in the header). */
function fileName({ dataset, request }: TRevenueExportRequest): string {
  const kind = 'kind' in request && request.kind ? `-${request.kind}` : '';
  return `revenue-${dataset}${kind}-${request.policy}-${request.from}-to-${request.to}.csv`;
}
