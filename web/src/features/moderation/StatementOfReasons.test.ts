import { DSA_EEA_COUNTRIES, type TDsaStatement } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { statementRows } from './StatementOfReasons';

const HIDDEN: TDsaStatement = {
  decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'],
  decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  incompatible_content_ground: 'Terms of service: harassment',
  incompatible_content_explanation: 'Insults aimed at another user.',
  incompatible_content_illegal: 'No',
  category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  content_type: ['CONTENT_TYPE_TEXT'],
  content_date: '2026-11-02',
  application_date: '2026-12-01',
  end_date: null,
  decision_facts: 'Insults aimed at another user.',
  source_type: 'SOURCE_ARTICLE_16',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  territorial_scope: [...DSA_EEA_COUNTRIES],
  puid: '179e95e5-c2ee-489a-ba2d-95aa982afd83',
};

describe('the statement of reasons as staff read it', () => {
  it('reads every present field in words and leaves absent ones out', () => {
    const rows = Object.fromEntries(statementRows(HIDDEN));
    expect(rows).toMatchObject({
      Restriction: 'Content disabled',
      Ground: 'Incompatible content',
      'Contractual ground': 'Terms of service: harassment',
      'Also illegal': 'No',
      Category: 'Illegal or harmful speech',
      'Content type': 'Text',
      Ends: 'Not timed',
      Source: 'Article 16',
      'Automated decision': 'Not automated',
      'Territorial scope': 'Every EU/EEA country',
    });
    expect(rows).not.toHaveProperty('Legal ground');
    expect(rows).not.toHaveProperty('Account');
  });

  it('names a narrowed territorial scope and an account measure', () => {
    const rows = Object.fromEntries(statementRows({ ...HIDDEN, decision_account: 'DECISION_ACCOUNT_SUSPENDED', territorial_scope: ['DE', 'AT'], end_date: '2026-12-08' }));
    expect(rows['Territorial scope']).toBe('Germany (DE), Austria (AT)');
    expect(rows.Account).toBe('Suspended');
    expect(rows.Ends).toBe('2026-12-08');
  });

  it('a scope missing a few countries names the exceptions', () => {
    const withoutIreland = DSA_EEA_COUNTRIES.filter((code) => code !== 'IE');
    expect(Object.fromEntries(statementRows({ ...HIDDEN, territorial_scope: withoutIreland }))['Territorial scope']).toBe('Every EU/EEA country except Ireland (IE)');
  });
});
