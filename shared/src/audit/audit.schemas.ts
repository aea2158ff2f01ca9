import { z } from 'zod';
import { bigintId, boundedDateTime, safeText } from '../text/safeText.js';

export const AUDIT_RESULTS = ['success', 'failure', 'denied', 'attempted'] as const;

export const ZFindAuditRequestSchema = z.strictObject({
  /** Free text over action, target id, actor email and reason (not reasons sealed under a data subject's key). */
  q: safeText({ max: 200 }).optional(),
  actor: safeText({ max: 254 }).optional(),
  action: safeText({ max: 100 }).optional(),
  targetType: safeText({ max: 100 }).optional(),
  targetId: safeText({ max: 200 }).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: boundedDateTime().optional(),
  to: boundedDateTime().optional(),
  /** Keyset cursor returned by the previous page: the last row's id, which must fit a bigint. */
  cursor: bigintId('This page link is not valid; start from the first page.').optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TFindAuditRequest = z.infer<typeof ZFindAuditRequestSchema>;

export const ZGetAuditRequestSchema = z.strictObject({ id: bigintId('Audit ids are whole numbers') });

export interface TAuditEntry {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  input: unknown;
  before: unknown;
  after: unknown;
  result: (typeof AUDIT_RESULTS)[number];
  error: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string | null;
  hash: string;
  /**
   * The row is about a data subject who was erased: its personal values (input, before,
   * after, reason, error) were sealed under the subject's key, now destroyed.
   */
  personalDataErased?: boolean;
}
