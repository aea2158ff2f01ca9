import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from '../../testing/bounded.js';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import type { JobEngine } from '../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../jobs/testing/jobTestKit.js';
import { insertSignalSamples, type SignalSampleRow } from '../signals/signalSamples.queries.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { sloNotifyJob } from './sloNotify.job.js';
import { minuteRow } from './sloSamples.testing.js';
import { configureSloAlertWebhook } from './sloWebhook.js';

const MINUTE = 60_000;

/**
 * A receiver that is down (503 to everything) while a page fires and resolves, then
 * comes back: the firing event, whose job has failed and backed off, still reaches it
 * before the resolved event, so the channel ends on RESOLVED, as the alert did.
 */
describe('SLO alert delivery order across a webhook outage', () => {
  let app: TestApp;
  let engine: JobEngine;
  let receiver: Server;
  let up = false;
  const received: { eventId: string; status: number; text: string }[] = [];
  const waiters: (() => void)[] = [];
  /** Resolves once what the receiver got satisfies `condition`, re-checked at each request. */
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => condition() && resolve();
      waiters.push(check);
      check();
    });
  const at = Math.floor(Date.now() / MINUTE) * MINUTE;

  beforeAll(async () => {
    app = await createTestApp();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const status = up ? 200 : 503;
        received.push({ eventId: String(req.headers['idempotency-key']), status, text: (JSON.parse(body) as { text: string }).text });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(up ? 'ok' : 'down for maintenance');
        waiters.forEach((check) => check());
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    configureSloAlertWebhook({ SLO_ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/slo` });
    engine = await startTestEngine(app, [sloNotifyJob]);
  });
  afterAll(async () => {
    await engine?.stop();
    receiver?.close();
    configureSloAlertWebhook({});
    await app?.close();
  });

  it("delivers a page's FIRING before its RESOLVED when both were recorded while the receiver was down", async () => {
    const { api } = await app.callerAs(['oncall']);
    const definition = { description: '', sli: { kind: 'availability' as const }, objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 100 };
    const slo = await api.slo.create({ definition: { ...definition, service: 'shop', name: 'availability' }, runbook: null, notify: true });
    const pageEvent = async (state: 'firing' | 'resolved') => (await api.slo.alerts({ sloId: slo.id, severity: 'page' })).events.find((e) => e.rule === 'page-1h' && e.state === state)!;
    const jobOf = (eventId: string) => app.db.selectFrom('ops.jobs').select('id').where('kind', '=', 'slo.notify').where('parameters', '@>', JSON.stringify({ eventId }) as never).executeTakeFirstOrThrow();

    // The last 10 minutes of the hour fail 60 %: page-1h fires.
    const burst: SignalSampleRow[] = [];
    for (let m = 60; m > 0; m -= 1) burst.push(minuteRow('shop', at - m * MINUTE, 1000, m <= 10 ? 600 : 0));
    await insertSignalSamples(app.db, burst);
    await evaluateAllSlos(app.db, new Date(at), { webhookConfigured: true });
    const firing = await pageEvent('firing');

    // Its job fails three times; the engine backs off (1 s, 2 s, then 4 s) before the next.
    await within(until(() => received.filter((r) => r.eventId === firing.id).length >= 3), 'three failed attempts of the firing event');

    // Five clean minutes: the page resolves while the receiver is still down, which then comes back.
    const clean: SignalSampleRow[] = [];
    for (let m = 0; m < 5; m += 1) clean.push(minuteRow('shop', at + m * MINUTE, 1000, 0));
    await insertSignalSamples(app.db, clean);
    await evaluateAllSlos(app.db, new Date(at + 5 * MINUTE), { webhookConfigured: true });
    const resolved = await pageEvent('resolved');
    up = true;

    await waitForJob(app.db, (await jobOf(resolved.id)).id, ['succeeded']);
    await waitForJob(app.db, (await jobOf(firing.id)).id, ['succeeded']);
    const delivered = received.filter((r) => r.status === 200 && (r.eventId === firing.id || r.eventId === resolved.id));
    expect(delivered.map((r) => r.eventId)).toEqual([firing.id, resolved.id]);
    expect(delivered.map((r) => r.text.split(':')[0])).toEqual(['FIRING (page)', 'RESOLVED (page)']);
    expect((await pageEvent('firing')).delivery).toMatchObject({ status: 'delivered', lastError: 'The webhook answered HTTP 503: down for maintenance' });
    expect((await pageEvent('resolved')).delivery).toMatchObject({ status: 'delivered' });
  });
});
