import { DEMO_SUPPORT } from '../support/demoAccounts';
import { freePort } from '../support/freePort';
import { startOidcProvider, type TestOidcProvider } from '../support/oidcProvider';
import { startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';
import { trpcData } from '../support/trpcRequest';

/**
 * Staff single sign-on in the browser, against a real OpenID Connect provider: Opsdesk
 * on a server of its own configured with OIDC_*, the provider started once Opsdesk's
 * address (its redirect URI) is known — Opsdesk reads the provider's discovery document
 * only when someone first signs in.
 */
let opsdesk: RunningOpsdesk;
let provider: TestOidcProvider;
const CLIENT = { clientId: 'opsdesk-e2e', clientSecret: 'e2e-client-secret-of-at-least-32-chars' };

test.beforeAll(async () => {
  // A server's first start seeds a demo company: longer than one test's budget on a busy machine.
  test.setTimeout(180_000);
  const providerPort = await freePort();
  opsdesk = await startOpsdesk({
    adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '',
    name: 'sso',
    env: {
      OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OIDC_PROVIDER_NAME: 'Example SSO',
    },
  });
  provider = await startOidcProvider({ port: providerPort, clients: [{ ...CLIENT, redirectUri: `${opsdesk.baseURL}/auth/oidc/callback` }] });
});

test.afterAll(async () => {
  await provider?.close();
  await opsdesk?.stop();
});

test('"Sign in with Example SSO" goes through the provider and lands signed in as the staff member with that email', async ({ page, appShell }) => {
  provider.signInAs({ email: DEMO_SUPPORT.email, emailVerified: true });
  await page.goto(`${opsdesk.baseURL}/#/login`);
  const providerRequest = page.waitForRequest((request) => request.url().startsWith(`${provider.issuer}/auth`));
  await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
  await providerRequest;

  await appShell.expectSignedIn();
  expect(new URL(page.url()).origin).toBe(opsdesk.baseURL);
  // The page's own session cookie, asked of the server directly: who is signed in.
  const me = await trpcData<{ email: string }>(await page.request.get(`${opsdesk.baseURL}/trpc/auth.me`, { headers: { 'x-opsdesk-csrf': '1' } }));
  expect(me.email).toBe(DEMO_SUPPORT.email);
});

test('an email with no Opsdesk account lands back on the login page with a clear message', async ({ page }) => {
  provider.signInAs({ email: 'nobody-here@opsdesk.test', emailVerified: true });
  await page.goto(`${opsdesk.baseURL}/#/login`);
  await page.getByRole('link', { name: 'Sign in with Example SSO' }).click();
  await expect(page.getByText('There is no Opsdesk account for this email. Ask an admin to invite you.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to Opsdesk' })).toBeVisible();
  await expect(page.getByRole('menu', { name: 'Main navigation' })).toHaveCount(0);
});

test('without OIDC configuration the login page has no single sign-on button', async ({ page, loginPage }) => {
  // The shared server has no OIDC_* settings: wait for its answer, then look.
  const config = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/config');
  await loginPage.open();
  expect(((await (await config).json()) as { sso?: unknown }).sso ?? null).toBeNull();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Sign in with/ })).toHaveCount(0);
});
