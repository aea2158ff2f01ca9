import { z } from 'zod';
import { opaqueCursor, safeText } from '../text/safeText.js';

/**
 * Contracts of `moderation.appeals.*` (docs/moderation.md, "Appeals and reversal").
 * Zod only, so the console reuses them for its forms. An appeal contests one decision,
 * stays possible until the decision's appeal deadline (6 months), and is decided by a
 * moderator other than the one who took the decision: upheld, or reversed in one step.
 */

export const MODERATION_APPEAL_STATUSES = ['open', 'upheld', 'reversed'] as const;
export type TModerationAppealStatus = (typeof MODERATION_APPEAL_STATUSES)[number];

/** How the appeal reached Opsdesk: typed in by staff for the user (mail, phone), or filed in the product's appeal form. */
export const MODERATION_APPEAL_CHANNELS = ['staff_on_behalf', 'product'] as const;
export type TModerationAppealChannel = (typeof MODERATION_APPEAL_CHANNELS)[number];

const ZAppealId = z.uuid();

export const ZModerationAppealListRequestSchema = z.strictObject({
  status: z.enum(MODERATION_APPEAL_STATUSES).default('open'),
  /** Only appeals the caller may decide: those on decisions someone else took. */
  forMe: z.boolean().default(false),
  cursor: opaqueCursor(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TModerationAppealListRequest = z.input<typeof ZModerationAppealListRequestSchema>;

export const ZModerationAppealOpenRequestSchema = z.strictObject({
  decisionId: z.uuid(),
  /** The product user who appeals: the decision's author, or one of its reporters. */
  appellantUserId: z.uuid(),
  channel: z.enum(MODERATION_APPEAL_CHANNELS).default('staff_on_behalf'),
  /** The appellant's own words. */
  statement: safeText({ max: 5000, min: 1, minMessage: "Write the appellant's statement", multiline: true }),
  /** Internal, audited: why staff enter it (e.g. "received by mail on 2 May"). */
  reason: safeText({ max: 1000, min: 1, minMessage: 'Give a reason', multiline: true }),
});
export type TModerationAppealOpenRequest = z.input<typeof ZModerationAppealOpenRequestSchema>;

/** One appeal, where an audit entry about it links. */
export const ZModerationAppealGetRequestSchema = z.strictObject({ appealId: ZAppealId });
export type TModerationAppealGetRequest = z.input<typeof ZModerationAppealGetRequestSchema>;

export const ZModerationAppealDecideRequestSchema = z.strictObject({
  appealId: ZAppealId,
  outcome: z.enum(['upheld', 'reversed']),
  /** Audited, and the core of what the appellant is told. */
  reason: safeText({ max: 1000, min: 1, minMessage: 'Give a reason', multiline: true }),
});
export type TModerationAppealDecideRequest = z.input<typeof ZModerationAppealDecideRequestSchema>;
