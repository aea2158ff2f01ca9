import {
  BILLING_INTERVALS,
  MOVEMENT_KINDS,
  REVENUE_INTERVALS,
  REVENUE_POLICY_NAMES,
  ZRevenueDay,
  ZRevenueFilterSchema,
  type MovementKind,
  type RevenuePolicyName,
  type TRevenueFilter,
} from '@opsdesk/shared';

/**
 * What the Revenue page shows, kept in the URL's query string so a view can be shared:
 * `#/revenue?policy=profitwell&from=2025-01-01&to=2025-12-31&interval=month&plan=Pro&compareA=stripe&compareB=chartmogul`.
 * Anything a person typed badly falls back to the default rather than failing the page;
 * the server checks every request again with the same shared schemas.
 */
export type RevenueInterval = (typeof REVENUE_INTERVALS)[number];

export interface RevenueDrill {
  kind?: MovementKind;
  from: string;
  to: string;
  /** Says what was clicked, e.g. "Churn, 2025-03". */
  label: string;
}

/** Two policies side by side on the view's `to` day (PolicyComparison). */
export interface RevenueCompare {
  a: RevenuePolicyName;
  b: RevenuePolicyName;
}

export interface RevenueView {
  policy: RevenuePolicyName;
  from: string;
  to: string;
  interval: RevenueInterval;
  filter: TRevenueFilter;
  drill: RevenueDrill | null;
  compare: RevenueCompare | null;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last twelve months up to today (UTC), by month. */
export function defaultRange(today = new Date()): { from: string; to: string } {
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1));
  return { from: isoDay(from), to: isoDay(today) };
}

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => (values as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
const day = (value: string | null, fallback: string) => (ZRevenueDay.safeParse(value).success ? (value as string) : fallback);

function readFilter(params: URLSearchParams): TRevenueFilter {
  const candidate = {
    plan: params.get('plan') || undefined,
    billingInterval: oneOf([...BILLING_INTERVALS, ''], params.get('billingInterval'), '') || undefined,
    country: params.get('country')?.toUpperCase() || undefined,
  };
  const parsed = ZRevenueFilterSchema.safeParse(candidate);
  return parsed.success ? parsed.data : {};
}

function readDrill(params: URLSearchParams): RevenueDrill | null {
  const from = params.get('drillFrom');
  const to = params.get('drillTo');
  if (!from || !to || !ZRevenueDay.safeParse(from).success || !ZRevenueDay.safeParse(to).success) return null;
  const kind = params.get('drillKind');
  const validKind = kind && (MOVEMENT_KINDS as readonly string[]).includes(kind) ? (kind as MovementKind) : undefined;
  return { kind: validKind, from, to, label: params.get('drillLabel')?.slice(0, 80) ?? 'Movements' };
}

function readCompare(params: URLSearchParams): RevenueCompare | null {
  const [a, b] = [params.get('compareA'), params.get('compareB')];
  const known = REVENUE_POLICY_NAMES as readonly (string | null)[];
  return known.includes(a) && known.includes(b) ? { a: a as RevenuePolicyName, b: b as RevenuePolicyName } : null;
}

export function readRevenueView(params: URLSearchParams, today = new Date()): RevenueView {
  const range = defaultRange(today);
  const from = day(params.get('from'), range.from);
  const to = day(params.get('to'), range.to);
  return {
    policy: oneOf(REVENUE_POLICY_NAMES, params.get('policy'), 'stripe'),
    ...(from <= to ? { from, to } : range),
    interval: oneOf(REVENUE_INTERVALS, params.get('interval'), 'month'),
    filter: readFilter(params),
    drill: readDrill(params),
    compare: readCompare(params),
  };
}

export function writeRevenueView(view: RevenueView): URLSearchParams {
  const entries: [string, string | undefined][] = [
    ['policy', view.policy],
    ['from', view.from],
    ['to', view.to],
    ['interval', view.interval],
    ['plan', view.filter.plan],
    ['billingInterval', view.filter.billingInterval],
    ['country', view.filter.country],
    ['drillKind', view.drill?.kind],
    ['drillFrom', view.drill?.from],
    ['drillTo', view.drill?.to],
    ['drillLabel', view.drill?.label],
    ['compareA', view.compare?.a],
    ['compareB', view.compare?.b],
  ];
  return new URLSearchParams(entries.filter((entry): entry is [string, string] => Boolean(entry[1])));
}
