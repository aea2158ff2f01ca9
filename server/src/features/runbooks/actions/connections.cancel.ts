import { MAX_BACKENDS_PER_RUN, ZConnectionsCancelQueriesParams } from '@opsdesk/shared';
import { defineRunbookAction } from '../runbookAction.js';
import { CONNECTIONS_ENTRY, CONNECTIONS_TARGET, safeQueryText, saturationFacts } from './connections.display.js';
import { cancelPlannedQuery, findRunningQueries } from './connections.queries.js';
import { signalEachPlanned } from './connections.signalEach.js';

/** The plan's state: each query by backend and start time, so a query that finished and a new one on the same backend differ. */
export interface CancelState {
  queries: Array<{ pid: number; backendStart: string; queryStart: string }>;
}

/**
 * Cancels runaway queries (pg_cancel_backend): the query fails with "canceling statement
 * due to user request", its transaction is aborted, the connection stays open. Never
 * Opsdesk's own queries (its statement_timeout bounds them), replication or workers.
 */
export const connectionsCancelQueriesAction = defineRunbookAction({
  name: 'connections.cancelQueries',
  title: 'Cancel long-running queries',
  summary: 'Cancels queries that have been running longer than N seconds (a runaway report, a missing index) without closing their connections.',
  runbookEntry: CONNECTIONS_ENTRY,
  permission: 'runbooks.run',
  risk: 'medium',
  params: ZConnectionsCancelQueriesParams,
  target: () => CONNECTIONS_TARGET,
  timeoutMs: 2 * 60_000,
  async plan(ctx, params) {
    const { rows, total } = await findRunningQueries(ctx.deps.db, params.runningLongerThanSeconds, params.pids, MAX_BACKENDS_PER_RUN);
    const state: CancelState = { queries: rows.map((r) => ({ pid: r.pid, backendStart: r.backendStart, queryStart: r.queryStart })).sort((a, b) => a.pid - b.pid) };
    return {
      summary: rows.length === 0 ? `No query has been running longer than ${params.runningLongerThanSeconds} s.` : `Cancel ${rows.length} query(ies)`,
      steps: rows.map((r) => `Cancel the query of pid ${r.pid} (running ${Math.round(r.querySeconds)} s, app '${r.applicationName}')`),
      facts: await saturationFacts(ctx.deps.db),
      tables: [
        {
          title: 'Queries to cancel',
          columns: [
            { key: 'pid', label: 'pid', kind: 'number' },
            { key: 'application', label: 'Application', kind: 'code' },
            { key: 'querySeconds', label: 'Running for', kind: 'seconds' },
            { key: 'query', label: 'Query (literals masked)', kind: 'code' },
          ],
          rows: rows.map((r) => ({ pid: r.pid, application: r.applicationName, querySeconds: Math.round(r.querySeconds), query: safeQueryText(r.query), highlight: 'act' })),
          empty: 'No runaway query.',
          omitted: total - rows.length,
        },
      ],
      state,
      empty: rows.length === 0,
    };
  },
  async execute(ctx, _params, plan) {
    const { queries } = plan.state as CancelState;
    const { done: cancelled, results } = await signalEachPlanned(ctx, queries, (query) => cancelPlannedQuery(ctx.deps.db, query), {
      done: 'cancelled',
      skipped: 'skipped: finished or gone',
      pending: 'not signalled',
    });
    const rows = results.map(({ item, result, acted }) => ({ pid: item.pid, queryStart: item.queryStart, result, highlight: acted ? null : ('warn' as const) }));
    return {
      summary: `Cancelled ${cancelled} of ${queries.length} query(ies)`,
      facts: [{ label: 'Cancelled', value: cancelled, kind: 'number', status: cancelled === queries.length ? 'ok' : 'warn' }],
      tables: [
        {
          title: 'Per query',
          columns: [
            { key: 'pid', label: 'pid', kind: 'number' },
            { key: 'queryStart', label: 'Started at', kind: 'datetime' },
            { key: 'result', label: 'Result' },
          ],
          rows,
        },
      ],
    };
  },
});
