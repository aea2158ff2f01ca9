import { z } from 'zod';

export const ZFindApprovalsRequestSchema = z.object({
  scope: z.enum(['to_decide', 'mine', 'all']).default('to_decide'),
  status: z.enum(['pending_approval', 'succeeded', 'rejected', 'expired']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZDecideApprovalRequestSchema = z.object({
  id: z.uuid(),
  comment: z.string().trim().min(3, 'Add a comment of at least 3 characters').max(1000),
});

export interface TApprovalRequest {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  input: unknown;
  preview: unknown;
  reason: string | null;
  status: 'pending_approval' | 'succeeded' | 'rejected' | 'expired';
  approvalReason: string | null;
  requester: { id: string; email: string };
  approver: { id: string; email: string } | null;
  decisionComment: string | null;
  createdAt: string;
  expiresAt: string | null;
  decidedAt: string | null;
  result: unknown;
  canDecide: boolean;
}
