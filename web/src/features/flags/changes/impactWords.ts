import type { TFlagImpact } from '@opsdesk/shared/flags/flagsApi.schemas';
import { formatMoney } from '@opsdesk/shared/money/money';
import { formatDateTime } from '../../../app/formatDateTime';

/** An impact preview's figures in words: "312 accounts turn on, 0 turn off". */
const count = (n: number) => n.toLocaleString('en-US');

export function flipsInWords(impact: Pick<TFlagImpact, 'offToOn' | 'onToOff' | 'variantChanged'>): string {
  const first = `${count(impact.offToOn)} ${impact.offToOn === 1 ? 'account turns' : 'accounts turn'} on`;
  const parts = [first, `${count(impact.onToOff)} turn${impact.onToOff === 1 ? 's' : ''} off`];
  if (impact.variantChanged > 0) parts.push(`${count(impact.variantChanged)} change${impact.variantChanged === 1 ? 's' : ''} variant`);
  return parts.join(', ');
}

export function payingInWords(impact: Pick<TFlagImpact, 'payingCustomersAffected' | 'mrrAffectedCents' | 'currency'>): string {
  const customers = `${count(impact.payingCustomersAffected)} paying ${impact.payingCustomersAffected === 1 ? 'customer' : 'customers'} affected`;
  return `${customers}, ${formatMoney(impact.mrrAffectedCents, impact.currency)} MRR affected`;
}

/** "accounts as of 09:41" (the day too when it is not today). */
export function asOfInWords(asOf: string | undefined, now = new Date()): string | null {
  if (!asOf) return null;
  const at = new Date(asOf);
  if (Number.isNaN(at.getTime())) return null;
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const sameDay = at.toDateString() === now.toDateString();
  return `accounts as of ${sameDay ? time : formatDateTime(at)}`;
}

/** The answers in a sample row: `off`, `on`, `on:<variant>` → "off", "on", "on (blue)". */
export function answerInWords(answer: string): string {
  return answer.startsWith('on:') ? `on (${answer.slice(3)})` : answer;
}
