import { z } from 'zod';
import { bigintId, opaqueCursor, safeText } from '../text/safeText.js';
import { MOVEMENT_KINDS, REVENUE_POLICY_NAMES, type MovementKind, type RevenuePolicyName } from './revenue.types.js';

/**
 * The revenue contract between server, console and CLI (zod only, so the console
 * reuses it for its forms). Days are UTC `YYYY-MM-DD`; ranges are bounded so no
 * request can ask for a million buckets.
 */
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** A real calendar day between 2000 and 2100. */
export const ZRevenueDay = z
  .string()
  .max(10, { error: 'A day is YYYY-MM-DD', abort: true })
  .regex(DAY_PATTERN, { error: 'A day is YYYY-MM-DD', abort: true })
  .refine((day) => {
    const time = dayTime(day);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day && day >= '2000-01-01' && day <= '2100-12-31';
  }, 'A real day between 2000-01-01 and 2100-12-31');

export const ZRevenuePolicy = z.enum(REVENUE_POLICY_NAMES as [RevenuePolicyName, ...RevenuePolicyName[]]);
export const REVENUE_INTERVALS = ['day', 'week', 'month'] as const;
export const ZRevenueInterval = z.enum(REVENUE_INTERVALS);
export const ZMovementKind = z.enum(MOVEMENT_KINDS as [MovementKind, ...MovementKind[]]);
export const BILLING_INTERVALS = ['day', 'week', 'month', 'year'] as const;

export const ZRevenueFilterSchema = z.strictObject({
  plan: safeText({ max: 100, min: 1 }).optional(),
  billingInterval: z.enum(BILLING_INTERVALS).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'A country is a 2-letter ISO code').optional(),
});
export type TRevenueFilter = z.infer<typeof ZRevenueFilterSchema>;

/** Most buckets one request may ask for: 3 years of days, 20 of weeks, 50 of months. */
const MAX_SPAN_DAYS = { day: 1_100, week: 7_310, month: 18_300 } as const;

const rangeFields = {
  policy: ZRevenuePolicy.default('stripe'),
  from: ZRevenueDay,
  to: ZRevenueDay,
  filter: ZRevenueFilterSchema.default({}),
};

type RangeLike = { from: string; to: string; interval?: keyof typeof MAX_SPAN_DAYS };
const checkRange = (range: RangeLike, ctx: z.RefinementCtx) => {
  const span = (dayTime(range.to) - dayTime(range.from)) / MS_PER_DAY;
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must not be before `from`' });
  else if (span > MAX_SPAN_DAYS[range.interval ?? 'month']) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_SPAN_DAYS[range.interval ?? 'month']} days for ${range.interval ?? 'month'} buckets` });
};

export const ZRevenueSeriesRequestSchema = z.strictObject({ ...rangeFields, interval: ZRevenueInterval.default('month') }).superRefine(checkRange);
export type TRevenueSeriesRequest = z.infer<typeof ZRevenueSeriesRequestSchema>;

/** A range without buckets (cohorts by month, plan mix at `to`, recovery, trials). */
export const ZRevenueRangeRequestSchema = z.strictObject(rangeFields).superRefine(checkRange);
export type TRevenueRangeRequest = z.infer<typeof ZRevenueRangeRequestSchema>;

/** Headline cards: the month of `to` against the month before (and six months for LTV). */
export const ZRevenueOverviewRequestSchema = z.strictObject({ policy: rangeFields.policy, to: ZRevenueDay, filter: rangeFields.filter });
export type TRevenueOverviewRequest = z.infer<typeof ZRevenueOverviewRequestSchema>;

export const ZRevenueDrillDownRequestSchema = z
  .strictObject({
    ...rangeFields,
    kind: ZMovementKind.optional(),
    /** Opaque: the last row's day and id (revenueCursor.ts). */
    cursor: opaqueCursor(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkRange);
export type TRevenueDrillDownRequest = z.infer<typeof ZRevenueDrillDownRequestSchema>;

export const ZRevenueExplainRequestSchema = z.strictObject({ movementId: bigintId('Movement ids are whole numbers') });
export type TRevenueExplainRequest = z.infer<typeof ZRevenueExplainRequestSchema>;

// ── Answers ──

export interface TRevenuePeriod {
  period: string;
  startDay: string;
  endDay: string;
  mrr: number;
  mrrStart: number;
  customers: number;
  customersStart: number;
  movements: Record<MovementKind, number>;
  movementCounts: Record<MovementKind, number>;
  netNew: number;
  arr: number;
  arpa: number | null;
  subscriberChurnRate: number | null;
  grossMrrChurnRate: number | null;
  netMrrChurnRate: number | null;
  nrr: number | null;
  grr: number | null;
  quickRatio: number | null;
}

export interface TRevenueSeries {
  policy: RevenuePolicyName;
  currency: string;
  excludedSubscriptions: number;
  periods: TRevenuePeriod[];
}

export interface TRevenueDrillDownRow {
  movementId: string;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  day: string;
  kind: MovementKind;
  beforeCents: number;
  afterCents: number;
  amountCents: number;
  subscriptionId: string | null;
  sourceEventId: string | null;
}

export interface TRevenueDrillDownPage {
  rows: TRevenueDrillDownRow[];
  nextCursor: string | null;
}
