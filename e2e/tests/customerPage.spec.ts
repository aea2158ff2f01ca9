import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, refundablePayment } from '../support/demoCustomers';
import { CustomerListPage } from '../pages/CustomerListPage';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcMutation } from '../support/trpcRequest';

const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };

test('support clicks a customer in the list and sees that customer page (the list row never stands in for it)', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const list = new CustomerListPage(page);
  await list.open();
  const email = (await list.rows.first().locator('td').first().innerText()).trim();
  await list.openCustomer(email);
  await customerPage.expectCustomer(email);
  await expect(customerPage.section('Profile')).toBeVisible();
  await expect(customerPage.section('Timeline')).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
});

test('a customer opens from the list with the keyboard: Tab to their email, Enter', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const list = new CustomerListPage(page);
  await list.open();
  const email = (await list.rows.nth(1).locator('td').first().innerText()).trim();
  const link = list.rows.nth(1).getByRole('link', { name: email, exact: true });
  await expect(link).toHaveAttribute('href', /^#\/customers\/[^/]+\/show$/);
  await link.focus();
  await page.keyboard.press('Enter');
  await customerPage.expectCustomer(email);
});

test('a 3,000-character unbroken note wraps inside its card: the page never scrolls sideways at 1440×900', async ({ page, customerPage }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'team' }, () => true);
  await customerPage.open(customer.user.id);
  const notes = customerPage.section('Staff notes');
  const logLine = `https://logs.example.test/${'a1b2c3d4e5'.repeat(300)}`.slice(0, 3_000);
  // The limit is counted as people type, and a note over it cannot be sent.
  await notes.getByLabel('New note').fill('x'.repeat(5_001));
  await expect(notes.getByText('5,001 / 5,000 characters — too long')).toBeVisible();
  await expect(notes.getByRole('button', { name: 'Add note' })).toBeDisabled();
  await notes.getByLabel('New note').fill(logLine);
  await expect(notes.getByText('3,000 / 5,000 characters')).toBeVisible();
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(notes.getByRole('listitem').filter({ hasText: logLine.slice(0, 60) })).toBeVisible();
  // The timeline quotes its first 280 characters, wrapped too.
  await expect(customerPage.timeline.getByRole('blockquote').filter({ hasText: logLine.slice(0, 60) })).toHaveText(`${logLine.slice(0, 280)}…`);
  expect(await customerPage.horizontalOverflow()).toBeLessThanOrEqual(0);
  // The header actions stay within the window's width.
  const actions = await customerPage.accountActions.boundingBox();
  expect(actions!.x + actions!.width).toBeLessThanOrEqual(1440);
});

test('on a 390 px phone the customer page fits the screen: wide tables scroll inside their cards', async ({ page, customerPage }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'enterprise' }, (c) => c.payments.length > 2 && c.subscriptions.length > 0);
  await customerPage.open(customer.user.id);
  await expect(customerPage.timeline).toBeVisible();
  expect(await customerPage.horizontalOverflow()).toBeLessThanOrEqual(0);
  const refund = customerPage.section('Payments').getByRole('button', { name: /^Refund / }).first();
  await refund.scrollIntoViewIfNeeded();
  await expect(refund).toBeInViewport();
});

test('on-call reads a customer page without the note box or action buttons the server would refuse', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_ONCALL);
  const customer = await findCustomer(page.request, { plan: 'pro' }, (candidate) => candidate.payments.length > 0 && candidate.subscriptions.length > 0);
  await customerPage.open(customer.user.id);
  await expect(customerPage.heading).toHaveText(customer.user.email);
  const notes = customerPage.section('Staff notes');
  await expect(notes).toBeVisible();
  await expect(notes.getByLabel('New note')).toHaveCount(0);
  await expect(notes.getByRole('button', { name: 'Add note' })).toHaveCount(0);
  await expect(notes.getByRole('button', { name: /Pin note|Unpin note/ })).toHaveCount(0);
  await expect(customerPage.accountActions).toHaveCount(0);
  await expect(customerPage.section('Payments').getByRole('button', { name: /^Refund / })).toHaveCount(0);
  await expect(customerPage.section('Subscriptions').getByRole('button', { name: /^Actions on / })).toHaveCount(0);
});

test('a customer id that does not exist says so and stays on the page instead of bouncing to the list', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  await page.goto('/#/customers/00000000-0000-4000-8000-000000000000/show');
  await expect(page.getByText('No such customer')).toBeVisible();
  await expect(page).toHaveURL(/#\/customers\/00000000-0000-4000-8000-000000000000\/show$/);
  await expect(page.getByRole('link', { name: 'Customer list' })).toBeVisible();
});

test('the refund amount has the focus and is checked in dollars as it is typed', async ({ page, customerPage, actionDialog }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => refundablePayment(c, 2_000) !== undefined);
  const payment = refundablePayment(customer, 2_000)!;
  await customerPage.open(customer.user.id);
  await customerPage.startRefund(payment.id);
  const amount = actionDialog.dialog.getByLabel(`Amount (${payment.currency.toUpperCase()})`);
  await expect(amount).toBeFocused();
  await amount.fill('-5');
  await expect(actionDialog.dialog.getByText('A refund cannot be negative.')).toBeVisible();
  await expect(actionDialog.preview).toHaveCount(0);
  await amount.fill(String(payment.refundable / 100 + 1));
  await expect(actionDialog.dialog.getByText(/^At most [\d,]+\.\d\d USD can still be refunded\.$/)).toBeVisible();
  await amount.fill('1');
  await expect(actionDialog.previewFact('Amount')).toContainText('1.00 USD');
  await actionDialog.dialog.getByRole('button', { name: 'Cancel' }).click();
});

test("usage reads in words, with the period it counts: what support quotes to a customer near a limit", async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  // One workspace of their own: its usage lines carry no workspace name.
  const customer = await findCustomer(page.request, { plan: 'pro' }, (c) => c.usage.some((metric) => metric.metric === 'api_calls') && c.workspaces.filter((w) => w.role === 'owner').length === 1);
  const apiCalls = customer.usage.find((metric) => metric.metric === 'api_calls')!;
  await customerPage.open(customer.user.id);
  const usage = customerPage.section('Usage');
  const limit = apiCalls.limit === null ? ' (no limit)' : ` of ${apiCalls.limit.toLocaleString('en-US')}`;
  await expect(usage.getByText(`API calls: ${apiCalls.used.toLocaleString('en-US')}${limit}`, { exact: true })).toBeVisible();
  await expect(usage.getByText(/^Since \d{1,2} \w+ \d{4}, the start of the current billing period/)).toBeVisible();
  await expect(usage).not.toContainText('api_calls');
  // Seats are the workspace's people now, not a count of events (which read "Seats: 0" for everyone).
  const members = customer.workspaces.find((w) => w.role === 'owner')!.members.length;
  expect(members).toBeGreaterThan(0);
  await expect(usage.getByText(`Seats: ${members} of 5`, { exact: true })).toBeVisible();
  await expect(usage.getByText(/seats count the members now/)).toBeVisible();
});

test('a customer with no billing at all gets one Billing card saying so, and their country by name', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(
    page.request,
    { plan: 'free' },
    (c) => c.user.country !== null && c.subscriptions.length === 0 && c.payments.length === 0 && c.invoices.length === 0 && c.refunds.length === 0,
  );
  await customerPage.open(customer.user.id);
  await expect(customerPage.section('Billing')).toContainText(customer.stripeCustomers.length === 0 ? 'Not a Stripe customer: no subscription, payment, invoice or refund.' : 'No subscription, payment, invoice or refund yet.');
  // Not four cards of "No …" between the profile and the notes.
  for (const empty of ['Subscriptions', 'Payments', 'Invoices', 'Refunds']) await expect(customerPage.section(empty)).toHaveCount(0);
  const country = customer.user.country!;
  const name = new Intl.DisplayNames('en-GB', { type: 'region' }).of(country)!;
  await expect(customerPage.section('Profile')).toContainText(`${name} (${country})`);
});

test('a paying customer keeps the four billing cards', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'pro' }, (c) => c.subscriptions.length > 0);
  await customerPage.open(customer.user.id);
  for (const card of ['Subscriptions', 'Payments', 'Invoices', 'Refunds']) await expect(customerPage.section(card)).toBeVisible();
  await expect(customerPage.section('Billing')).toHaveCount(0);
});

test('the timeline shows what staff did alone, or the billing alone, and keeps the choice', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  // A paying customer with more than a page of billing events: the note would be buried.
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => c.invoices.length >= 6);
  await trpcData(await trpcMutation(page.request, 'customers.addNote', { userId: customer.user.id, body: 'Asked about seat pricing' }));
  // The timeline names the action and who did it, and quotes the note.
  const noteAdded = `${DEMO_SUPPORT.email}: Note added`;
  await customerPage.open(customer.user.id);
  const entries = customerPage.timeline.getByRole('listitem');
  const views = page.getByRole('group', { name: 'Show on the timeline' });
  await expect(entries.first()).toBeVisible();

  await views.getByRole('button', { name: 'Staff actions' }).click();
  await expect(views.getByRole('button', { name: 'Staff actions' })).toHaveAttribute('aria-pressed', 'true');
  await expect(entries.filter({ hasText: noteAdded }).first()).toBeVisible();
  await expect(entries.filter({ hasText: noteAdded }).first().getByRole('blockquote')).toHaveText('Asked about seat pricing');
  // Who acted, once: the summary names them (no "— support@…" repeated after it).
  expect((await entries.filter({ hasText: noteAdded }).first().innerText()).split(DEMO_SUPPORT.email)).toHaveLength(2);
  await expect(entries.filter({ hasText: 'billing' })).toHaveCount(0);

  await views.getByRole('button', { name: 'Billing' }).click();
  await expect(entries.filter({ hasText: /Invoice .+ paid/ }).first()).toBeVisible();
  await expect(entries.filter({ hasText: DEMO_SUPPORT.email })).toHaveCount(0);

  // Kept in this browser: the next customer page opens on the billing too.
  await page.reload();
  await expect(views.getByRole('button', { name: 'Billing' })).toHaveAttribute('aria-pressed', 'true');
  await expect(entries.filter({ hasText: /Invoice .+ paid/ }).first()).toBeVisible();
  await views.getByRole('button', { name: 'Everything' }).click();
  await expect(entries.filter({ hasText: noteAdded }).first()).toBeVisible();
});
