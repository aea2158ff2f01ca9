import { execFileSync } from 'node:child_process';
import { request as playwrightRequest } from '@playwright/test';
import { DEMO_FINANCE, DEMO_SUPPORT } from '../support/demoAccounts';
import { findCustomer, getCustomer, type DemoCustomer } from '../support/demoCustomers';
import { REPO_ROOT, startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcMutation } from '../support/trpcRequest';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { centsOf, MONEY, moneyText, RevenuePage, signedCents } from '../pages/RevenuePage';
import { chooseFoldedFilter } from '../pages/FoldedFilters';
import { ChartTables } from '../pages/ChartTables';
import { accessibilityFindings } from '../pages/AccessibilityAudit';


let opsdesk: RunningOpsdesk;

/**
 * Its own server: a fresh demo start has no precomputed revenue rows (webhooks do not
 * refresh them yet), so the test runs `npm run revenue:rebuild` against that server's
 * database, as an operator would after a backfill, and again after its own staff
 * action (idempotent: harmless once webhooks refresh the rows themselves). The demo
 * company's history runs from January 2025; its churn falls in June and August 2025.
 */
const rebuildRevenue = () => execFileSync('npm', ['run', 'revenue:rebuild'], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: opsdesk.databaseUrl }, stdio: 'pipe' });

test.beforeAll(async () => {
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'revenue' });
  rebuildRevenue();
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

test('finance reads MRR as money, switches policy, drills from a churn bar to the customers and to why one moved', async ({ page, loginPage, appShell }) => {
  // Some forty steps over charts that redraw at each change: 58 s of steps (each waited
  // for, none slow alone) in a clean-clone run beside the other workers on two cores,
  // against the default 60 s. The same budget as the test below.
  test.setTimeout(120_000);
  const revenue = new RevenuePage(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await appShell.expectSignedIn();

  const homeMrr = page.getByRole('region', { name: 'MRR', exact: true });
  await expect(homeMrr.getByText(MONEY)).toBeVisible();
  // How far MRR moved since last month, in the words of Revenue's own MRR card (checked there below).
  const sinceLastMonth = homeMrr.getByText(/^([+−][\d,]+\.\d\d [A-Z]{3} vs|Same as) [A-Z][a-z]+ \d{4}$/);
  const homeChange = await sinceLastMonth.textContent();
  await expect(page.getByRole('region', { name: 'Net new MRR this month' }).getByText(MONEY)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Churn this month' })).toContainText('No customer churned this month.');
  await expect(page.getByRole('region', { name: 'Failed payments to recover' }).getByRole('link', { name: 'See recovery' })).toBeVisible();

  await appShell.go('Revenue');
  await expect(revenue.heading).toBeVisible();
  await expect(revenue.headline('MRR')).toBeVisible();
  expect(await revenue.headlineValue('MRR')).toMatch(MONEY);
  await expect(revenue.headline('MRR')).toContainText(homeChange!);
  await expect(revenue.definitions).toContainText('Definitions: Stripe policy');

  await revenue.setRange('2025-01-01', '2025-12-31');
  await expect(page).toHaveURL(/from=2025-01-01/);
  await expect(page).toHaveURL(/to=2025-12-31/);
  await revenue.choosePolicy('ProfitWell');
  await expect(revenue.definitions).toContainText('Definitions: ProfitWell policy');
  await expect(revenue.definitions).toContainText('end of the paid period');
  await expect(revenue.definitions).toContainText('docs/metrics.md');
  await expect(page).toHaveURL(/policy=profitwell/);

  await expect(revenue.movementBars('churn').first()).toBeVisible();
  await revenue.movementBars('churn').first().click();
  await expect(revenue.drillDown.getByRole('heading', { name: /^Churn, (January|February|March|April|May|June|July|August|September|October|November|December) 2025: the customers behind it$/ })).toBeVisible();
  await expect(page).toHaveURL(/drillKind=churn/);
  const firstRow = revenue.drillDownRows().first();
  await expect(firstRow).toContainText('Churn');
  await expect(firstRow).toContainText(/→ 0\.00 USD/);
  await expect(firstRow).toContainText(/Stripe event (evt_|—)/);
  await expect(firstRow.getByRole('link')).toHaveAttribute('href', /#\/customers\/[\w-]+\/show$/);

  await firstRow.getByRole('button', { name: /^Explain / }).click();
  const explanation = revenue.drillDown.getByRole('region', { name: 'Explanation' });
  await expect(explanation.getByRole('heading', { name: 'Subscription changes that day' })).toBeVisible();
  await expect(explanation.getByRole('heading', { name: 'Staff actions' })).toBeVisible();
  await expect(explanation).toContainText(/Churn on \d{1,2} [A-Z][a-z]{2,3} 2025,/);

  // The view is in the URL: opening it again shows the same policy and the same drill-down.
  await page.reload();
  await expect(revenue.drillDown.getByRole('heading', { name: /^Churn, (January|February|March|April|May|June|July|August|September|October|November|December) 2025: the customers behind it$/ })).toBeVisible();
  await revenue.drillDown.getByRole('button', { name: 'Close' }).click();
  await expect(revenue.definitions).toContainText('Definitions: ProfitWell policy');
  await expect(page).not.toHaveURL(/drillKind/);
});

/** An active subscription, alone on its customer, paid for over a month, whose paid period runs past this month: cancelling it now churns under Stripe today and under ProfitWell only when the period ends. */
/** "December 2026" for the month of a `YYYY-MM-DD` day, as the console names a month. */
const monthInWords = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function cancellable(customer: DemoCustomer, monthEnd: Date) {
  const live = customer.subscriptions.filter((s) => ['active', 'past_due', 'trialing'].includes(s.status));
  const [only] = live;
  const paidMonthAgo = customer.invoices.some((invoice) => invoice.amountPaid > 0 && Date.parse(invoice.created) < Date.now() - 40 * 86_400_000);
  return live.length === 1 && only!.status === 'active' && !only!.cancelAtPeriodEnd && !only!.pauseCollection && only!.mrr > 0 && paidMonthAgo && Date.parse(only!.currentPeriodEnd!) > monthEnd.getTime() ? only! : undefined;
}

test('a support cancellation: the churn bar leads to the customer and to who cancelled and why, the CSV holds what the list shows, ProfitWell keeps the MRR until the period ends and the comparison says so', async ({ page, loginPage, appShell }) => {
  test.setTimeout(120_000);
  const revenue = new RevenuePage(page);
  const now = new Date();
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);

  // 1. Support cancels a paying customer's subscription now, with a reason (a real staff action through tRPC, as the customer page sends it).
  const support = await playwrightRequest.newContext({ baseURL: opsdesk.baseURL });
  await signInAs(support, DEMO_SUPPORT);
  const customer = await findCustomer(support, {}, (c) => cancellable(c, monthEnd) !== undefined);
  const subscription = cancellable(customer, monthEnd)!;
  const reason = `Customer asked to stop at once (revenue e2e ${Date.now().toString(36)})`;
  const cancelled = await trpcData<{ status: string }>(await trpcMutation(support, 'customers.cancel', { subscriptionId: subscription.id, when: 'now', reason, confirmation: customer.user.email }));
  expect(cancelled.status).toBe('done');
  // The cancellation reaches the mirror by webhook: poll the customer's page data, never a fixed wait.
  await expect(async () => expect((await getCustomer(support, customer.user.id)).subscriptions.find((s) => s.id === subscription.id)?.status).toBe('canceled')).toPass({ timeout: 30_000 });
  await support.dispose();
  rebuildRevenue();

  // 2. Finance, under Stripe's definition: the latest churn bar lists the customer.
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await appShell.expectSignedIn();
  await page.goto(`${opsdesk.baseURL}/#/revenue?policy=stripe&from=${from}&to=${today}&interval=month`);
  await expect(revenue.definitions).toContainText('Definitions: Stripe policy');
  await revenue.expectChartsLoaded();
  const stripeMrr = centsOf(await revenue.headlineValue('MRR'));
  await revenue.movementBars('churn').last().click();
  await expect(revenue.drillDown.getByRole('heading', { name: `Churn, ${monthInWords(today)}: the customers behind it` })).toBeVisible();
  const row = revenue.drillDownRows().filter({ hasText: customer.user.email });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link')).toHaveAttribute('href', `#/customers/${customer.user.id}/show`);

  // 3. The drill-down's CSV: one line per customer in the list, the same figures.
  const listed = await revenue.drillDownRows().count();
  const csv = await revenue.exportCsv(revenue.drillDown);
  expect(csv).toHaveLength(listed);
  const line = csv.find((r) => r.customer_email === customer.user.email)!;
  expect(line).toMatchObject({ kind: 'churn', customer_id: subscription.stripeCustomerId, subscription_id: subscription.id, mrr_after: '0.00', currency: 'usd' });
  const churnedCents = centsOf(line.mrr_before!);
  expect(Number(line.amount)).toBe(-Number(line.mrr_before));
  await expect(row).toContainText(`${moneyText(churnedCents)} → 0.00 USD`);
  for (const listedRow of await revenue.drillDownRows().allTextContents()) expect(csv.some((r) => listedRow.includes(r.customer_email!))).toBe(true);

  // 4. Why it moved: the subscription change and the staff action behind it, who asked, why, and the approval.
  await row.getByRole('button', { name: /^Explain / }).click();
  const explanation = revenue.drillDown.getByRole('region', { name: 'Explanation' });
  await expect(explanation.getByRole('list', { name: 'Subscription changes' })).toContainText(`${subscription.id}: Active → Canceled`);
  const action = explanation.getByRole('list', { name: 'Staff actions' }).getByRole('listitem').filter({ hasText: reason });
  await expect(action).toContainText(`Cancel by ${DEMO_SUPPORT.email} (done)`);
  await expect(action).toContainText('Approved by: no approval needed');
  await revenue.drillDown.getByRole('button', { name: 'Close' }).click();

  // 5. ProfitWell churns at the end of the paid period: this month's MRR keeps exactly what Stripe's lost.
  await revenue.choosePolicy('ProfitWell');
  await expect(revenue.definitions).toContainText('Definitions: ProfitWell policy');
  await expect.poll(async () => centsOf(await revenue.headlineValue('MRR'))).toBe(stripeMrr + churnedCents);

  // 6. Side by side on today: the customer differs, by the rule that differs, linked to their page.
  await page.getByRole('button', { name: 'Compare policies' }).click();
  await expect(revenue.comparison.getByRole('heading', { name: `Compare policies on ${today}` })).toBeVisible();
  await revenue.compareWith('Policy A', 'Stripe');
  await revenue.compareWith('Policy B', 'ProfitWell');
  await expect(page).toHaveURL(/compareA=stripe&compareB=profitwell/);
  const compared = revenue.comparisonRows().filter({ hasText: customer.user.email });
  await expect(compared).toContainText(`Stripe 0.00 USD → ProfitWell ${moneyText(churnedCents)}`);
  await expect(compared).toContainText('Why: Cancellation churns at the end of the paid period under ProfitWell, at once under Stripe');
  await expect(compared.getByRole('link')).toHaveAttribute('href', `#/customers/${customer.user.id}/show`);
  await expect(revenue.comparisonTotal('MRR under Stripe')).toContainText(moneyText(stripeMrr));
  await expect(revenue.comparisonTotal('ProfitWell − Stripe')).toHaveText(`+${moneyText(churnedCents)}`);
  expect(Number(await revenue.comparisonTotal('Customers that differ').textContent())).toBeGreaterThanOrEqual(1);
  await compared.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/customers/${customer.user.id}/show`));
});

test('the MRR chart’s CSV holds the periods the page shows', async ({ page, loginPage, appShell }) => {
  const revenue = new RevenuePage(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await appShell.expectSignedIn();
  const to = new Date().toISOString().slice(0, 10);
  await page.goto(`${opsdesk.baseURL}/#/revenue?policy=chartmogul&from=2025-01-01&to=${to}&interval=month`);
  await revenue.expectChartsLoaded();
  const rows = await revenue.exportCsv(page.getByRole('region', { name: 'MRR', exact: true }));
  expect(rows[0]).toMatchObject({ period: '2025-01', start_day: '2025-01-01', currency: 'usd' });
  expect(rows.at(-1)!.period).toBe(to.slice(0, 7));
  // The headline MRR is the last period's.
  expect(Math.round(Number(rows.at(-1)!.mrr) * 100)).toBe(centsOf(await revenue.headlineValue('MRR')));
  for (const r of rows) expect(r.mrr).toMatch(/^-?\d+\.\d{2}$/);
});

test('every chart reads as a table: the MRR and net new agree period by period, the choice is kept, and the keyboard drills from a churn amount to its customers', async ({ page, loginPage, appShell }) => {
  // A bound, not a budget, as the two tests above: 42–46 s of steps alone here, more beside the other worker.
  test.setTimeout(120_000);
  const revenue = new RevenuePage(page);
  const charts = new ChartTables(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await appShell.expectSignedIn();
  await page.goto(`${opsdesk.baseURL}/#/revenue?policy=stripe&from=2025-01-01&to=2025-12-31&interval=month`);
  await revenue.expectChartsLoaded();

  await charts.show('MRR', 'Table');
  await expect(charts.switch('MRR').getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
  expect(await charts.columns('MRR')).toEqual(['MRR', 'Customers']);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map((month) => `${month} 2025`);
  await expect(charts.table('MRR').getByRole('rowheader')).toHaveText(months);
  const mrrOf = async (month: string) => signedCents((await charts.cells('MRR', month))[0]!);
  // The range ends with December 2025: the headline MRR is its MRR.
  expect(await mrrOf('December 2025')).toBe(centsOf(await revenue.headlineValue('MRR')));

  await charts.show('MRR movements', 'Table');
  expect(await charts.columns('MRR movements')).toEqual(['New', 'Expansion', 'Contraction', 'Churn', 'Reactivation', 'Net new']);
  // Each month's movements add up to its net new, and net new is the change of MRR since the month before.
  for (const [index, month] of months.entries()) {
    const cells = (await charts.cells('MRR movements', month)).map(signedCents);
    const netNew = cells.at(-1)!;
    expect(cells.slice(0, -1).reduce((sum, cents) => sum + cents, 0), `${month}: the movements add up to net new`).toBe(netNew);
    if (index > 0) expect(netNew, `${month}: net new is the change of MRR`).toBe((await mrrOf(month)) - (await mrrOf(months[index - 1]!)));
  }

  // Kept in this browser: the tables are still there after a reload.
  await page.reload();
  await revenue.expectChartsLoaded();
  await expect(charts.table('MRR movements')).toBeVisible();
  await expect(charts.table('MRR')).toBeVisible();
  expect.soft(await accessibilityFindings(page), 'the Revenue page with its tables: WCAG 2.1 AA findings').toEqual([]);

  // A churn amount is a button: focused and pressed with the keyboard, it opens the customers behind it.
  const churn = charts.table('MRR movements').getByRole('button', { name: /, churn in \w+ 2025: show the customers$/ }).first();
  const [amount, month] = /^(.+), churn in (\w+ 2025): show the customers$/.exec((await churn.getAttribute('aria-label'))!)!.slice(1) as [string, string];
  await churn.focus();
  await page.keyboard.press('Enter');
  await expect(revenue.drillDown.getByRole('heading', { name: `Churn, ${month}: the customers behind it` })).toBeVisible();
  await expect(page).toHaveURL(/drillKind=churn/);
  await expect(revenue.drillDownRows().first()).toContainText('Churn');
  expect(signedCents(amount)).toBeLessThan(0);

  // And back to the chart, for those who read shapes.
  await page.keyboard.press('Escape');
  await charts.show('MRR movements', 'Chart');
  await expect(revenue.movementBars('churn').first()).toBeVisible();
  await expect(charts.table('MRR movements')).toHaveCount(0);
  // Its legend in the table's order (growth, then losses), not alphabetical.
  await expect(page.getByRole('region', { name: 'MRR movements' }).locator('.recharts-legend-item-text')).toHaveText(['New', 'Expansion', 'Contraction', 'Churn', 'Reactivation']);
});

test('support has no Revenue entry, and the page opened by its address says they may not see it', async ({ page, loginPage, appShell }) => {
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_SUPPORT.email, DEMO_SUPPORT.password);
  await appShell.expectSignedIn();
  await expect(appShell.menuItem('Customers')).toBeVisible();
  await expect(appShell.menuItem('Revenue')).toHaveCount(0);

  await page.goto(`${opsdesk.baseURL}/#/revenue?policy=stripe`);
  await expect(page.getByText(/permission/i).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Revenue' })).toHaveCount(0);
});

for (const viewport of LAYOUT_VIEWPORTS.filter((size) => size.width === 390 || size.width === 1440)) {
  test(`the Revenue page and its drill-down fit ${viewport.name} without sideways scroll, in light and dark`, async ({ page, loginPage, appShell }) => {
    const revenue = new RevenuePage(page);
    const layout = new LayoutProbe(page);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto(`${opsdesk.baseURL}/#/login`);
    await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await page.goto(`${opsdesk.baseURL}/#/revenue?policy=stripe&from=2025-01-01&to=2025-12-31&interval=month`);
    // A bound, not a budget: the page's code-split chunk (recharts) can wait for the cores behind another spec's server start.
    await expect(revenue.heading).toBeVisible({ timeout: 30_000 });
    await revenue.expectChartsLoaded();
    // Periods read in words: the change is against the month before (MRR did not move in December 2025: said in words,
    // not as a "0.00 USD" that reads like November's value), the cohorts are months.
    await expect(revenue.headline('MRR')).toContainText(/Same as November 2025$/);
    await expect(page.getByRole('table', { name: 'MRR retention by cohort' }).getByRole('rowheader').first()).toHaveText(/^[A-Z][a-z]{2,3} \d{4}$/);
    // Money in a headline reads on one line, the currency beside the amount.
    for (const label of ['MRR', 'ARR', 'ARPA']) await layout.expectOneLine(revenue.headline(label).getByText(/^[\d,.]+ USD$/));
    await layout.expectNoSidewaysScroll();

    await page.getByRole('button', { name: /toggle light\/dark mode/i }).click();
    await revenue.expectChartsLoaded();
    await layout.expectNoSidewaysScroll();

    // The movements as a table (seven columns of money) scroll inside their card, the months kept in view.
    const charts = new ChartTables(page);
    await charts.show('MRR movements', 'Table');
    await expect(charts.row('MRR movements', 'December 2025')).toBeVisible();
    await layout.expectNoSidewaysScroll();
    await charts.show('MRR movements', 'Chart');

    await page.getByRole('button', { name: 'Compare policies' }).click();
    await expect(revenue.comparisonTotal('Customers that differ')).toBeVisible();
    await layout.expectNoSidewaysScroll();

    await revenue.headline('Subscriber churn').click();
    await expect(revenue.drillDown.getByRole('heading', { name: /^Subscriber churn, December 2025: the customers behind it$/ })).toBeVisible();
    await expect(revenue.drillDown.getByText(/No customer moved this way|Churn/).first()).toBeVisible();
    await layout.expectNoSidewaysScroll();
  });
}

test('on a phone the headline numbers come first: the filters and the definitions open on demand, and the filters in force are counted', async ({ page, loginPage }) => {
  const revenue = new RevenuePage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  await page.goto(`${opsdesk.baseURL}/#/revenue?policy=stripe&from=2025-01-01&to=2025-12-31&interval=month`);
  await expect(revenue.heading).toBeVisible({ timeout: 30_000 });
  // Seven fields and the policy's paragraph filled the first screen; MRR and ARR are on it now, whole.
  for (const label of ['MRR', 'ARR']) await expect(revenue.headline(label)).toBeInViewport({ ratio: 1 });

  await expect(revenue.definitions).toContainText('Definitions: Stripe policy');
  const sentence = revenue.definitions.getByText(/^Stripe Billing’s own definition/);
  await expect(sentence).toBeHidden();
  await revenue.definitions.getByRole('button', { name: 'Show' }).click();
  await expect(sentence).toBeVisible();

  await chooseFoldedFilter(page, page.getByRole('form', { name: 'Revenue view' }), 'Billing interval', 'Every year', /billingInterval=year/);
});
