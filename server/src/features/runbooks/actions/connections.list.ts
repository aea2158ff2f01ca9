import { ZConnectionsListParams, type TConnectionsListParams } from '@opsdesk/shared';
import type { Db } from '../../../db/database.js';
import { defineRunbookAction, type RunbookReport } from '../runbookAction.js';
import { CONNECTIONS_ENTRY, CONNECTIONS_TARGET, safeQueryText, saturationFacts } from './connections.display.js';
import { listClientBackends, type BackendRow } from './connections.queries.js';

/** Backends shown at most (the oldest transactions first: they matter), within the 64 kB a report may take. */
const BACKENDS_SHOWN = 100;

type Highlight = 'act' | 'warn' | 'danger' | null;

/** Idle in a transaction holds locks and a connection: the usual culprit. A long active query is the other. */
function highlightOf(row: BackendRow, longRunningSeconds: number): Highlight {
  if (row.protectedAs) return null;
  const long = (seconds: number | null) => seconds !== null && seconds >= longRunningSeconds;
  if (row.state?.startsWith('idle in transaction')) return long(row.stateSeconds) ? 'danger' : 'warn';
  if (row.state === 'active' && long(row.querySeconds)) return 'warn';
  if (row.state === 'idle' && long(row.stateSeconds)) return 'act';
  return null;
}

const roundOrNull = (seconds: number | null) => (seconds === null ? null : Math.round(seconds));

export async function describeConnections(db: Db, params: TConnectionsListParams): Promise<RunbookReport> {
  const [{ rows, total }, facts] = await Promise.all([listClientBackends(db, BACKENDS_SHOWN), saturationFacts(db)]);
  const byState = new Map<string, number>();
  for (const row of rows) byState.set(row.state ?? 'unknown', (byState.get(row.state ?? 'unknown') ?? 0) + 1);
  const idleInTransaction = rows.filter((r) => r.state?.startsWith('idle in transaction')).length;
  const longRunning = rows.filter((r) => r.state === 'active' && (r.querySeconds ?? 0) >= params.longRunningSeconds && !r.protectedAs).length;
  return {
    summary: `${total} connection(s) to this database: ${[...byState].map(([state, n]) => `${n} ${state}`).join(', ') || 'none'}`,
    facts: [
      ...facts,
      { label: 'Idle in transaction', value: idleInTransaction, kind: 'number', status: idleInTransaction > 0 ? 'warn' : 'ok' },
      { label: `Queries running over ${params.longRunningSeconds} s`, value: longRunning, kind: 'number', status: longRunning > 0 ? 'warn' : 'ok' },
    ],
    tables: [
      {
        title: 'Backends of this database',
        columns: [
          { key: 'pid', label: 'pid', kind: 'number' },
          { key: 'state', label: 'State' },
          { key: 'application', label: 'Application', kind: 'code' },
          { key: 'user', label: 'User' },
          { key: 'client', label: 'Client' },
          { key: 'transactionSeconds', label: 'Transaction age', kind: 'seconds' },
          { key: 'querySeconds', label: 'Query age', kind: 'seconds' },
          { key: 'stateSeconds', label: 'In state for', kind: 'seconds' },
          { key: 'wait', label: 'Waiting on' },
          { key: 'query', label: 'Query (literals masked)', kind: 'code' },
          { key: 'protected', label: 'Never touched' },
        ],
        rows: rows.map((row) => ({
          pid: row.pid,
          state: row.state,
          application: row.applicationName,
          user: row.userName,
          client: row.clientAddr,
          transactionSeconds: roundOrNull(row.transactionSeconds),
          querySeconds: roundOrNull(row.querySeconds),
          stateSeconds: roundOrNull(row.stateSeconds),
          wait: row.waitEventType ? `${row.waitEventType}: ${row.waitEvent ?? ''}` : null,
          query: safeQueryText(row.query),
          protected: row.protectedAs,
          highlight: highlightOf(row, params.longRunningSeconds),
        })),
        empty: 'No connections.',
        omitted: total - rows.length,
      },
    ],
  };
}

/** Read-only: who holds this database's connections, and how full Opsdesk's pool and the server are. */
export const connectionsListAction = defineRunbookAction({
  name: 'connections.list',
  title: 'List database connections',
  summary: 'PostgreSQL backends of this database with their state, application, transaction and query age; idle-in-transaction and long-running ones highlighted; pool and server saturation.',
  runbookEntry: CONNECTIONS_ENTRY,
  permission: 'runbooks.read',
  risk: 'low',
  readOnly: true,
  params: ZConnectionsListParams,
  target: () => CONNECTIONS_TARGET,
  timeoutMs: 30_000,
  async plan(ctx, params) {
    return { ...(await describeConnections(ctx.deps.db, params)), steps: [], state: null };
  },
  async execute(ctx, params) {
    return describeConnections(ctx.deps.db, params);
  },
});
