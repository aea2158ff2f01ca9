import { DEMO_ADMIN } from '../support/demoAccounts';
import { findCustomer, getCustomer } from '../support/demoCustomers';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

test('an admin moves a monthly Pro customer to the annual plan and is charged exactly the previewed proration', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'pro' }, (c) =>
    c.subscriptions.some((s) => s.status === 'active' && s.interval === 'month' && !s.cancelAtPeriodEnd && !s.pauseCollection),
  );
  const subscription = customer.subscriptions.find((s) => s.status === 'active' && s.interval === 'month' && !s.cancelAtPeriodEnd && !s.pauseCollection)!;

  await customerPage.open(customer.user.id);
  await page.getByRole('button', { name: `Actions on ${subscription.id}` }).click();
  await page.getByRole('menuitem', { name: 'Change plan…' }).click();
  await actionDialog.dialog.getByLabel('New plan').click();
  await page.getByRole('option', { name: /Pro annual/ }).click();
  const amountDue = actionDialog.previewFact('Amount due');
  await expect(amountDue).toContainText('USD');
  const previewed = (await amountDue.getByRole('cell').last().textContent())!.trim();
  await actionDialog.giveReason('Customer asked to switch to yearly billing');
  await actionDialog.submit('Change plan');
  await expect(actionDialog.outcome).toContainText('Done');
  await actionDialog.close();

  // The plan change reaches the mirror by webhook: poll the page data, never a fixed wait.
  await expect(async () => {
    const after = await getCustomer(page.request, customer.user.id);
    const changed = after.subscriptions.find((s) => s.id === subscription.id)!;
    expect(changed.interval).toBe('year');
    const invoice = after.invoices[0]!;
    expect(`${(invoice.amountDue / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`).toBe(previewed);
  }).toPass({ timeout: 30_000 });
});
