import pg from 'pg';
import { DEMO_SUPPORT } from '../support/demoAccounts';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';

let opsdesk: RunningOpsdesk;

// Its own server, whose database this test breaks for real (a table the customer page reads goes missing).
test.beforeAll(async () => {
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'failure' });
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

async function onDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

test('a server failure loading a customer shows its request id, never a database message, and a retry that loads the page', async ({ page, loginPage, appShell, customerPage }) => {
  const customer = await onDatabase(async (client) => (await client.query<{ id: string; email: string }>(`select id, email from app.users where status = 'active' order by email limit 1`)).rows[0]!);
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_SUPPORT.email, DEMO_SUPPORT.password);
  await appShell.expectSignedIn();

  await onDatabase((client) => client.query('alter table app.workspaces rename to workspaces_gone'));
  await page.goto(`${opsdesk.baseURL}/#/customers/${customer.id}/show`);
  await expect(page.getByText('This customer could not be loaded')).toBeVisible();
  await expect(page.getByText(/Request id: \S+/)).toBeVisible();
  await expect(page.getByText(/relation|does not exist/)).toHaveCount(0);

  await onDatabase((client) => client.query('alter table app.workspaces_gone rename to workspaces'));
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(customerPage.heading).toHaveText(customer.email);
});
