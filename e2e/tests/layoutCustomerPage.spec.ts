import type { Page } from '@playwright/test';
import { DEMO_ADMIN } from '../support/demoAccounts';
import { findCustomer, refundablePayment, type DemoCustomer } from '../support/demoCustomers';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { PaymentsCard } from '../pages/PaymentsCard';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';

/**
 * Issue 8 §1.2: the customer page and its refund dialog at a phone's width and at
 * 1280–1920 px. Every payment and subscription control must be whole inside its card —
 * a table that scrolls inside its card (hiding the Refund button) does not count.
 */
const billedCustomer = (c: DemoCustomer) => c.payments.length > 2 && c.subscriptions.length > 0 && refundablePayment(c, 100) !== undefined;

/** Like CustomerShowPage.open, with room for a slow first load: these specs load one page per window size. */
async function openCustomerPage(page: Page, userId: string): Promise<void> {
  await page.goto(`/#/customers/${userId}/show`);
  await expect(page.getByRole('region', { name: 'Profile' })).toBeVisible({ timeout: 30_000 });
}

for (const viewport of LAYOUT_VIEWPORTS) {
  test(`at ${viewport.name} the customer page never scrolls sideways and the Refund button, Refundable amount and subscription Actions sit whole inside their cards`, async ({
    page,
    customerPage,
  }) => {
    await page.setViewportSize(viewport);
    await signInAs(page.request, DEMO_ADMIN);
    const customer = await findCustomer(page.request, { plan: 'enterprise' }, billedCustomer);
    const payment = refundablePayment(customer, 100)!;
    const subscription = customer.subscriptions[0]!;
    await openCustomerPage(page, customer.user.id);
    await expect(customerPage.timeline).toBeVisible();
    const layout = new LayoutProbe(page);
    await layout.expectNoSidewaysScroll();
    await layout.expectAppBarUsable();
    // On a phone the customer's address, the app bar's title, is longer than the room beside the icons.
    if (viewport.width < 600) await layout.expectCutWithEllipsis(page.locator('#react-admin-title'));
    // The account actions at the heading's right, as on every page, not on a bar of their own above it.
    const heading = (await page.getByRole('main').getByRole('heading', { level: 1 }).boundingBox())!;
    const accountActions = (await page.getByRole('button', { name: 'Account actions' }).boundingBox())!;
    if (viewport.width >= 1280) {
      expect(accountActions.y, "the account actions share the heading's line").toBeLessThan(heading.y + heading.height);
      expect(accountActions.y + accountActions.height, "the account actions share the heading's line").toBeGreaterThan(heading.y);
    }
    else expect(accountActions.y, 'on a phone the account actions come under the heading').toBeGreaterThanOrEqual(heading.y + heading.height);

    // The staff notes: beside the profile on two columns (from 1536 px); in one column right under it, above the billing.
    const profile = (await customerPage.section('Profile').boundingBox())!;
    const notes = (await customerPage.section('Staff notes').boundingBox())!;
    if (viewport.width >= 1536) expect(notes.x, 'the notes sit in the right column').toBeGreaterThanOrEqual(profile.x + profile.width);
    else {
      expect(notes.y, 'the notes come under the profile').toBeGreaterThanOrEqual(profile.y + profile.height);
      expect(notes.y, 'the notes come before the subscriptions').toBeLessThan((await customerPage.section('Subscriptions').boundingBox())!.y);
    }

    const payments = new PaymentsCard(page);
    await layout.expectUsable(payments.refundButton(payment.id), payments.card);
    const refundable = await payments.refundableAmount(payment.id);
    await expect(refundable).toHaveText(/^[\d,]+\.\d\d [A-Z]{3}$/);
    await layout.expectUsable(refundable, payments.card);
    const subscriptions = customerPage.section('Subscriptions');
    await layout.expectUsable(subscriptions.getByRole('button', { name: `Actions on ${subscription.id}` }), subscriptions);
    // The latest invoice's amounts (total and paid, the last columns of the table) whole inside their card.
    const invoices = customerPage.section('Invoices');
    const latestInvoice = invoices.getByRole(viewport.width < 600 ? 'listitem' : 'row').filter({ hasText: /\d\.\d\d [A-Z]{3}/ }).first();
    await layout.expectUsable(latestInvoice.getByText(/^[\d,]+\.\d\d [A-Z]{3}$/).last(), invoices);
    await layout.expectNoSidewaysScroll();
  });

  test(`at ${viewport.name} the refund dialog opens from the keyboard and fits the window`, async ({ page, actionDialog }) => {
    await page.setViewportSize(viewport);
    await signInAs(page.request, DEMO_ADMIN);
    const customer = await findCustomer(page.request, { plan: 'enterprise' }, billedCustomer);
    const payment = refundablePayment(customer, 100)!;
    await openCustomerPage(page, customer.user.id);
    const refund = new PaymentsCard(page).refundButton(payment.id);
    await refund.focus();
    await page.keyboard.press('Enter');
    const dialog = actionDialog.dialog;
    const amount = dialog.getByLabel(`Amount (${payment.currency.toUpperCase()})`);
    await expect(amount).toBeFocused();
    const layout = new LayoutProbe(page);
    await layout.expectNoSidewaysScroll();
    await layout.expectUsable(amount, dialog);
    await layout.expectUsable(dialog.getByRole('button', { name: 'Cancel' }), dialog);
    // "Request approval" when the money policy holds this refund for a second person.
    await layout.expectUsable(dialog.getByRole('button', { name: /^(Refund|Request approval)$/ }), dialog);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(refund).toBeFocused();
  });
}

test('in one column (a phone) the page offers jumps to its sections: the timeline, eight screens down, is one tap away and takes the focus', async ({ page, customerPage }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'enterprise' }, billedCustomer);
  await openCustomerPage(page, customer.user.id);
  const jumps = page.getByRole('navigation', { name: 'Sections of this page' });
  await expect(jumps.getByRole('button')).toHaveText(['Notes', 'Subscriptions', 'Payments', 'Invoices', 'Usage', 'Timeline']);
  const timeline = customerPage.section('Timeline');
  await expect(timeline).not.toBeInViewport();
  // Measured now: scrolled down, the app bar slides away (and comes back when scrolling up).
  const bar = (await page.getByRole('banner').boundingBox())!;
  await jumps.getByRole('button', { name: 'Timeline' }).click();
  await expect(timeline).toBeInViewport();
  await expect(timeline).toBeFocused();
  // Its heading shows where the app bar, if it comes back, does not cover it.
  const heading = timeline.getByRole('heading', { name: 'Timeline' });
  await expect(heading).toBeInViewport();
  expect((await heading.boundingBox())!.y, 'the heading is below the app bar').toBeGreaterThanOrEqual(bar.y + bar.height);
  await new LayoutProbe(page).expectNoSidewaysScroll();
});

test('on two columns (1920 px) there are no section jumps: the notes and timeline sit beside the billing', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInAs(page.request, DEMO_ADMIN);
  const customer = await findCustomer(page.request, { plan: 'enterprise' }, billedCustomer);
  await openCustomerPage(page, customer.user.id);
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections of this page' })).toHaveCount(0);
});
