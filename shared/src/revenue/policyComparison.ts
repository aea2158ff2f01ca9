import { dayNumber } from './days.js';
import { policyRules, type PolicyRules } from './policies.js';
import type { RevenueOptions, SubscriptionState } from './revenue.types.js';
import { mrrAtWithRules } from './timeline.js';

/**
 * Two policies side by side on one day: the customers whose MRR differs, and why —
 * the rules of policy `b` that, each swapped alone into policy `a`, change that
 * customer's MRR. When only the rules together make the difference, all differing
 * rules are named.
 */
export interface PolicyDifference {
  customerId: string;
  mrrA: number;
  mrrB: number;
  reasons: Array<keyof PolicyRules>;
}

export function comparePoliciesAt(history: readonly SubscriptionState[], day: string, a: RevenueOptions, b: RevenueOptions): PolicyDifference[] {
  const dayNo = dayNumber(day);
  const [rulesA, rulesB] = [policyRules(a), policyRules(b)];
  const differingRules = (Object.keys(rulesA) as Array<keyof PolicyRules>).filter((key) => rulesA[key] !== rulesB[key]);
  if (a.currency.toLowerCase() !== b.currency.toLowerCase()) throw new RangeError('compare policies in one reporting currency');
  const byCustomer = new Map<string, SubscriptionState[]>();
  for (const state of history) byCustomer.set(state.customerId, [...(byCustomer.get(state.customerId) ?? []), state]);
  const differences: PolicyDifference[] = [];
  for (const [customerId, states] of byCustomer) {
    const mrrA = mrrAtWithRules(states, dayNo, a, rulesA);
    const mrrB = mrrAtWithRules(states, dayNo, a, rulesB);
    if (mrrA === mrrB) continue;
    const reasons = differingRules.filter((key) => mrrAtWithRules(states, dayNo, a, { ...rulesA, [key]: rulesB[key] }) !== mrrA);
    differences.push({ customerId, mrrA, mrrB, reasons: reasons.length > 0 ? reasons : differingRules });
  }
  return differences.sort((x, y) => x.customerId.localeCompare(y.customerId));
}
