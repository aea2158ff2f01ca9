import { z } from 'zod';
import { opaqueCursor, safeText } from '../text/safeText.js';
import { DSA_DECISION_GROUNDS, DSA_EEA_COUNTRIES, DSA_YES_NO, type TDsaCategory, type TDsaDecisionGround } from './dsaStatement.js';

/**
 * Contracts of the moderation router (docs/moderation.md). Zod only, so the console
 * reuses them for its forms. Free text goes through safeText; every object is strict.
 */

export const MODERATION_DECISION_TYPES = ['dismiss', 'label', 'hide', 'remove', 'suspend_author', 'ban_author'] as const;
export type TModerationDecisionType = (typeof MODERATION_DECISION_TYPES)[number];

/** One row of the policy table (ops.moderation_reason_codes): what the server reads and the decision panel offers. */
export interface TModerationReasonCode {
  code: string;
  label: string;
  reasonGroup: string;
  dsaCategory: TDsaCategory;
  decisionType: TModerationDecisionType;
  decisionGround: TDsaDecisionGround;
  groundReference: string;
  severity: number;
  active: boolean;
}

export const MODERATION_QUEUE_STATUSES = ['open', 'claimed', 'decided'] as const;
export type TModerationQueueStatus = (typeof MODERATION_QUEUE_STATUSES)[number];

/** Priority buckets, from the entry's score without its age term (docs/moderation.md, "Priority"). */
export const MODERATION_PRIORITY_BUCKETS = ['urgent', 'high', 'normal', 'low'] as const;
export type TModerationPriorityBucket = (typeof MODERATION_PRIORITY_BUCKETS)[number];

/** Kinds of the append-only event log per subject; some are for features still to come (appeals, rules). */
export const MODERATION_EVENT_KINDS = ['report_received', 'claimed', 'released', 'lease_expired', 'decided', 'note', 'reversal', 'appeal_received', 'appeal_decided', 'rule_hit'] as const;
export type TModerationEventKind = (typeof MODERATION_EVENT_KINDS)[number];

/** A lease lasts this long unless renewed; an expired lease returns the item to the queue. */
export const MODERATION_LEASE_SECONDS = 300;
/** Appeals stay possible this long after a decision (EU DSA Art. 20). */
export const MODERATION_APPEAL_MONTHS = 6;

const ZReasonGroup = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a reason group name');
export const ZModerationReasonCode = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a reason code');
const ZEntryId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a queue entry id');

export const ZModerationQueueRequestSchema = z.strictObject({
  reasonGroup: ZReasonGroup.optional(),
  status: z.enum(MODERATION_QUEUE_STATUSES).default('open'),
  /** Matches the content's title or body (case-insensitive substring), or an exact content id. */
  search: safeText({ max: 100 }).optional(),
  cursor: opaqueCursor(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TModerationQueueRequest = z.input<typeof ZModerationQueueRequestSchema>;

export const ZModerationNextRequestSchema = z.strictObject({ reasonGroup: ZReasonGroup.optional() });
export const ZModerationEntryRequestSchema = z.strictObject({ entryId: ZEntryId });
export const ZModerationItemRequestSchema = ZModerationEntryRequestSchema;

export const ZModerationAddNoteRequestSchema = z.strictObject({
  entryId: ZEntryId,
  body: safeText({ max: 4000, min: 1, minMessage: 'Write the note', multiline: true }),
});

/**
 * A decision on the entry the caller holds. The decision type comes from the reason
 * code (the policy table); the statement of reasons is built on the server from the
 * code, the content and these fields. `reason` is the internal, audited reason;
 * `facts` what the author and the DSA record are told (defaults to `reason`).
 */
export const ZModerationDecideRequestSchema = z.strictObject({
  entryId: ZEntryId,
  reasonCode: ZModerationReasonCode,
  reason: safeText({ max: 1000, min: 1, minMessage: 'Give a reason', multiline: true }),
  facts: safeText({ max: 5000, multiline: true }).optional(),
  decisionGround: z.enum(DSA_DECISION_GROUNDS).optional(),
  /** The law relied on (illegal content) or the terms' clause (incompatible content); defaults from the policy table. */
  groundReference: safeText({ max: 500 }).optional(),
  /** Incompatible content that is also illegal. */
  alsoIllegal: z.enum(DSA_YES_NO).optional(),
  territorialScope: z.array(z.enum(DSA_EEA_COUNTRIES)).min(1).max(DSA_EEA_COUNTRIES.length).optional(),
  /** Timed suspensions only. */
  suspendDays: z.number().int().min(1).max(365).optional(),
  /** Ban decisions: the author's email typed by hand (customers.ban is a high-risk action). */
  confirmation: safeText({ max: 254 }).optional(),
});
export type TModerationDecideRequest = z.input<typeof ZModerationDecideRequestSchema>;
