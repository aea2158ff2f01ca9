import type Stripe from 'stripe';
import type { StripeEmulator } from '@opsdesk/stripe-emulator';
import { createCatalog, type Catalog } from './billingCatalog.js';
import type { CustomerPlan } from './billingPlan.js';
import { signUp, type CustomerState, type Scenario } from './billingStories.js';
import { ClockAgenda } from './clockAgenda.js';
import { DAY } from './productData.js';

/**
 * Plays the planned customers' billing history through the emulator. Customers who
 * signed up in the same 30-day window share one test clock (a cohort), so the whole
 * history costs a few hundred clock advances; each clock moves month by month from its
 * cohort's start to `end`, and Stripe's own renewals, trial ends and dunning fill in
 * everything between the scripted steps.
 */
export const COHORT_SECONDS = 30 * DAY;
/**
 * invoice.upcoming only matters for the next renewal, and webhook processing is what
 * bounds the seed's time: history older than this is played without it (~7% fewer events).
 */
const UPCOMING_WINDOW = 35 * DAY;

export interface BillingHistory {
  catalog: Catalog;
  customers: CustomerState[];
  clocks: number;
  scenarios: Partial<Record<Scenario, number>>;
}

export async function playBillingHistory(input: {
  stripe: Stripe;
  emulator: StripeEmulator;
  plans: CustomerPlan[];
  start: number;
  end: number;
  onCohort: (done: number, total: number, customers: number) => void;
}): Promise<BillingHistory> {
  const { stripe, emulator, start, end } = input;
  const catalog = await createCatalog(stripe);
  const scenarios: BillingHistory['scenarios'] = {};
  const ctx = { stripe, emulator, catalog, end, tally: (s: Scenario) => void (scenarios[s] = (scenarios[s] ?? 0) + 1) };

  const cohorts = new Map<number, CustomerPlan[]>();
  for (const plan of input.plans) {
    const index = Math.floor((plan.signupAt - start) / COHORT_SECONDS);
    cohorts.set(index, [...(cohorts.get(index) ?? []), plan]);
  }
  const customers: CustomerState[] = [];
  const ordered = [...cohorts.entries()].sort(([a], [b]) => a - b);
  for (const [done, [index, plans]] of ordered.entries()) {
    const cohortStart = start + index * COHORT_SECONDS;
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: cohortStart, name: `Sign-ups from ${new Date(cohortStart * 1000).toISOString().slice(0, 10)}` });
    const agenda = new ClockAgenda(stripe, clock.id, cohortStart);
    for (const plan of plans) agenda.at(plan.signupAt, async () => void customers.push(await signUp(ctx, agenda, plan)));
    // Month by month, so no single advance has to replay years of renewals at once.
    for (let t = cohortStart + COHORT_SECONDS; t < end; t += COHORT_SECONDS) agenda.at(t);
    const upcomingDays = emulator.settings.upcomingDays;
    try {
      emulator.settings.upcomingDays = null;
      await agenda.runUntil(end - UPCOMING_WINDOW);
    } finally {
      emulator.settings.upcomingDays = upcomingDays;
    }
    await agenda.runUntil(end);
    input.onCohort(done + 1, ordered.length, customers.length);
  }
  return { catalog, customers, clocks: ordered.length, scenarios };
}
