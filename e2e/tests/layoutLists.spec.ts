import type { Page } from '@playwright/test';
import { DEMO_ADMIN, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, refundablePayment } from '../support/demoCustomers';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcMutation } from '../support/trpcRequest';

/**
 * Issue 8 §1.2: the lists, the app bar and the lookup palette at a phone's width and at
 * 1280–1920 px: no sideways page scroll, every column heading (where there is a table)
 * and the first record on screen, the search and user menu reachable.
 */
const LISTS = [
  { name: 'customer list', path: '/#/customers', staff: DEMO_SUPPORT },
  { name: 'staff list', path: '/#/staff', staff: DEMO_ADMIN },
  { name: 'approvals list', path: `/#/approvals?filter=${encodeURIComponent(JSON.stringify({ scope: 'all' }))}`, staff: DEMO_ADMIN },
  { name: 'audit log', path: '/#/audit', staff: DEMO_ADMIN },
] as const;

/**
 * The columns naming people ("Name <email>", an address alone): at desktop widths a
 * column squeezed by its neighbours broke addresses mid-word ("support@op" over
 * "sdesk.test") and statuses in two.
 */
const PEOPLE_COLUMNS = [
  { name: 'audit log', path: LISTS[3].path, columns: ['Actor', 'Target'] },
  { name: 'approvals list', path: LISTS[2].path, columns: ['Target', 'Requested by'] },
] as const;

/** The approvals list needs a request: a refund marked fraudulent (always approved by a second person), then turned down. */
test.beforeAll(async ({ browser }, workerInfo) => {
  const page = await browser.newPage();
  await signInAs(page.request, DEMO_SUPPORT);
  // The third such customer: other specs refund the first ones, in parallel.
  let seen = 0;
  const customer = await findCustomer(page.request, { plan: 'team' }, (c) => refundablePayment(c, 100) !== undefined && seen++ >= 2);
  const payment = refundablePayment(customer, 100)!;
  const requested = await trpcData<{ status: string; requestId: string }>(
    await trpcMutation(page.request, 'customers.refund', { chargeId: payment.id, amount: 100, stripeReason: 'fraudulent', reason: 'Layout test: a request to list', repeat: workerInfo.workerIndex % 100 }),
  );
  // Each worker asks once (its own `repeat`, so not the other's idempotent twin).
  expect(requested.status).toBe('approval_requested');
  await signInAs(page.request, DEMO_ADMIN);
  await trpcData(await trpcMutation(page.request, 'approvals.reject', { id: requested.requestId, comment: 'Layout test clean-up' }));
  await page.close();
});

async function expectFirstRecordUsable(page: Page, layout: LayoutProbe): Promise<void> {
  const main = page.getByRole('main');
  const record = main.getByRole('row').nth(1).or(main.getByRole('listitem').first());
  // Room for a slow first load: the spec loads each list once per window size.
  await expect(record.first()).toBeVisible({ timeout: 30_000 });
  for (const heading of await main.getByRole('columnheader').all()) await layout.expectUsable(heading, main);
  await layout.expectUsable(record.first(), main);
}

for (const viewport of LAYOUT_VIEWPORTS) {
  for (const list of LISTS) {
    test(`at ${viewport.name} the ${list.name} fits the window with its records and the app bar's search and user menu reachable`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await signInAs(page.request, list.staff);
      await page.goto(list.path);
      const layout = new LayoutProbe(page);
      await expectFirstRecordUsable(page, layout);
      await layout.expectNoSidewaysScroll();
      await layout.expectAppBarUsable();
    });
  }

  if (viewport.width >= 1280) {
    for (const list of PEOPLE_COLUMNS) {
      test(`at ${viewport.name} the ${list.name} breaks names and email addresses only between their parts`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await signInAs(page.request, DEMO_ADMIN);
        await page.goto(list.path);
        const layout = new LayoutProbe(page);
        const main = page.getByRole('main');
        await expect(main.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
        const headings = (await main.getByRole('columnheader').allInnerTexts()).map((text) => text.trim());
        const rows = (await main.getByRole('row').all()).slice(1);
        for (const column of list.columns) {
          const index = headings.indexOf(column);
          expect(index, `the ${list.name} has a ${column} column`).toBeGreaterThanOrEqual(0);
          for (const row of rows) await layout.expectBreaksOnlyBetweenParts(row.getByRole('cell').nth(index));
        }
      });
    }
  }

  test(`at ${viewport.name} the app-bar search opens the lookup palette from the keyboard, and the palette and its results fit the window`, async ({ page, lookupPalette }) => {
    await page.setViewportSize(viewport);
    await signInAs(page.request, DEMO_SUPPORT);
    const customer = await findCustomer(page.request, { plan: 'pro' }, () => true);
    await page.goto('/#/customers');
    const layout = new LayoutProbe(page);
    await layout.expectAppBarUsable();
    await layout.appBarSearch.focus();
    await page.keyboard.press('Enter');
    await expect(lookupPalette.input).toBeFocused();
    await lookupPalette.search(customer.user.email.slice(0, 6));
    await layout.expectUsable(lookupPalette.input, lookupPalette.dialog);
    await layout.expectUsable(lookupPalette.results.first(), lookupPalette.dialog);
    const box = (await lookupPalette.dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await layout.expectNoSidewaysScroll();
    await page.keyboard.press('Escape');
    await expect(lookupPalette.dialog).toBeHidden();
  });

  test(`at ${viewport.name} the user menu opens from the keyboard and its items are on screen`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInAs(page.request, DEMO_ADMIN);
    await page.goto('/#/');
    const layout = new LayoutProbe(page);
    await layout.userMenu.focus();
    await page.keyboard.press('Enter');
    const logout = page.getByRole('menuitem', { name: 'Logout' });
    const userMenu = page.getByRole('menu').filter({ has: logout });
    const account = userMenu.getByRole('menuitem', { name: 'My account' });
    await layout.expectUsable(account);
    await layout.expectUsable(logout);
    await page.keyboard.press('Escape');
    await expect(account).toBeHidden();
  });
}
