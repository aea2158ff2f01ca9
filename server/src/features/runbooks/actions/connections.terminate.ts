import { MAX_BACKENDS_PER_RUN, ZConnectionsTerminateParams, type TConnectionsTerminateParams } from '@opsdesk/shared';
import { defineRunbookAction } from '../runbookAction.js';
import { CONNECTIONS_ENTRY, CONNECTIONS_TARGET, saturationFacts } from './connections.display.js';
import { findTerminableBackends, terminatePlannedBackend, type TerminateFilter } from './connections.queries.js';
import { signalEachPlanned } from './connections.signalEach.js';

/**
 * The plan's state: each backend by pid and start time. A backend that went away, or
 * whose pid PostgreSQL gave to a new connection, changes it: the run re-plans.
 */
export interface TerminateState {
  backends: Array<{ pid: number; backendStart: string }>;
}

const filterOf = (params: TConnectionsTerminateParams): TerminateFilter => ({ states: params.states, pids: params.pids, idleLongerThanSeconds: params.idleLongerThanSeconds });

/**
 * Ends idle and idle-in-transaction backends (chosen by pid and/or by how long they have
 * been in their state) to give connections back to the server. Their open transactions
 * roll back; the client sees its connection closed. Never an active query (cancel it
 * instead), never Opsdesk's own connections, replication or background workers.
 */
export const connectionsTerminateAction = defineRunbookAction({
  name: 'connections.terminate',
  title: 'Terminate idle connections',
  summary: 'Ends idle or idle-in-transaction PostgreSQL backends that hold connections (and, in a transaction, locks) the server needs back.',
  runbookEntry: CONNECTIONS_ENTRY,
  permission: 'runbooks.run',
  risk: 'medium',
  params: ZConnectionsTerminateParams,
  target: () => CONNECTIONS_TARGET,
  timeoutMs: 2 * 60_000,
  async plan(ctx, params) {
    const { rows, total } = await findTerminableBackends(ctx.deps.db, filterOf(params), MAX_BACKENDS_PER_RUN);
    const state: TerminateState = { backends: rows.map((r) => ({ pid: r.pid, backendStart: r.backendStart })).sort((a, b) => a.pid - b.pid) };
    return {
      summary: rows.length === 0 ? 'No backend matches: nothing to terminate.' : `Terminate ${rows.length} backend(s)`,
      steps: rows.map((r) => `Terminate pid ${r.pid} (${r.state} for ${Math.round(r.stateSeconds)} s, app '${r.applicationName}')`),
      facts: await saturationFacts(ctx.deps.db),
      tables: [
        {
          title: 'Backends to terminate',
          columns: [
            { key: 'pid', label: 'pid', kind: 'number' },
            { key: 'state', label: 'State' },
            { key: 'application', label: 'Application', kind: 'code' },
            { key: 'stateSeconds', label: 'In state for', kind: 'seconds' },
            { key: 'transactionSeconds', label: 'Transaction age', kind: 'seconds' },
            { key: 'backendStart', label: 'Connected at', kind: 'datetime' },
          ],
          rows: rows.map((r) => ({
            pid: r.pid,
            state: r.state,
            application: r.applicationName,
            stateSeconds: Math.round(r.stateSeconds),
            transactionSeconds: r.transactionSeconds === null ? null : Math.round(r.transactionSeconds),
            backendStart: r.backendStart,
            highlight: 'act',
          })),
          empty: 'No idle backend matches these parameters (Opsdesk’s own connections are never listed).',
          omitted: total - rows.length,
        },
      ],
      state,
      empty: rows.length === 0,
    };
  },
  async execute(ctx, params, plan) {
    const { backends } = plan.state as TerminateState;
    const filter = filterOf(params);
    const { done: terminated, results } = await signalEachPlanned(ctx, backends, (backend) => terminatePlannedBackend(ctx.deps.db, filter, backend), {
      done: 'terminated',
      skipped: 'skipped: gone, replaced or no longer idle',
      pending: 'signalled, still exiting after 5 s',
    });
    const rows = results.map(({ item, result, acted }) => ({ pid: item.pid, backendStart: item.backendStart, result, highlight: acted ? null : ('warn' as const) }));
    return {
      summary: `Terminated ${terminated} of ${backends.length} backend(s)`,
      facts: [{ label: 'Terminated', value: terminated, kind: 'number', status: terminated === backends.length ? 'ok' : 'warn' }, ...(await saturationFacts(ctx.deps.db))],
      tables: [
        {
          title: 'Per backend',
          columns: [
            { key: 'pid', label: 'pid', kind: 'number' },
            { key: 'backendStart', label: 'Connected at', kind: 'datetime' },
            { key: 'result', label: 'Result' },
          ],
          rows,
        },
      ],
    };
  },
});
