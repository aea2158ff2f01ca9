import type { Page } from '@playwright/test';
import { DEMO_ADMIN, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { trpcMutation } from '../support/trpcRequest';

/**
 * Set-up through the API (signing this browser context in as the admin); the UI path of
 * creating staff is covered by the role-access test.
 */
async function createAuditedMember(page: Page): Promise<{ email: string; staffId: string }> {
  const email = uniqueEmail('audited');
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const created = await trpcMutation(page.request, 'staff.create', { email, name: 'Audrey Audited', roles: ['finance', 'oncall'], password: 'audited-member-password' });
  expect(created.status()).toBe(200);
  return { email, staffId: (await created.json()).result.data.id };
}

test('the audit log shows a staff creation, its target named and linked, with the new member in its diff', async ({ page, appShell, auditListPage, auditShowPage }) => {
  const { email, staffId } = await createAuditedMember(page);

  await auditListPage.open();
  await appShell.expectSignedIn();
  await auditListPage.search(staffId);
  const row = auditListPage.row('staff.created');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(DEMO_ADMIN.email);
  await expect(page.getByRole('columnheader', { name: 'Reason' })).toBeVisible();
  // The target in words, linking to the member's page (not "staff <uuid>").
  const target = row.getByRole('link', { name: `Audrey Audited <${email}>` });
  await expect(target).toHaveAttribute('href', `#/staff/${staffId}`);
  await row.getByText('Staff created').click();

  await expect(page.getByText(/^Audit entry \d+: Staff created$/)).toBeVisible();
  await expect(auditShowPage.change('Email')).toContainText(email);
  await expect(auditShowPage.change('Roles')).toContainText('finance, oncall');
  await expect(auditShowPage.change('Name')).toContainText('Audrey Audited');
  // Every field of the entry is named, the reason too (it showed a bare "—").
  await expect(page.getByRole('main').getByText('Reason', { exact: true })).toBeVisible();
});

test('a refused action stands out: its result reads "Denied" where successes read "Success"', async ({ page, appShell, auditListPage }) => {
  const { email } = await createAuditedMember(page);
  // The new member (finance, on-call) tries what only an admin may: the server refuses and audits it.
  expect((await trpcMutation(page.request, 'auth.login', { email, password: 'audited-member-password' })).status()).toBe(200);
  expect((await trpcMutation(page.request, 'staff.create', { email: uniqueEmail('refused'), name: 'Never Created', roles: ['admin'], password: 'never-created-password' })).status()).toBe(403);
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);

  await auditListPage.open();
  await appShell.expectSignedIn();
  await auditListPage.search(email);
  const refused = auditListPage.row('staff.created').filter({ hasText: email });
  await expect(refused).toHaveCount(1);
  await expect(refused.getByRole('cell').nth(4)).toHaveText('Denied');
  await expect(auditListPage.row('staff.logged_in').filter({ hasText: email }).getByRole('cell').nth(4)).toHaveText('Success');
});

test('on a phone, an entry names its staff target in words too', async ({ page, auditListPage }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { email, staffId } = await createAuditedMember(page);
  await page.goto('/#/audit');
  await auditListPage.search(staffId);
  const entry = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Staff created' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(`Audrey Audited <${email}>`);
  await expect(entry).not.toContainText(staffId);
});

test('an entry about a job names it and links to its page', async ({ page, auditListPage }) => {
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const started = await trpcMutation(page.request, 'jobs.startSelfCheck', { steps: 1, stepMs: 0 });
  expect(started.status()).toBe(200);
  const jobId: string = (await started.json()).result.data.id;

  await auditListPage.open();
  await auditListPage.search(jobId);
  const row = auditListPage.row('jobs.started');
  await expect(row).toHaveCount(1);
  // "Job 1a2b3c4d" linking to the job, not "job <uuid>".
  const target = row.getByRole('link', { name: `Job ${jobId.slice(0, 8)}` });
  await expect(target).toHaveAttribute('href', `#/jobs/${jobId}/show`);
  await target.click();
  await expect(page).toHaveURL(new RegExp(`#/jobs/${jobId}/show$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Self-check' })).toBeVisible();
});

test('an entry about a moderation rule names it and opens the rules page', async ({ page, auditListPage }) => {
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const name = `Audit link rule ${Date.now().toString(36)}`;
  const created = await trpcMutation(page.request, 'moderation.rules.create', {
    name,
    conditions: { keywords: ['audit link probe'] },
    action: 'hide_pending_review',
    reasonCode: 'spam',
    reason: `Checking the audit log links to rules (${name}).`,
  });
  expect(created.status()).toBe(200);
  const ruleId = String((await created.json()).result.data.id);

  await auditListPage.open();
  // The search reads the reason, which names the rule.
  await auditListPage.search(name);
  const target = auditListPage.row('moderation.rule_created').getByRole('link', { name: `Moderation rule ${ruleId}` });
  await expect(target).toHaveAttribute('href', '#/moderation-rules');
  await target.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation rules' })).toBeVisible();
  await expect(page.getByText(name)).toBeVisible();
});

test("a moderation rule's entry words its conditions and keeps its reason code", async ({ page, auditListPage, auditShowPage }) => {
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const name = `Audit words rule ${Date.now().toString(36)}`;
  const created = await trpcMutation(page.request, 'moderation.rules.create', {
    name,
    conditions: { keywords: ['free crypto'], author: { maxAccountAgeDays: 3 } },
    action: 'hide_pending_review',
    reasonCode: 'spam',
    reason: `Checking the audit diff words rules (${name}).`,
  });
  expect(created.status()).toBe(200);

  await auditListPage.open();
  await auditListPage.search(name);
  await auditListPage.row('moderation.rule_created').getByText('Rule created').click();
  await expect(auditShowPage.change('Conditions')).toContainText('Text contains any of “free crypto”');
  await expect(auditShowPage.change('Conditions')).toContainText('Author: account at most 3 days old');
  await expect(auditShowPage.change('Action')).toContainText('Hide pending review');
  // Stored as it was given, not "[redacted]" as a key ending in "code" was once.
  await expect(auditShowPage.change('Reason code')).toContainText('spam');
});

test("a privacy request's entry says its state in words and its due day as a date", async ({ page, auditListPage, auditShowPage }) => {
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const created = await trpcMutation(page.request, 'privacy.create', { kind: 'erasure', subject: { kind: 'email', value: uniqueEmail('audit-words') }, channel: 'email' });
  expect(created.status()).toBe(200);
  const request = (await created.json()).result.data as { id: string; dueOn: string };

  await auditListPage.open();
  await auditListPage.search('privacy.request_received');
  await auditListPage.row(`Privacy request ${request.id.slice(0, 8)}`).getByText('Request received').click();
  await expect(auditShowPage.change('Status')).toContainText('Received');
  await expect(auditShowPage.change('Kind')).toContainText('Erasure');
  // "5 Jan 2027", not "2027-01-05"; and no "— → —" rows for what a new request has not got.
  await expect(auditShowPage.change('Due on')).toContainText(/^Due on—\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  await expect(auditShowPage.change('Extension months')).toHaveCount(0);
});

test("an SLO's entry spreads its definition into fields in words", async ({ page, auditListPage, auditShowPage }) => {
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const name = `audit-words-${Date.now().toString(36)}`;
  const created = await trpcMutation(page.request, 'slo.create', {
    definition: { service: 'opsdesk', name, sli: { kind: 'latency', thresholdMs: 250 }, objectivePercent: 99.5, windowDays: 30, minValidRequests: 100 },
  });
  expect(created.status()).toBe(200);
  const slo = (await created.json()).result.data as { id: string };

  await auditListPage.open();
  await auditListPage.search('slo.created');
  await auditListPage.row(`SLO ${slo.id.slice(0, 8)}`).getByText('SLO created').click();
  await expect(auditShowPage.change('Name')).toContainText(`opsdesk / ${name}`);
  await expect(auditShowPage.change('Indicator')).toContainText('Latency (requests under 250 ms)');
  await expect(auditShowPage.change('Objective')).toContainText('99.5 % over 30 days');
  await expect(auditShowPage.changes).not.toContainText('{');
});
