import { z } from 'zod';
import { defineJobKind, type RetryPolicy } from '../jobs/jobKind.js';
import { findAlertEventForDelivery, recordDelivery } from './sloAlerts.queries.js';
import { alertEventView } from './sloViews.js';
import { postSloAlert, sloAlertMessage, sloAlertWebhook } from './sloWebhook.js';

/** About 17 minutes of retries in all (1 s, 2 s, … 8.5 min): a receiver that is restarting gets the alert. */
const RETRY: RetryPolicy = { limit: 11, backoff: { initialMs: 1_000, maxMs: 600_000 } };

/**
 * Sends one alert event to SLO_ALERT_WEBHOOK_URL (sloWebhook.ts), retried with backoff by
 * the engine. The event id travels as the Idempotency-Key header, so a receiver that got
 * an attempt whose answer was lost can drop the repeat; an event already delivered is not
 * sent again. Each attempt is recorded on the event (status, attempts, last error).
 */
export const sloNotifyJob = defineJobKind({
  name: 'slo.notify',
  title: 'Send an SLO alert to the webhook',
  params: z.strictObject({ eventId: z.uuid() }),
  timeoutMs: 30_000,
  retry: RETRY,
  resumable: true,
  async run({ db, params, attempt, signal, log }) {
    const event = await findAlertEventForDelivery(db, params.eventId);
    if (!event) return { skipped: 'the event is gone (pruned)' };
    if (event.deliveryStatus === 'delivered') return { skipped: 'already delivered' };
    const { url, publicUrl } = sloAlertWebhook();
    if (!url) {
      await recordDelivery(db, event.id, { status: 'not_configured', attempts: event.deliveryAttempts, lastError: null });
      return { skipped: 'SLO_ALERT_WEBHOOK_URL is not set' };
    }
    try {
      await postSloAlert(url, event.id, sloAlertMessage(alertEventView(event), publicUrl), signal);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const last = attempt >= RETRY.limit;
      await recordDelivery(db, event.id, { status: last ? 'failed' : 'pending', attempts: attempt, lastError: message });
      throw error;
    }
    // The last failure stays on the event: "delivered on attempt 3" reads better with why 1 and 2 failed.
    await recordDelivery(db, event.id, { status: 'delivered', attempts: attempt, lastError: event.deliveryLastError });
    await log(`Delivered the ${event.state} event of ${event.service}/${event.sloName} (${event.rule}) on attempt ${attempt}.`);
    return { delivered: true, attempt };
  },
});
