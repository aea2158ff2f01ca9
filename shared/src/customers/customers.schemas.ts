import { z } from 'zod';
import { boundedDateTime, opaqueCursor, prefixedId, safeText } from '../text/safeText.js';
import { ZActionFields } from './actions.schemas.js';

/**
 * The customer contract between server and console. "Customer" = a product user
 * (`app.users`), with the workspaces they own and those workspaces' Stripe customers.
 */
export const USER_STATUSES = ['active', 'suspended', 'banned', 'deleted'] as const;

// ── Universal lookup (app bar search and Ctrl/Cmd-K) ──
export const ZCustomerSearchRequestSchema = z.strictObject({
  q: safeText({ max: 200, min: 1, minMessage: 'Type something to search for' }),
  limit: z.number().int().min(1).max(50).default(10),
});

export const SEARCH_MATCH_KINDS = ['user_id', 'stripe_id', 'email', 'email_prefix', 'email_substring', 'email_fuzzy', 'name', 'workspace', 'domain', 'card_last4', 'invoice_number'] as const;
export type TSearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number];

export interface TCustomerSearchResult {
  userId: string;
  email: string;
  name: string;
  status: (typeof USER_STATUSES)[number];
  plan: string | null;
  country: string | null;
  signupAt: string;
  stripeCustomerIds: string[];
  workspaceNames: string[];
  matchedOn: TSearchMatchKind;
}

export interface TCustomerSearchResponse {
  /** Set when the query was an exact id (user id, cus_/sub_/in_/ch_/pi_/re_): open it directly. */
  exact: { userId: string; matchedOn: TSearchMatchKind } | null;
  results: TCustomerSearchResult[];
}

// ── Customer list ──
/** The orders the customer list pages through by keyset; `mrr_desc`: highest MRR first, then everyone without MRR. */
export const CUSTOMER_LIST_SORTS = ['signup_desc', 'signup_asc', 'email_asc', 'mrr_desc'] as const;
export type TCustomerListSort = (typeof CUSTOMER_LIST_SORTS)[number];

export const ZCustomerListFilterSchema = z.strictObject({
  status: z.enum(USER_STATUSES).optional(),
  plan: safeText({ max: 50 }).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'A country is a 2-letter ISO code').optional(),
  signupFrom: boundedDateTime().optional(),
  signupTo: boundedDateTime().optional(),
  hasFailedPayment: z.boolean().optional(),
  mrrMin: z.number().int().min(0).optional(),
  mrrMax: z.number().int().min(0).optional(),
});
export type TCustomerListFilter = z.infer<typeof ZCustomerListFilterSchema>;

export const ZCustomerListRequestSchema = z.strictObject({
  filter: ZCustomerListFilterSchema.default({}),
  sort: z.enum(CUSTOMER_LIST_SORTS).default('signup_desc'),
  /** Opaque: the last row's sort key and id, checked when decoded (lookup.cursor.ts). */
  cursor: opaqueCursor(1500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface TCustomerListResponse {
  /** `mrr`: cents per month in the reporting currency (`lookup.mrrCurrency`), the filter's own measure. */
  rows: (TCustomerSearchResult & { mrr: number })[];
  nextCursor: string | null;
  /** From the planner's statistics, never COUNT(*) over the big tables. */
  estimatedTotal: number;
}

export const ZSavedFilterSchema = z.strictObject({
  name: safeText({ max: 100, min: 1, minMessage: 'Enter a name' }),
  filter: ZCustomerListFilterSchema,
  shared: z.boolean().default(true),
});

// ── Customer page ──
export const ZCustomerRefSchema = z.strictObject({ userId: z.uuid() });

export interface TCustomerSubscription {
  id: string;
  stripeCustomerId: string;
  status: string;
  planName: string | null;
  priceId: string | null;
  interval: string | null;
  intervalCount: number | null;
  quantity: number;
  amount: number | null;
  currency: string | null;
  /** Monthly-normalised contribution in cents (Stripe's MRR definition). */
  mrr: number;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  trialEnd: string | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  pauseCollection: unknown;
  couponIds: string[];
}

export interface TCustomerPage {
  user: { id: string; email: string; name: string; status: (typeof USER_STATUSES)[number]; suspendedUntil: string | null; country: string | null; createdAt: string; lastSeenAt: string | null };
  workspaces: { id: string; name: string; plan: string; role: string; stripeCustomerId: string | null; members: { userId: string; email: string; role: string }[] }[];
  stripeCustomers: { id: string; email: string | null; balance: number; currency: string | null; delinquent: boolean; dashboardUrl: string }[];
  subscriptions: TCustomerSubscription[];
  invoices: { id: string; number: string | null; status: string | null; total: number | null; amountPaid: number; amountDue: number; currency: string; created: string; dashboardUrl: string }[];
  payments: { id: string; amount: number; amountRefunded: number; refundable: number; currency: string; status: string; cardBrand: string | null; cardLast4: string | null; disputed: boolean; created: string; dashboardUrl: string }[];
  refunds: { id: string; chargeId: string | null; amount: number; currency: string; reason: string | null; status: string | null; created: string }[];
  /**
   * Usage since `since` (the start of the workspace's current billing period, else of the
   * calendar month) against its plan's limit (null: none). `workspace` names it when the
   * customer owns several, else null. `metric` is the product's key (`api_calls`, `storage_mb`).
   */
  usage: { workspace: string | null; metric: string; used: number; limit: number | null; since: string }[];
  sessions: { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null }[];
  notes: TStaffNote[];
  /** MRR in one currency; a customer billed in several has the others' apart, never added. */
  totals: { mrr: number; currency: string | null; mrrInOtherCurrencies: { currency: string | null; mrr: number }[]; invoices: number; payments: number };
}

export interface TStaffNote {
  id: string;
  body: string;
  pinned: boolean;
  author: { id: string; email: string };
  createdAt: string;
  updatedAt: string;
  mine: boolean;
}

/** A note of the home page's "Latest notes": the note and the customer it is on. */
export interface TLatestNote extends TStaffNote {
  customer: { userId: string; name: string | null; email: string };
}

/** A customer of the home page's "Recently viewed": the last time this staff member opened their page. */
export interface TRecentCustomer {
  userId: string;
  name: string | null;
  email: string;
  viewedAt: string;
}

export const ZHomeListRequestSchema = z.strictObject({ limit: z.number().int().min(1).max(20).default(5) });

export const TIMELINE_SOURCES = ['billing', 'account', 'staff'] as const;
export type TTimelineSource = (typeof TIMELINE_SOURCES)[number];

export const ZTimelineRequestSchema = z.strictObject({
  userId: z.uuid(),
  cursor: opaqueCursor(500).nullish(),
  limit: z.number().int().min(1).max(100).default(30),
  /** Sent by tRPC's infinite queries; the timeline only pages forward (newest first). */
  direction: z.enum(['forward', 'backward']).optional(),
  /** Which sources to show (all three when left out): what staff did, or what Stripe did. */
  sources: z.array(z.enum(TIMELINE_SOURCES)).min(1).max(TIMELINE_SOURCES.length).optional(),
});
export interface TTimelineItem {
  /** Unique across sources, e.g. `audit:123`, `stripe:evt_…`. */
  id: string;
  at: string;
  source: TTimelineSource;
  kind: string;
  summary: string;
  /** Words the entry quotes (on "Note added", the note as it reads now, cut at TIMELINE_QUOTE_CHARS), or null. */
  detail: string | null;
  actor: string | null;
  link: { type: string; id: string } | null;
}

/** Longest quote a timeline entry carries; the Notes card holds the whole note. */
export const TIMELINE_QUOTE_CHARS = 280;

export const ZAddNoteRequestSchema = z.strictObject({ userId: z.uuid(), body: safeText({ max: 5000, min: 1, minMessage: 'Write something', multiline: true }) });
export const ZEditNoteRequestSchema = z.strictObject({ id: z.uuid(), body: safeText({ max: 5000, min: 1, minMessage: 'Write something', multiline: true }) });
export const ZPinNoteRequestSchema = z.strictObject({ id: z.uuid(), pinned: z.boolean() });

// ── Account and billing actions (each also takes reason / confirmation) ──
const ZSubscriptionId = prefixedId('sub', 'A Stripe subscription id starts with sub_');
export const ZSuspendRequestSchema = ZActionFields.extend({ userId: z.uuid(), days: z.number().int().min(1).max(365), cancelSubscriptions: z.boolean().default(false) });
export const ZBanRequestSchema = ZActionFields.extend({ userId: z.uuid(), cancelSubscriptions: z.boolean().default(false) });
export const ZUnbanRequestSchema = ZActionFields.extend({ userId: z.uuid() });
export const ZChangePlanRequestSchema = ZActionFields.extend({
  subscriptionId: prefixedId('sub', 'A Stripe subscription id starts with sub_'),
  priceId: prefixedId('price', 'A Stripe price id starts with price_'),
  /** Always explicit: the quantity is part of what is previewed, approved and charged. */
  quantity: z.number().int().min(1).max(10_000),
  /** From the preview: the change is applied with this proration date so the charge equals the preview. */
  prorationDate: z.number().int().positive().max(253_402_300_799, 'must be a Unix time before the year 10000').optional(),
});
export const ZCancelSubscriptionRequestSchema = ZActionFields.extend({
  subscriptionId: ZSubscriptionId,
  when: z.enum(['period_end', 'now']),
  /** Only for `now`: credit the unused time. */
  prorate: z.boolean().default(false),
});
export const ZSubscriptionRefSchema = ZActionFields.extend({ subscriptionId: ZSubscriptionId });
export const ZExtendTrialRequestSchema = ZActionFields.extend({ subscriptionId: ZSubscriptionId, days: z.number().int().min(1).max(90) });
export const ZCreditRequestSchema = ZActionFields.extend({
  stripeCustomerId: prefixedId('cus', 'A Stripe customer id starts with cus_'),
  /** Cents credited to the customer's balance (applied to future invoices). */
  amount: z.number().int().positive().max(1_000_000),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'A currency is a 3-letter ISO code').default('usd'),
});
export const ZPauseCollectionRequestSchema = ZActionFields.extend({
  subscriptionId: ZSubscriptionId,
  behavior: z.enum(['keep_as_draft', 'mark_uncollectible', 'void']).default('void'),
  resumesAt: boundedDateTime().optional(),
});
