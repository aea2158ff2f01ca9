import type { TDsaDecisionGround, TModerationDecideRequest, TModerationReasonCode } from '@opsdesk/shared';
import { dsaWords } from './moderationText';

/**
 * The decision panel's form, kept pure so it is tested without a browser: which codes a
 * moderator may pick here, the digit shortcuts, the statement fields each code prefills
 * (from its DSA category and ground in the policy table) and the request sent.
 */
/** A policy-table row as the panel offers it. */
export type ReasonCodeOption = TModerationReasonCode;

export interface DecisionFormValues {
  reasonCode: string;
  reason: string;
  facts: string;
  decisionGround: TDsaDecisionGround;
  groundReference: string;
  alsoIllegal: 'Yes' | 'No';
}

/** Account measures go through the customer page's account actions (four-eyes), so they are not offered here. */
export function decidableCodes(codes: readonly ReasonCodeOption[]): ReasonCodeOption[] {
  return codes.filter((c) => c.active && c.decisionType !== 'suspend_author' && c.decisionType !== 'ban_author');
}

/** Keys 1–9 pick the n-th code of the list as shown; anything else picks nothing. */
export function codeForKey(codes: readonly ReasonCodeOption[], key: string): ReasonCodeOption | undefined {
  if (!/^[1-9]$/.test(key)) return undefined;
  return codes[Number(key) - 1];
}

/** The code the reports point at (their most severe known reason), so the usual case is one key away. */
export function suggestedCode(codes: readonly ReasonCodeOption[], reportedCodes: readonly string[]): ReasonCodeOption | undefined {
  return codes.find((c) => reportedCodes.includes(c.code) && c.decisionType !== 'dismiss') ?? codes[0];
}

export function factsFor(code: ReasonCodeOption): string {
  if (code.decisionType === 'dismiss') return '';
  return `Reported content reviewed by a moderator and found to break the rule "${code.label}" (${dsaWords(code.dsaCategory, 'STATEMENT_CATEGORY_')}).`;
}

/** Picking a code resets the statement fields it decides; the moderator's own reason stays. */
export function valuesForCode(code: ReasonCodeOption, previous?: DecisionFormValues): DecisionFormValues {
  return {
    reasonCode: code.code,
    reason: previous?.reason ?? '',
    facts: factsFor(code),
    decisionGround: code.decisionGround,
    groundReference: code.groundReference,
    alsoIllegal: 'No',
  };
}

export function decideRequestOf(entryId: string, code: ReasonCodeOption, values: DecisionFormValues): TModerationDecideRequest {
  const request: TModerationDecideRequest = { entryId, reasonCode: code.code, reason: values.reason.trim() };
  if (code.decisionType === 'dismiss') return request;
  const facts = values.facts.trim();
  const reference = values.groundReference.trim();
  return {
    ...request,
    facts: facts || undefined,
    decisionGround: values.decisionGround,
    groundReference: reference || undefined,
    alsoIllegal: values.decisionGround === 'DECISION_GROUND_INCOMPATIBLE_CONTENT' ? values.alsoIllegal : undefined,
  };
}
