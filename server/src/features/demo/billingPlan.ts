import type { CouponKey, PaidPlanKey } from './billingCatalog.js';
import { DAY, type DemoUser, type DemoWorkspace } from './productData.js';
import type { Random } from './random.js';

/**
 * Who pays and what happens to them, decided up front from the seed (pure, no I/O):
 * the billing history then only carries it out through the emulator. The first few
 * paying customers are "showcases" with one scripted story each, so every scenario the
 * console must handle exists in every demo however small.
 */
export type LifeEventKind =
  | 'upgrade'
  | 'downgrade'
  | 'fail_then_recover'
  | 'fail_then_churn'
  | 'cancel_at_period_end'
  | 'undo_cancel'
  | 'cancel_immediately'
  | 'resubscribe'
  | 'refund_full'
  | 'refund_partial'
  | 'dispute_won'
  | 'dispute_lost';

export interface LifeEvent {
  afterDays: number;
  kind: LifeEventKind;
}

export interface CustomerPlan {
  workspaceId: string;
  ownerUserId: string;
  email: string;
  name: string;
  workspaceName: string;
  signupAt: number;
  plan: PaidPlanKey;
  seats: number;
  trial: 'convert' | 'abandon' | null;
  coupon: CouponKey | null;
  events: LifeEvent[];
}

type Showcase = Pick<CustomerPlan, 'plan' | 'trial' | 'coupon'> & { seats?: number; events: LifeEvent[] };

const SHOWCASES: Showcase[] = [
  { plan: 'pro_monthly', trial: 'convert', coupon: null, events: [{ afterDays: 40, kind: 'upgrade' }] },
  { plan: 'team_monthly', seats: 12, trial: null, coupon: 'repeating', events: [{ afterDays: 45, kind: 'downgrade' }] },
  { plan: 'pro_monthly', trial: null, coupon: 'once', events: [{ afterDays: 20, kind: 'fail_then_recover' }] },
  { plan: 'pro_monthly', trial: null, coupon: null, events: [{ afterDays: 20, kind: 'fail_then_churn' }] },
  { plan: 'team_monthly', seats: 5, trial: null, coupon: 'forever', events: [{ afterDays: 50, kind: 'cancel_at_period_end' }] },
  { plan: 'pro_monthly', trial: null, coupon: null, events: [{ afterDays: 15, kind: 'cancel_immediately' }, { afterDays: 60, kind: 'resubscribe' }] },
  { plan: 'pro_annual', trial: null, coupon: 'foreverAmount', events: [{ afterDays: 30, kind: 'cancel_at_period_end' }, { afterDays: 45, kind: 'undo_cancel' }] },
  { plan: 'pro_monthly', trial: null, coupon: null, events: [{ afterDays: 35, kind: 'refund_full' }] },
  { plan: 'enterprise_quarterly', trial: null, coupon: null, events: [{ afterDays: 10, kind: 'refund_partial' }] },
  { plan: 'team_monthly', seats: 8, trial: null, coupon: null, events: [{ afterDays: 35, kind: 'dispute_lost' }] },
  { plan: 'enterprise_annual', trial: null, coupon: null, events: [{ afterDays: 20, kind: 'dispute_won' }] },
  { plan: 'pro_monthly', trial: 'abandon', coupon: null, events: [] },
  { plan: 'team_monthly', seats: 4, trial: 'convert', coupon: null, events: [{ afterDays: 50, kind: 'upgrade' }] },
];

export function planBillingCustomers(
  random: Random,
  input: { users: DemoUser[]; workspaces: DemoWorkspace[]; end: number; payingShare: number },
): CustomerPlan[] {
  const owners = new Map(input.users.map((u) => [u.id, u]));
  // Only owners who can still pay; a banned or deleted owner's workspace stays free.
  const eligible = input.workspaces.filter((ws) => owners.get(ws.ownerUserId)!.status !== 'banned' && owners.get(ws.ownerUserId)!.status !== 'deleted');
  const showcaseWorkspaces = new Set(eligible.slice(0, SHOWCASES.length).map((ws) => ws.id));
  const plans: CustomerPlan[] = [];
  for (const ws of eligible) {
    const showcase = showcaseWorkspaces.has(ws.id) ? SHOWCASES[plans.length] : undefined;
    if (!showcase && !random.chance(input.payingShare)) continue;
    const owner = owners.get(ws.ownerUserId)!;
    const created = ws.createdAt.getTime() / 1000;
    const signupAt = showcase ? created + 3600 : created + random.int(1, 20) * DAY + random.int(0, DAY - 1);
    if (signupAt >= input.end - DAY) continue;
    const base = { workspaceId: ws.id, ownerUserId: owner.id, email: owner.email, name: owner.name, workspaceName: ws.name, signupAt };
    plans.push(showcase ? { ...base, seats: 1, ...showcase } : { ...base, ...randomStory(random, Math.floor((input.end - signupAt) / DAY)) });
  }
  return plans;
}

/** Roughly 3% monthly churn, a little expansion and contraction, rare refunds and disputes. */
function randomStory(random: Random, lifeDays: number): Omit<CustomerPlan, keyof Pick<CustomerPlan, 'workspaceId' | 'ownerUserId' | 'email' | 'name' | 'workspaceName' | 'signupAt'>> {
  const plan = random.weighted<PaidPlanKey>({ pro_monthly: 50, pro_annual: 12, team_monthly: 28, enterprise_quarterly: 4, enterprise_annual: 6 });
  const trial = random.chance(0.3) ? (random.chance(0.8) ? 'convert' : 'abandon') : null;
  const coupon = random.chance(0.2) ? random.weighted<CouponKey>({ once: 40, repeating: 30, forever: 20, foreverAmount: 10 }) : null;
  const events: LifeEvent[] = [];
  for (let month = 1; month * 30 < lifeDays && trial !== 'abandon'; month++) {
    const day = month * 30 + random.int(5, 25);
    const roll = random.next();
    const kind: LifeEventKind | null =
      roll < 0.012 ? 'cancel_at_period_end'
      : roll < 0.02 ? 'fail_then_churn'
      : roll < 0.026 ? 'cancel_immediately'
      : roll < 0.046 ? 'fail_then_recover'
      : roll < 0.076 ? 'upgrade'
      : roll < 0.091 ? 'downgrade'
      : roll < 0.101 ? (random.chance(0.7) ? 'refund_partial' : 'refund_full')
      : roll < 0.104 ? (random.chance(0.5) ? 'dispute_won' : 'dispute_lost')
      : null;
    if (!kind) continue;
    events.push({ afterDays: day, kind });
    if (kind === 'cancel_at_period_end' || kind === 'fail_then_churn' || kind === 'cancel_immediately') {
      // A quarter of those who leave come back some months later.
      if (random.chance(0.25)) events.push({ afterDays: day + random.int(45, 150), kind: 'resubscribe' });
      break;
    }
  }
  return { plan, seats: plan === 'team_monthly' ? random.int(3, 40) : 1, trial, coupon, events };
}
