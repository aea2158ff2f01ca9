import pg from 'pg';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_SUPPORT } from '../support/demoAccounts';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { signInAs, trpcMutation, trpcQuery } from '../support/trpcRequest';
import { expect, test } from '../support/test';
import type { Browser, Locator, Page } from '@playwright/test';
import { AppShell } from '../pages/AppShell';
import { LAYOUT_VIEWPORTS, LayoutProbe } from '../pages/LayoutProbe';
import { LoginPage } from '../pages/LoginPage';
import { RunbooksPage } from '../pages/RunbooksPage';

const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };

/**
 * Runbooks against a real server of its own (so the test can open its own idle
 * connections on that server's database): on-call plans "terminate idle connections",
 * sees exactly its pids, runs it with confirmation, watches the live output, and an
 * admin finds the run on the audit log; the list and the action's page open the action's
 * runbook entry in the console; support has no Runbooks menu and the server
 * refuses its calls; the pages fit a phone and 1440 px, and the backends list with a
 * reporting tool's long query and application name fits a phone and 1280–1920 px
 * without scrolling sideways, neither the page nor the table inside its card.
 */
let opsdesk: RunningOpsdesk;
const clients: pg.Client[] = [];

test.beforeAll(async ({}, testInfo) => {
  // A server start seeds its demo company: kept small, and given time on a busy machine.
  testInfo.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'runbooks', env: { DEMO_COMPANY_USERS: '20' } });
});
test.afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  await opsdesk?.stop();
});

/** A connection of some other tool, left idle (or idle in a transaction) on the server's database, `lastQuery` its last statement. */
async function openIdleConnection(inTransaction: boolean, tool: { applicationName: string; lastQuery?: string } = { applicationName: 'e2e-report-tool' }): Promise<number> {
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl, application_name: tool.applicationName });
  // Terminated by the test's run: the client hears of it as an error.
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  if (inTransaction) await client.query('begin');
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  if (tool.lastQuery) await client.query(tool.lastQuery);
  return rows[0]!.pid;
}

/** The runbook entry dialog: its heading, its symptom and rollback, and the action it documents. */
async function expectEntryOpen(page: Page, title: string, actionName: string) {
  const entry = page.getByRole('dialog', { name: title });
  await expect(entry.getByRole('heading', { name: title })).toBeVisible();
  await expect(entry).toContainText('Symptom.');
  await expect(entry).toContainText('Rollback.');
  await expect(entry.getByRole('table').filter({ hasText: actionName })).toBeVisible();
  return entry;
}

/** A page of this spec's own server (its address is the context's base URL, for the API calls too). */
async function openPage(browser: Browser, viewport?: { width: number; height: number }): Promise<{ page: Page; loginPage: LoginPage; appShell: AppShell }> {
  const context = await browser.newContext({ baseURL: opsdesk.baseURL, viewport: viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { page, loginPage: new LoginPage(page), appShell: new AppShell(page) };
}

async function isBackendAlive(pid: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

test('on-call plans "terminate idle connections", sees the pids, runs it with confirmation and watches it; the audit log has it', async ({ browser }) => {
  // Sign-in, two entry dialogs, plan, run and the audit log: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const { page, loginPage, appShell } = await openPage(browser);
  const idlePid = await openIdleConnection(false);
  const inTransactionPid = await openIdleConnection(true);
  const runbooks = new RunbooksPage(page);

  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_ONCALL.email, DEMO_ONCALL.password);
  await appShell.expectSignedIn();
  await appShell.go('Runbooks');
  await expect(page.getByRole('heading', { level: 1, name: 'Runbooks' })).toBeVisible();
  const card = runbooks.actionCard('Terminate idle connections');
  // The card opens the action's runbook entry itself, over the list; Escape closes it.
  await card.getByRole('button', { name: 'Runbook entry: Connection-pool exhaustion' }).click();
  await expectEntryOpen(page, 'Connection-pool exhaustion', 'connections.terminate');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Runbooks' })).toBeVisible();
  await card.getByRole('link').click();
  await expect(runbooks.heading('Terminate idle connections')).toBeVisible();
  // And so does the action's page; its Close button closes it.
  await page.getByRole('button', { name: 'Runbook entry: Connection-pool exhaustion' }).click();
  const entry = await expectEntryOpen(page, 'Connection-pool exhaustion', 'connections.terminate');
  await entry.getByRole('button', { name: 'Close' }).click();
  await expect(entry).toBeHidden();

  await page.getByLabel('Only these pids (from the list)').fill(`${idlePid}, ${inTransactionPid}`);
  await page.getByRole('checkbox', { name: 'idle', exact: true }).check();
  await runbooks.planButton.click();
  const planned = runbooks.planTable('Backends to terminate');
  await expect(planned.getByRole('row')).toHaveCount(3);
  for (const pid of [idlePid, inTransactionPid]) {
    await expect(runbooks.planRowOfPid('Backends to terminate', pid)).toContainText('e2e-report-tool');
    await expect(runbooks.planSection.getByRole('list', { name: 'Steps' })).toContainText(`Terminate pid ${pid}`);
  }

  await runbooks.runButton.click();
  await runbooks.confirmRun('e2e: freeing connections held by a stuck report tool');
  await expect(page).toHaveURL(/\/runbooks\/connections\.terminate\/show\?run=[0-9a-f-]{36}$/);
  const runId = /run=([0-9a-f-]{36})/.exec(page.url())![1]!;
  await runbooks.expectRunStatus('Succeeded');
  for (const pid of [idlePid, inTransactionPid]) await expect(runbooks.liveOutput.getByRole('listitem').filter({ hasText: `pid ${pid}: terminated` })).toBeVisible();
  await expect(runbooks.output).toContainText('Terminated 2 of 2 backend(s)');
  await expect(runbooks.history.getByRole('button').first()).toContainText('Terminated 2 of 2 backend(s)');
  expect(await isBackendAlive(idlePid)).toBe(false);
  expect(await isBackendAlive(inTransactionPid)).toBe(false);

  // On-call's home page has the run among its runbook cards.
  await page.goto(`${opsdesk.baseURL}/#/`);
  await expect(page.getByRole('region', { name: 'Runbook runs' })).toContainText('Terminate idle connections: Terminated 2 of 2 backend(s)');
  await expect(page.getByRole('region', { name: 'Temporary changes' })).toContainText('No temporary change is in place.');

  // An admin finds the request (with its reason) and the outcome on the audit log.
  await appShell.logout();
  await loginPage.submitCredentials(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await appShell.expectSignedIn();
  await page.goto(`${opsdesk.baseURL}/#/audit`);
  const answered = page.waitForResponse((response) => response.url().includes('/trpc/audit.find') && response.url().includes(runId));
  await page.getByPlaceholder('Search action, target, actor, reason').fill(runId);
  await answered;
  await expect(page.getByRole('row').filter({ hasText: 'runbooks.run_requested' })).toContainText(DEMO_ONCALL.email);
  await expect(page.getByRole('row').filter({ hasText: 'runbooks.run_finished' })).toBeVisible();
  // The entry's target is the run, named and linked: it opens on its action's page.
  await page.getByRole('row').filter({ hasText: 'runbooks.run_requested' }).getByRole('link', { name: `Runbook run ${runId.slice(0, 8)}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/runbooks/[^/?]+/show\\?run=${runId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Terminate idle connections' })).toBeVisible();
});

test('support has no Runbooks menu, and the server refuses its runbooks calls', async ({ browser }) => {
  const { page, loginPage, appShell } = await openPage(browser);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_SUPPORT.email, DEMO_SUPPORT.password);
  await appShell.expectSignedIn();
  await expect(appShell.menuItem('Customers')).toBeVisible();
  await expect(appShell.menuItem('Runbooks')).toHaveCount(0);
  expect((await trpcQuery(page.request, 'runbooks.actions')).status()).toBe(403);
  expect((await trpcQuery(page.request, 'runbooks.plan', { action: 'connections.terminate', params: { idleLongerThanSeconds: 0 } })).status()).toBe(403);
  const run = await trpcMutation(page.request, 'runbooks.run', { action: 'connections.terminate', params: { idleLongerThanSeconds: 0 }, planHash: '0'.repeat(64), confirmed: true, reason: 'not mine to run' });
  expect(run.status()).toBe(403);
  expect((await run.json()).error.data.code).toBe('FORBIDDEN');
});

for (const viewport of [
  { name: 'a 390×844 phone', width: 390, height: 844 },
  { name: '1440×900', width: 1440, height: 900 },
]) {
  test(`the Runbooks list and an action's plan fit ${viewport.name}`, async ({ browser }) => {
    const { page } = await openPage(browser, viewport);
    await signInAs(page.request, DEMO_ONCALL);
    const runbooks = new RunbooksPage(page);
    const probe = new LayoutProbe(page);
    await runbooks.open(opsdesk.baseURL);
    await expect(runbooks.actionCard('Terminate idle connections')).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await runbooks.actionCard('Terminate idle connections').getByRole('button', { name: /^Runbook entry: / }).click();
    await expectEntryOpen(page, 'Connection-pool exhaustion', 'connections.terminate');
    await probe.expectNoSidewaysScroll();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await runbooks.actionCard('Terminate idle connections').getByRole('link').click();
    const pid = await openIdleConnection(true);
    await page.getByLabel('Only these pids (from the list)').fill(String(pid));
    await runbooks.planButton.click();
    await expect(runbooks.planRowOfPid('Backends to terminate', pid)).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(runbooks.runButton);

    // The backends list beside a long query (its own, always there): every pid whole, on
    // a phone each backend a stacked entry; no column squeezed to a letter's width.
    await page.goto(`${opsdesk.baseURL}/#/runbooks/connections.list/show`);
    await expect(runbooks.planButton).toHaveText('Check');
    await runbooks.planButton.click();
    await expect(runbooks.planButton).toHaveText('Check again');
    const backends = runbooks.planTable('Backends of this database');
    await expect(runbooks.planRowOfPid('Backends of this database', pid)).toBeVisible();
    await expect(backends).toHaveRole(viewport.width < 600 ? 'list' : 'table');
    const pids = viewport.width < 600 ? backends.getByRole('listitem').getByText(/^pid: \d+$/) : backends.getByRole('row').locator('td:first-child');
    expect(await pids.count()).toBeGreaterThan(1);
    for (const cell of await pids.all()) await probe.expectOneLine(cell);
    await probe.expectNoSidewaysScroll();
  });
}

/**
 * A BI tool's connection as the backends list shows it: an application name of
 * PostgreSQL's full 63 bytes in one unbroken word, and a report query longer than the
 * 160 characters the list keeps, with identifiers as long as real ones.
 */
const REPORTING_TOOL = {
  applicationName: 'metabase-scheduled-report-worker-eu-west-1-pool-7f3c9a2e4b1d8e6',
  lastQuery: `select acquisition_channel_and_region, sum(monthly_recurring_revenue_in_cents) as monthly_recurring_revenue_by_acquisition_channel_and_region
    from (values ('paid-search/eu-west', 4200), ('partner-referral/us-east', 9900)) as report(acquisition_channel_and_region, monthly_recurring_revenue_in_cents)
    group by acquisition_channel_and_region order by 2 desc`,
};

/** How many pixels `element`, or any box between it and `container`, scrolls sideways inside itself. */
async function sidewaysOverflowUpTo(element: Locator, container: Locator): Promise<number> {
  return element.evaluate(
    (node, outer) => {
      let worst = 0;
      for (let box: Element | null = node; box && box !== outer.parentElement; box = box.parentElement) worst = Math.max(worst, box.scrollWidth - box.clientWidth);
      return worst;
    },
    await container.elementHandle(),
  );
}

for (const viewport of LAYOUT_VIEWPORTS) {
  test(`at ${viewport.name} the backends list with a long query and application name scrolls sideways neither the page nor inside its card`, async ({ browser }) => {
    const { page } = await openPage(browser, viewport);
    await signInAs(page.request, DEMO_ONCALL);
    const pid = await openIdleConnection(false, REPORTING_TOOL);
    const runbooks = new RunbooksPage(page);
    const probe = new LayoutProbe(page);
    await page.goto(`${opsdesk.baseURL}/#/runbooks/connections.list/show`);
    await runbooks.planButton.click();
    // This test's own connection: the earlier window sizes' connections are still open.
    const backend = runbooks.planRowOfPid('Backends of this database', pid).filter({ hasText: REPORTING_TOOL.applicationName });
    await expect(backend).toContainText('acquisition_channel_and_region');

    const backends = runbooks.planTable('Backends of this database');
    expect(await sidewaysOverflowUpTo(backends, runbooks.planSection), 'the backends table scrolls sideways inside its card').toBeLessThanOrEqual(1);
    await probe.expectNoSidewaysScroll();
    // Every column is on screen inside the card, the last one included; every pid whole.
    if (viewport.width >= 600) {
      await probe.expectUsable(backends.getByRole('columnheader').last(), runbooks.planSection);
      for (const cell of await backends.getByRole('row').locator('td:first-child').all()) await probe.expectOneLine(cell);
    }
    await probe.expectUsable(backend.getByText(/acquisition_channel_and_region/).last(), runbooks.planSection);
  });
}
