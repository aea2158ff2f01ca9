import { DEMO_ADMIN, DEMO_FINANCE, DEMO_PRIVACY, DEMO_SUPPORT, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { signInAs, trpcQuery } from '../support/trpcRequest';
import { accessibilityFindings } from '../pages/AccessibilityAudit';

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
  await expect(staffListPage.row(member.email)).toContainText('Active');
  // The name opens the member's page (the email is plain text, not a mail link).
  const nameLink = staffListPage.row(member.email).getByRole('link', { name: member.name, exact: true });
  await expect(nameLink).toHaveAttribute('href', /^#\/staff\/[0-9a-f-]{36}$/);
  await expect(staffListPage.row(member.email).locator('a[href^="mailto:"]')).toHaveCount(0);
  await nameLink.click();
  await expect(page).toHaveURL(/#\/staff\/[0-9a-f-]{36}$/);
  // Their page writes the status as the list does ("Active"), not the stored word.
  await expect(page.getByRole('main').getByText('Active', { exact: true })).toBeVisible();
  await staffListPage.open();

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

/**
 * Pages outside someone's menu can still be reached by a link or a typed address. Each
 * then says "Access denied", as the lists do, and asks the server nothing it would refuse
 * (before, its parts each showed the refusal with the permission's code name).
 */
const PAGES_OUT_OF_REACH = [
  { staff: DEMO_FINANCE, who: 'finance', paths: ['/#/runbooks', '/#/runbooks/health-check/show', '/#/slos', '/#/slos/create', '/#/slo-alerts', '/#/signals', '/#/jobs', '/#/audit'] },
  { staff: DEMO_SUPPORT, who: 'support', paths: ['/#/security', '/#/staff', '/#/staff/create'] },
  { staff: DEMO_PRIVACY, who: 'privacy', paths: ['/#/flags', '/#/flags/create', '/#/moderation', '/#/moderation-rules', '/#/moderation-appeals'] },
] as const;

for (const { staff, who, paths } of PAGES_OUT_OF_REACH) {
  test(`${who} opening pages they may not see by address gets "Access denied", and no procedure is refused`, async ({ page }) => {
    await signInAs(page.request, staff);
    const refused: string[] = [];
    page.on('response', (response) => void (response.status() === 403 && refused.push(response.url())));
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Access denied' }), path).toBeVisible();
      // Which roles open it, and the ones this member holds.
      await expect(page.getByRole('main'), path).toContainText(new RegExp(`This page is open to .+ staff\\. Your roles: ${who[0]!.toUpperCase()}${who.slice(1)}\\.`));
    }
    expect(refused).toEqual([]);
  });
}

test('the access-denied page names the roles that open the page and leads home', async ({ page }) => {
  await signInAs(page.request, DEMO_FINANCE);
  await page.goto('/#/jobs');
  const main = page.getByRole('main');
  await expect(main).toContainText('This page is open to On-call and Admin staff. Your roles: Finance.');
  await page.goto('/#/audit');
  await expect(main).toContainText('This page is open to Admin staff. Your roles: Finance.');
  expect(await accessibilityFindings(page)).toEqual([]);
  await main.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
});
