import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/testApp.js';
import type { JobEngine } from '../jobs/jobEngine.js';
import { startTestEngine, waitForJob } from '../jobs/testing/jobTestKit.js';
import { insertSignalSamples, type SignalSampleRow } from '../signals/signalSamples.queries.js';
import { evaluateAllSlos } from './sloEvaluation.js';
import { BUILT_IN_JOB_KINDS, BUILT_IN_JOB_SCHEDULES } from '../jobs/builtInJobs.js';
import { enqueueJob } from '../jobs/enqueueJob.js';
import { sloEvaluateJob } from './sloEvaluate.job.js';
import { sloNotifyJob } from './sloNotify.job.js';
import { insertAlertEvent } from './sloAlerts.queries.js';
import { minuteRow } from './sloSamples.testing.js';
import { configureSloAlertWebhook } from './sloWebhook.js';

const MINUTE = 60_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: { text: string; blocks: { type: string; text?: { text: string }; elements?: { url?: string }[] }[] };
}

/**
 * Webhook delivery against a local receiver (node:http) that refuses the first POST of
 * each event and accepts the second: the engine retries, the same event id travels as the
 * Idempotency-Key both times, and the event records the attempts and the last error.
 */
describe('SLO alert webhook delivery', () => {
  let app: TestApp;
  let engine: JobEngine;
  let receiver: Server;
  const received: Received[] = [];
  const at = Math.floor(Date.now() / MINUTE) * MINUTE;

  beforeAll(async () => {
    app = await createTestApp();
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const first = !received.some((r) => r.headers['idempotency-key'] === req.headers['idempotency-key']);
        received.push({ headers: req.headers, body: JSON.parse(text) as Received['body'] });
        res.writeHead(first ? 503 : 200, { 'content-type': 'text/plain' }).end(first ? 'slack is having a moment' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    configureSloAlertWebhook({ SLO_ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/slo`, PUBLIC_URL: 'https://ops.example.test' });
    engine = await startTestEngine(app, [sloNotifyJob, sloEvaluateJob]);
  });
  afterAll(async () => {
    await engine?.stop();
    receiver?.close();
    configureSloAlertWebhook({});
    await app?.close();
  });

  it('sends a page to the webhook, retried after a 503, with the event id as the idempotency key and the runbook as an absolute link', async () => {
    const { api } = await app.callerAs(['oncall']);
    const definition = { description: '', sli: { kind: 'availability' as const }, objectivePercent: 99.5, windowDays: 7 as const, minValidRequests: 100 };
    const loud = await api.slo.create({ definition: { ...definition, service: 'shop', name: 'availability' }, runbook: { action: 'connections.list', params: { longRunningSeconds: 30 } }, notify: true });
    const muted = await api.slo.create({ definition: { ...definition, service: 'shop', name: 'muted' }, runbook: null, notify: false });
    const rows: SignalSampleRow[] = [];
    for (let m = 60; m > 0; m -= 1) rows.push(minuteRow('shop', at - m * MINUTE, 1000, m <= 10 ? 600 : 0));
    await insertSignalSamples(app.db, rows);

    await evaluateAllSlos(app.db, new Date(at));
    const page = (await api.slo.alerts({ sloId: loud.id, severity: 'page' })).events.find((e) => e.rule === 'page-1h');
    expect(page).toMatchObject({ rule: 'page-1h', state: 'firing', delivery: { status: 'pending', attempts: 0 } });
    const job = await app.db.selectFrom('ops.jobs').select('id').where('kind', '=', 'slo.notify').where('parameters', '@>', JSON.stringify({ eventId: page!.id }) as never).executeTakeFirstOrThrow();
    expect(await waitForJob(app.db, job.id, ['succeeded'])).toMatchObject({ attempts: 2 });

    const event = (await api.slo.alerts({ sloId: loud.id, severity: 'page' })).events.find((e) => e.id === page!.id)!;
    expect(event.delivery).toEqual({ status: 'delivered', attempts: 2, lastError: 'The webhook answered HTTP 503: slack is having a moment' });
    const forPage = received.filter((r) => r.headers['idempotency-key'] === page!.id);
    expect(forPage).toHaveLength(2);
    expect(forPage[1]!.headers['content-type']).toBe('application/json');
    const { text, blocks } = forPage[1]!.body;
    expect(text).toContain('FIRING (page): SLO shop/availability is burning its error budget too fast');
    expect(text).toContain(`<https://ops.example.test/runbooks/connections.list/show?params=${encodeURIComponent('{"longRunningSeconds":30}')}|`);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'section', 'actions']);
    expect(blocks.at(-1)!.elements![0]!.url).toBe(`https://ops.example.test${event.runbook!.href}`);

    // An SLO that does not notify records its change without sending it.
    const [mutedPage] = (await api.slo.alerts({ sloId: muted.id, severity: 'page' })).events;
    expect(mutedPage).toMatchObject({ state: 'firing', delivery: { status: 'not_configured', attempts: 0 } });
    expect(received.some((r) => r.headers['idempotency-key'] === mutedPage!.id)).toBe(false);
  });

  it('sends to a receiver behind basic auth with the credentials as a header, never quoting them in the delivery error', async () => {
    // fetch refuses a URL with credentials, and its TypeError quotes the URL, password and all.
    const port = (receiver.address() as AddressInfo).port;
    configureSloAlertWebhook({ SLO_ALERT_WEBHOOK_URL: `http://alerts:s3cr%40t-pw@127.0.0.1:${port}/hooks/slo`, PUBLIC_URL: 'https://ops.example.test' });
    try {
      const slo = await app.db.selectFrom('ops.slos').select('id').where('service', '=', 'shop').where('name', '=', 'availability').executeTakeFirstOrThrow();
      const eventId = await insertAlertEvent(app.db, {
        sloId: slo.id, rule: 'ticket-3d', severity: 'ticket', state: 'firing', at: new Date(at), longBurnRate: 2, shortBurnRate: 3, budgetRemaining: 0.5, deliveryStatus: 'pending',
      });
      const job = await enqueueJob(app.db, sloNotifyJob, { eventId }, { startedBy: null });
      const done = await waitForJob(app.db, job.id, ['succeeded', 'failed']);
      expect(`${done.error ?? ''}`).not.toContain('s3cr');

      // Support reads the alert history, so the delivery error must never hold a secret.
      const { api } = await app.callerAs(['support']);
      const event = (await api.slo.alerts({ sloId: slo.id, severity: 'ticket' })).events.find((e) => e.id === eventId)!;
      expect(event.delivery).toEqual({ status: 'delivered', attempts: 2, lastError: 'The webhook answered HTTP 503: slack is having a moment' });
      const attempts = received.filter((r) => r.headers['idempotency-key'] === eventId);
      expect(attempts.map((r) => r.headers.authorization)).toEqual(new Array(2).fill(`Basic ${Buffer.from('alerts:s3cr@t-pw').toString('base64')}`));
    } finally {
      configureSloAlertWebhook({ SLO_ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/slo`, PUBLIC_URL: 'https://ops.example.test' });
    }
  });

  it('runs the evaluation as the built-in slo.evaluate job, scheduled every minute', async () => {
    expect(BUILT_IN_JOB_KINDS).toEqual(expect.arrayContaining([sloEvaluateJob, sloNotifyJob]));
    expect(BUILT_IN_JOB_SCHEDULES).toContainEqual({ kind: sloEvaluateJob, match: '* * * * *' });
    await app.db.deleteFrom('ops.sloStatuses').execute();
    const job = await enqueueJob(app.db, sloEvaluateJob, {}, { startedBy: null });
    const done = await waitForJob(app.db, job.id, ['succeeded']);
    const slos = await app.db.selectFrom('ops.slos').select('id').execute();
    expect(done.result).toMatchObject({ slos: slos.length });
    expect(await app.db.selectFrom('ops.sloStatuses').select('sloId').execute()).toHaveLength(slos.length);
  });
});
