import { DEMO_ADMIN, DEMO_PASSWORD } from '../support/demoAccounts';
import { HomePage } from '../pages/HomePage';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcQuery } from '../support/trpcRequest';

const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };

test('an admin starts the day with the approvals waiting for them, their requests, the newest customers and the lookup hint', async ({ page }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const home = new HomePage(page);
  await home.open();
  const approvals = home.card('Approvals waiting for you');
  await expect(approvals).toBeVisible();
  // Whatever the count, the card settles on it (or on its empty state), then leads to the inbox.
  const waiting = await trpcData<number>(await trpcQuery(page.request, 'approvals.countToDecide'));
  await expect(approvals.getByRole('status', { name: 'Loading' })).toHaveCount(0);
  await expect(approvals).toContainText(waiting === 0 ? 'Nothing waits for your decision.' : /wait(s)? for your decision/);
  await expect(home.card('My recent requests')).toBeVisible();
  await expect(home.card('Newest customers').getByRole('link').first()).toBeVisible();
  await expect(home.card('Quick lookup')).toContainText('Ctrl');
  await approvals.getByRole('link', { name: 'Open the approvals inbox' }).click();
  await expect(page.getByRole('tab', { name: 'To decide' })).toBeVisible();
});

test('on-call sees the customer cards but no approvals card: they cannot read or decide approvals', async ({ page }) => {
  await signInAs(page.request, DEMO_ONCALL);
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('Quick lookup')).toBeVisible();
  await home.card('Quick lookup').getByRole('button', { name: 'Find a customer' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(home.card('Newest customers').getByRole('link').first()).toBeVisible();
  await expect(home.card('Approvals waiting for you')).toHaveCount(0);
  await expect(home.card('My recent requests')).toHaveCount(0);
});
