import { describe, expect, it } from 'vitest';
import { recordTarget } from './recordTargets';

describe('the page of an audit entry or approval target', () => {
  const uuid = '5d7dcf7b-0b8e-4c1a-9f3e-2a1b3c4d5e6f';

  it('links records with a page of their own, named in words', () => {
    expect(recordTarget('job', uuid)).toEqual({ path: `/jobs/${uuid}/show`, label: 'Job 5d7dcf7b', permission: 'jobs.read' });
    expect(recordTarget('privacy_request', uuid)).toMatchObject({ path: `/privacy/${uuid}/show`, label: 'Privacy request 5d7dcf7b' });
    expect(recordTarget('approval_request', uuid)?.path).toBe(`/approvals/${uuid}/show`);
    expect(recordTarget('slo', uuid)?.path).toBe(`/slos/${uuid}/show`);
    expect(recordTarget('moderation_entry', '118')).toMatchObject({ path: '/moderation/118/show', label: 'Moderation item 118', permission: 'moderation.read' });
    expect(recordTarget('moderation_bulk_run', uuid)?.path).toBe(`/moderation-bulk/${uuid}`);
    expect(recordTarget('runbook_run', uuid)).toEqual({ path: `/runbook-runs/${uuid}`, label: 'Runbook run 5d7dcf7b', permission: 'runbooks.read' });
    expect(recordTarget('moderation_rule', '1')).toEqual({ path: '/moderation-rules', label: 'Moderation rule 1', permission: 'moderation.read' });
    expect(recordTarget('moderation_appeal', uuid)).toEqual({ path: `/moderation-appeals?appeal=${uuid}`, label: 'Appeal 5d7dcf7b', permission: 'moderation.read' });
    expect(recordTarget('revenue_reconciliation', uuid)).toEqual({ path: `/revenue/reconciliation?run=${uuid}`, label: 'Reconciliation 5d7dcf7b', permission: 'revenue.read' });
    expect(recordTarget('runbook_change', uuid)).toMatchObject({ path: '/runbooks', label: 'Temporary change 5d7dcf7b' });
  });

  it('links a flag by its key, with the environment a change was made in', () => {
    expect(recordTarget('flag', 'checkout.new-flow')).toMatchObject({ path: '/flags/checkout.new-flow/show', label: 'Flag checkout.new-flow' });
    expect(recordTarget('flag', 'checkout.new-flow@production')).toMatchObject({ path: '/flags/checkout.new-flow/show', label: 'Flag checkout.new-flow in production' });
    expect(recordTarget('flag', 'a/b@development')?.path).toBe('/flags/a%2Fb/show');
  });

  it('has nothing for targets without a page', () => {
    expect(recordTarget('settings', 'security')).toBeNull();
    expect(recordTarget('saved_filter', uuid)).toBeNull();
  });
});
