import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { DEMO_ADMIN, DEMO_FINANCE } from '../support/demoAccounts';
import { AuditListPage } from '../pages/AuditListPage';
import { JobsPage } from '../pages/JobsPage';
import { REPO_ROOT, startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';
import { trpcData, trpcQuery } from '../support/trpcRequest';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { MONEY } from '../pages/RevenuePage';
import { RevenueReconciliationPage } from '../pages/RevenueReconciliationPage';

/** What the test adds to one customer's stored MRR: far above any real difference, so that customer heads the list. */
const TAMPER_CENTS = 100_000_000;

let opsdesk: RunningOpsdesk;
let tamperedCustomer: string;

/**
 * Its own server with the demo company (mirrored through the emulator's webhooks) and
 * its revenue rows rebuilt, as an operator would. Then one customer's precomputed MRR
 * is raised by 1,000,000.00 straight in the database: the reconciliation must find that
 * customer, with both figures and the reason (the rows disagree with the mirror).
 */
test.beforeAll(async () => {
  // Its own server, the demo company mirrored through webhooks and a full revenue rebuild: a bound, not a wait, above the default minute on a loaded machine.
  test.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'reconciliation' });
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  try {
    // The demo seed's webhooks are acknowledged at once and applied moments later: wait
    // until the inbox is empty, or a customer still in flight reads as "mirror behind".
    await expect.poll(async () => (await client.query<{ n: number }>(`select count(*)::int as n from ops.stripe_events where status = 'pending'`)).rows[0]!.n, { timeout: 60_000 }).toBe(0);
    execFileSync('npm', ['run', 'revenue:rebuild'], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: opsdesk.databaseUrl }, stdio: 'pipe' });
    const { rows } = await client.query<{ customer_id: string }>(`
      with latest as (
        select distinct on (customer_id) customer_id, day, mrr_cents from revenue.customer_mrr_changes
        where policy = 'stripe' and day <= (now() at time zone 'utc')::date order by customer_id, day desc)
      update revenue.customer_mrr_changes c set mrr_cents = c.mrr_cents + ${TAMPER_CENTS}
      -- A steady paying customer: one whose subscription the demo's dunning or a
      -- period-end cancel may change during the run would be "mirror behind" instead.
      from (select l.customer_id, l.day from latest l
            where l.mrr_cents > 0
              and exists (select 1 from billing.subscriptions s where s.customer_id = l.customer_id and s.status = 'active' and not s.cancel_at_period_end and s.trial_end is null and s.ended_at is null)
              and not exists (select 1 from billing.subscriptions s where s.customer_id = l.customer_id and s.status <> 'active')
            order by l.customer_id limit 1) chosen
      where c.policy = 'stripe' and c.customer_id = chosen.customer_id and c.day = chosen.day
      returning c.customer_id`);
    tamperedCustomer = rows[0]!.customer_id;
  } finally {
    await client.end();
  }
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

test('finance starts a reconciliation from the Revenue page, watches it finish, reads the totals and the difference with its reason', async ({ page, loginPage, appShell }) => {
  const reconciliation = new RevenueReconciliationPage(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
  await appShell.expectSignedIn();
  await appShell.go('Revenue');
  await page.getByRole('link', { name: 'Reconcile with Stripe' }).click();
  await expect(reconciliation.heading).toBeVisible();
  await expect(page.getByText('No reconciliation has been run yet.')).toBeVisible();
  await expect(reconciliation.day).toHaveValue(new Date().toISOString().slice(0, 10));

  await reconciliation.start.click();
  await expect(reconciliation.progress).toBeVisible();
  await expect(page).toHaveURL(/run=[\w-]+/);
  await reconciliation.expectFinished();
  // The day in words, as everywhere in the console (the form's field keeps the ISO value).
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  await expect(reconciliation.run.getByRole('heading', { name: `Reconciliation of ${today}` })).toBeVisible();
  await expect(reconciliation.run.getByRole('status').filter({ hasText: /Stripe subscriptions compared\.$/ })).toBeVisible();
  await expect(reconciliation.progress).toHaveAttribute('aria-valuenow', '100');
  // It ran as a job: finance (no jobs.read) sees the job's id to quote, not a link.
  await expect(reconciliation.run.getByText(/^Job [0-9a-f]{8}$/)).toBeVisible();
  await expect(reconciliation.run.getByRole('link', { name: /^Open job / })).toHaveCount(0);

  await expect(reconciliation.total('Opsdesk MRR')).toHaveText(MONEY);
  await expect(reconciliation.total('Stripe MRR')).toHaveText(MONEY);
  await expect(reconciliation.total('Difference')).toHaveText(/^−[\d,]+\.\d{2} USD$/);

  const first = reconciliation.differenceRows().first();
  await expect(first).toContainText('Revenue rows behind the mirror');
  await expect(first).toContainText('difference −1,000,000.00 USD');
  await expect(first).toContainText('npm run revenue:rebuild');
  await expect(first).toContainText(/Opsdesk [\d,]+\.\d{2} USD · Stripe [\d,]+\.\d{2} USD/);
  expect(tamperedCustomer).toMatch(/^cus_/);

  // The run is in the URL and in the recent runs: opening the page again shows it finished.
  await page.reload();
  await reconciliation.expectFinished();
  await expect(reconciliation.recentRuns.getByRole('button')).toHaveCount(1);
});

for (const viewport of LAYOUT_VIEWPORTS.filter((size) => size.width === 390 || size.width === 1440)) {
  test(`the Reconciliation page fits ${viewport.name} without sideways scroll`, async ({ page, loginPage }) => {
    const reconciliation = new RevenueReconciliationPage(page);
    const layout = new LayoutProbe(page);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto(`${opsdesk.baseURL}/#/login`);
    await loginPage.submitCredentials(DEMO_FINANCE.email, DEMO_FINANCE.password);
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await page.goto(`${opsdesk.baseURL}/#/revenue/reconciliation`);
    await expect(reconciliation.heading).toBeVisible();
    await expect(page).not.toHaveURL(/run=/);
    await reconciliation.start.click();
    await expect(page).toHaveURL(/run=[\w-]+/);
    await reconciliation.expectFinished();
    await expect(reconciliation.differenceRows().first()).toBeVisible();
    await layout.expectNoSidewaysScroll();
  });
}

test('an admin follows a run to its job: the Jobs page shows the reconciliation succeeded, with its log', async ({ page, loginPage, appShell }) => {
  const reconciliation = new RevenueReconciliationPage(page);
  const jobs = new JobsPage(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await appShell.expectSignedIn();
  await page.goto(`${opsdesk.baseURL}/#/revenue/reconciliation`);
  await expect(reconciliation.heading).toBeVisible();
  // The page opens on the latest run (an earlier test's, already finished), and the
  // address changes before the panel does (the router renders in a transition): wait for
  // the new run's own job in the panel before reading "Finished", or the old run is read.
  await expect(page).not.toHaveURL(/run=/);
  await reconciliation.start.click();
  await expect(page).toHaveURL(/run=[\w-]+/);
  const runId = /run=([\w-]+)/.exec(page.url())![1]!;
  const { jobId } = await trpcData<{ jobId: string }>(await trpcQuery(page.request, 'revenue.reconciliation.get', { runId }, opsdesk.baseURL));
  const jobLink = reconciliation.run.getByRole('link', { name: `Open job ${jobId}` });
  await expect(jobLink).toHaveText(`Job ${jobId.slice(0, 8)}`);
  await reconciliation.expectFinished();
  await jobLink.click();
  await expect(page).toHaveURL(new RegExp(`#/jobs/${jobId}/show$`));
  await expect(jobs.heading('Revenue reconciliation with Stripe')).toBeVisible();
  await jobs.expectStatus('Succeeded');
  await expect(jobs.log.getByRole('listitem').filter({ hasText: /^.*Listed \d+ subscriptions and compared \d+ customers: \d+ differ\.$/ })).toBeVisible();
  await expect(jobs.log.getByRole('listitem').last()).toContainText('Finished.');

  // The audit entry that started it names the run and opens it.
  await page.goto(`${opsdesk.baseURL}/#/audit`);
  const audit = new AuditListPage(page);
  await audit.search(runId);
  await audit.row('revenue.reconciliation_started').getByRole('link', { name: `Reconciliation ${runId.slice(0, 8)}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/revenue/reconciliation\\?run=${runId}$`));
  await reconciliation.expectFinished();
});
