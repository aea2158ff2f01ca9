import { DEMO_ADMIN, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, refundablePayment } from '../support/demoCustomers';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

/**
 * Forms say what is wrong as people type, in their units and in words, before anything
 * is submitted; limits come with a counter. (Issue 8 §1.5.)
 */
test('a refund: a negative amount says so and drops the approval warning, decimals and the refundable cap are said in dollars, a reason over the limit is counted', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  // Nothing is submitted here, so any customer with a refundable payment will do.
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => refundablePayment(c, 2_000) !== undefined);
  const payment = refundablePayment(customer, 2_000)!;
  const amount = `Amount (${payment.currency.toUpperCase()})`;
  const refundButton = actionDialog.dialog.getByRole('button', { name: /^(Refund|Request approval)$/ });

  await customerPage.open(customer.user.id);
  await customerPage.startRefund(payment.id);
  await expect(actionDialog.dialog.getByLabel(amount)).toBeFocused();
  // A refund marked fraudulent needs a second person: the warning shows for a valid amount…
  await actionDialog.dialog.getByLabel('Reason given to Stripe').click();
  await page.getByRole('option', { name: 'Fraudulent' }).click();
  await actionDialog.fill(amount, '20');
  const approvalWarning = actionDialog.dialog.getByText(/A second person must approve this/);
  await expect(approvalWarning).toBeVisible();

  // …and goes with it: a negative amount has no preview and so no warning.
  await actionDialog.fill(amount, '-5');
  await expect(actionDialog.dialog.getByText('A refund cannot be negative.')).toBeVisible();
  await expect(approvalWarning).toHaveCount(0);
  await expect(refundButton).toBeDisabled();

  await actionDialog.fill(amount, '1.234');
  await expect(actionDialog.dialog.getByText('Use at most 2 decimals.')).toBeVisible();
  await actionDialog.fill(amount, String(payment.refundable / 100 + 1));
  await expect(actionDialog.dialog.getByText(/^At most .+ can still be refunded\.$/)).toContainText((payment.refundable / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));

  await actionDialog.fill(amount, '20');
  await expect(approvalWarning).toBeVisible();
  await actionDialog.giveReason('x'.repeat(1_001));
  await expect(actionDialog.dialog.getByText('1,001 / 1,000 characters — too long')).toBeVisible();
  await expect(actionDialog.dialog.getByText('Too long: 1 character over the limit of 1,000.')).toBeVisible();
  await actionDialog.giveReason('Goodwill');
  await expect(actionDialog.dialog.getByText('8 / 1,000 characters')).toBeVisible();
  await expect(actionDialog.dialog.getByText(/Too long/)).toHaveCount(0);
});

test('a credit: a negative amount, zero and more than the server allows at once are said in dollars as they are typed', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => c.stripeCustomers.length > 0);
  await customerPage.open(customer.user.id);
  await customerPage.section('Profile').getByRole('button', { name: 'Add credit…' }).first().click();
  const amount = actionDialog.dialog.getByLabel(/^Amount \(/);
  await expect(amount).toBeFocused();

  await amount.fill('-10');
  await expect(actionDialog.dialog.getByText('A credit cannot be negative.')).toBeVisible();
  await expect(actionDialog.dialog.getByRole('button', { name: 'Add credit' })).toBeDisabled();
  await amount.fill('0');
  await expect(actionDialog.dialog.getByText(/^A credit must be more than /)).toBeVisible();
  await amount.fill('10000.01');
  await expect(actionDialog.dialog.getByText(/^At most .*10,000\.00.* can be credited at once\.$/)).toBeVisible();
});

test('staff and saved-filter names are counted and checked as they are typed', async ({ page, staffCreatePage }) => {
  await signInAs(page.request, DEMO_ADMIN);
  await staffCreatePage.open();
  const name = page.getByLabel('Name');
  await name.fill('Ada');
  await expect(page.getByText('3 / 200 characters')).toBeVisible();
  await name.fill('x'.repeat(201));
  await expect(page.getByText('Too long: 1 character over the limit of 200.')).toBeVisible();
  await page.getByLabel('Email').fill('not-an-email');
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();

  await page.goto('/#/customers');
  await page.getByRole('button', { name: 'Saved filters' }).click();
  await page.getByRole('menuitem', { name: 'Save current filter…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this filter' });
  await dialog.getByLabel('Name').fill('y'.repeat(101));
  await expect(dialog.getByText('101 / 100 characters — too long')).toBeVisible();
  await expect(dialog.getByText('Too long: 1 character over the limit of 100.')).toBeVisible();
});
