import { DEMO_ADMIN, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, refundablePayment } from '../support/demoCustomers';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { HomePage } from '../pages/HomePage';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

test('support refunds 20 USD on a payment and sees it on the timeline', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => refundablePayment(c, 2_000) !== undefined);
  const payment = refundablePayment(customer, 2_000)!;
  const reason = `Goodwill after outage ${Date.now().toString(36)}`;

  await customerPage.open(customer.user.id);
  const newestBilling = customerPage.timeline.getByRole('listitem').filter({ hasText: 'billing' }).first();
  const newestBillingBefore = (await newestBilling.textContent()) ?? '';
  await customerPage.startRefund(payment.id);
  await actionDialog.fill(`Amount (${payment.currency.toUpperCase()})`, '20');
  await expect(actionDialog.previewFact('Amount')).toContainText('20.00');
  await expect(actionDialog.previewFact('Refundable')).toBeVisible();
  await actionDialog.giveReason(reason);
  await actionDialog.submit('Refund');
  await expect(actionDialog.outcome).toContainText('Done');
  await actionDialog.close();

  await expect(customerPage.timeline.getByRole('listitem').filter({ hasText: reason })).toContainText(`${DEMO_SUPPORT.email}: Customer refunded`);
  // Stripe's webhook brings the refund to the mirror a moment after the action answers;
  // the page follows it without a reload (30 s: webhook delivery on a loaded machine).
  // The Refunds card lists it with Stripe's reason in words, as the dialog offered it.
  await expect(page.getByRole('region', { name: 'Refunds' }).getByRole('row').filter({ hasText: payment.id }).filter({ hasText: '20.00 USD' }).first()).toContainText('Requested by customer', { timeout: 30_000 });
  // The timeline follows too: Stripe's refund events become its newest billing entry (refund.created or charge.refunded).
  await expect(newestBilling).not.toHaveText(newestBillingBefore, { timeout: 30_000 });
  await expect(newestBilling).toContainText(/Refund of 20\.00 USD|refunded \(/);
});

test('support asks for a 600 USD refund, an admin approves it from the inbox, and the refund is made', async ({ page, browser, baseURL, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'enterprise' }, (c) => refundablePayment(c, 60_000) !== undefined);
  const payment = refundablePayment(customer, 60_000)!;

  await customerPage.open(customer.user.id);
  await customerPage.startRefund(payment.id);
  await actionDialog.fill(`Amount (${payment.currency.toUpperCase()})`, '600');
  await expect(actionDialog.dialog.getByText(/A second person must approve this/)).toBeVisible();
  await actionDialog.giveReason('Annual contract downgrade agreed with the account manager');
  await actionDialog.submit('Request approval');
  await expect(actionDialog.outcome).toContainText('Sent for approval');
  await actionDialog.close();

  // The admin, in a browser of their own.
  const adminContext = await browser.newContext({ baseURL });
  try {
    const adminPage = await adminContext.newPage();
    await signInAs(adminPage.request, DEMO_ADMIN);
    const inbox = new ApprovalsPage(adminPage);
    await inbox.open();
    // This customer's: the demo's own first day left another refund from support waiting.
    const request = inbox.row(DEMO_SUPPORT.email).filter({ hasText: 'Refund' }).filter({ hasText: customer.user.email });
    await expect(request).toHaveCount(1);
    // The inbox row says how much, before the request is opened.
    await expect(request).toContainText('600.00 USD');
    // The action opens the request (a link: Tab reaches it, where a clickable row it is not).
    await request.getByRole('link', { name: 'Refund', exact: true }).click();
    await expect(inbox.previewFact('Amount')).toContainText('600.00 USD');
    await expect(inbox.previewFact('Charge id')).toContainText(payment.id);
    await expect(adminPage.getByText('Expires', { exact: true })).toBeVisible();
    await inbox.approve('Checked the contract; approved.');
    // Decided: who approved it and when, no longer an expiry that reads like a deadline still running.
    await expect(adminPage.getByText('Approved by', { exact: true }).locator('..')).toContainText(`${DEMO_ADMIN.email}, `);
    await expect(adminPage.getByText('Expires', { exact: true })).toHaveCount(0);
  } finally {
    await adminContext.close();
  }

  await customerPage.expectRefundMirrored('600.00 USD');

  // Support's home page lists the request with how much and for whom, and where it stands.
  const home = new HomePage(page);
  await home.open();
  const mine = home.card('My recent requests').getByRole('link').filter({ hasText: customer.user.email });
  await expect(mine.first()).toContainText('Refund 600.00 USD');
  await expect(mine.first()).toContainText('Approved');
});
