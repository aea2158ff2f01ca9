import { z } from 'zod';
import { defineJobKind, type RetryPolicy } from '../jobs/jobKind.js';
import { findAlertEventForDelivery, findUndeliveredThrough, recordDelivery, SLO_NOTIFY_JOB_KIND, withDeliveryTurn } from './sloAlerts.queries.js';
import { alertEventView } from './sloViews.js';
import { postSloAlert, sloAlertMessage, sloAlertWebhook } from './sloWebhook.js';

/** About 17 minutes of retries in all (1 s, 2 s, … 8.5 min): a receiver that is restarting gets the alert. */
const RETRY: RetryPolicy = { limit: 11, backoff: { initialMs: 1_000, maxMs: 600_000 } };

/**
 * Sends one alert event to SLO_ALERT_WEBHOOK_URL (sloWebhook.ts), retried with backoff by
 * the engine. The event id travels as the Idempotency-Key header, so a receiver that got
 * an attempt whose answer was lost can drop the repeat; an event already delivered is not
 * sent again. Each attempt is recorded on the event (status, attempts, last error).
 *
 * Events of one SLO × rule reach the webhook in the order they happened: a job takes the
 * rule's delivery turn and first sends the earlier events still pending, then its own.
 * Otherwise a firing event still retrying after an outage could land after its resolved
 * event, and the channel would end on FIRING for an alert that is over. On-call gets the
 * whole story instead, FIRING then RESOLVED, ending on the current state, and as soon as
 * any job of the rule gets through: the resolved event does not sit behind the firing
 * event's longer backoff. An earlier event whose own job gave up (failed) no longer holds
 * the later ones back; nor does one whose job was cancelled or timed out, which the next
 * evaluation pass marks failed (closeAbandonedDeliveries).
 */
export const sloNotifyJob = defineJobKind({
  name: SLO_NOTIFY_JOB_KIND,
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
      await recordDelivery(db, event.id, { status: 'not_configured', posted: false, lastError: null });
      return { skipped: 'SLO_ALERT_WEBHOOK_URL is not set' };
    }
    const finalStatus = attempt >= RETRY.limit ? 'failed' : 'pending';
    const outcome = await withDeliveryTurn(db, event.sloId, event.rule, async (conn) => {
      const queue = await findUndeliveredThrough(conn, event);
      // Sent meanwhile by the job of a later event of this rule, which sends the earlier ones first.
      if (queue.at(-1)?.id !== event.id) return { skipped: 'no longer pending: sent by the job of a later event' } as const;
      for (const next of queue) {
        try {
          await postSloAlert(url, next.id, sloAlertMessage(alertEventView(next), publicUrl), signal);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // An earlier event keeps "pending": its own job decides when to give up on it.
          await recordDelivery(conn, next.id, { status: next.id === event.id ? finalStatus : 'pending', posted: true, lastError: message });
          if (next.id !== event.id) {
            await recordDelivery(conn, event.id, { status: finalStatus, posted: false, lastError: `Waiting for the earlier ${next.state} event ${next.id}: ${message}` });
          }
          return { error } as const;
        }
        // The last failure stays on the event: "delivered on attempt 3" reads better with why 1 and 2 failed.
        await recordDelivery(conn, next.id, { status: 'delivered', posted: true, lastError: next.deliveryLastError });
        await log(`Delivered the ${next.state} event of ${next.service}/${next.sloName} (${next.rule}) at ${next.at.toISOString()}${next.id === event.id ? '' : ', an earlier one,'} on attempt ${attempt}.`);
      }
      return { delivered: queue.length } as const;
    });
    if ('error' in outcome) throw outcome.error;
    return 'skipped' in outcome ? outcome : { delivered: true, attempt, events: outcome.delivered };
  },
});
