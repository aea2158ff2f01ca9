import { z } from 'zod';
import { ZActionFields } from '../customers/actions.schemas.js';
import { boundedDateTime, opaqueCursor, prefixedId, safeText } from '../text/safeText.js';

/**
 * Contracts of `privacy.*` (docs/gdpr.md). Zod only, so the console reuses them for its
 * forms. A request is an **access** (export) or an **erasure** of one data subject, found
 * by email, product user id or Stripe customer id. Statuses:
 *   received → verified (identity) → approved → in_progress → completed,
 *   or rejected (with a reason), or on_hold (legal hold, with a reason; blocks erasure
 *   until lifted, and the request returns to the status it had).
 * Access: a privacy user approves it (no second person) and the export job starts.
 * Erasure: the plan is requested as the staff action `privacy.erase` and a second person
 * approves it through the approvals inbox; the approval binds the plan's hash.
 */

export const PRIVACY_REQUEST_KINDS = ['access', 'erasure'] as const;
export type TPrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

export const PRIVACY_REQUEST_STATUSES = ['received', 'verified', 'approved', 'in_progress', 'completed', 'rejected', 'on_hold'] as const;
export type TPrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

export const PRIVACY_SUBJECT_KINDS = ['email', 'user_id', 'stripe_customer_id'] as const;
export type TPrivacySubjectKind = (typeof PRIVACY_SUBJECT_KINDS)[number];

/** How the request reached the company (Art. 12 allows any channel). */
export const PRIVACY_REQUEST_CHANNELS = ['email', 'web_form', 'support_ticket', 'post', 'phone', 'other'] as const;
export type TPrivacyRequestChannel = (typeof PRIVACY_REQUEST_CHANNELS)[number];

/** How identity was verified: a recorded step, never assumed. */
export const PRIVACY_VERIFICATION_METHODS = ['email_confirmation', 'signed_in_account', 'id_document', 'support_ticket_history', 'other'] as const;
export type TPrivacyVerificationMethod = (typeof PRIVACY_VERIFICATION_METHODS)[number];

/** Deadline views (docs/gdpr.md, "Deadlines"): due in the next 7 days, past due, extended. */
export const PRIVACY_DEADLINE_VIEWS = ['due_this_week', 'overdue', 'extended', 'on_hold'] as const;
export type TPrivacyDeadlineView = (typeof PRIVACY_DEADLINE_VIEWS)[number];

const ZRequestId = z.uuid();
const reasonText = (what: string) => safeText({ max: 1000, min: 1, minMessage: what, multiline: true });

export const ZPrivacySubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), value: z.email('Enter an email address').max(320) }),
  z.strictObject({ kind: z.literal('user_id'), value: z.uuid('A product user id (a uuid)') }),
  z.strictObject({ kind: z.literal('stripe_customer_id'), value: prefixedId('cus') }),
]);
export type TPrivacySubject = z.infer<typeof ZPrivacySubjectSchema>;

export const ZPrivacyCreateRequestSchema = z.strictObject({
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  subject: ZPrivacySubjectSchema,
  channel: z.enum(PRIVACY_REQUEST_CHANNELS),
  /** When the company received it (the deadline runs from here); now when omitted. Never in the future. */
  receivedAt: boundedDateTime().optional(),
  /** What the person asked, in their words or a summary. */
  note: safeText({ max: 2000, multiline: true }).optional(),
  /**
   * One per filled-in form (the console makes a new one each time the dialog opens): a
   * retry with the same key (double click, network retry) answers the request the first
   * call recorded instead of recording another. Without it every call records.
   */
  idempotencyKey: z.uuid('An idempotency key (a uuid)').optional(),
});
export type TPrivacyCreateRequest = z.input<typeof ZPrivacyCreateRequestSchema>;

export const ZPrivacyVerifyRequestSchema = z.strictObject({
  requestId: ZRequestId,
  method: z.enum(PRIVACY_VERIFICATION_METHODS),
  /** What was checked, e.g. "replied from the account's address on 3 May". */
  note: reasonText('Say how identity was checked'),
});
export type TPrivacyVerifyRequest = z.input<typeof ZPrivacyVerifyRequestSchema>;

export const ZPrivacyExtendRequestSchema = z.strictObject({
  requestId: ZRequestId,
  /** Months added to the original deadline, in all (at most two); only within the first month. */
  months: z.union([z.literal(1), z.literal(2)]),
  /** Told to the person within the first month (Art. 12(3)). */
  reason: reasonText('Give the reason the person will be told'),
});
export type TPrivacyExtendRequest = z.input<typeof ZPrivacyExtendRequestSchema>;

export const ZPrivacyReasonRequestSchema = z.strictObject({ requestId: ZRequestId, reason: reasonText('Give a reason') });
export type TPrivacyReasonRequest = z.input<typeof ZPrivacyReasonRequestSchema>;

export const ZPrivacyIdRequestSchema = z.strictObject({ requestId: ZRequestId });
export type TPrivacyIdRequest = z.input<typeof ZPrivacyIdRequestSchema>;

export const ZPrivacyListRequestSchema = z.strictObject({
  status: z.enum(PRIVACY_REQUEST_STATUSES).optional(),
  kind: z.enum(PRIVACY_REQUEST_KINDS).optional(),
  view: z.enum(PRIVACY_DEADLINE_VIEWS).optional(),
  /** Only requests that still need an answer (not completed or rejected). */
  open: z.boolean().optional(),
  /** A customer page's requests: by Stripe customer id or product user id. */
  customerId: prefixedId('cus').optional(),
  userId: z.uuid().optional(),
  cursor: opaqueCursor(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TPrivacyListRequest = z.input<typeof ZPrivacyListRequestSchema>;

/**
 * The erasure staff action's input (`privacy.previewErasure` / `privacy.requestErasure`): the
 * staff-action fields, whose `reason` the medium risk tier requires (audited, shown to the approver).
 */
export const ZPrivacyErasureRequestSchema = ZActionFields.extend({ requestId: ZRequestId });
export type TPrivacyErasureRequest = z.input<typeof ZPrivacyErasureRequestSchema>;

/** Erasure strategies of the data map (docs/gdpr.md, "Strategies"). */
export const PRIVACY_MASK_STRATEGIES = ['null', 'placeholder', 'keyed_hash', 'truncate_to_month', 'empty_json', 'crypto_shred'] as const;
export type TPrivacyMaskStrategy = (typeof PRIVACY_MASK_STRATEGIES)[number];

/** One table's part of an erasure plan. */
export const ZErasurePlanStepSchema = z.object({
  /** `schema.table`, e.g. `app.content`. */
  table: z.string(),
  action: z.enum(['delete', 'mask', 'keep']),
  rows: z.number().int().min(0),
  /** Columns masked and how (mask, and keep with masked fields). */
  columns: z.array(z.object({ column: z.string(), strategy: z.enum(PRIVACY_MASK_STRATEGIES) })),
  /** keep: the legal basis and how long, in words (e.g. "accounting obligation (invoices), 10 years"). */
  basis: z.string().nullable(),
  retention: z.string().nullable(),
});
export type TErasurePlanStep = z.infer<typeof ZErasurePlanStepSchema>;

/** Where a mention's record opens in the console (web/src/features/privacy/ErasureMentions.tsx maps it to a page). */
export const ERASURE_MENTION_LINKS = ['customers', 'approvals', 'moderation', 'moderation-bulk', 'privacy'] as const;

/**
 * Free text on someone else's record that quotes the subject (docs/gdpr.md, "Mentions
 * elsewhere"): found when the plan is made, shown to the officer and the approver, never
 * changed by the erasure.
 */
export const ZErasureMentionSchema = z.object({
  /** `schema.table` and the column (or JSON field) holding the text. */
  table: z.string(),
  column: z.string(),
  recordId: z.string(),
  /** The record in words, e.g. "Staff note on customer 3f…". */
  kind: z.string(),
  link: z.object({ resource: z.enum(ERASURE_MENTION_LINKS), id: z.string() }).nullable(),
  writtenAt: z.string(),
  /** What matched: one of the subject's email addresses, or their full name. */
  matched: z.enum(['email', 'name']),
  /** About 120 characters around the first match, the match itself apart. */
  excerpt: z.object({ before: z.string(), match: z.string(), after: z.string() }),
});
export type TErasureMention = z.infer<typeof ZErasureMentionSchema>;

export const ZErasureMentionsSchema = z.object({
  /** Newest first, at most `limit`. */
  items: z.array(ZErasureMentionSchema),
  /** Every match found, listed or not. */
  total: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export type TErasureMentions = z.infer<typeof ZErasureMentionsSchema>;

export const ZErasurePlanSchema = z.object({
  requestId: z.uuid(),
  subject: z.object({ userId: z.uuid().nullable(), customerIds: z.array(z.string()), label: z.string() }),
  steps: z.array(ZErasurePlanStepSchema),
  stripe: z.object({ customerIds: z.array(z.string()), action: z.literal('delete_customer') }),
  /** Audit subject keys destroyed (crypto-shredding, docs/gdpr.md "The audit log") and the rows they cover. */
  audit: z.object({ subjectKeys: z.number().int(), rows: z.number().int() }),
  /**
   * Mentions elsewhere: informational, left out of the hash (a mention removed by hand
   * between request and approval must not make the approval stale). Absent from the plan
   * stored when the erasure starts, and from plans made before the list existed.
   */
  mentions: ZErasureMentionsSchema.optional(),
  /** sha256 of the plan's canonical JSON without this field, `plannedAt` and `mentions`: the approval binds it. */
  hash: z.string(),
  plannedAt: z.string(),
});
export type TErasurePlan = z.infer<typeof ZErasurePlanSchema>;

export interface TPrivacyRequest {
  id: string;
  kind: TPrivacyRequestKind;
  status: TPrivacyRequestStatus;
  subject: { kind: TPrivacySubjectKind; value: string; label: string | null; userId: string | null; customerIds: string[] };
  channel: TPrivacyRequestChannel;
  note: string | null;
  receivedAt: string;
  /** YYYY-MM-DD: one calendar month after receipt (deadlines.ts), or the extended date. */
  dueOn: string;
  originalDueOn: string;
  extension: { months: number; reason: string; at: string; byLabel: string } | null;
  /** Whole days until due (negative: overdue), from today in UTC; null once completed or rejected. */
  daysLeft: number | null;
  verification: { method: TPrivacyVerificationMethod; note: string; at: string; byLabel: string } | null;
  hold: { reason: string; at: string; byLabel: string; statusBefore: TPrivacyRequestStatus } | null;
  rejectedReason: string | null;
  approvalRequestId: string | null;
  jobId: string | null;
  export: { bytes: number; sha256: string; expiresAt: string; deleted: boolean } | null;
  hasReceipt: boolean;
  completedAt: string | null;
  createdByLabel: string;
  createdAt: string;
}

/** `privacy.get`: the request, its erasure plan (once previewed or approved) and its history from the audit log. */
export interface TPrivacyRequestDetail extends TPrivacyRequest {
  plan: TErasurePlan | null;
  history: { at: string; action: string; actorLabel: string; summary: string }[];
  /** The export or erasure job's progress, for those who may not read the Jobs page. */
  job: { status: string; progressDone: number; progressTotal: number | null } | null;
}

export interface TPrivacyDeadlineCounts {
  dueThisWeek: number;
  overdue: number;
  extended: number;
  onHold: number;
}

/** The signed deletion receipt (docs/gdpr.md, "Receipts"); `npm run gdpr:verify-receipt <file>` checks it. */
export interface TDeletionReceipt {
  receipt: {
    version: 1;
    requestId: string;
    /** The subject as a keyed hash: the receipt itself holds no personal data. */
    subjectHash: string;
    receivedAt: string;
    approvedBy: string;
    startedAt: string;
    completedAt: string;
    planHash: string;
    tables: { table: string; action: 'delete' | 'mask' | 'keep'; rows: number; columns: string[]; basis: string | null; retention: string | null }[];
    stripe: { customerId: string; deleted: boolean; response: unknown }[];
    audit: { subjectKeysShredded: number; rowsCovered: number; chainVerified: boolean };
  };
  signature: { algorithm: 'Ed25519'; keyId: string; publicKey: string; value: string };
}
