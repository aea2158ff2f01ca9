import { DEMO_ADMIN, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { trpcQuery } from '../support/trpcRequest';

test('a support member created by an admin sees no staff or audit tools, and the server refuses them too', async ({
  page,
  loginPage,
  appShell,
  staffListPage,
  staffCreatePage,
}) => {
  const member = { email: uniqueEmail('support'), name: 'Sam Support', roles: ['Support'], password: 'support-member-password-1' };

  await loginPage.open();
  await loginPage.submitCredentials(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await appShell.expectSignedIn();
  await expect(appShell.menuItem('Staff')).toBeVisible();
  await expect(appShell.menuItem('Audit log')).toBeVisible();

  await staffListPage.open();
  await staffListPage.startCreate();
  await staffCreatePage.create(member);
  await expect(staffListPage.row(member.email)).toContainText('Support');

  await appShell.logout();
  await loginPage.submitCredentials(member.email, member.password);
  await appShell.expectSignedIn();
  await expect(page.getByRole('heading', { name: 'Welcome, Sam Support' })).toBeVisible();
  await expect(appShell.menuItem('Staff')).toHaveCount(0);
  await expect(appShell.menuItem('Audit log')).toHaveCount(0);
  await expect(appShell.menuItem('Security')).toHaveCount(0);

  // Hiding the menu entry is convenience; the server is the guard.
  const direct = await trpcQuery(page.request, 'staff.find', {});
  expect(direct.status()).toBe(403);
  expect((await direct.json()).error.data.code).toBe('FORBIDDEN');
});
