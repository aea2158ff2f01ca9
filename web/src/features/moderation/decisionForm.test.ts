import { describe, expect, it } from 'vitest';
import { codeForKey, decidableCodes, decideRequestOf, factsFor, suggestedCode, valuesForCode, type ReasonCodeOption } from './decisionForm';

const code = (c: string, decisionType: ReasonCodeOption['decisionType'], severity: number, extra: Partial<ReasonCodeOption> = {}): ReasonCodeOption => ({
  code: c,
  label: c.charAt(0).toUpperCase() + c.slice(1),
  reasonGroup: 'abuse',
  dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  decisionType,
  decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  groundReference: `Terms: ${c}`,
  severity,
  active: true,
  ...extra,
});

const POLICY = [code('violence', 'remove', 90), code('severe_violation', 'ban_author', 90), code('hate', 'remove', 75), code('harassment', 'hide', 60), code('repeat_offender', 'suspend_author', 60), code('retired', 'hide', 50, { active: false }), code('no_violation', 'dismiss', 0)];

describe('the decision form', () => {
  it('offers active content decisions only: account measures go through the customer page', () => {
    expect(decidableCodes(POLICY).map((c) => c.code)).toEqual(['violence', 'hate', 'harassment', 'no_violation']);
  });

  it('maps keys 1–9 onto the list as shown, and nothing else', () => {
    const codes = decidableCodes(POLICY);
    expect(codeForKey(codes, '1')?.code).toBe('violence');
    expect(codeForKey(codes, '3')?.code).toBe('harassment');
    expect(codeForKey(codes, '5')).toBeUndefined();
    expect(codeForKey(codes, '0')).toBeUndefined();
    expect(codeForKey(codes, 'n')).toBeUndefined();
    expect(codeForKey(codes, '12')).toBeUndefined();
  });

  it('suggests the most severe restricting code the reports name', () => {
    const codes = decidableCodes(POLICY);
    expect(suggestedCode(codes, ['harassment', 'hate'])?.code).toBe('hate');
    expect(suggestedCode(codes, ['no_violation'])?.code).toBe('violence');
  });

  it('prefills the statement from the code and keeps the moderator reason when the code changes', () => {
    const [violence, , harassment] = decidableCodes(POLICY);
    const first = { ...valuesForCode(violence!), reason: 'Threat against a person' };
    const switched = valuesForCode(harassment!, first);
    expect(switched).toEqual({ reasonCode: 'harassment', reason: 'Threat against a person', facts: factsFor(harassment!), decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', groundReference: 'Terms: harassment', alsoIllegal: 'No' });
    expect(factsFor(harassment!)).toContain('"Harassment" (Illegal or harmful speech)');
  });

  it('sends the statement fields for a restriction and only the reason for a dismissal', () => {
    const codes = decidableCodes(POLICY);
    const hide = codes[2]!;
    const values = { ...valuesForCode(hide), reason: '  insults  ', groundReference: ' ' };
    expect(decideRequestOf('42', hide, values)).toEqual({ entryId: '42', reasonCode: 'harassment', reason: 'insults', facts: factsFor(hide), decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', groundReference: undefined, alsoIllegal: 'No' });
    const illegal = decideRequestOf('42', hide, { ...values, decisionGround: 'DECISION_GROUND_ILLEGAL_CONTENT' });
    expect(illegal.alsoIllegal).toBeUndefined();
    const dismiss = codes[3]!;
    expect(decideRequestOf('42', dismiss, { ...valuesForCode(dismiss), reason: 'Satire' })).toEqual({ entryId: '42', reasonCode: 'no_violation', reason: 'Satire' });
  });
});
