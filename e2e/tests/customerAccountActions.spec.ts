import { DEMO_ADMIN, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer } from '../support/demoCustomers';
import { expect, test } from '../support/test';
import { signInAs, trpcMutation } from '../support/trpcRequest';

test('support has no ban button, and the server refuses a ban from their session', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { status: 'active' }, () => true);

  await customerPage.open(customer.user.id);
  await expect(customerPage.accountActions).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Ban/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /^Ban/ })).toHaveCount(0);

  const direct = await trpcMutation(page.request, 'customers.ban', { userId: customer.user.id, reason: 'testing', confirmation: customer.user.email });
  expect(direct.status()).toBe(403);
  expect((await direct.json()).error.data.code).toBe('FORBIDDEN');
});

test('an admin bans a user by typing their email, and their product sessions are gone', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_ADMIN);
  // Not paying (no second person needed) and signed in to the product somewhere.
  const customer = await findCustomer(page.request, { status: 'active', plan: 'free' }, (c) => c.sessions.length > 0 && c.subscriptions.every((s) => !['active', 'trialing', 'past_due'].includes(s.status)));
  const sessions = customerPage.section('Product sessions');

  await customerPage.open(customer.user.id);
  await expect(sessions.getByRole('table', { name: 'Product sessions' })).toBeVisible();
  await customerPage.startAccountAction('Ban…');
  await expect(actionDialog.previewFact('Email')).toContainText(customer.user.email);
  await actionDialog.giveReason('Spam campaign from this account');
  await actionDialog.typeConfirmation(customer.user.email);
  await actionDialog.submit('Ban');
  await expect(actionDialog.outcome).toContainText('Done');
  await actionDialog.close();

  await expect(sessions.getByText('No active product session.')).toBeVisible();
  await expect(customerPage.section('Profile').getByText('Banned', { exact: true })).toBeVisible();
});
