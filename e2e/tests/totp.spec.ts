import { generate } from 'otplib';
import { DEMO_ADMIN, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { createStaffAs } from '../support/trpcRequest';

test('an admin who turns on two-factor on My account is asked for a code at the next sign-in', async ({
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
});
