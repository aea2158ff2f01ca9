import type { Browser } from '@playwright/test';
import { DEMO_ADMIN, DEMO_FINANCE } from '../support/demoAccounts';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { signInAs } from '../support/trpcRequest';
import { expect, test } from '../support/test';

/**
 * Requiring two-factor of a role signs out its members who have not set it up, at once,
 * and says how many. Its own server: requiring TOTP of a role on the shared one would
 * sign out the demo accounts every other spec uses.
 */
let opsdesk: RunningOpsdesk;

test.beforeAll(async ({}, testInfo) => {
  // A server start seeds its demo company: kept small, and given time on a busy machine.
  testInfo.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'security', env: { DEMO_COMPANY_USERS: '20' } });
});
test.afterAll(async () => {
  await opsdesk?.stop();
});

async function signedInPage(browser: Browser, staff: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: opsdesk.baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page.request, staff);
  return page;
}

test('an admin requires two-factor of Finance: the finance member without it is signed out now; requiring it of admins first asks the admin to set it up', async ({ browser }) => {
  const finance = await signedInPage(browser, DEMO_FINANCE);
  await finance.goto('/#/');
  await expect(finance.getByRole('heading', { name: /Welcome/ })).toBeVisible();

  const admin = await signedInPage(browser, DEMO_ADMIN);
  await admin.goto('/#/security');
  const save = admin.getByRole('button', { name: 'Save' });
  await admin.getByRole('checkbox', { name: 'Admin' }).check();
  await save.click();
  await expect(admin.getByRole('alert').filter({ hasText: 'Set up two-factor authentication on your own account' })).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole('checkbox', { name: 'Admin' })).not.toBeChecked();

  await admin.getByRole('checkbox', { name: 'Finance' }).check();
  await save.click();
  await expect(admin.getByRole('alert').filter({ hasText: 'Security settings saved. 1 member who had not set up two-factor authentication was signed out' })).toBeVisible();

  await finance.reload();
  await expect(finance.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
