import { DEMO_ADMIN } from '../support/demoAccounts';
import { startFakeSentry } from '../support/fakeSentry';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';

const RELEASE = 'opsdesk@e2e-sentry';
let sentry: Awaited<ReturnType<typeof startFakeSentry>>;
let opsdesk: RunningOpsdesk;

// Its own server: the browser DSN is server configuration (WEB_SENTRY_DSN).
test.beforeAll(async () => {
  sentry = await startFakeSentry();
  opsdesk = await startOpsdesk({
    adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '',
    name: 'sentry',
    env: { WEB_SENTRY_DSN: sentry.dsn, SENTRY_RELEASE: RELEASE },
  });
});

test.afterAll(async () => {
  await opsdesk?.stop();
  await sentry?.close();
});

test('an error in the console reaches Sentry with the release and without credentials', async ({ page, loginPage, appShell }) => {
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await loginPage.submitCredentials(DEMO_ADMIN.email, DEMO_ADMIN.password);
  await appShell.expectSignedIn();
  // The browser now holds a session cookie that must not leak into the report.
  expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain('opsdesk_session');

  const report = sentry.waitFor((envelope) => envelope.body.includes('e2e-sentry-probe'));
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('e2e-sentry-probe');
    });
  });
  const envelope = await report;

  expect(envelope.body).toContain(`"release":"${RELEASE}"`);
  expect(envelope.headers.cookie).toBeUndefined();
  expect(envelope.headers.authorization).toBeUndefined();
  expect(envelope.body).not.toContain('opsdesk_session');
  expect(envelope.body.toLowerCase()).not.toMatch(/"cookie"|"authorization"|"cookies"/);
});
