import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/testDatabase.js';
import type { AuditRecorder } from '../../trpc/auditMutations.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { startJobServer, type JobServer } from '../jobs/testing/jobServerProcess.js';
import { logTexts, waitForJob } from '../jobs/testing/jobTestKit.js';
import { insertStaff } from '../staff/staff.queries.js';
import { seedReportedContent } from './moderation.testFixtures.js';
import { findBulkRun } from './moderationBulk.queries.js';
import { startBulkRun } from './moderationBulk.service.js';
import { decisionsPerEntry, itemStatusCounts, waitForJobProgress } from './moderationBulk.testKit.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * A bulk run across real server processes (each starts its own job engine, as `npm start`
 * does): kill -9 mid-run, a new server, and the run finishes with every item decided
 * exactly once, counted from the decisions themselves.
 */
const PROCESS_BOUND_MS = 300_000;
const ITEMS = 5000;

/** The router's audit row is tested through the router; here the run is started as the router does, without one. */
const noAudit: AuditRecorder = { target: () => undefined, change: () => undefined } as unknown as AuditRecorder;

describe('moderation bulk run across server processes', () => {
  const servers: JobServer[] = [];
  let database: TestDatabase | undefined;
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.drop();
  });

  it(
    'killed mid-run (kill -9) and restarted, it finishes without deciding any item twice',
    async () => {
      database = await createTestDatabase({ max: 4 });
      const { db } = database;
      await migrateReferenceProductSchema(db);
      await seedReportedContent(db, { items: ITEMS, reason: 'spam' });
      await syncOpenReports(db);
      const staff = await insertStaff(db, { email: 'bulk-moderator@example.test', name: 'Bulk moderator', roles: ['moderator'], passwordHash: 'not-used' });

      const first = await startJobServer(database.url, 'bulk-first');
      servers.push(first);
      const started = await db.transaction().execute((trx) =>
        startBulkRun(trx, noAudit, { id: staff.id, label: staff.email }, { selection: { kind: 'filter', filter: { reasonGroup: 'spam' }, estimate: ITEMS }, reasonCode: 'spam', reason: 'Spam wave' }),
      );
      await waitForJobProgress(db, started.jobId, 500);
      await first.kill();
      const cutOff = await db.selectFrom('ops.jobs').select(['status', 'progressDone']).where('id', '=', started.jobId).executeTakeFirstOrThrow();
      expect(cutOff.status).toBe('running');
      const before = await decisionsPerEntry(db, started.runId);
      expect(before.done).toBeGreaterThanOrEqual(500);
      expect(before.done).toBeLessThan(ITEMS);

      const second = await startJobServer(database.url, 'bulk-second');
      servers.push(second);
      const job = await waitForJob(db, started.jobId, undefined, 180_000);
      expect(job).toMatchObject({ status: 'succeeded', attempts: 2, progressDone: ITEMS, progressTotal: ITEMS });
      const log = await logTexts(db, started.jobId);
      expect(log.filter((line) => line.startsWith('Frozen set:'))).toEqual([`Frozen set: ${ITEMS} items (the estimate was ${ITEMS}).`]);
      expect(log.filter((line) => line.startsWith('Resumed at step'))).toHaveLength(1);

      expect(await itemStatusCounts(db, started.runId)).toEqual({ done: ITEMS });
      expect(await decisionsPerEntry(db, started.runId)).toEqual({ entries: ITEMS, done: ITEMS, decided: ITEMS, decidedTwice: 0, doneWithoutDecision: 0 });
      expect(await findBulkRun(db, started.runId)).toMatchObject({ total: ITEMS, doneCount: ITEMS, skippedCount: 0, failedCount: 0 });
    },
    PROCESS_BOUND_MS,
  );
});
