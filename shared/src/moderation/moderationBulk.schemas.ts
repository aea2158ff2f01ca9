import { z } from 'zod';
import { safeText } from '../text/safeText.js';
import { MODERATION_PRIORITY_BUCKETS, ZModerationReasonCode } from './moderation.schemas.js';

/**
 * Contracts of `moderation.bulk` (docs/moderation.md, "Bulk actions"): one decision
 * applied to chosen queue entries, or to every live entry matching a filter, by a durable
 * server job over the set frozen when it starts. Zod only, so the console reuses them.
 */

const ZEntryId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a queue entry id');
const ZRunId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a bulk run id');

/** Which live entries (open, or claimed) a filter selects; every field narrows it. */
export const ZModerationBulkFilterSchema = z.strictObject({
  reasonGroup: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a reason group name').optional(),
  bucket: z.enum(MODERATION_PRIORITY_BUCKETS).optional(),
  /** Entries one of whose reports gave this reason. */
  reportReason: ZModerationReasonCode.optional(),
  /** As on the queue page: the content's title or body (case-insensitive substring), or an exact content id. */
  search: safeText({ max: 100, min: 1 }).optional(),
});
export type TModerationBulkFilter = z.output<typeof ZModerationBulkFilterSchema>;

export const ZModerationBulkEstimateRequestSchema = z.strictObject({ filter: ZModerationBulkFilterSchema });

export const ZModerationBulkSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entries'), entryIds: z.array(ZEntryId).min(1).max(1000) }),
  /** `estimate`: the N the moderator confirmed; the run records the real total when it freezes the set. */
  z.strictObject({ kind: z.literal('filter'), filter: ZModerationBulkFilterSchema, estimate: z.number().int().min(0).max(10_000_000) }),
]);

export const ZModerationBulkStartRequestSchema = z.strictObject({
  selection: ZModerationBulkSelectionSchema,
  /** Decides the type (dismiss, label, hide, remove; account measures are refused, as for one decision). */
  reasonCode: ZModerationReasonCode,
  /** The internal, audited reason, recorded on the run and every decision. */
  reason: safeText({ max: 1000, min: 1, minMessage: 'Give a reason', multiline: true }),
  /** The statement of reasons' facts and circumstances for every item (defaults to `reason`). */
  facts: safeText({ max: 5000, multiline: true }).optional(),
});
export type TModerationBulkStartRequest = z.input<typeof ZModerationBulkStartRequestSchema>;

export const MODERATION_BULK_ITEM_STATUSES = ['pending', 'done', 'skipped', 'failed'] as const;
export type TModerationBulkItemStatus = (typeof MODERATION_BULK_ITEM_STATUSES)[number];

export const ZModerationBulkGetRequestSchema = z.strictObject({
  runId: ZRunId,
  itemStatus: z.enum(MODERATION_BULK_ITEM_STATUSES).optional(),
  /** Items after this entry id (the page's `nextCursor`). */
  cursor: ZEntryId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZModerationBulkListRequestSchema = z.strictObject({
  cursor: ZRunId.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const ZModerationBulkCancelRequestSchema = z.strictObject({ runId: ZRunId });
