import { ZDsaStatementSchema, type TDsaStatement, type TModerationDecisionType } from '@opsdesk/shared';
import type { ReasonCodeRow } from './moderationPolicy.queries.js';

/** The DSA restriction each decision type is (dismissals restrict nothing, so they have no statement). */
const RESTRICTION: Record<Exclude<TModerationDecisionType, 'dismiss'>, Partial<TDsaStatement>> = {
  label: { decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'A warning label is shown with the content.' },
  hide: { decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'] },
  remove: { decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'] },
  suspend_author: { decision_account: 'DECISION_ACCOUNT_SUSPENDED' },
  ban_author: { decision_account: 'DECISION_ACCOUNT_TERMINATED' },
};

/** A reported account: the label is shown on the profile; suspend and ban are the account restrictions above. */
const ACCOUNT_RESTRICTION: Partial<Record<Exclude<TModerationDecisionType, 'dismiss'>, Partial<TDsaStatement>>> = {
  label: { decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: "A warning label is shown on the account's profile." },
};

const CONTENT_TYPE_BY_KIND: Record<string, TDsaStatement['content_type'][number]> = {
  image: 'CONTENT_TYPE_IMAGE',
  video: 'CONTENT_TYPE_VIDEO',
  audio: 'CONTENT_TYPE_AUDIO',
  product: 'CONTENT_TYPE_PRODUCT',
  app: 'CONTENT_TYPE_APP',
  // The DSA enumeration has no "account": a reported account is "other", dated by its creation.
  account: 'CONTENT_TYPE_OTHER',
};

export interface StatementInput {
  decisionId: string;
  decisionType: Exclude<TModerationDecisionType, 'dismiss'>;
  policy: ReasonCodeRow;
  facts: string;
  /** What was reported; an account's label reads differently. Content when absent. */
  subjectType?: 'content' | 'account';
  contentKind: string;
  contentCreatedAt: Date;
  decidedAt: Date;
  endsAt: Date | null;
  decisionGround?: TDsaStatement['decision_ground'];
  groundReference?: string;
  alsoIllegal?: 'Yes' | 'No';
  territorialScope?: TDsaStatement['territorial_scope'];
  fromReports: boolean;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Builds the statement of reasons in the DSA Transparency Database's shape and validates
 * it with the shared schema (so what is stored always exports). Throws a ZodError (a 400
 * through translateErrors) when the moderator's fields leave it incomplete.
 */
export function buildStatement(input: StatementInput): TDsaStatement {
  const ground = input.decisionGround ?? input.policy.decisionGround;
  const reference = input.groundReference ?? input.policy.groundReference;
  const groundFields: Partial<TDsaStatement> =
    ground === 'DECISION_GROUND_ILLEGAL_CONTENT'
      ? { illegal_content_legal_ground: reference, illegal_content_explanation: input.facts }
      : { incompatible_content_ground: reference, incompatible_content_explanation: input.facts, incompatible_content_illegal: input.alsoIllegal ?? 'No' };
  return ZDsaStatementSchema.parse({
    ...((input.subjectType === 'account' && ACCOUNT_RESTRICTION[input.decisionType]) || RESTRICTION[input.decisionType]),
    decision_ground: ground,
    ...groundFields,
    category: input.policy.dsaCategory,
    content_type: [CONTENT_TYPE_BY_KIND[input.contentKind] ?? 'CONTENT_TYPE_TEXT'],
    content_date: day(input.contentCreatedAt),
    application_date: day(input.decidedAt),
    end_date: input.endsAt ? day(input.endsAt) : null,
    decision_facts: input.facts,
    source_type: input.fromReports ? 'SOURCE_ARTICLE_16' : 'SOURCE_VOLUNTARY',
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    territorial_scope: input.territorialScope ?? ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'],
    puid: input.decisionId,
  });
}

const DECISION_WORDS: Record<TModerationDecisionType, string> = {
  dismiss: 'we found no violation and took no action',
  label: 'we added a warning label to the content',
  hide: 'we made the content unavailable',
  remove: 'we removed the content',
  suspend_author: "we suspended the author's account",
  ban_author: "we closed the author's account",
};

const ACCOUNT_DECISION_WORDS: Record<TModerationDecisionType, string> = {
  ...DECISION_WORDS,
  label: 'we added a warning label to the account',
  hide: 'we restricted the account',
  remove: 'we restricted the account',
  suspend_author: 'we suspended the account',
  ban_author: 'we closed the account',
};

/** What the product would tell the people involved (Opsdesk stores it; sending is the product's job). */
export function outcomeMessages(decisionType: TModerationDecisionType, policyLabel: string, appealDeadline: Date, subjectType: 'content' | 'account' = 'content') {
  const deadline = day(appealDeadline);
  const words = (subjectType === 'account' ? ACCOUNT_DECISION_WORDS : DECISION_WORDS)[decisionType];
  return {
    reporter: `Thank you for your report. After review, ${words} (${policyLabel}).`,
    author: `Your ${subjectType === 'account' ? 'account' : 'content'} was reviewed after reports: ${words}. Reason: ${policyLabel}. The statement of reasons lists the facts and the rule applied.`,
    howToAppeal: `You can ask us to review this decision until ${deadline} (6 months): reply to this message or use the appeal form in your account. A different moderator decides the appeal.`,
  };
}
