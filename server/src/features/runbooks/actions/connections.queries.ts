import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../db/database.js';

/**
 * The connection runbook actions' reads of `pg_stat_activity` (this database's client
 * backends) and their two effects, pg_terminate_backend and pg_cancel_backend.
 *
 * Never touched, whatever the parameters: this connection (pg_backend_pid()), Opsdesk's
 * own connections (application_name `opsdesk`, set on the pool in db/database.ts, and
 * `opsdesk-…` for its other connections, e.g. the job engine's liveness lock), and
 * anything that is not a client backend (replication senders, autovacuum, background
 * workers). The rule is SQL, applied again when a run acts, so nothing between plan and
 * run can widen it.
 */
export const OPSDESK_APPLICATION_NAME = 'opsdesk';

const isOpsdesk = sql<boolean>`(application_name = ${OPSDESK_APPLICATION_NAME} or application_name like ${`${OPSDESK_APPLICATION_NAME}-%`})`;
const actionable = sql<boolean>`(datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid() and not ${isOpsdesk})`;
/** backend_start to the microsecond, as text: a JS Date would lose the digits that tell two backends of one pid apart. */
const exactTime = (column: RawBuilder<unknown>) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const backendStart = exactTime(sql`backend_start`);
const queryStart = exactTime(sql`query_start`);
const secondsSince = (column: RawBuilder<unknown>) => sql<number | null>`extract(epoch from now() - ${column})::float8`;

export interface BackendRow {
  pid: number;
  backendStart: string;
  state: string | null;
  applicationName: string;
  userName: string | null;
  clientAddr: string | null;
  transactionSeconds: number | null;
  querySeconds: number | null;
  stateSeconds: number | null;
  waitEventType: string | null;
  waitEvent: string | null;
  /** The first 1,000 characters, raw: made safe for display by safeQueryText. */
  query: string | null;
  /** Why it is never acted on; null when it may be. */
  protectedAs: string | null;
}

/** This database's client backends, oldest transaction first; `total` counts them all. */
export async function listClientBackends(db: Db, limit: number): Promise<{ rows: BackendRow[]; total: number }> {
  const { rows } = await sql<BackendRow & { total: number }>`
    select pid, ${backendStart} as backend_start, state, coalesce(application_name, '') as application_name,
           usename as user_name, client_addr::text as client_addr,
           ${secondsSince(sql`xact_start`)} as transaction_seconds, ${secondsSince(sql`query_start`)} as query_seconds,
           ${secondsSince(sql`state_change`)} as state_seconds, wait_event_type, wait_event, left(query, 1000) as query,
           case when pid = pg_backend_pid() then 'this connection' when ${isOpsdesk} then 'Opsdesk' end as protected_as,
           count(*) over ()::int as total
    from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend'
    order by xact_start nulls last, query_start nulls last, pid
    limit ${limit}`.execute(db);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

export interface ConnectionCounts {
  /** Client backends on the whole server, every database. */
  serverConnections: number;
  maxConnections: number;
  /** Slots kept for superusers: ordinary roles get max_connections minus these. */
  reservedConnections: number;
  /** Backends of this database that are not client backends (workers, replication), never acted on. */
  otherBackends: number;
}

export async function countConnections(db: Db): Promise<ConnectionCounts> {
  const { rows } = await sql<ConnectionCounts>`
    select count(*) filter (where backend_type = 'client backend')::int as server_connections,
           current_setting('max_connections')::int as max_connections,
           current_setting('superuser_reserved_connections')::int as reserved_connections,
           count(*) filter (where datname = current_database() and backend_type <> 'client backend')::int as other_backends
    from pg_stat_activity`.execute(db);
  return rows[0]!;
}

export interface TerminateFilter {
  states: readonly string[];
  pids?: readonly number[];
  idleLongerThanSeconds?: number;
}

export interface IdleBackend {
  pid: number;
  backendStart: string;
  state: string;
  applicationName: string;
  stateSeconds: number;
  transactionSeconds: number | null;
}

const terminable = (filter: TerminateFilter) => sql<boolean>`(
  ${actionable} and state = any(${[...filter.states]}::text[])
  and (${filter.pids ? [...filter.pids] : null}::int[] is null or pid = any(${filter.pids ? [...filter.pids] : null}::int[]))
  and (${filter.idleLongerThanSeconds ?? null}::float8 is null or state_change <= now() - make_interval(secs => ${filter.idleLongerThanSeconds ?? 0}::float8))
)`;

/** The backends a terminate with `filter` would end, longest in their state first. */
export async function findTerminableBackends(db: Db, filter: TerminateFilter, limit: number): Promise<{ rows: IdleBackend[]; total: number }> {
  const { rows } = await sql<IdleBackend & { total: number }>`
    select pid, ${backendStart} as backend_start, state, coalesce(application_name, '') as application_name,
           ${secondsSince(sql`state_change`)} as state_seconds, ${secondsSince(sql`xact_start`)} as transaction_seconds,
           count(*) over ()::int as total
    from pg_stat_activity where ${terminable(filter)}
    order by state_change, pid limit ${limit}`.execute(db);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

/**
 * Ends one planned backend if it is still exactly that backend (same pid and start: a
 * pid the server gave to a new connection is not it) and still matches the filter.
 * Waits up to 5 s for it to exit. Null: it is gone, replaced or no longer idle.
 */
export async function terminatePlannedBackend(db: Db, filter: TerminateFilter, planned: { pid: number; backendStart: string }): Promise<boolean | null> {
  const { rows } = await sql<{ terminated: boolean }>`
    select pg_terminate_backend(pid, 5000) as terminated from pg_stat_activity
    where pid = ${planned.pid} and ${backendStart} = ${planned.backendStart} and ${terminable(filter)}`.execute(db);
  return rows[0]?.terminated ?? null;
}

export interface RunningQuery {
  pid: number;
  backendStart: string;
  queryStart: string;
  applicationName: string;
  querySeconds: number;
  query: string | null;
}

const cancellable = (olderThanSeconds: number, pids: readonly number[] | undefined) => sql<boolean>`(
  ${actionable} and state = 'active'
  and query_start <= now() - make_interval(secs => ${olderThanSeconds}::float8)
  and (${pids ? [...pids] : null}::int[] is null or pid = any(${pids ? [...pids] : null}::int[]))
)`;

/** Queries running longer than `olderThanSeconds`, oldest first. */
export async function findRunningQueries(db: Db, olderThanSeconds: number, pids: readonly number[] | undefined, limit: number): Promise<{ rows: RunningQuery[]; total: number }> {
  const { rows } = await sql<RunningQuery & { total: number }>`
    select pid, ${backendStart} as backend_start, ${queryStart} as query_start, coalesce(application_name, '') as application_name,
           ${secondsSince(sql`query_start`)} as query_seconds, left(query, 1000) as query,
           count(*) over ()::int as total
    from pg_stat_activity where ${cancellable(olderThanSeconds, pids)}
    order by query_start, pid limit ${limit}`.execute(db);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

/** Cancels one planned query if that very query still runs (same backend, same start). Null: it finished or the backend is gone. */
export async function cancelPlannedQuery(db: Db, planned: { pid: number; backendStart: string; queryStart: string }): Promise<boolean | null> {
  const { rows } = await sql<{ cancelled: boolean }>`
    select pg_cancel_backend(pid) as cancelled from pg_stat_activity
    where pid = ${planned.pid} and ${backendStart} = ${planned.backendStart} and ${queryStart} = ${planned.queryStart}
      and ${cancellable(0, undefined)}`.execute(db);
  return rows[0]?.cancelled ?? null;
}
