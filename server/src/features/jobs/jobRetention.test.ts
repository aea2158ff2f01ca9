import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { deleteExpiredJobs } from './jobRetention.queries.js';

describe('finished jobs are kept for a while, then removed with their logs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('removes old finished system runs and very old staff jobs, never running or recent ones', async () => {
    const staff = await app.callerAs(['admin']);
    const insert = (kind: string, status: string, daysAgo: number, startedBy: string | null) =>
      sql<{ id: string }>`insert into ops.jobs (kind, status, started_by, finished_at)
        values (${kind}, ${status}, ${startedBy}::uuid, case when ${status} in ('queued', 'running') then null else now() - make_interval(days => ${daysAgo}::int) end)
        returning id`.execute(app.db).then((r) => r.rows[0]!.id);
    const oldSystem = await insert('suspensions.lift', 'succeeded', 8, null);
    const recentSystem = await insert('suspensions.lift', 'succeeded', 6, null);
    const oldFailedSystem = await insert('suspensions.lift', 'failed', 30, null);
    const staffMonthOld = await insert('jobs.selfCheck', 'succeeded', 30, staff.staff.id);
    const staffAncient = await insert('jobs.selfCheck', 'cancelled', 200, staff.staff.id);
    const running = await insert('jobs.selfCheck', 'running', 0, null);
    await sql`insert into ops.job_log (job_id, seq, level, text) values (${oldSystem}::uuid, 1, 'info', 'old line')`.execute(app.db);

    expect(await deleteExpiredJobs(app.db)).toBe(3);
    const left = (await sql<{ id: string }>`select id from ops.jobs`.execute(app.db)).rows.map((r) => r.id);
    expect(left.sort()).toEqual([recentSystem, staffMonthOld, running].sort());
    expect(left).not.toContain(oldFailedSystem);
    expect(left).not.toContain(staffAncient);
    expect((await sql<{ n: number }>`select count(*)::int as n from ops.job_log where job_id = ${oldSystem}::uuid`.execute(app.db)).rows[0]!.n).toBe(0);
    expect(await deleteExpiredJobs(app.db)).toBe(0);
  });
});
