import { z } from 'zod';

/** Risk tiers, declared once per action on the server and shown by the console. */
export const RISK_TIERS = ['low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/**
 * Fields every staff action accepts. `reason` is the internal note (required from
 * `medium` up); `confirmation` is the customer's email typed by hand (`high`).
 */
export const ZActionFields = z.object({
  reason: z.string().trim().max(1000).optional(),
  confirmation: z.string().trim().max(254).optional(),
});

export const STRIPE_REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export const ZRefundRequestSchema = ZActionFields.extend({
  chargeId: z.string().regex(/^ch_\w+$/, 'A Stripe charge id starts with ch_'),
  /** In the charge's smallest currency unit (cents); omitted = everything still refundable. */
  amount: z.number().int('Amounts are in cents').positive('The amount must be positive').optional(),
  stripeReason: z.enum(STRIPE_REFUND_REASONS),
  /**
   * Identical refunds (same charge, amount and reason) are one refund however often
   * they are sent — double clicks, retries, two tabs. To refund the same amount again
   * on purpose, send the number of identical refunds already made.
   */
  repeat: z.number().int().min(0).max(100).default(0),
});
export type TRefundRequest = z.infer<typeof ZRefundRequestSchema>;



/** What every action answers: done now, or waiting for a second person. */
export type TActionOutcome<TResult> =
  | { status: 'done'; requestId: string; result: TResult; duplicate: boolean }
  | { status: 'approval_requested'; requestId: string; approvalReason: string; expiresAt: string; duplicate: boolean };
