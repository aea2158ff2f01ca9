import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ZConnectionsCancelQueriesParams, ZConnectionsListParams, ZConnectionsTerminateParams } from '@opsdesk/shared';
import { HANG_BOUND_MS } from '../../../testing/bounded.js';
import { startTestEngine } from '../../jobs/testing/jobTestKit.js';
import { createTestApp, type TestApp } from '../../../testing/testApp.js';
import { recordedRun, runbookContext } from '../testing/runbookTestKit.js';
import { connectionsCancelQueriesAction, type CancelState } from './connections.cancel.js';
import { safeQueryText } from './connections.display.js';
import { connectionsListAction } from './connections.list.js';
import { connectionsTerminateAction, type TerminateState } from './connections.terminate.js';

/**
 * The connection actions against real PostgreSQL backends: the tests open their own
 * connections (named, as any client names itself) beside the app's pool, and one that
 * calls itself `opsdesk`, as every connection of Opsdesk's pool does.
 */
describe('connection runbook actions', () => {
  let app: TestApp;
  const clients: pg.Client[] = [];

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  });

  async function connect(applicationName: string): Promise<{ client: pg.Client; pid: number }> {
    const client = new pg.Client({ connectionString: app.database.url, application_name: applicationName });
    // A terminated connection emits an error; the test looks at the backend, not at this.
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return { client, pid: rows[0]!.pid };
  }

  const alivePids = async () => {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(app.db);
    return new Set(rows.map((r) => r.pid));
  };

  /** Polls (no sleep) until `check` holds, failing after a bound if it never does. */
  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + HANG_BOUND_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${HANG_BOUND_MS / 1000} s`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const plannedPids = (state: unknown) => (state as TerminateState).backends.map((b) => b.pid).sort((a, b) => a - b);

  it('terminates exactly the planned idle backends, and never Opsdesk’s own connections', async () => {
    const idle = await Promise.all([connect('report-tool'), connect('report-tool'), connect('psql')]);
    const inTransaction = await connect('batch-job');
    await inTransaction.client.query('begin');
    await inTransaction.client.query('select 1');
    const ownLookalike = await connect('opsdesk');
    // Several pool connections open (nested, so each is a connection of its own), then idle: Opsdesk's own, never a candidate.
    const holdConnections = async (n: number): Promise<void> => {
      if (n === 0) return;
      await app.db.connection().execute(async (connection) => {
        await sql`select 1`.execute(connection);
        await holdConnections(n - 1);
      });
    };
    await holdConnections(4);
    // The job engine's connections (graphile-worker's pool, its LISTEN connection, the liveness lock) are Opsdesk's too.
    const engine = await startTestEngine(app, []);
    onTestFinished(() => engine.stop());
    const ownPids = async (applicationName: string) =>
      (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and application_name like ${applicationName}`.execute(app.db)).rows.map((r) => r.pid);
    const poolPids = await ownPids('opsdesk');
    const enginePids = await ownPids('opsdesk-jobs%');
    expect(poolPids.length).toBeGreaterThan(1);
    expect(enginePids.length).toBeGreaterThan(1);

    const params = ZConnectionsTerminateParams.parse({ states: ['idle', 'idle in transaction'], idleLongerThanSeconds: 0 });
    const plan = await connectionsTerminateAction.plan(runbookContext(app.deps), params);
    const expected = [...idle.map((c) => c.pid), inTransaction.pid].sort((a, b) => a - b);
    expect(plannedPids(plan.state)).toEqual(expected);
    expect(plan.steps).toHaveLength(4);

    const run = recordedRun(app.deps);
    const result = await connectionsTerminateAction.execute(run, params, plan);
    expect(result.tables?.[0]?.rows.map((r) => r.result)).toEqual(['terminated', 'terminated', 'terminated', 'terminated']);
    expect(run.progressSeen.at(-1)).toEqual({ done: 4, total: 4 });
    await until(async () => {
      const alive = await alivePids();
      return expected.every((pid) => !alive.has(pid));
    }, 'terminated backends gone');

    const remaining = await alivePids();
    expect(remaining.has(ownLookalike.pid)).toBe(true);
    for (const pid of [...poolPids, ...enginePids]) expect(remaining.has(pid)).toBe(true);
    expect((await ownLookalike.client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await expect(idle[0]!.client.query('select 1')).rejects.toThrow();
  });

  it('makes a stale plan visible: a planned pid gone or given to a new backend changes the state, and a run never ends the newcomer', async () => {
    const first = await connect('report-tool');
    const second = await connect('report-tool');
    const params = ZConnectionsTerminateParams.parse({ pids: [first.pid, second.pid], states: ['idle'] });
    const plan = await connectionsTerminateAction.plan(runbookContext(app.deps), params);
    expect(plannedPids(plan.state)).toEqual([first.pid, second.pid].sort((a, b) => a - b));

    await second.client.end();
    await until(async () => !(await alivePids()).has(second.pid), 'closed backend gone');
    const replanned = await connectionsTerminateAction.plan(runbookContext(app.deps), params);
    expect(JSON.stringify(replanned.state)).not.toBe(JSON.stringify(plan.state));
    expect(plannedPids(replanned.state)).toEqual([first.pid]);

    // The same pid with another start time is another backend (PostgreSQL reuses pids).
    const recycled: TerminateState = { backends: [{ pid: first.pid, backendStart: '2000-01-01T00:00:00.000000Z' }] };
    const result = await connectionsTerminateAction.execute(recordedRun(app.deps), params, { ...replanned, state: recycled });
    expect(result.tables?.[0]?.rows[0]?.result).toMatch(/^skipped/);
    expect((await first.client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('cancels a query running longer than N seconds, and not Opsdesk’s own', async () => {
    const runaway = await connect('report-tool');
    const own = await connect('opsdesk');
    const sleeping = runaway.client.query('select pg_sleep(60)');
    const ownSleeping = own.client.query('select pg_sleep(60)');
    const outcome = sleeping.then(() => 'finished', (error: { code?: string }) => error.code);
    void ownSleeping.catch(() => undefined);
    await until(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where pid = any(${[runaway.pid, own.pid]}::int[]) and state = 'active' and query like '%pg_sleep%'`.execute(app.db);
      return rows[0]!.n === 2;
    }, 'both queries running');

    const params = ZConnectionsCancelQueriesParams.parse({ runningLongerThanSeconds: 0 });
    const plan = await connectionsCancelQueriesAction.plan(runbookContext(app.deps), params);
    expect((plan.state as CancelState).queries.map((q) => q.pid)).toEqual([runaway.pid]);
    expect(plan.tables?.[0]?.rows[0]?.query).toBe('select pg_sleep(60)');

    const result = await connectionsCancelQueriesAction.execute(recordedRun(app.deps), params, plan);
    expect(result.tables?.[0]?.rows.map((r) => r.result)).toEqual(['cancelled']);
    // 57014: query_canceled. The connection itself stays.
    expect(await outcome).toBe('57014');
    expect((await runaway.client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);

    const stillRunning = await sql<{ state: string }>`select state from pg_stat_activity where pid = ${own.pid}`.execute(app.db);
    expect(stillRunning.rows[0]?.state).toBe('active');
    await app.database.superuserQuery('select pg_cancel_backend($1)', [own.pid]);
  });

  it('lists this database’s backends with literals masked, Opsdesk’s own marked, idle-in-transaction highlighted, and saturation', async () => {
    const chatty = await connect('report-tool');
    await chatty.client.query(`select 'alice@example.test' as email`);
    const stuck = await connect('batch-job');
    await stuck.client.query('begin');
    await stuck.client.query('select 1');

    const report = await connectionsListAction.plan(runbookContext(app.deps), ZConnectionsListParams.parse({}));
    const rows = report.tables![0]!.rows;
    expect(rows.find((r) => r.pid === chatty.pid)).toMatchObject({ application: 'report-tool', state: 'idle', query: "select '…' as email", protected: null });
    expect(rows.find((r) => r.pid === stuck.pid)).toMatchObject({ state: 'idle in transaction', highlight: 'warn' });
    expect(rows.filter((r) => r.application === 'opsdesk').every((r) => r.protected !== null && r.highlight === null)).toBe(true);
    expect(report.facts?.find((f) => f.label === 'Opsdesk pool in use')?.value).toMatch(/^\d+ \/ 30$/);
    expect(report.facts?.find((f) => f.label.startsWith('Server connections'))?.value).toMatch(/^\d+ \/ \d+$/);
  });

  it('makes query text safe to show: literals masked, control characters gone, bounded', () => {
    expect(safeQueryText("update t set note = 'it''s secret'\u0000 where id = $1")).toBe("update t set note = '…' where id = $1");
    expect(safeQueryText('select $tag$ anything $tag$, \'cut off')).toBe("select $$…$$, '…'");
    expect([...safeQueryText(`select ${'x'.repeat(500)}`)!]).toHaveLength(160);
  });

  it('refuses a terminate with neither pids nor an idle time, an active state, or too many pids', () => {
    expect(ZConnectionsTerminateParams.safeParse({}).success).toBe(false);
    expect(ZConnectionsTerminateParams.safeParse({ idleLongerThanSeconds: 10, states: ['active'] }).success).toBe(false);
    expect(ZConnectionsTerminateParams.safeParse({ pids: Array.from({ length: 101 }, (_, i) => i + 1) }).success).toBe(false);
    expect(ZConnectionsTerminateParams.safeParse({ pids: [12], idleLongerThanSeconds: 10, extra: true }).success).toBe(false);
  });
});
