import { z } from 'zod';
import { ZActionFields } from './actions.schemas.js';

/**
 * The customer contract between server and console. "Customer" = a product user
 * (`app.users`), with the workspaces they own and those workspaces' Stripe customers.
 */
export const USER_STATUSES = ['active', 'suspended', 'banned', 'deleted'] as const;

// ── Universal lookup (app bar search and Ctrl/Cmd-K) ──
export const ZCustomerSearchRequestSchema = z.object({
  q: z.string().trim().min(1, 'Type something to search for').max(200),
  limit: z.number().int().min(1).max(50).default(10),
});

export const SEARCH_MATCH_KINDS = ['user_id', 'stripe_id', 'email', 'email_prefix', 'email_substring', 'email_fuzzy', 'name', 'workspace', 'domain', 'card_last4'] as const;
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
export const ZCustomerListFilterSchema = z.object({
  status: z.enum(USER_STATUSES).optional(),
  plan: z.string().max(50).optional(),
  country: z.string().length(2).optional(),
  signupFrom: z.iso.datetime({ offset: true }).optional(),
  signupTo: z.iso.datetime({ offset: true }).optional(),
  hasFailedPayment: z.boolean().optional(),
  mrrMin: z.number().int().min(0).optional(),
  mrrMax: z.number().int().min(0).optional(),
});
export type TCustomerListFilter = z.infer<typeof ZCustomerListFilterSchema>;

export const ZCustomerListRequestSchema = z.object({
  filter: ZCustomerListFilterSchema.default({}),
  sort: z.enum(['signup_desc', 'signup_asc', 'email_asc']).default('signup_desc'),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface TCustomerListResponse {
  rows: TCustomerSearchResult[];
  nextCursor: string | null;
  /** From the planner's statistics, never COUNT(*) over the big tables. */
  estimatedTotal: number;
}

export const ZSavedFilterSchema = z.object({
  name: z.string().trim().min(1).max(100),
  filter: ZCustomerListFilterSchema,
  shared: z.boolean().default(true),
});

// ── Customer page ──
export const ZCustomerRefSchema = z.object({ userId: z.uuid() });

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
  usage: { metric: string; used: number; limit: number | null }[];
  sessions: { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null }[];
  notes: TStaffNote[];
  totals: { mrr: number; currency: string | null; invoices: number; payments: number };
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

export const ZTimelineRequestSchema = z.object({ userId: z.uuid(), cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).default(30) });
export interface TTimelineItem {
  /** Unique across sources, e.g. `audit:123`, `stripe:evt_…`. */
  id: string;
  at: string;
  source: 'billing' | 'account' | 'staff';
  kind: string;
  summary: string;
  actor: string | null;
  link: { type: string; id: string } | null;
}

export const ZAddNoteRequestSchema = z.object({ userId: z.uuid(), body: z.string().trim().min(1, 'Write something').max(5000) });
export const ZEditNoteRequestSchema = z.object({ id: z.uuid(), body: z.string().trim().min(1).max(5000) });
export const ZPinNoteRequestSchema = z.object({ id: z.uuid(), pinned: z.boolean() });

// ── Account and billing actions (each also takes reason / confirmation) ──
export const ZSuspendRequestSchema = ZActionFields.extend({ userId: z.uuid(), days: z.number().int().min(1).max(365), cancelSubscriptions: z.boolean().default(false) });
export const ZBanRequestSchema = ZActionFields.extend({ userId: z.uuid(), cancelSubscriptions: z.boolean().default(false) });
export const ZUnbanRequestSchema = ZActionFields.extend({ userId: z.uuid() });
export const ZChangePlanRequestSchema = ZActionFields.extend({
  subscriptionId: z.string().regex(/^sub_\w+$/, 'A Stripe subscription id starts with sub_'),
  priceId: z.string().regex(/^price_\w+$/, 'A Stripe price id starts with price_'),
  quantity: z.number().int().min(1).max(10_000).optional(),
  /** From the preview: the change is applied with this proration date so the charge equals the preview. */
  prorationDate: z.number().int().positive().optional(),
});
export const ZCancelSubscriptionRequestSchema = ZActionFields.extend({
  subscriptionId: z.string().regex(/^sub_\w+$/),
  when: z.enum(['period_end', 'now']),
  /** Only for `now`: credit the unused time. */
  prorate: z.boolean().default(false),
});
export const ZSubscriptionRefSchema = ZActionFields.extend({ subscriptionId: z.string().regex(/^sub_\w+$/) });
export const ZExtendTrialRequestSchema = ZActionFields.extend({ subscriptionId: z.string().regex(/^sub_\w+$/), days: z.number().int().min(1).max(90) });
export const ZCreditRequestSchema = ZActionFields.extend({
  stripeCustomerId: z.string().regex(/^cus_\w+$/),
  /** Cents credited to the customer's balance (applied to future invoices). */
  amount: z.number().int().positive().max(1_000_000),
  currency: z.string().length(3).default('usd'),
});
export const ZPauseCollectionRequestSchema = ZActionFields.extend({
  subscriptionId: z.string().regex(/^sub_\w+$/),
  behavior: z.enum(['keep_as_draft', 'mark_uncollectible', 'void']).default('void'),
  resumesAt: z.iso.datetime({ offset: true }).optional(),
});
