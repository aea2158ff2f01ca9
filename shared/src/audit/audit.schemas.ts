import { z } from 'zod';

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;

export const ZFindAuditRequestSchema = z.object({
  /** Free text over action, target id, actor email and reason. */
  q: z.string().trim().max(200).optional(),
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(200).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Opaque keyset cursor returned by the previous page. */
  cursor: z.string().regex(/^\d+$/, 'Invalid cursor').optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TFindAuditRequest = z.infer<typeof ZFindAuditRequestSchema>;

export const ZGetAuditRequestSchema = z.object({ id: z.string().regex(/^\d+$/, 'Audit ids are numbers') });

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
}
