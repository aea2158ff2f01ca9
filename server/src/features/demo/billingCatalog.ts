import type Stripe from 'stripe';

/**
 * The demo company's price list. Free has no Stripe subscription (most workspaces stay
 * on it); paid plans are monthly, annual, per-seat and quarterly so that MRR
 * normalisation has every interval to handle. Ids are fixed so the catalog reads the
 * same in every demo and in the mirror.
 */
export type PaidPlanKey = 'pro_monthly' | 'pro_annual' | 'team_monthly' | 'enterprise_quarterly' | 'enterprise_annual';

interface PriceSpec {
  product: 'prod_demo_pro' | 'prod_demo_team' | 'prod_demo_enterprise';
  /** Plan name as the product stores it in app.workspaces.plan. */
  appPlan: 'pro' | 'team' | 'enterprise';
  nickname: string;
  unitAmount: number;
  interval: 'month' | 'year';
  intervalCount: number;
}

export const PRICE_SPECS: Record<PaidPlanKey, PriceSpec> = {
  pro_monthly: { product: 'prod_demo_pro', appPlan: 'pro', nickname: 'Pro monthly', unitAmount: 2_900, interval: 'month', intervalCount: 1 },
  pro_annual: { product: 'prod_demo_pro', appPlan: 'pro', nickname: 'Pro annual', unitAmount: 29_000, interval: 'year', intervalCount: 1 },
  team_monthly: { product: 'prod_demo_team', appPlan: 'team', nickname: 'Team monthly, per seat', unitAmount: 1_200, interval: 'month', intervalCount: 1 },
  enterprise_quarterly: { product: 'prod_demo_enterprise', appPlan: 'enterprise', nickname: 'Enterprise quarterly', unitAmount: 450_000, interval: 'month', intervalCount: 3 },
  enterprise_annual: { product: 'prod_demo_enterprise', appPlan: 'enterprise', nickname: 'Enterprise annual', unitAmount: 1_500_000, interval: 'year', intervalCount: 1 },
};

const PRODUCTS = [
  { id: 'prod_demo_pro', name: 'Pro', description: 'For individuals and small teams' },
  { id: 'prod_demo_team', name: 'Team', description: 'Per seat, for growing teams' },
  { id: 'prod_demo_enterprise', name: 'Enterprise', description: 'Annual or quarterly contract' },
] as const;

/** One coupon per duration, percent and amount both represented. */
export const COUPONS = {
  once: { id: 'WELCOME25', name: 'Welcome: 25% off the first invoice', duration: 'once', percent_off: 25 },
  repeating: { id: 'LAUNCH20X3', name: 'Launch: 20% off for 3 months', duration: 'repeating', duration_in_months: 3, percent_off: 20 },
  forever: { id: 'PARTNER10', name: 'Partner: 10% off forever', duration: 'forever', percent_off: 10 },
  foreverAmount: { id: 'NONPROFIT5', name: 'Non-profit: $5 off forever', duration: 'forever', amount_off: 500, currency: 'usd' },
} as const satisfies Record<string, Stripe.CouponCreateParams & { id: string }>;
export type CouponKey = keyof typeof COUPONS;

/** Price ids by plan key, and the plan key of each price id (for reading subscriptions back). */
export interface Catalog {
  priceId: Record<PaidPlanKey, string>;
  planOfPrice: Map<string, PaidPlanKey>;
}

export async function createCatalog(stripe: Stripe): Promise<Catalog> {
  for (const product of PRODUCTS) await stripe.products.create(product);
  const priceId = {} as Record<PaidPlanKey, string>;
  for (const [key, spec] of Object.entries(PRICE_SPECS) as [PaidPlanKey, PriceSpec][]) {
    const price = await stripe.prices.create({
      product: spec.product,
      currency: 'usd',
      unit_amount: spec.unitAmount,
      nickname: spec.nickname,
      lookup_key: key,
      recurring: { interval: spec.interval, interval_count: spec.intervalCount },
    });
    priceId[key] = price.id;
  }
  for (const coupon of Object.values(COUPONS)) await stripe.coupons.create(coupon);
  return { priceId, planOfPrice: new Map(Object.entries(priceId).map(([k, id]) => [id, k as PaidPlanKey])) };
}
