import { DEMO_ADMIN, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, refundablePayment, type DemoCustomer } from '../support/demoCustomers';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcMutation } from '../support/trpcRequest';

/** The second customer that matches: other specs act on the first, in parallel. */
function secondMatch(accept: (customer: DemoCustomer) => boolean): (customer: DemoCustomer) => boolean {
  let seen = 0;
  return (customer) => accept(customer) && seen++ >= 1;
}

test('an approval shows the 600 USD refund as money in its preview and parameters, and links to the customer by name and email', async ({ page, customerPage, auditListPage, auditShowPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'enterprise' }, secondMatch((c) => refundablePayment(c, 60_000) !== undefined));
  const payment = refundablePayment(customer, 60_000)!;
  const requested = await trpcData<{ status: string; requestId: string }>(
    await trpcMutation(page.request, 'customers.refund', { chargeId: payment.id, amount: 60_000, stripeReason: 'requested_by_customer', reason: 'Contract downgrade, checked by the account manager' }),
  );
  expect(requested.status).toBe('approval_requested');

  await signInAs(page.request, DEMO_ADMIN);
  const inbox = new ApprovalsPage(page);
  await inbox.open();
  const row = inbox.row(customer.user.email).filter({ hasText: 'Refund' });
  await expect(row).toHaveCount(1);
  // On a phone the request is one line, naming the customer in words too (the line itself is the link).
  const wide = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  const line = page.getByRole('main').getByRole('listitem').filter({ hasText: customer.user.email }).filter({ hasText: 'Refund' });
  await expect(line).toContainText(customer.user.name);
  await page.setViewportSize(wide);
  await row.getByRole('cell').first().click();

  await expect(inbox.previewFact('Amount')).toHaveText(/600\.00 USD/);
  await expect(inbox.parameterFact('Amount')).toHaveText(/600\.00 USD/);
  // Stripe's reason in the refund dialog's words.
  await expect(inbox.parameterFact('Stripe reason')).toHaveText(/Requested by customer$/);
  await expect(page.getByText('60000')).toHaveCount(0);
  const customerLink = page.getByRole('heading', { level: 1 }).getByRole('link', { name: customer.user.email });
  await expect(customerLink).toContainText(customer.user.name);
  await customerLink.click();
  await customerPage.expectCustomer(customer.user.email);

  // The request's audit entry reads the same: the preview as money, the action by name, not JSON in cents.
  await auditListPage.open();
  // (Reasons about a customer are sealed under their key and not searchable: find it by action and target.)
  await auditListPage.search('approval.requested');
  await auditListPage.row('approval.requested').filter({ hasText: customer.user.email }).first().getByText('Approval requested').click();
  await expect(auditShowPage.change('Action')).toContainText('Refund');
  await expect(auditShowPage.change('What the requester saw')).toContainText('Amount: 600.00 USD');
  await expect(auditShowPage.changes).not.toContainText('60000');

  // Leave nothing pending for the other specs: the admin turns it down.
  await trpcData(await trpcMutation(page.request, 'approvals.reject', { id: requested.requestId, comment: 'Test clean-up' }));
});

test('the plan change preview says which plans, in words, with its invoice lines as a table', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const monthlyPro = (c: DemoCustomer) => c.subscriptions.some((s) => s.status === 'active' && s.interval === 'month' && !s.cancelAtPeriodEnd && !s.pauseCollection);
  const customer = await findCustomer(page.request, { plan: 'pro' }, secondMatch(monthlyPro));
  const subscription = customer.subscriptions.find((s) => s.status === 'active' && s.interval === 'month' && !s.cancelAtPeriodEnd && !s.pauseCollection)!;

  await customerPage.open(customer.user.id);
  await page.getByRole('button', { name: `Actions on ${subscription.id}` }).click();
  await page.getByRole('menuitem', { name: 'Change plan…' }).click();
  await actionDialog.dialog.getByLabel('New plan').click();
  await page.getByRole('option', { name: /Pro annual/ }).click();

  await expect(actionDialog.previewFact('From')).toContainText(new RegExp(`Pro monthly × ${subscription.quantity} — 29\\.00 USD / month`));
  await expect(actionDialog.previewFact('To')).toContainText(new RegExp(`Pro annual × ${subscription.quantity} — 290\\.00 USD / year`));
  await expect(actionDialog.previewFact('Lines').getByRole('table', { name: 'Lines' }).getByRole('row').nth(1)).toContainText('USD');
  await expect(actionDialog.preview).not.toContainText('{');
  await expect(actionDialog.previewFact('Item id')).toHaveCount(0);
  await expect(actionDialog.previewFact('Proration date')).not.toContainText(/^\d+$/);
  await actionDialog.dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('the audit log names actions in words and links a customer target to the customer page', async ({ page, auditListPage, customerPage }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'free' }, () => true);
  await trpcData(await trpcMutation(page.request, 'customers.addNote', { userId: customer.user.id, body: `Audit link check ${Date.now().toString(36)}` }));

  await auditListPage.open();
  await auditListPage.search(customer.user.id);
  const row = auditListPage.row('customer.note_added').first();
  await expect(row).toContainText('Note added');
  const link = row.getByRole('link', { name: customer.user.email });
  await expect(link).toBeVisible();
  await link.click();
  await customerPage.expectCustomer(customer.user.email);
});

test('an action in the audit log shows what changed in words, apart from what the preview showed', async ({ page, auditListPage, auditShowPage }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { status: 'active', plan: 'free' }, secondMatch((c) => c.sessions.length === 0 && c.subscriptions.length === 0));
  const fields = { userId: customer.user.id, reason: 'Audit diff check', confirmation: customer.user.email };
  expect((await trpcData<{ status: string }>(await trpcMutation(page.request, 'customers.ban', { ...fields, cancelSubscriptions: false }))).status).toBe('done');
  expect((await trpcData<{ status: string }>(await trpcMutation(page.request, 'customers.unban', fields))).status).toBe('done');

  await auditListPage.open();
  await auditListPage.search(customer.user.id);
  await auditListPage.row('customer.banned').first().getByRole('cell').first().click();
  await expect(page.getByText(/^Audit entry \d+: Customer banned$/)).toBeVisible();
  await expect(auditShowPage.change('Status')).toContainText('banned');
  const previewed = page.getByRole('table', { name: 'What the preview showed' });
  await expect(previewed.getByRole('rowheader', { name: 'Email', exact: true })).toBeVisible();
  await expect(previewed.getByRole('rowheader', { name: 'Last unbanned id' })).toHaveCount(0);
  await expect(auditShowPage.changes.getByRole('rowheader', { name: 'Email', exact: true })).toHaveCount(0);
});
