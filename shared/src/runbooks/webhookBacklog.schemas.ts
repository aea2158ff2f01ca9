import { z } from 'zod';

/**
 * Parameter schemas of the Stripe webhook backlog runbook actions (docs/runbook.md,
 * "Stripe webhook backlog"), shared by the server and the console's form. Every field
 * is a plain number with a default: the form needs no input to plan. The caps on events
 * per run keep a plan (a step, a row and a state entry per event) within the 64 kB a
 * stored plan may take; a bigger backlog is several runs.
 */

/** A pending event older than this was received but not applied: the inbox worker is stuck. */
const stuckAfterMinutes = z
  .number()
  .int('Whole minutes')
  .min(1, 'At least 1 minute')
  .max(7 * 24 * 60, 'At most 7 days')
  .default(5)
  .describe('Count a pending event as stuck after (minutes)');

export const ZWebhookBacklogParams = z.strictObject({ stuckAfterMinutes });
export type TWebhookBacklogParams = z.infer<typeof ZWebhookBacklogParams>;

export const ZWebhookReplayParams = z.strictObject({
  stuckAfterMinutes,
  limit: z.number().int('A whole number').min(1, 'At least 1 event').max(150, 'At most 150 events per run').default(100).describe('Events to replay at most (oldest first)'),
});
export type TWebhookReplayParams = z.infer<typeof ZWebhookReplayParams>;

/** Stripe keeps events for 30 days: GET /v1/events reaches no further. */
export const STRIPE_EVENT_RETENTION_DAYS = 30;

export const ZWebhookFetchMissedParams = z.strictObject({
  overlapMinutes: z
    .number()
    .int('Whole minutes')
    .min(0, 'Not negative')
    .max(STRIPE_EVENT_RETENTION_DAYS * 24 * 60, 'At most 30 days')
    .default(60)
    .describe('Also look this far before the newest event in the ledger (minutes; deliveries arrive out of order)'),
  limit: z.number().int('A whole number').min(1, 'At least 1 event').max(200, 'At most 200 events per run').default(150).describe('Missing events to apply at most (oldest first)'),
  settleSeconds: z
    .number()
    .int('Whole seconds')
    .min(0, 'Not negative')
    .max(3600, 'At most an hour')
    .default(60)
    .describe('Leave out events younger than (seconds; their webhooks may still be on the way)'),
});
export type TWebhookFetchMissedParams = z.infer<typeof ZWebhookFetchMissedParams>;
