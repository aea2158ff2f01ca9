import { storedWordsLabel } from '../../app/productWords';
import type { TModerationAppealStatus, TModerationBulkItemStatus, TModerationDecisionType, TModerationEventKind, TModerationPriorityBucket } from '@opsdesk/shared';

/** Words the moderation pages share: buckets, groups, decisions, events, the lease clock. */
export const BUCKET_LABELS: Record<TModerationPriorityBucket, string> = { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' };
export const BUCKET_COLORS: Record<TModerationPriorityBucket, 'error' | 'warning' | 'info' | 'default'> = { urgent: 'error', high: 'warning', normal: 'info', low: 'default' };

export function groupLabel(group: string): string {
  return group === 'ip' ? 'Intellectual property' : storedWordsLabel(group);
}

/**
 * A reason code in words from the policy table (`ip_violation` → "Intellectual property");
 * before the table has loaded, or for a code it lacks, the code itself made readable.
 */
export function reasonLabeller(codes: readonly { code: string; label: string }[] | undefined): (code: string) => string {
  const labels = new Map(codes?.map((c) => [c.code, c.label]));
  return (code) => labels.get(code) ?? groupLabel(code);
}

export const BULK_ITEM_STATUS_LABELS: Record<TModerationBulkItemStatus, string> = { pending: 'Waiting', done: 'Done', skipped: 'Skipped', failed: 'Failed' };

export const APPEAL_STATUS_LABELS: Record<TModerationAppealStatus, string> = { open: 'Open', upheld: 'Upheld', reversed: 'Reversed' };

export const DECISION_LABELS: Record<TModerationDecisionType, string> = {
  dismiss: 'Dismiss (no violation)',
  label: 'Label',
  hide: 'Hide content',
  remove: 'Remove content',
  suspend_author: 'Suspend the author',
  ban_author: 'Ban the author',
};

export const EVENT_LABELS: Record<TModerationEventKind, string> = {
  report_received: 'Report received',
  claimed: 'Claimed',
  released: 'Released',
  lease_expired: 'Lease expired',
  decided: 'Decided',
  note: 'Note',
  reversal: 'Reversed',
  appeal_received: 'Appeal received',
  appeal_decided: 'Appeal decided',
  rule_hit: 'Rule hit',
};

/** "4:05" left on the lease; "expired" once the database clock passed it. */
export function leaseClock(secondsLeft: number): string {
  if (secondsLeft <= 0) return 'expired';
  const whole = Math.ceil(secondsLeft);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** DSA enumeration values read as words: DECISION_GROUND_ILLEGAL_CONTENT → "Illegal content". */
export function dsaWords(value: string, prefix = ''): string {
  const words = value.replace(new RegExp(`^${prefix}`), '').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export { formatDateTime } from '../../app/formatDateTime';
