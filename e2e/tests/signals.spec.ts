import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_SUPPORT } from '../support/demoAccounts';
import { writeSignalSamples } from '../support/signalSamples';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';
import { signInAs } from '../support/trpcRequest';
import { AppShell } from '../pages/AppShell';
import { ChartTables } from '../pages/ChartTables';
import { LayoutProbe } from '../pages/LayoutProbe';
import { LoginPage } from '../pages/LoginPage';
import { SignalsPage, SloAlertsPage, SloPage } from '../pages/SloPages';

const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };
const MINUTE_MS = 60_000;
// The slo.evaluate job runs every minute and the pages read again every 30–60 s: two
// evaluation intervals plus a page refresh bound every wait on a new evaluation.
const EVALUATION_BOUND_MS = 180_000;

/**
 * Golden signals and SLOs against a server of its own (its alerts and samples are the
 * test's): on-call reads the API's four signals, sees the availability SLO's budget, links
 * the SLO to a runbook action, and after an error burst sees the page alert fire and
 * opens the action with its parameters filled in and its runbook entry. The built-in
 * samples' storage (rows, size, oldest, retention) is on the Signals page. Support reads the Signals page on a
 * phone and at 1440 px without a sideways scroll, and is offered no SLO editing.
 */
let opsdesk: RunningOpsdesk;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'signals', env: { DEMO_COMPANY_USERS: '20' } });
  // Healthy traffic (and saturation gauges) for the last three hours and the next quarter hour (minutes are
  // counted as the clock reaches them): 300 requests a minute, none failing, so every
  // burn window holds the SLO's minimum of 100 valid requests.
  const now = Date.now();
  await writeSignalSamples(opsdesk.databaseUrl, { service: 'opsdesk', instance: 'e2e-baseline', from: new Date(now - 180 * MINUTE_MS), to: new Date(now + 15 * MINUTE_MS), requestsPerMinute: 300, errorsPerMinute: 0, gauges: true });
});
test.afterAll(async () => {
  await opsdesk?.stop();
});

async function signIn(browser: Browser, staff: { email: string; password: string }): Promise<{ page: Page; appShell: AppShell }> {
  const context = await browser.newContext({ baseURL: opsdesk.baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const appShell = new AppShell(page);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await new LoginPage(page).submitCredentials(staff.email, staff.password);
  await appShell.expectSignedIn();
  return { page, appShell };
}

test('on-call reads the four signals and the SLO budget; an error burst pages, and the alert opens the runbook action filled in', async ({ browser }) => {
  test.setTimeout(480_000);
  const { page, appShell } = await signIn(browser, DEMO_ONCALL);
  const signals = new SignalsPage(page);
  const slo = new SloPage(page);
  const alerts = new SloAlertsPage(page);

  await appShell.go('Signals');
  await expect(signals.heading()).toBeVisible();
  await expect(page.getByText('Source: Built-in')).toBeVisible();
  // The last hour of 300 requests a minute, none failing.
  await expect(signals.signal('Traffic')).toContainText(/\d{2},\d{3} requests/);
  await expect(signals.signal('Errors')).toContainText('0 failed');
  await expect(signals.signal('Latency')).toContainText('Successful requests: p50');
  await expect(signals.signal('Saturation')).toContainText('Connection pools in use');
  await expect(signals.signal('Saturation')).not.toContainText('Nothing measured');
  for (const name of ['Traffic', 'Errors', 'Latency', 'Saturation'] as const) await expect(signals.signal(name).locator('.recharts-surface').first()).toBeVisible();
  // Every chart reads as a table too, one row per step: the baseline's 300 requests a minute are 5 req/s. One
  // switch per card: the Saturation card's three charts turn into three tables.
  const charts = new ChartTables(page);
  await charts.show('Traffic', 'Table');
  expect(await charts.columns('Requests per second')).toEqual(['Requests per second']);
  await expect(charts.table('Requests per second').getByRole('cell', { name: /^5(\.\d{1,2})? req\/s$/ }).first()).toBeVisible();
  await charts.show('Saturation', 'Table');
  for (const chart of ['Connection pools in use', 'Event-loop lag (p99)', 'Resident memory']) await expect(charts.table(chart)).toBeVisible();
  expect(await charts.columns('Connection pools in use')).toEqual(['Opsdesk pool in use / max', 'PostgreSQL connections / max_connections']);
  await expect(signals.signal('Saturation').locator('.recharts-surface')).toHaveCount(0);
  await expect(signals.signal('Latency').locator('.recharts-surface').first()).toBeVisible();
  for (const card of ['Traffic', 'Saturation']) await charts.show(card, 'Chart');
  // What the built-in samples cost, and what bounds them.
  const storage = page.getByRole('region', { name: 'Storage' });
  await expect(storage).toContainText(/Rows\s*≈? ?[\d,]+/);
  await expect(storage).toContainText(/Size on disk\s*[\d.]+ (B|KiB|MiB|GiB)/);
  await expect(storage).toContainText('Oldest sample');
  await expect(storage).not.toContainText('None yet');
  await expect(storage).toContainText('one-minute samples 35 days, hourly 400 days');

  await appShell.go('SLOs');
  await page.getByRole('link', { name: 'opsdesk / availability' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'opsdesk / availability' })).toBeVisible();
  // A fresh window starts with the whole budget, once the first evaluation has run.
  await expect(slo.fact('Error budget remaining')).toContainText('100 %', { timeout: EVALUATION_BOUND_MS });
  await expect(slo.fact('Burn rate now (1 h)')).toContainText('0×');
  // The budget's history as a table, newest first: the whole budget left.
  await expect(charts.switch('Error budget')).toBeVisible({ timeout: EVALUATION_BOUND_MS });
  await charts.show('Error budget', 'Table');
  await expect(charts.table('Error budget').getByRole('row').nth(1).getByRole('cell')).toHaveText('100 %');
  await expect(page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: 'page-1h' })).toContainText('OK');

  // Link the SLO's alerts to the connections overview, with a parameter of its own.
  await page.getByRole('link', { name: 'Edit' }).click();
  await slo.field('Runbook action').fill('connections.list');
  await slo.field('Action parameters (JSON)').fill('{"longRunningSeconds": 45}');
  await slo.field('Reason for the change').fill('Failing requests: see who holds the connections');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Runbook' }).getByRole('link', { name: 'connections.list' })).toBeVisible();

  // The burst: from ten minutes ago on, 600 more requests a minute, all failing (see writeSignalSamples).
  const now = Date.now();
  await writeSignalSamples(opsdesk.databaseUrl, { service: 'opsdesk', instance: 'e2e-burst', from: new Date(now - 10 * MINUTE_MS), to: new Date(now + 15 * MINUTE_MS), requestsPerMinute: 600, errorsPerMinute: 600 });

  await appShell.go('Alerts');
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  const pageAlert = alerts.alert('opsdesk/availability page-1h firing');
  await expect(pageAlert).toBeVisible({ timeout: EVALUATION_BOUND_MS });
  await expect(pageAlert).toContainText('Page');
  await expect(pageAlert).toContainText(/Budget remaining.*%/s);

  // The alert links the runbook entry of its action, read in place.
  await pageAlert.getByRole('button', { name: 'Runbook entry: Connection-pool exhaustion' }).click();
  const entry = page.getByRole('dialog', { name: 'Connection-pool exhaustion' });
  await expect(entry.getByRole('heading', { name: 'Connection-pool exhaustion' })).toBeVisible();
  await expect(entry).toContainText('Symptom.');
  await page.keyboard.press('Escape');
  await expect(entry).toBeHidden();

  await pageAlert.getByRole('link', { name: 'Open runbook action' }).click();
  await expect(page).toHaveURL(/#\/runbooks\/connections\.list\/show\?params=/);
  await expect(page.getByRole('heading', { level: 1, name: 'List database connections' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Highlight transactions and queries older than (seconds)' })).toHaveValue('45');

  // The errors breakdown names the burst's code in words, with the code the logs say under them.
  await appShell.go('Signals');
  const burstCode = signals.signal('Errors').getByRole('table', { name: 'Errors by code' }).getByRole('row').filter({ hasText: 'INTERNAL_SERVER_ERROR' });
  // Back on the page, its cached last hour shows first and is read again at once; on a loaded
  // machine that read can take a while, and the page reads again each minute anyway: a bound
  // of a minute and a bit covers both (a CI run with the machine shared saw the old "0 failed"
  // for the default 10 s).
  await expect(burstCode).toContainText('Server error', { timeout: 75_000 });

  // On-call's home cards: what fires now, and each SLO's budget.
  await page.goto(`${opsdesk.baseURL}/#/`);
  await expect(page.getByRole('region', { name: 'Active alerts' })).toContainText(/alerts? firing/);
  const burn = page.getByRole('region', { name: 'SLO burn' });
  await expect(burn.getByRole('link', { name: 'opsdesk / availability' })).toBeVisible();
  await expect(burn).toContainText('Budget remaining');
});

for (const viewport of [
  { name: 'a 390×844 phone', width: 390, height: 844 },
  { name: '1440×900', width: 1440, height: 900 },
]) {
  test(`support reads the Signals page on ${viewport.name} without a sideways scroll, and may not edit SLOs`, async ({ browser }) => {
    // Four pages, each read in full: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    // Signed in through the API: on a phone the menu the sign-in check looks for is folded away.
    const context = await browser.newContext({ baseURL: opsdesk.baseURL, viewport });
    const page = await context.newPage();
    await signInAs(page.request, DEMO_SUPPORT);
    const signals = new SignalsPage(page);
    await page.goto(`${opsdesk.baseURL}/#/signals?service=opsdesk&range=6h`);
    await expect(signals.heading()).toBeVisible();
    for (const name of ['Traffic', 'Errors', 'Latency', 'Saturation'] as const) await expect(signals.signal(name)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Storage' })).toContainText('Retention');
    await expect(page.getByRole('combobox', { name: 'Range' })).toContainText('Last 6 hours');
    await new LayoutProbe(page).expectNoSidewaysScroll();

    await page.goto(`${opsdesk.baseURL}/#/slos`);
    await expect(page.getByRole('link', { name: 'opsdesk / availability' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New SLO' })).toHaveCount(0);
    await new LayoutProbe(page).expectNoSidewaysScroll();

    await page.getByRole('link', { name: 'opsdesk / availability' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'opsdesk / availability' })).toBeVisible();
    await expect(new SloPage(page).fact('Error budget remaining')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
    await new LayoutProbe(page).expectNoSidewaysScroll();

    await page.goto(`${opsdesk.baseURL}/#/slo-alerts`);
    await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
    // Unfiltered, the selects say so rather than showing an empty box.
    await expect(page.getByRole('region', { name: 'History' }).getByRole('combobox', { name: 'Severity' })).toHaveText('Any');
    await new LayoutProbe(page).expectNoSidewaysScroll();
  });
}
