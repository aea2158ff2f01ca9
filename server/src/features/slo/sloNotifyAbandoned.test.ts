import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { startTestEngine } from '../jobs/testing/jobTestKit.js';
import { insertAlertEvent, recordDelivery } from './sloAlerts.queries.js';
import { passLogLines } from './sloEvaluate.job.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { sloNotifyJob } from './sloNotify.job.js';

const MINUTE = 60_000;

/**
 * An alert event whose delivery job will never send it — cancelled from the console, or
 * gone — used to stay "pending" for good (and to hold the rule's later events behind it).
 * The next evaluation pass marks it failed with why; an event whose job is still queued is
 * left to its job. The engine is started once to install its queue, then stopped: queued
 * jobs stay queued.
 */
describe('SLO alert deliveries abandoned by their job', () => {
  let app: TestApp;
  const at = Math.floor(Date.now() / MINUTE) * MINUTE;

  beforeAll(async () => {
    app = await createTestApp();
    await (await startTestEngine(app, [sloNotifyJob])).stop();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('are marked not sent by the next pass, keeping the last webhook error; one still queued stays pending', async () => {
    const { api } = await app.callerAs(['oncall']);
    const definition = { description: '', sli: { kind: 'availability' as const }, objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 100 };
    const slo = await api.slo.create({ definition: { ...definition, service: 'basket', name: 'availability' }, runbook: null, notify: true });
    const pendingEvent = async (rule: 'page-1h' | 'page-6h' | 'ticket-1d', minutesAgo: number) =>
      insertAlertEvent(app.db, {
        sloId: slo.id, rule, severity: rule === 'ticket-1d' ? 'ticket' : 'page', state: 'firing', at: new Date(at - minutesAgo * MINUTE), longBurnRate: 20, shortBurnRate: 30, budgetRemaining: 0.4, deliveryStatus: 'pending',
      });

    const cancelled = await pendingEvent('page-1h', 3);
    const cancelledJob = await enqueueJob(app.db, sloNotifyJob, { eventId: cancelled }, { startedBy: null });
    // Its first attempt had failed before on-call cancelled the retries.
    await recordDelivery(app.db, cancelled, { status: 'pending', posted: true, lastError: 'The webhook answered HTTP 503: slack is having a moment' });
    await expect(api.jobs.cancel({ id: cancelledJob.id })).resolves.toMatchObject({ status: 'cancelled' });

    const orphan = await pendingEvent('page-6h', 2);
    const waiting = await pendingEvent('ticket-1d', 1);
    await enqueueJob(app.db, sloNotifyJob, { eventId: waiting }, { startedBy: null });

    const result = await evaluateAllSlos(app.db, new Date(at), { webhookConfigured: true, prometheus: null });
    expect(result.abandoned).toBe(2);
    expect(passLogLines(result, 5)).toEqual([{ level: 'info', line: expect.stringContaining('2 alert event(s) marked not sent') }]);

    const delivery = async (id: string) => (await api.slo.alerts({ sloId: slo.id })).events.find((event) => event.id === id)!.delivery;
    expect(await delivery(cancelled)).toEqual({ status: 'failed', attempts: 1, lastError: 'Not sent: its delivery job was cancelled. Last error: The webhook answered HTTP 503: slack is having a moment' });
    expect(await delivery(orphan)).toEqual({ status: 'failed', attempts: 0, lastError: 'Not sent: its delivery job is gone.' });
    expect(await delivery(waiting)).toEqual({ status: 'pending', attempts: 0, lastError: null });

    // Once closed, nothing more to do: the next pass finds none.
    expect((await evaluateAllSlos(app.db, new Date(at + MINUTE), { webhookConfigured: true, prometheus: null })).abandoned).toBe(0);
  });
});
