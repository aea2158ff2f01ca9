import { DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, misspell } from '../support/demoCustomers';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

test('support finds a customer from a misspelt email with Ctrl-K, and jumps straight to one from a cus_ id', async ({ page, appShell, lookupPalette, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'pro' }, (c) => c.stripeCustomers.length > 0);
  const email = customer.user.email;

  await page.goto('/');
  await appShell.expectSignedIn();
  await lookupPalette.openWithShortcut();
  await lookupPalette.search(misspell(email));
  await expect(lookupPalette.result(email)).toContainText(customer.user.name);
  await lookupPalette.chooseWithKeyboard(email);
  await customerPage.expectCustomer(email);

  // A Stripe id is exact: typed in the app bar box, it opens the customer without a list.
  await page.goto('/');
  await appShell.expectSignedIn();
  const stripeCustomerId = customer.stripeCustomers[0]!.id;
  await lookupPalette.appBarBox.fill(stripeCustomerId);
  await customerPage.expectCustomer(email);
  await expect(lookupPalette.dialog).toBeHidden();
});

test('support opens the customer from the invoice number they quote, typed in lower case', async ({ page, appShell, lookupPalette, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'pro' }, (c) => c.invoices.some((invoice) => invoice.number !== null));
  const invoiceNumber = customer.invoices.find((invoice) => invoice.number !== null)!.number!;
  await page.goto('/');
  await appShell.expectSignedIn();
  await lookupPalette.appBarBox.fill(invoiceNumber.toLowerCase());
  await customerPage.expectCustomer(customer.user.email);
  await expect(lookupPalette.dialog).toBeHidden();
});
