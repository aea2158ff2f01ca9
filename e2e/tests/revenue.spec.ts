import { execFileSync } from 'node:child_process';
import { DEMO_PASSWORD, DEMO_SUPPORT } from '../support/demoAccounts';
import { REPO_ROOT, startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { MONEY, RevenuePage } from '../pages/RevenuePage';

const DEMO_FINANCE = { email: 'finance@opsdesk.test', password: DEMO_PASSWORD };

let opsdesk: RunningOpsdesk;

/**
 * Its own server: a fresh demo start has no precomputed revenue rows (webhooks do not
 * refresh them yet), so the test runs `npm run revenue:rebuild` against that server's
 * database, as an operator would after a backfill. The demo company's history runs
 * from January 2025; its churn falls in June and August 2025.
 */
test.beforeAll(async () => {
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'revenue' });
  execFileSync('npm', ['run', 'revenue:rebuild'], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: opsdesk.databaseUrl }, stdio: 'pipe' });
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

test('finance reads MRR as money, switches policy, drills from a churn bar to the customers and to why one moved', async ({ page, loginPage, appShell }) => {
  const revenue = new RevenuePage(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await appShell.expectSignedIn();

  await expect(page.getByRole('region', { name: 'MRR', exact: true }).getByText(MONEY)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Net new MRR this month' }).getByText(MONEY)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Churn this month' })).toContainText('No customer churned this month.');
  await expect(page.getByRole('region', { name: 'Failed payments to recover' }).getByRole('link', { name: 'See recovery' })).toBeVisible();

  await appShell.go('Revenue');
  await expect(revenue.heading).toBeVisible();
  await expect(revenue.headline('MRR')).toBeVisible();
  expect(await revenue.headlineValue('MRR')).toMatch(MONEY);
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
  await expect(revenue.drillDown.getByRole('heading', { name: /^Churn, 2025-\d\d: the customers behind it$/ })).toBeVisible();
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
  await expect(explanation).toContainText(/Churn on 2025-\d\d-\d\d/);

  // The view is in the URL: opening it again shows the same policy and the same drill-down.
  await page.reload();
  await expect(revenue.drillDown.getByRole('heading', { name: /^Churn, 2025-\d\d: the customers behind it$/ })).toBeVisible();
  await revenue.drillDown.getByRole('button', { name: 'Close' }).click();
  await expect(revenue.definitions).toContainText('Definitions: ProfitWell policy');
  await expect(page).not.toHaveURL(/drillKind/);
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
    await expect(revenue.heading).toBeVisible();
    await revenue.expectChartsLoaded();
    await expect(page.getByRole('table', { name: 'MRR retention by cohort' })).toBeVisible();
    await layout.expectNoSidewaysScroll();

    await page.getByRole('button', { name: /toggle light\/dark mode/i }).click();
    await revenue.expectChartsLoaded();
    await layout.expectNoSidewaysScroll();

    await revenue.headline('Subscriber churn').click();
    await expect(revenue.drillDown.getByRole('heading', { name: /^Subscriber churn, 2025-12: the customers behind it$/ })).toBeVisible();
    await expect(revenue.drillDown.getByText(/No customer moved this way|Churn/).first()).toBeVisible();
    await layout.expectNoSidewaysScroll();
  });
}
