import { DEMO_ADMIN, DEMO_SUPPORT, uniqueEmail } from '../support/demoAccounts';
import { findCustomer, misspell, refundablePayment } from '../support/demoCustomers';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';

/**
 * The smaller findings of issue 8 §1.8, each held by a test that fails if it comes back.
 * Covered elsewhere: the refund dialog focuses its amount field (forms.spec.ts); the
 * bundle served compressed and split (bundle.spec.ts).
 */
test('the first Ctrl-K after jumping to a customer from an exact id opens the palette, empty, ready to search', async ({ page, appShell, lookupPalette, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'pro' }, (c) => c.stripeCustomers.length > 0);
  await page.goto('/');
  await appShell.expectSignedIn();
  await lookupPalette.appBarBox.fill(customer.stripeCustomers[0]!.id);
  await customerPage.expectCustomer(customer.user.email);
  await expect(lookupPalette.dialog).toBeHidden();

  await lookupPalette.openWithShortcut();
  await expect(lookupPalette.input).toHaveValue('');
  // A misspelt email lists candidates (an exact one would jump straight away).
  await lookupPalette.search(misspell(customer.user.email));
  await expect(lookupPalette.result(customer.user.email)).toBeVisible();
  await expect(lookupPalette.dialog).toBeVisible();
});

test('a paid invoice shows nothing due, and statuses read as words', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => c.invoices.some((invoice) => invoice.status === 'paid' && invoice.amountDue > 0));
  const paid = customer.invoices.find((invoice) => invoice.status === 'paid' && invoice.amountDue > 0)!;
  await customerPage.open(customer.user.id);
  const invoices = customerPage.section('Invoices');
  // Its row is among the first shown: invoices come newest first, and this customer's first paid one is picked.
  while ((await invoices.getByRole('row').filter({ hasText: paid.number ?? paid.id }).count()) === 0) await invoices.getByRole('button', { name: /^Show/ }).click();
  const row = invoices.getByRole('row').filter({ hasText: paid.number ?? paid.id });
  await expect(row.getByRole('cell').last()).toHaveText('—');
  // Stripe's status words as a person reads them, not as stored.
  await expect(row).toContainText('Paid');
  await expect(row).not.toContainText('paid');
  await expect(customerPage.section('Subscriptions').getByRole('row').nth(1)).toContainText(/Active|Past due|Trialing|Canceled|Unpaid|Incomplete/);
});

test('adding a staff member says who was added, never "Element created"', async ({ page, staffCreatePage }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const email = uniqueEmail('toast');
  await staffCreatePage.open();
  await staffCreatePage.create({ email, name: 'Toast Test', roles: ['Support'], password: 'a-long-initial-password' });
  await expect(page.getByText(`Staff member ${email} added. They can sign in with the initial password.`)).toBeVisible();
  await expect(page.getByText('Element created')).toHaveCount(0);
});

test('the approvals menu item is read as "Approvals (N waiting)" and follows a decision at once', async ({ page, browser, baseURL }) => {
  // Support asks for a refund marked fraudulent: it waits for a second person.
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'enterprise' }, (c) => refundablePayment(c, 1_000) !== undefined);
  const payment = refundablePayment(customer, 1_000)!;
  const asked = await trpcData<{ status: string; requestId: string }>(
    await trpcMutation(page.request, 'customers.refund', {
      chargeId: payment.id,
      amount: 100 + Math.floor(Math.random() * 800),
      stripeReason: 'fraudulent',
      reason: 'Badge test: the card holder reported this charge',
      confirmation: customer.user.email,
    }),
  );
  expect(asked.status).toBe('approval_requested');

  const adminContext = await browser.newContext({ baseURL });
  try {
    const admin = await adminContext.newPage();
    await signInAs(admin.request, DEMO_ADMIN);
    const waiting = async () => trpcData<number>(await trpcQuery(admin.request, 'approvals.countToDecide'));
    const item = admin.getByRole('menu', { name: 'Main navigation' }).getByRole('menuitem', { name: /^Approvals/ });
    // The name a screen reader reads, as the accessibility tree holds it (`- menuitem "Approvals (2 waiting)"`).
    const accessibleName = async () => /^- menuitem "([^"]*)"/.exec(await item.ariaSnapshot())?.[1];
    // Compared with the server's count at that moment: other tests may add requests meanwhile.
    const expectLabelToMatchServer = () =>
      expect
        .poll(async () => {
          const count = await waiting();
          return (await accessibleName()) === (count > 0 ? `Approvals (${count} waiting)` : 'Approvals');
        })
        .toBe(true);

    await admin.goto(`/#/approvals/${asked.requestId}/show`);
    await expect(item).toHaveAccessibleName(/^Approvals \(\d+ waiting\)$/);
    await expectLabelToMatchServer();

    await admin.getByLabel('Comment (required)').fill('Not fraud: the customer recognised the charge.');
    const answered = admin.waitForResponse((response) => response.url().includes('/trpc/approvals.reject'));
    await admin.getByRole('button', { name: 'Reject' }).click();
    expect((await answered).status()).toBe(200);
    await expectLabelToMatchServer();
    await expect(item).not.toHaveAccessibleName(/\b0\b/);
  } finally {
    await adminContext.close();
  }
});

test('an address that leads nowhere says so, names it, and leads home, not back out of the console', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  await page.goto('/#/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Nothing lives at /no-such-page.');
  // The tab's first page: "back" would leave the console (or do nothing), so it is not offered.
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Go back' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome/ })).toBeVisible();
});
