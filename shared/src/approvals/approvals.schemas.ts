import { z } from 'zod';
import { safeText } from '../text/safeText.js';

/**
 * A request's life: pending a second person → executing (decided; the effect is in
 * flight) → succeeded or failed; or rejected, expired, or void (its requester was
 * disabled before anyone decided).
 */
export const APPROVAL_STATUSES = ['pending_approval', 'executing', 'succeeded', 'failed', 'rejected', 'expired', 'void'] as const;

export const ZFindApprovalsRequestSchema = z.strictObject({
  scope: z.enum(['to_decide', 'mine', 'all']).default('to_decide'),
  status: z.enum(APPROVAL_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZDecideApprovalRequestSchema = z.strictObject({
  id: z.uuid(),
  comment: safeText({ max: 1000, min: 3, minMessage: 'Add a comment of at least 3 characters', multiline: true }),
});

export interface TApprovalRequest {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  input: unknown;
  preview: unknown;
  reason: string | null;
  status: (typeof APPROVAL_STATUSES)[number];
  approvalReason: string | null;
  /** The money the action moves or promises (refunded, credited, charged now), in minor units; null for actions that move none. */
  money: { amount: number; currency: string } | null;
  requester: { id: string; email: string };
  approver: { id: string; email: string } | null;
  decisionComment: string | null;
  createdAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
  result: unknown;
  canDecide: boolean;
  /** A pending request whose target changed since it was made (e.g. a flag change): approving it would be refused, and why. */
  stale?: string | null;
}
