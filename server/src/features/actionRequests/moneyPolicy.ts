import { formatMoney } from '@opsdesk/shared';
import { moneyApprovalThresholdFor, type Config } from '../../config/config.js';
import type { DbOrTrx } from '../../db/database.js';
import { sumMoneyInWindow } from './actionRequest.queries.js';

/** The money an action moves or promises: refunded, credited, charged now. */
export interface MoneyMoved {
  amount: number;
  currency: string;
  /** How the action is named in the approval reason ("Refunds", "Credits"…). */
  label: string;
}

/**
 * The one money policy (four-eyes): an action needs a second person when what it moves,
 * added to what staff already moved or asked to move for the same customer in the
 * rolling window, exceeds the threshold. Adding up is what stops splitting: three
 * 400 USD refunds, a credit repeated with new notes, or a refund after a credit all
 * count together. Call it with the customer's money lock held (lockMoneyOfTarget) when
 * the answer decides an execution; the preview calls it without.
 */
export async function moneyApprovalReason(db: DbOrTrx, config: Pick<Config, 'moneyApprovalThreshold' | 'MONEY_APPROVAL_THRESHOLDS' | 'MONEY_APPROVAL_WINDOW_HOURS'>, target: { type: string; id: string }, money: MoneyMoved | null): Promise<string | null> {
  if (!money || money.amount <= 0) return null;
  const threshold = moneyApprovalThresholdFor(config, money.currency);
  if (money.amount > threshold) return `${money.label} above ${formatMoney(threshold, money.currency)} need a second person.`;
  const earlier = await sumMoneyInWindow(db, target, money.currency, config.MONEY_APPROVAL_WINDOW_HOURS);
  const total = earlier + money.amount;
  if (total <= threshold) return null;
  const window = config.MONEY_APPROVAL_WINDOW_HOURS === 24 ? '24 hours' : `${config.MONEY_APPROVAL_WINDOW_HOURS} hours`;
  return `With ${formatMoney(earlier, money.currency)} already moved for this customer in the last ${window}, this makes ${formatMoney(total, money.currency)}: above ${formatMoney(threshold, money.currency)}, so a second person must approve.`;
}
