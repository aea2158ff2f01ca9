import { generate } from 'otplib';
import { DEMO_ADMIN, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { createStaffAs } from '../support/trpcRequest';

test('an admin who turns on two-factor on My account is asked for a code at the next sign-in', async ({
  page,
  request,
  loginPage,
  appShell,
  accountPage,
}) => {
  // A fresh admin, so the demo admin other tests use keeps signing in with a password only.
  const admin = { email: uniqueEmail('totp-admin'), password: 'totp-admin-password-1' };
  await createStaffAs(request, DEMO_ADMIN, { ...admin, name: 'Tova Totp', roles: ['admin'] });

  await loginPage.open();
  await loginPage.submitCredentials(admin.email, admin.password);
  await appShell.expectSignedIn();
  await accountPage.open();
  const secret = await accountPage.startTotpSetup();
  await accountPage.confirmTotp(await generate({ secret }));

  await appShell.logout();
  await loginPage.submitCredentials(admin.email, admin.password);
  await expect(loginPage.code).toBeVisible();
  await expect(appShell.menuItem('My account')).toHaveCount(0);
  // The server never accepts a time step twice (replay defence), and the enrollment
  // used the current one; the next step's code is within its ±30 s tolerance.
  await loginPage.submitCode(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await appShell.expectSignedIn();
  await expect(appShell.menuItem('Staff')).toBeVisible();

  // The staff list says who has it in words: the new admin has, the demo support member has not.
  await appShell.go('Staff');
  await expect(page.getByRole('columnheader', { name: 'Two-factor' })).toBeVisible();
  const search = page.getByPlaceholder('Search name or email');
  await search.fill(admin.email);
  await expect(page.getByRole('row').filter({ hasText: admin.email }).getByRole('cell', { name: 'Set up', exact: true })).toBeVisible();
  await search.fill('support@opsdesk.test');
  await expect(page.getByRole('row').filter({ hasText: 'support@opsdesk.test' }).getByRole('cell', { name: 'Not set up', exact: true })).toBeVisible();
});

test('a member moves two-factor to a new app on My account, giving the password and a code from the current app', async ({
  request,
  loginPage,
  appShell,
  accountPage,
}) => {
  const member = { email: uniqueEmail('totp-replace'), password: 'totp-replace-password-1' };
  await createStaffAs(request, DEMO_ADMIN, { ...member, name: 'Rafe Replace', roles: ['support'] });
  const nextStepCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

  await loginPage.open();
  await loginPage.submitCredentials(member.email, member.password);
  await appShell.expectSignedIn();
  await accountPage.open();
  const oldSecret = await accountPage.startTotpSetup();
  await accountPage.confirmTotp(await generate({ secret: oldSecret }));

  const newSecret = await accountPage.startTotpReplacement();
  await accountPage.submitTotpReplacement({ newCode: await generate({ secret: newSecret }), password: 'not the password', currentCode: await nextStepCode(oldSecret) });
  await accountPage.expectTwoFactorError('Your password is not correct.');
  await accountPage.submitTotpReplacement({ newCode: await generate({ secret: newSecret }), password: member.password, currentCode: await nextStepCode(oldSecret) });
  await accountPage.expectTotpReplaced();

  await appShell.logout();
  await loginPage.submitCredentials(member.email, member.password);
  await loginPage.submitCode(await nextStepCode(newSecret));
  await appShell.expectSignedIn();
});
