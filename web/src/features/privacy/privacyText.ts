import type {
  TErasurePlan,
  TErasurePlanStep,
  TPrivacyMaskStrategy,
  TPrivacyRequest,
  TPrivacyRequestChannel,
  TPrivacyRequestKind,
  TPrivacyRequestStatus,
  TPrivacySubjectKind,
  TPrivacyVerificationMethod,
} from '@opsdesk/shared';

/** How the Privacy section says the contract's codes (shared privacy.schemas) in words. */
export const KIND_LABELS: Record<TPrivacyRequestKind, string> = { access: 'Access (export)', erasure: 'Erasure' };

export const STATUS_LABELS: Record<TPrivacyRequestStatus, string> = {
  received: 'Received',
  verified: 'Identity verified',
  approved: 'Approved',
  in_progress: 'In progress',
  completed: 'Completed',
  rejected: 'Rejected',
  on_hold: 'On hold',
};

export const STATUS_COLORS: Record<TPrivacyRequestStatus, 'default' | 'info' | 'primary' | 'success' | 'error' | 'warning'> = {
  received: 'default',
  verified: 'info',
  approved: 'primary',
  in_progress: 'primary',
  completed: 'success',
  rejected: 'error',
  on_hold: 'warning',
};

export const SUBJECT_KIND_LABELS: Record<TPrivacySubjectKind, string> = { email: 'Email address', user_id: 'Product user id', stripe_customer_id: 'Stripe customer id' };

export const CHANNEL_LABELS: Record<TPrivacyRequestChannel, string> = {
  email: 'Email',
  web_form: 'Web form',
  support_ticket: 'Support ticket',
  post: 'Post',
  phone: 'Phone',
  other: 'Other',
};

export const VERIFICATION_LABELS: Record<TPrivacyVerificationMethod, string> = {
  email_confirmation: 'Confirmed from the account’s email address',
  signed_in_account: 'Asked from the signed-in account',
  id_document: 'Identity document checked',
  support_ticket_history: 'Support ticket history',
  other: 'Other',
};

export const isClosed = (status: TPrivacyRequestStatus) => status === 'completed' || status === 'rejected';

/** "12 days left", "due today", "3 days overdue"; nothing once the request is closed. */
export function daysLeftText(daysLeft: number | null): string {
  if (daysLeft === null) return '';
  if (daysLeft === 0) return 'due today';
  const days = Math.abs(daysLeft);
  const unit = days === 1 ? 'day' : 'days';
  return daysLeft > 0 ? `${days} ${unit} left` : `${days} ${unit} overdue`;
}

/** A calendar date of the contract (YYYY-MM-DD, no time zone) as people read it: "31 Jan 2027". */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export const subjectText = (request: Pick<TPrivacyRequest, 'subject'>) => request.subject.label ?? request.subject.value;

/** The stepper's path; rejected and on hold are shown on the step the request stopped at. */
export const STATUS_STEPS = ['received', 'verified', 'approved', 'in_progress', 'completed'] as const satisfies readonly TPrivacyRequestStatus[];

export function activeStepIndex(request: Pick<TPrivacyRequest, 'status' | 'hold' | 'verification' | 'approvalRequestId'>): number {
  const status = request.status === 'on_hold' ? (request.hold?.statusBefore ?? 'received') : request.status;
  if (status === 'rejected') return request.verification ? 1 : 0;
  return (STATUS_STEPS as readonly string[]).indexOf(status);
}

/**
 * Why the deadline cannot be extended (null: it can). The GDPR allows up to two months
 * more, decided and told within the first month, i.e. until the original due date.
 */
export function extensionBlockedReason(request: Pick<TPrivacyRequest, 'status' | 'extension' | 'originalDueOn'>, today: string): string | null {
  if (isClosed(request.status)) return 'The request is closed.';
  if ((request.extension?.months ?? 0) >= 2) return 'Already extended by two months, the most the GDPR allows.';
  if (today > request.originalDueOn) return `Extensions must be decided within the first month, which ended on ${formatDay(request.originalDueOn)}.`;
  return null;
}

/** The months an extension may still ask for (in all, from the original due date). */
export const extensionChoices = (request: Pick<TPrivacyRequest, 'extension'>): (1 | 2)[] => ([1, 2] as const).filter((months) => months > (request.extension?.months ?? 0));

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

const STRATEGY_WORDS: Record<TPrivacyMaskStrategy, string> = {
  null: 'emptied',
  placeholder: 'replaced by a placeholder',
  keyed_hash: 'replaced by a keyed hash',
  truncate_to_month: 'cut to the month',
  empty_json: 'emptied (JSON)',
  crypto_shred: 'made unreadable (key destroyed)',
};

const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

export function columnsText(columns: TErasurePlanStep['columns']): string {
  return columns.map((column) => `${column.column} ${STRATEGY_WORDS[column.strategy]}`).join(', ');
}

/** One table of a plan in a sentence: "Delete 3 rows.", "Mask 2 rows: email replaced by a placeholder." */
export function planStepText(step: TErasurePlanStep): string {
  if (step.action === 'delete') return `Delete ${rows(step.rows)}.`;
  if (step.action === 'mask') return `Mask ${rows(step.rows)}: ${columnsText(step.columns) || 'no column'}.`;
  const basis = [step.basis, step.retention].filter(Boolean).join(', ') || 'no basis given';
  const masked = step.columns.length > 0 ? `; ${columnsText(step.columns)}` : '';
  return `Keep ${rows(step.rows)} (${basis})${masked}.`;
}

/** The parts outside the tables: Stripe and the audit log. */
export function planExtrasText(plan: Pick<TErasurePlan, 'stripe' | 'audit'>): string[] {
  const stripe = plan.stripe.customerIds.length === 0 ? 'No Stripe customer to delete.' : `Delete the Stripe ${plan.stripe.customerIds.length === 1 ? 'customer' : 'customers'} ${plan.stripe.customerIds.join(', ')}.`;
  const audit =
    plan.audit.subjectKeys === 0
      ? 'No audit subject key to destroy.'
      : `Destroy ${plan.audit.subjectKeys} audit subject ${plan.audit.subjectKeys === 1 ? 'key' : 'keys'}, making the personal values of ${rows(plan.audit.rows)} of the audit log unreadable (the chain still verifies).`;
  return [stripe, audit];
}

/** Totals over the steps, for the plan's headline. */
export function planTotals(plan: Pick<TErasurePlan, 'steps'>): Record<TErasurePlanStep['action'], number> {
  const totals = { delete: 0, mask: 0, keep: 0 };
  for (const step of plan.steps) totals[step.action] += step.rows;
  return totals;
}

export const requestHref = (requestId: string) => `/privacy/${requestId}/show`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A privacy request's audited state as the request page words it: "Identity verified",
 * "Erasure", "5 Jan 2027" (the entry showed `verified`, `erasure`, `2027-01-05`).
 */
export function privacyRequestSnapshotInWords(snapshot: Record<string, unknown>): Record<string, unknown> {
  const words: Record<string, unknown> = { ...snapshot };
  for (const key of ['status', 'statusBeforeHold'] as const) {
    const label = STATUS_LABELS[snapshot[key] as TPrivacyRequestStatus];
    if (label) words[key] = label;
  }
  const kind = KIND_LABELS[snapshot.kind as TPrivacyRequestKind];
  if (kind) words.kind = kind;
  if (typeof snapshot.dueOn === 'string' && DAY.test(snapshot.dueOn)) words.dueOn = formatDay(snapshot.dueOn);
  return words;
}
