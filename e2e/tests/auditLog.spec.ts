import { DEMO_ADMIN, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { trpcMutation } from '../support/trpcRequest';

test('the audit log shows a staff creation, its target named and linked, with the new member in its diff', async ({ page, appShell, auditListPage, auditShowPage }) => {
  // Set-up through the API (signing this browser context in as the admin); the UI
  // path of creating staff is covered by the role-access test.
  const email = uniqueEmail('audited');
  expect((await trpcMutation(page.request, 'auth.login', DEMO_ADMIN)).status()).toBe(200);
  const created = await trpcMutation(page.request, 'staff.create', { email, name: 'Audrey Audited', roles: ['finance', 'oncall'], password: 'audited-member-password' });
  expect(created.status()).toBe(200);
  const staffId: string = (await created.json()).result.data.id;

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
});
