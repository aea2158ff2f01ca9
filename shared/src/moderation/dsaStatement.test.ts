import { describe, expect, it } from 'vitest';
import { ZDsaStatementSchema } from './dsaStatement.js';

/** The statement schema holds the DSA database's rules: enumerations, a restriction, the ground's own fields. */
describe('ZDsaStatementSchema', () => {
  const valid = {
    decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: 'Terms of service: spam',
    incompatible_content_explanation: 'Repeated identical links.',
    incompatible_content_illegal: 'No',
    category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
    content_type: ['CONTENT_TYPE_TEXT'],
    content_date: '2026-11-30',
    application_date: '2026-12-01',
    end_date: null,
    decision_facts: 'Repeated identical links.',
    source_type: 'SOURCE_ARTICLE_16',
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    territorial_scope: ['DE', 'FR'],
    puid: 'a1b2',
  };

  it('accepts a complete statement', () => {
    expect(ZDsaStatementSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['an unknown category', { category: 'STATEMENT_CATEGORY_SPAM' }],
    ['an unknown visibility', { decision_visibility: ['DECISION_VISIBILITY_SHADOWBAN'] }],
    ['no restriction at all', { decision_visibility: [] }],
    ['a country outside the EEA', { territorial_scope: ['US'] }],
    ['Yes/No where the database wants an AUTOMATED_DECISION_* key', { automated_decision: 'No' }],
    ['an illegal-content ground without its legal reference', { decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT' }],
    ['an "other" restriction without its description', { decision_visibility: ['DECISION_VISIBILITY_OTHER'] }],
    ['an unknown field', { platform_name: 'x' }],
  ])('refuses %s', (_name, change) => {
    expect(ZDsaStatementSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
