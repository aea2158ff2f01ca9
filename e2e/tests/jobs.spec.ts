import pg from 'pg';
import { DEMO_PASSWORD, DEMO_SUPPORT } from '../support/demoAccounts';
import { signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';
import { expect, test } from '../support/test';
import { JobsPage } from '../pages/JobsPage';
import { LayoutProbe } from '../pages/LayoutProbe';

const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };

/**
 * The Jobs page against the shared server and its running job engine: on-call starts
 * the built-in self-check, watches its progress and log to the end, cancels a long one
 * with confirmation, starts the revenue rebuild after its confirmation and watches it
 * succeed; the pages fit a phone and 1440 px; support sees no Jobs menu and the server
 * refuses its calls.
 */
/** Runs of the shared server's scheduler, written as the scheduler writes them (no API starts one). */
async function insertScheduledRuns(runs: { kind: string; status: 'succeeded' | 'failed' }[]): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.OPSDESK_E2E_DATABASE_URL });
  await client.connect();
  try {
    for (const run of runs) {
      await client.query(`insert into ops.jobs (kind, status, started_by, started_at, finished_at, error) values ($1, $2, null, now(), now(), $3)`, [run.kind, run.status, run.status === 'failed' ? 'The database went away' : null]);
    }
  } finally {
    await client.end();
  }
}

test('the Jobs list hides routine scheduled runs until asked, and keeps the scheduled runs that failed', async ({ page, loginPage, appShell }) => {
  await insertScheduledRuns([
    { kind: 'housekeeping.routineForTest', status: 'succeeded' },
    { kind: 'housekeeping.brokenForTest', status: 'failed' },
  ]);
  await page.goto('/#/login');
  await loginPage.submitCredentials(DEMO_ONCALL.email, DEMO_ONCALL.password);
  await appShell.expectSignedIn();
  await appShell.go('Jobs');
  const hideRoutine = page.getByRole('switch', { name: 'Hide scheduled runs that succeeded' });
  const routine = page.getByRole('row').filter({ hasText: 'housekeeping.routineForTest' });
  const broken = page.getByRole('row').filter({ hasText: 'housekeeping.brokenForTest' });
  await expect(hideRoutine).toBeChecked();
  await expect(broken).toContainText('Failed');
  await expect(broken.getByRole('link', { name: 'housekeeping.brokenForTest' })).toHaveAttribute('href', /^#\/jobs\/[0-9a-f-]{36}\/show$/);
  await expect(routine).toHaveCount(0);

  await hideRoutine.click();
  await expect(hideRoutine).not.toBeChecked();
  await expect(routine).toContainText('Succeeded');
  await expect(broken).toBeVisible();
});

test('on-call runs a self-check from Jobs and watches its progress and log to the end', async ({ page, loginPage, appShell, baseURL }) => {
  const jobs = new JobsPage(page);
  await page.goto('/#/login');
  await loginPage.submitCredentials(DEMO_ONCALL.email, DEMO_ONCALL.password);
  await appShell.expectSignedIn();
  await appShell.go('Jobs');
  await jobs.runSelfCheck.click();

  await expect(page).toHaveURL(/#\/jobs\/[0-9a-f-]{36}\/show$/);
  await expect(jobs.heading('Self-check')).toBeVisible();
  await expect(page.locator('#main-content').getByText('jobs.selfCheck', { exact: true })).toBeVisible();
  await jobs.expectStatus('Succeeded');
  await expect(jobs.progressText).toHaveText('10 of 10');
  await expect(jobs.progress).toHaveAttribute('aria-valuenow', '100');
  await expect(jobs.log.getByRole('listitem').filter({ hasText: 'Step 10 of 10: database answered at' })).toBeVisible();
  await expect(jobs.log.getByRole('listitem').last()).toContainText('Finished.');
  await expect(page.locator('#main-content').getByText('Otto On-call')).toBeVisible();
  // Its parameters and result in words, as approvals show theirs, not JSON.
  await expect(page.getByRole('table', { name: 'Parameters' }).getByRole('row').filter({ hasText: 'Steps' })).toContainText('10');
  await expect(page.getByRole('table', { name: 'Result' }).getByRole('row').filter({ hasText: 'Steps' })).toContainText('10');
  await expect(page.locator('#main-content')).not.toContainText('{"steps"');

  // Back on the list, filtered to what succeeded, the job is there.
  const id = /jobs\/([0-9a-f-]{36})\/show/.exec(page.url())![1]!;
  await page.goto(`${baseURL}/#/jobs?filter=${encodeURIComponent(JSON.stringify({ status: 'succeeded', kind: 'jobs.selfCheck' }))}`);
  // Newest first: the job just run heads on-call's ten-step runs (other tests may start one-step self-checks meanwhile).
  const firstRow = page.getByRole('row').filter({ hasText: 'Otto On-call' }).filter({ hasText: '10 of 10' }).first();
  await expect(firstRow).toContainText('Succeeded');
  await firstRow.click();
  await expect(page).toHaveURL(new RegExp(`jobs/${id}/show$`));

  // "Started by" tells the runs people started from the scheduled housekeeping (several a minute).
  await page.goto(`${baseURL}/#/jobs`);
  const mine = page.getByRole('row').filter({ hasText: 'Self-check' }).filter({ hasText: 'Otto On-call' });
  await expect(mine.first()).toBeVisible();
  const startedBy = page.getByRole('combobox', { name: 'Started by' });
  await startedBy.click();
  await page.getByRole('option', { name: 'Schedules' }).click();
  await expect(mine).toHaveCount(0);
  await startedBy.click();
  await page.getByRole('option', { name: 'People' }).click();
  await expect(mine.first()).toBeVisible();
});

test('on-call cancels a long job after confirming, and it ends cancelled', async ({ page, loginPage, appShell, baseURL }) => {
  const jobs = new JobsPage(page);
  await page.goto('/#/login');
  await loginPage.submitCredentials(DEMO_ONCALL.email, DEMO_ONCALL.password);
  await appShell.expectSignedIn();
  const { id } = await trpcData<{ id: string }>(await trpcMutation(page.request, 'jobs.startSelfCheck', { steps: 600, stepMs: 1000 }));
  await jobs.openJob(baseURL!, id);
  await jobs.expectStatus('Running');

  await jobs.cancel.click();
  await expect(jobs.confirmDialog).toBeVisible();
  await jobs.confirmDialog.getByRole('button', { name: 'Keep it running' }).click();
  await expect(jobs.confirmDialog).toBeHidden();
  await jobs.expectStatus('Running');

  await jobs.cancel.click();
  await jobs.confirmDialog.getByRole('button', { name: 'Cancel job' }).click();
  await jobs.expectStatus('Cancelled');
  await expect(page.getByRole('alert').filter({ hasText: 'Cancelled from the console.' })).toBeVisible();
  await expect(jobs.log.getByRole('listitem').filter({ hasText: 'Cancel requested from the console.' })).toBeVisible();
});

test('on-call starts the revenue rebuild after reading what it does, and its job page follows it to Succeeded', async ({ page, loginPage, appShell }) => {
  const jobs = new JobsPage(page);
  await page.goto('/#/login');
  await loginPage.submitCredentials(DEMO_ONCALL.email, DEMO_ONCALL.password);
  await appShell.expectSignedIn();
  await appShell.go('Jobs');
  const confirm = page.getByRole('dialog', { name: 'Rebuild revenue?' });

  await page.getByRole('button', { name: 'Rebuild revenue' }).click();
  await expect(confirm).toContainText("Rebuilds every customer's MRR timeline and the rollups");
  await expect(confirm).toContainText('Dashboards stay readable while it runs, but show partial figures until it finishes.');
  await confirm.getByRole('button', { name: 'Not now' }).click();
  await expect(confirm).toBeHidden();
  await expect(page).toHaveURL(/#\/jobs$/);

  await page.getByRole('button', { name: 'Rebuild revenue' }).click();
  await confirm.getByRole('button', { name: 'Start the rebuild' }).click();
  await expect(page).toHaveURL(/#\/jobs\/[0-9a-f-]{36}\/show$/);
  await expect(jobs.heading('Revenue rebuild')).toBeVisible();
  await jobs.expectStatus('Succeeded', 60_000);
  await expect(jobs.progress).toHaveAttribute('aria-valuenow', '100');
  await expect(jobs.log.getByRole('listitem').filter({ hasText: /Rebuilt \d+ customers/ })).toBeVisible();
  await expect(jobs.log.getByRole('listitem').last()).toContainText('Finished.');
  await expect(page.locator('#main-content').getByText('Otto On-call')).toBeVisible();
});

for (const viewport of [
  { name: 'a 390×844 phone', width: 390, height: 844 },
  { name: '1440×900', width: 1440, height: 900 },
]) {
  test(`the Jobs list and a job's page fit ${viewport.name}`, async ({ page, baseURL }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signInAs(page.request, DEMO_ONCALL);
    const { id } = await trpcData<{ id: string }>(await trpcMutation(page.request, 'jobs.startSelfCheck', { steps: 2, stepMs: 0 }));
    const jobs = new JobsPage(page);
    const probe = new LayoutProbe(page);
    await page.goto(`${baseURL}/#/jobs`);
    await expect(page.getByText('Self-check').first()).toBeVisible();
    await probe.expectNoSidewaysScroll();
    if (viewport.width < 600) {
      // On a phone the selects wait behind "Add filter", so the jobs come first; one added filters the list.
      const startedBy = page.getByRole('combobox', { name: 'Started by' });
      await expect(startedBy).toHaveCount(0);
      await page.getByRole('button', { name: 'Add filter' }).click();
      await page.getByRole('menuitemcheckbox', { name: 'Started by' }).click();
      await startedBy.click();
      await page.getByRole('option', { name: 'People' }).click();
      await expect(page).toHaveURL(/startedBy/);
      await expect(page.getByText('Self-check').first()).toBeVisible();
      await probe.expectNoSidewaysScroll();
    }
    // Side by side at both widths: squeezed by the filters beside them at 1440 px the two buttons
    // stacked into a column; at full size on a phone the second fell to a line of its own.
    const rebuild = (await page.getByRole('button', { name: 'Rebuild revenue' }).boundingBox())!;
    const selfCheck = (await page.getByRole('button', { name: 'Run a self-check' }).boundingBox())!;
    expect(Math.abs(rebuild.y + rebuild.height / 2 - (selfCheck.y + selfCheck.height / 2)), 'the start buttons share a line').toBeLessThan(1);
    await probe.expectUsable(page.getByRole('button', { name: 'Run a self-check' }));
    await jobs.openJob(baseURL!, id);
    await jobs.expectStatus('Succeeded');
    await expect(jobs.log.getByRole('listitem').last()).toContainText('Finished.');
    await probe.expectNoSidewaysScroll();
  });
}

test('support has no Jobs menu, and the server refuses its jobs calls', async ({ page, loginPage, appShell }) => {
  await page.goto('/#/login');
  await loginPage.submitCredentials(DEMO_SUPPORT.email, DEMO_SUPPORT.password);
  await appShell.expectSignedIn();
  await expect(appShell.menuItem('Customers')).toBeVisible();
  await expect(appShell.menuItem('Jobs')).toHaveCount(0);
  expect((await trpcQuery(page.request, 'jobs.list', { limit: 5 })).status()).toBe(403);
  expect((await trpcMutation(page.request, 'jobs.startSelfCheck', { steps: 1, stepMs: 0 })).status()).toBe(403);
  expect((await trpcMutation(page.request, 'jobs.startRevenueRebuild', {})).status()).toBe(403);
});
