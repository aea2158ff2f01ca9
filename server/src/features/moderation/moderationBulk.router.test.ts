import { sql } from 'kysely';
import { ZDsaStatementSchema, type Role } from '@opsdesk/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, createTestApp, type TestApp } from '../../testing/testApp.js';
import { migrateReferenceProductSchema } from '../demo/appSchema/migrateReferenceProductSchema.js';
import { installJobEngine, type JobEngine } from '../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../jobs/testing/jobTestKit.js';
import { seedReportedContent } from './moderation.testFixtures.js';
import { moderationBulkJob } from './moderationBulk.job.js';
import { decisionsPerEntry, itemStatusCounts, waitForJobProgress } from './moderationBulk.testKit.js';
import { freezeRun } from './moderationBulkRun.js';
import { syncOpenReports } from './moderationSync.queries.js';

/**
 * Bulk actions through the router (createCaller) and the real job engine on a migrated
 * PostgreSQL: the estimate from the counters, "remove all 5,000 matching" with per-item
 * results and one decision per item, items decided or claimed by someone else meanwhile
 * skipped and reported, cancel, hostile input, and support refused.
 */
describe('moderation bulk actions', () => {
  let app: TestApp;
  const engines = new Set<JobEngine>();
  const as = async (roles: Role[]) => (await app.callerAs(roles)).api;
  const emptyQueue = async () => {
    await sql`update app.content_reports set status = 'resolved' where status = 'open'`.execute(app.db);
    await sql`update ops.moderation_queue set status = 'decided', claimed_by = null, claimed_at = null, lease_expires_at = null where status <> 'decided'`.execute(app.db);
  };
  const startEngine = async () => {
    const engine = await startTestEngine(app, [moderationBulkJob]);
    engines.add(engine);
    return engine;
  };
  /** Each test starts its own engine when it is ready, so no run starts before the test has set the scene. */
  const stopEngines = async () => {
    for (const engine of engines) await engine.stop();
    engines.clear();
  };

  beforeAll(async () => {
    app = await createTestApp();
    await migrateReferenceProductSchema(app.db);
    await installJobEngine(app.db, app.database.url);
  });
  afterEach(() => stopEngines());
  afterAll(async () => {
    await stopEngines();
    await app?.close();
  });

  it('estimates "all N matching" from the queue counters (exact) or the planner, and refuses support', async () => {
    await emptyQueue();
    await seedReportedContent(app.db, { items: 30, reason: 'spam' });
    await seedReportedContent(app.db, { items: 4, reason: 'violence' });
    await syncOpenReports(app.db);
    const moderator = await as(['moderator']);
    expect(await moderator.moderation.bulk.estimate({ filter: { reasonGroup: 'spam' } })).toEqual({ estimate: 30, exact: true });
    expect(await moderator.moderation.bulk.estimate({ filter: { reasonGroup: 'violence', bucket: 'urgent' } })).toEqual({ estimate: 4, exact: true });
    const guessed = await moderator.moderation.bulk.estimate({ filter: { reasonGroup: 'spam', search: 'post' } });
    expect(guessed.exact).toBe(false);
    expect(guessed.estimate).toBeGreaterThanOrEqual(1);

    const support = await as(['support']);
    await expect(support.moderation.bulk.estimate({ filter: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.moderation.bulk.start({ selection: { kind: 'filter', filter: {}, estimate: 1 }, reasonCode: 'spam', reason: 'no' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(support.moderation.bulk.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses hostile or impossible starts with a 4xx and queues nothing', async () => {
    const moderator = await as(['moderator']);
    const runsBefore = (await moderator.moderation.bulk.list({})).runs.length;
    await expect(moderator.moderation.bulk.start({ selection: { kind: 'entries', entryIds: ['1'] }, reasonCode: 'severe_violation', reason: 'ban them all' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.bulk.start({ selection: { kind: 'entries', entryIds: ['1'] }, reasonCode: 'no_such_code', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.bulk.start({ selection: { kind: 'entries', entryIds: [] }, reasonCode: 'spam', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.bulk.start({ selection: { kind: 'filter', filter: { reasonGroup: 'spam', extra: 1 } as never, estimate: 1 }, reasonCode: 'spam', reason: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.bulk.start({ selection: { kind: 'filter', filter: {}, estimate: 1 }, reasonCode: 'spam', reason: 'bad\u0000reason' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(moderator.moderation.bulk.get({ runId: '999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(moderator.moderation.bulk.cancel({ runId: '999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await moderator.moderation.bulk.list({})).runs).toHaveLength(runsBefore);
  });

  it('"remove all 5,000 matching" runs as a job over the frozen set: one decision with a statement of reasons per item, nothing else touched', async () => {
    await emptyQueue();
    const spam = await seedReportedContent(app.db, { items: 5000, reason: 'spam' });
    const violence = await seedReportedContent(app.db, { items: 3, reason: 'violence' });
    await syncOpenReports(app.db);
    const { staff, api: moderator } = await app.callerAs(['moderator']);
    const { estimate } = await moderator.moderation.bulk.estimate({ filter: { reasonGroup: 'spam' } });
    expect(estimate).toBe(5000);
    const started = await moderator.moderation.bulk.start({ selection: { kind: 'filter', filter: { reasonGroup: 'spam' }, estimate }, reasonCode: 'spam', reason: 'Spam wave of 1 December', facts: 'Automated promotional posts.' });
    expect(started.decisionType).toBe('remove');
    expect((await moderator.moderation.bulk.get({ runId: started.runId })).run).toMatchObject({ status: 'queued', total: null, estimate: 5000 });
    const audit = (await auditRows(app, 'moderation.bulk_started')).at(-1)!;
    expect(audit).toMatchObject({ actorId: staff.id, targetType: 'moderation_bulk_run', targetId: started.runId });

    await startEngine();
    const job = await waitForJob(app.db, started.jobId, undefined, 180_000);
    expect(job).toMatchObject({ status: 'succeeded', progressDone: 5000, progressTotal: 5000 });
    const { run } = await moderator.moderation.bulk.get({ runId: started.runId });
    expect(run).toMatchObject({ status: 'succeeded', total: 5000, done: 5000, skipped: 0, failed: 0, pending: 0, decisionType: 'remove', requestedBy: staff.email });
    expect(await itemStatusCounts(app.db, started.runId)).toEqual({ done: 5000 });
    expect(await decisionsPerEntry(app.db, started.runId)).toEqual({ entries: 5000, done: 5000, decided: 5000, decidedTwice: 0, doneWithoutDecision: 0 });

    const contentStatus = await sql<{ status: string; n: string }>`select status, count(*) as n from app.content where id = any(${[...spam.contentIds, ...violence.contentIds]}::uuid[]) group by status order by status`.execute(app.db);
    expect(contentStatus.rows.map((r) => [r.status, Number(r.n)])).toEqual([['removed', 5000], ['visible', 3]]);
    // As text: the CamelCasePlugin would rename the statement's snake_case fields.
    const statements = await sql<{ statement: string; decidedByLabel: string }>`
      select d.statement::text as statement, d.decided_by_label from ops.moderation_bulk_items i join ops.moderation_decisions d on d.id = i.decision_id
      where i.run_id = ${started.runId} order by i.queue_entry_id limit 3`.execute(app.db);
    for (const row of statements.rows) {
      expect(ZDsaStatementSchema.parse(JSON.parse(row.statement))).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'], decision_facts: 'Automated promotional posts.' });
      expect(row.decidedByLabel).toBe(`${staff.email} (bulk run ${started.runId})`);
    }
    const live = await moderator.moderation.queue({});
    expect(live.items.map((item) => item.reasonGroup)).toEqual(['violence', 'violence', 'violence']);

    // Per-item results, paged in entry order.
    const first = await moderator.moderation.bulk.get({ runId: started.runId, limit: 200 });
    expect(first.items).toHaveLength(200);
    expect(first.items.every((item) => item.status === 'done' && item.decisionId && item.subjectType === 'content')).toBe(true);
    const second = await moderator.moderation.bulk.get({ runId: started.runId, limit: 200, cursor: first.nextCursor! });
    expect(BigInt(second.items[0]!.queueEntryId)).toBeGreaterThan(BigInt(first.items.at(-1)!.queueEntryId));
    expect((await moderator.moderation.bulk.list({ limit: 1 })).runs[0]).toMatchObject({ id: started.runId, done: 5000 });
  }, 240_000);

  it('items decided or claimed by someone else after the set froze are skipped and reported, never decided twice', async () => {
    await emptyQueue();
    await seedReportedContent(app.db, { items: 40, reason: 'harassment' });
    await syncOpenReports(app.db);
    const { api: bulkModerator } = await app.callerAs(['moderator']);
    const started = await bulkModerator.moderation.bulk.start({ selection: { kind: 'filter', filter: { reasonGroup: 'abuse' }, estimate: 40 }, reasonCode: 'harassment', reason: 'Harassment campaign' });
    // The job's own first step, done here before any engine runs: the set is now fixed.
    expect((await freezeRun(app.db, started.runId)).run.total).toBe(40);

    const { staff: decider, api: deciding } = await app.callerAs(['moderator']);
    const decided = (await deciding.moderation.next({})).entry!;
    await deciding.moderation.decide({ entryId: decided.id, reasonCode: 'no_violation', reason: 'Banter between friends' });
    const { staff: holder, api: holding } = await app.callerAs(['moderator']);
    const held = (await holding.moderation.next({})).entry!;
    // A lease that ran out returns the item: the run takes it over, as "next item" would.
    const { api: leaving } = await app.callerAs(['moderator']);
    const expired = (await leaving.moderation.next({})).entry!;
    await sql`update ops.moderation_queue set lease_expires_at = now() - interval '1 second' where id = ${expired.id}`.execute(app.db);

    await startEngine();
    expect((await waitForJob(app.db, started.jobId, undefined, 60_000)).status).toBe('succeeded');
    const { run } = await bulkModerator.moderation.bulk.get({ runId: started.runId });
    expect(run).toMatchObject({ total: 40, done: 38, skipped: 2, failed: 0, pending: 0 });
    const skipped = await bulkModerator.moderation.bulk.get({ runId: started.runId, itemStatus: 'skipped' });
    expect(Object.fromEntries(skipped.items.map((item) => [item.queueEntryId, item.reason]))).toEqual({
      [decided.id]: `Already decided by ${decider.email} (dismiss).`,
      [held.id]: `Claimed by ${holder.email}, who is working on it.`,
    });
    expect(await decisionsPerEntry(app.db, started.runId)).toEqual({ entries: 40, done: 38, decided: 39, decidedTwice: 0, doneWithoutDecision: 0 });
    // The holder still holds theirs and can decide it.
    await expect(holding.moderation.decide({ entryId: held.id, reasonCode: 'harassment', reason: 'Seen it' })).resolves.toMatchObject({ decisionType: 'hide' });
    const takenOver = await bulkModerator.moderation.item({ entryId: expired.id });
    expect(takenOver.events.map((event) => event.kind)).toEqual(['decided', 'lease_expired', 'claimed', 'report_received']);
    await expect(leaving.moderation.decide({ entryId: expired.id, reasonCode: 'harassment', reason: 'Too late' })).rejects.toMatchObject({ code: 'CONFLICT' });
  }, 120_000);

  it('cancel stops the run between batches: the rest stays pending, every done item has exactly its one decision', async () => {
    await emptyQueue();
    await seedReportedContent(app.db, { items: 3000, reason: 'sexual' });
    await syncOpenReports(app.db);
    const { api: moderator } = await app.callerAs(['moderator']);
    const started = await moderator.moderation.bulk.start({ selection: { kind: 'filter', filter: { reasonGroup: 'sexual' }, estimate: 3000 }, reasonCode: 'sexual', reason: 'Adult content sweep' });
    await startEngine();
    await waitForJobProgress(app.db, started.jobId, 50);
    expect((await moderator.moderation.bulk.cancel({ runId: started.runId })).status).toBe('cancelling');
    expect((await waitForJob(app.db, started.jobId, undefined, 60_000)).status).toBe('cancelled');
    expect((await auditRows(app, 'moderation.bulk_cancelled')).at(-1)).toMatchObject({ targetType: 'moderation_bulk_run', targetId: started.runId });
    await expect(moderator.moderation.bulk.cancel({ runId: started.runId })).rejects.toMatchObject({ code: 'CONFLICT' });

    const { run } = await moderator.moderation.bulk.get({ runId: started.runId });
    expect(run.status).toBe('cancelled');
    expect(run.pending).toBeGreaterThan(0);
    const counts = await itemStatusCounts(app.db, started.runId);
    expect(counts.pending).toBeGreaterThan(0);
    const perEntry = await decisionsPerEntry(app.db, started.runId);
    expect(perEntry).toMatchObject({ entries: 3000, decidedTwice: 0, doneWithoutDecision: 0 });
    // A batch in flight when the cancel landed commits whole or not at all: the decisions are exactly the done items.
    expect(perEntry.decided).toBe(perEntry.done);
  }, 180_000);
});
