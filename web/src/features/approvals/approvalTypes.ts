import type { AppRouter } from '@opsdesk/server/router';
import type { inferRouterOutputs } from '@trpc/server';
import { formatMoney } from '@opsdesk/shared';

/** An approval request exactly as approvals.get returns it (the router's type, not a copy). */
export type TApprovalRecord = inferRouterOutputs<AppRouter>['approvals']['get'];
export type ApprovalScope = 'to_decide' | 'mine' | 'all';

/** Actions whose last name part does not say what they are. */
const ACTION_LABELS: Record<string, string> = { 'flags.changeEnvironment': 'Flag change', 'privacy.erase': 'Erasure of personal data' };

/** `customers.refund` → "Refund". */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const name = action.split('.').pop() ?? action;
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What was asked, with how much where money moves: "Refund 600.00 USD". */
export function requestTitle(request: Pick<TApprovalRecord, 'action' | 'money'>): string {
  return `${actionLabel(request.action)}${request.money ? ` ${formatMoney(request.money.amount, request.money.currency)}` : ''}`;
}
