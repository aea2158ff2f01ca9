import { ZModerationRuleConditionsSchema } from '@opsdesk/shared';
import { describe, expect, it } from 'vitest';
import { conditionsFromForm, EMPTY_RULE_FORM, formErrorsOfServer, formFieldOfServerPath, regexesFromInput, type TRuleFormValues } from './ruleForm';

const form = (values: Partial<TRuleFormValues>): TRuleFormValues => ({ ...EMPTY_RULE_FORM, ...values });

describe('the new-rule form as conditions', () => {
  it('builds every condition the schema has, and the schema accepts it as is', () => {
    const { conditions, errors } = conditionsFromForm(
      form({
        keywords: 'free money, crypto',
        regexes: 'buy\\s+now\n\n  win [0-9]+ prizes  \n',
        reportsMinCount: ' 3 ',
        reportsWindowHours: '24',
        reportReasonCodes: 'spam, scam',
        minDistinctReporters: '2',
        minReporterReliabilityPercent: '57.3',
        authorMaxAgeDays: '7',
        authorMinAgeDays: '0',
        authorStatuses: ['active', 'suspended'],
        plansAnyOf: ['none', 'free'],
        plansNoneOf: ['enterprise'],
        contentKinds: 'post, comment',
      }),
    );
    expect(errors).toEqual({});
    expect(conditions).toEqual({
      keywords: ['free money', 'crypto'],
      regexes: ['buy\\s+now', 'win [0-9]+ prizes'],
      reports: { minCount: 3, windowHours: 24, reasonCodes: ['spam', 'scam'], minDistinctReporters: 2, minReporterReliability: 0.573 },
      author: { maxAccountAgeDays: 7, minAccountAgeDays: 0, statuses: ['active', 'suspended'] },
      plans: { anyOf: ['none', 'free'], noneOf: ['enterprise'] },
      contentKinds: ['post', 'comment'],
    });
    expect(ZModerationRuleConditionsSchema.parse(conditions)).toEqual(conditions);
  });

  it('leaves empty fields out, so a single condition is a whole rule', () => {
    const keywordsOnly = conditionsFromForm(form({ keywords: 'zebra lottery', regexes: ' \n ', reportReasonCodes: ' , ', contentKinds: '' }));
    expect(keywordsOnly).toEqual({ conditions: { keywords: ['zebra lottery'] }, errors: {} });
    const youngAuthors = conditionsFromForm(form({ authorMaxAgeDays: '3' }));
    expect(youngAuthors.conditions).toEqual({ author: { maxAccountAgeDays: 3 } });
    expect(ZModerationRuleConditionsSchema.safeParse(youngAuthors.conditions).success).toBe(true);
    const excludedPlan = conditionsFromForm(form({ plansNoneOf: ['pro', 'pro'] }));
    expect(excludedPlan.conditions).toEqual({ plans: { noneOf: ['pro'] } });
    expect(ZModerationRuleConditionsSchema.safeParse(excludedPlan.conditions).success).toBe(true);
    const reports = conditionsFromForm(form({ reportsMinCount: '5', reportsWindowHours: '2' }));
    expect(reports.conditions).toEqual({ reports: { minCount: 5, windowHours: 2 } });
    expect(ZModerationRuleConditionsSchema.safeParse(reports.conditions).success).toBe(true);
  });

  it('gives no conditions for an empty form', () => {
    expect(conditionsFromForm(EMPTY_RULE_FORM)).toEqual({ errors: {} });
  });

  it('refuses numbers that are not whole, under their field', () => {
    const result = conditionsFromForm(form({ keywords: 'spam', authorMaxAgeDays: '2.5', reportsMinCount: 'three', reportsWindowHours: '-1' }));
    expect(result.conditions).toBeUndefined();
    expect(result.errors).toEqual({ authorMaxAgeDays: 'Enter a whole number', reportsMinCount: 'Enter a whole number', reportsWindowHours: 'Enter a whole number' });
    expect(conditionsFromForm(form({ minReporterReliabilityPercent: '120', reportsMinCount: '1', reportsWindowHours: '1' })).errors).toEqual({ minReporterReliabilityPercent: 'Enter a percentage from 0 to 100' });
  });

  it('asks for both halves of "at least N reports within H hours"', () => {
    expect(conditionsFromForm(form({ reportsMinCount: '3' }))).toEqual({ errors: { reportsWindowHours: 'Give the window in hours' } });
    expect(conditionsFromForm(form({ reportsWindowHours: '24' }))).toEqual({ errors: { reportsMinCount: 'Give the number of reports' } });
    expect(conditionsFromForm(form({ keywords: 'x', minDistinctReporters: '2' })).errors).toEqual({ reportsMinCount: 'Give the number of reports', reportsWindowHours: 'Give the window in hours' });
  });

  it('lets the schema refuse what only the server checks (RE2 patterns, bounds)', () => {
    const backReference = conditionsFromForm(form({ regexes: '(a)\\1' }));
    expect(backReference.conditions).toEqual({ regexes: ['(a)\\1'] });
    expect(ZModerationRuleConditionsSchema.safeParse(backReference.conditions).success).toBe(false);
    const tooLong = conditionsFromForm(form({ reportsMinCount: '1', reportsWindowHours: String(31 * 24) }));
    expect(ZModerationRuleConditionsSchema.safeParse(tooLong.conditions).success).toBe(false);
  });

  it('splits patterns one per line', () => {
    expect(regexesFromInput('a,b\r\nc\n\na,b')).toEqual(['a,b', 'c']);
  });
});

describe('server field errors on the form', () => {
  it('puts each refusal under the field it came from', () => {
    expect(formFieldOfServerPath('conditions.regexes.1')).toBe('regexes');
    expect(formFieldOfServerPath('conditions.regexes')).toBe('regexes');
    expect(formFieldOfServerPath('conditions.reports.windowHours')).toBe('reportsWindowHours');
    expect(formFieldOfServerPath('conditions.reports.reasonCodes.0')).toBe('reportReasonCodes');
    expect(formFieldOfServerPath('conditions.author')).toBe('authorStatuses');
    expect(formFieldOfServerPath('conditions.plans.noneOf.2')).toBe('plansNoneOf');
    expect(formFieldOfServerPath('name')).toBeUndefined();
    expect(formFieldOfServerPath('conditions')).toBeUndefined();
    expect(formErrorsOfServer({ 'conditions.regexes.0': 'is too complex', 'conditions.regexes.1': 'second', name: 'Name the rule' })).toEqual({ regexes: 'is too complex' });
    expect(formErrorsOfServer(undefined)).toEqual({});
  });

  it('maps what the shared schema says about a bad pattern to the patterns field', () => {
    const parsed = ZModerationRuleConditionsSchema.safeParse({ regexes: ['ok', '[a-z]{1000}x'] });
    expect(parsed.success).toBe(false);
    const fieldErrors = Object.fromEntries(parsed.error!.issues.map((issue) => [['conditions', ...issue.path].join('.'), issue.message]));
    expect(formErrorsOfServer(fieldErrors).regexes).toMatch(/too complex/);
  });
});
