import pg from 'pg';
import { DEMO_SUPPORT } from '../support/demoAccounts';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';

let opsdesk: RunningOpsdesk;

// Its own server, whose database this test really slows down: a lock held on a table
// customers.get reads makes the request wait in PostgreSQL until the test lets go.
test.beforeAll(async () => {
  // A server's first start seeds a demo company: longer than one test's budget on a busy machine.
  test.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'slow' });
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  return client;
}

test('while customers.get waits on the database the page shows skeletons, then the customer once it answers', async ({ page, loginPage, appShell, customerPage }) => {
  const observer = await connect();
  const locker = await connect();
  try {
    const customer = (await observer.query<{ id: string; email: string }>(`select id, email from app.users where status = 'active' order by email limit 1`)).rows[0]!;
    await page.goto(`${opsdesk.baseURL}/#/login`);
    await loginPage.submitCredentials(DEMO_SUPPORT.email, DEMO_SUPPORT.password);
    await appShell.expectSignedIn();

    await locker.query('begin');
    await locker.query('lock table app.workspaces in access exclusive mode');
    await page.goto(`${opsdesk.baseURL}/#/customers/${customer.id}/show`);
    const skeleton = page.getByRole('status', { name: 'Loading the customer' });
    await expect(skeleton).toBeVisible();
    // The server's query really is stuck behind the lock (not merely slow to start).
    await expect
      .poll(async () => (await observer.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).rows[0].n)
      .toBeGreaterThan(0);
    await expect(skeleton).toBeVisible();
    await expect(customerPage.heading).toHaveCount(0);

    await locker.query('rollback');
    await expect(customerPage.heading).toHaveText(customer.email);
    await expect(skeleton).toHaveCount(0);
  } finally {
    await locker.end();
    await observer.end();
  }
});
