import { formatMoney } from '@opsdesk/shared';
import { DEMO_ADMIN, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer } from '../support/demoCustomers';
import { CustomerListPage } from '../pages/CustomerListPage';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcQuery } from '../support/trpcRequest';

test('support filters customers by plan, shares the filter with an admin, and exports exactly those rows', async ({ page, browser, baseURL }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const list = new CustomerListPage(page);
  await list.open();
  await list.filterByPlan('enterprise');
  const shown = await list.rows.count();
  for (let i = 0; i < shown; i++) await expect(list.rows.nth(i)).toContainText('Enterprise');
  const filterName = `Enterprise accounts ${Date.now().toString(36)}`;
  await list.saveCurrentFilter(filterName);

  // The export streams every matching row: all of them enterprise.
  const href = await list.exportLink.getAttribute('href');
  const csv = await (await page.request.get(href!)).text();
  // RFC 4180 lines end in CRLF.
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header).toBe('user_id,email,name,status,plan,country,signup_at,stripe_customer_ids,workspaces');
  expect(lines.length).toBeGreaterThanOrEqual(shown);
  for (const line of lines) expect(line.split(',')[4]).toBe('enterprise');

  // The admin, in a browser of their own, finds the shared filter.
  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  await signInAs(adminPage.request, DEMO_ADMIN);
  const adminList = new CustomerListPage(adminPage);
  await adminList.open();
  await adminList.applySavedFilter(filterName);
  await expect(adminPage).toHaveURL(/plan%22%3A%22enterprise/);
  await expect(adminList.rows.first()).toContainText('Enterprise');
  await adminContext.close();
});

test('support adds a note to a customer and pins it', async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'pro' }, () => true);
  const body = `Prefers email over phone ${Date.now().toString(36)}`;
  await customerPage.open(customer.user.id);
  const notes = customerPage.section('Staff notes');
  await notes.getByLabel('New note').fill(body);
  await notes.getByRole('button', { name: 'Add note' }).click();
  const note = notes.getByRole('listitem').filter({ hasText: body });
  await expect(note).toBeVisible();
  await note.getByRole('button', { name: 'Pin note' }).click();
  await expect(note.getByRole('button', { name: 'Unpin note' })).toBeVisible();
});

test('support filters customers by MRR, in whole units of the currency the list counts it in', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const { currency } = await trpcData<{ currency: string }>(await trpcQuery(page.request, 'lookup.mrrCurrency'));
  const label = `MRR from (${currency.toUpperCase()})`;
  const list = new CustomerListPage(page);
  await list.open();
  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByRole('menuitemcheckbox', { name: label }).click();
  await page.getByLabel(label).fill('100');
  // 100.00 in the form is 10,000 cents at the server: the rows are the ones the API lists for that bound.
  const expected = await trpcData<{ rows: Array<{ email: string; mrr: number }> }>(await trpcQuery(page.request, 'lookup.list', { filter: { mrrMin: 10_000 }, sort: 'signup_desc', limit: 50 }));
  expect(expected.rows.length).toBeGreaterThan(0);
  await expect(list.rows.first()).toContainText(expected.rows[0]!.email);
  await expect(list.rows).toHaveCount(expected.rows.length);
  // Each row shows its MRR as money, at least the bound.
  const first = expected.rows[0]!;
  expect(first.mrr).toBeGreaterThanOrEqual(10_000);
  await expect(list.rows.first()).toContainText(formatMoney(first.mrr, currency));
});

test('support lists the customers who pay most first, and the export follows that order', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const { currency } = await trpcData<{ currency: string }>(await trpcQuery(page.request, 'lookup.mrrCurrency'));
  const list = new CustomerListPage(page);
  await list.open();
  await page.getByRole('button', { name: 'Newest signups first' }).click();
  await page.getByRole('menuitem', { name: 'Highest MRR first' }).click();
  const expected = await trpcData<{ rows: Array<{ email: string; mrr: number }> }>(await trpcQuery(page.request, 'lookup.list', { sort: 'mrr_desc', limit: 50 }));
  const [top, next] = expected.rows;
  expect(top!.mrr).toBeGreaterThanOrEqual(next!.mrr);
  expect(top!.mrr).toBeGreaterThan(0);
  await expect(list.rows.first()).toContainText(top!.email);
  await expect(list.rows.first()).toContainText(formatMoney(top!.mrr, currency));
  await expect(page.getByRole('button', { name: 'Highest MRR first' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /sort=mrr_desc/);
});

test('a note being written or edited survives the window crossing the two-column width', async ({ page, customerPage }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInAs(page.request, DEMO_SUPPORT);
  const customer = await findCustomer(page.request, { plan: 'pro' }, () => true);
  const saved = `Asked for a call back ${Date.now().toString(36)}`;
  await customerPage.open(customer.user.id);
  const notes = customerPage.section('Staff notes');
  await notes.getByLabel('New note').fill(saved);
  await notes.getByRole('button', { name: 'Add note' }).click();
  const note = notes.getByRole('listitem').filter({ hasText: saved });
  await note.getByRole('button', { name: 'Edit' }).click();
  await note.getByRole('textbox', { name: 'Note', exact: true }).fill(`${saved}, Thursday after 3 pm`);
  await notes.getByLabel('New note').fill('Half-written: refund promised if');

  // Snapped to half a screen: the notes move from the right column to under the profile.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(async () => {
    const [notesBox, profileBox] = [await notes.boundingBox(), await customerPage.section('Profile').boundingBox()];
    expect(notesBox!.y, 'one column now: the notes under the profile').toBeGreaterThan(profileBox!.y + profileBox!.height);
  }).toPass();
  await expect(notes.getByLabel('New note')).toHaveValue('Half-written: refund promised if');
  await expect(note.getByRole('textbox', { name: 'Note', exact: true })).toHaveValue(`${saved}, Thursday after 3 pm`);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(notes.getByLabel('New note')).toHaveValue('Half-written: refund promised if');
});

test("a note drafted on one customer's page is not offered on the next customer's", async ({ page, customerPage }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const first = await findCustomer(page.request, { plan: 'pro' }, () => true);
  const second = await findCustomer(page.request, { plan: 'pro' }, (c) => c.user.id !== first.user.id);
  // Both pages loaded once, so the second shows at once from the cache when the address changes.
  await customerPage.open(second.user.id);
  await customerPage.open(first.user.id);
  const notes = customerPage.section('Staff notes');
  await notes.getByLabel('New note').fill(`Only about ${first.user.email}`);
  await page.goto(`/#/customers/${second.user.id}/show`);
  await customerPage.expectCustomer(second.user.email);
  await expect(notes.getByLabel('New note')).toHaveValue('');
});
