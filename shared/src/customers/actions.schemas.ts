import { z } from 'zod';
import { prefixedId, safeText } from '../text/safeText.js';

/** Risk tiers, declared once per action on the server and shown by the console. */
export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/**
 * Fields every staff action accepts. `reason` is the internal note (required from
 * `medium` up); `confirmation` is the customer's email typed by hand (`high`). Strict:
 * every action extends it, so an unknown key is refused (400) instead of stored.
 */
export const ZActionFields = z.strictObject({
  reason: safeText({ max: 1000, multiline: true }).optional(),
  confirmation: safeText({ max: 254 }).optional(),
});

export const STRIPE_REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;
/** As the refund dialog offers them, and as a preview, an approval or the audit log reads them back. */
export const STRIPE_REFUND_REASON_LABELS: Record<(typeof STRIPE_REFUND_REASONS)[number], string> = {
  requested_by_customer: 'Requested by customer',
  duplicate: 'Duplicate',
  fraudulent: 'Fraudulent',
};

export const ZRefundRequestSchema = ZActionFields.extend({
  chargeId: prefixedId('ch', 'A Stripe charge id starts with ch_'),
  /** In the charge's smallest currency unit (cents); omitted = everything still refundable. */
  amount: z.number().int('Amounts are in cents').positive('The amount must be positive').max(99_999_999, 'Stripe takes at most 99,999,999 in one amount').optional(),
  stripeReason: z.enum(STRIPE_REFUND_REASONS),
  /**
   * Identical refunds (same charge, amount and reason) are one refund however often
   * they are sent — double clicks, retries, two tabs. To refund the same amount again
   * on purpose, send the number of identical refunds already made.
   */
  repeat: z.number().int().min(0).max(100).default(0),
});
export type TRefundRequest = z.infer<typeof ZRefundRequestSchema>;



/**
 * What every action answers: done now, waiting for a second person, or in progress (an
 * identical request is being carried out right now, or Stripe has not confirmed it yet
 * and Opsdesk finishes it from Stripe with the same idempotency key).
 */
export type TActionOutcome<TResult> =
  | { status: 'done'; requestId: string; result: TResult; duplicate: boolean }
  | { status: 'in_progress'; requestId: string; duplicate: boolean }
  | { status: 'approval_requested'; requestId: string; approvalReason: string; expiresAt: string; duplicate: boolean };
