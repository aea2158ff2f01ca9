import { execFileSync } from 'node:child_process';
import { isEnabled } from '@opsdesk/shared/flags/evaluator';
import pg from 'pg';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { FlagEditorPage } from '../pages/FlagEditorPage';
import { FlagsPage } from '../pages/FlagsPage';
import { DEMO_ADMIN, DEMO_PASSWORD, uniqueEmail } from '../support/demoAccounts';
import { REPO_ROOT, startOpsdesk, type RunningOpsdesk } from '../support/startOpsdesk';
import { expect, test } from '../support/test';
import { createStaffAs, signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';

/**
 * Issue 12 §4: an admin creates a release flag for the Pro plan at 10 %, sees the impact
 * preview in customers and MRR, requests it for production, another admin approves, and
 * the evaluation API answers `true` for a Pro user in the bucket and `false` for a Free
 * user.
 *
 * Its own server, with FLAG_APPROVAL_MRR_SHARE=0: by default a change is held only when
 * it flips more than 1 % of MRR, and 10 % of the small demo's Pro users may stay under
 * that; at 0 any change that flips paying MRR needs a second admin. The flag key is
 * chosen so its 10 % bucket holds at least one paying Pro account, so the rule holds.
 * A second test covers the direct save of an unprotected environment and its conflict.
 */
const ADMIN_B = { email: uniqueEmail('second-admin'), name: 'Bo Second-Admin', password: DEMO_PASSWORD };
const ROLLOUT = 10;

interface Account {
  userId: string;
  plan: string | null;
  mrrCents: number;
}

let opsdesk: RunningOpsdesk;
let flagKey: string;
let proInBucket: Account;
let freeUser: Account;
let expectedTurnOn: number;

const rolloutToPro = (key: string) => ({
  version: 2,
  features: [{ name: key, enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: String(ROLLOUT), stickiness: 'default', groupId: key }, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }] }],
});
const onFor = (key: string, account: Account) => isEnabled(rolloutToPro(key), key, { userId: account.userId, properties: { plan: account.plan ?? undefined } });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  opsdesk = await startOpsdesk({ adminDatabaseUrl: process.env.OPSDESK_E2E_ADMIN_DATABASE_URL ?? '', name: 'flags-approval', env: { FLAG_APPROVAL_MRR_SHARE: '0' } });
  const client = new pg.Client({ connectionString: opsdesk.databaseUrl });
  await client.connect();
  try {
    // MRR comes from the revenue rows: wait for the demo's webhooks, then rebuild them as an operator would.
    await expect.poll(async () => (await client.query<{ n: number }>(`select count(*)::int as n from ops.stripe_events where status = 'pending'`)).rows[0]!.n, { timeout: 60_000 }).toBe(0);
    execFileSync('npm', ['run', 'revenue:rebuild'], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: opsdesk.databaseUrl }, stdio: 'pipe' });
    // Each account with its primary workspace's plan and that customer's MRR, as the impact preview reads them.
    const { rows } = await client.query<{ user_id: string; plan: string | null; mrr_cents: string | null }>(`
      select u.id as user_id, w.plan, m.mrr_cents
      from app.users u
      left join lateral (select wm.workspace_id from app.workspace_members wm where wm.user_id = u.id order by (wm.role = 'owner') desc, wm.joined_at, wm.workspace_id limit 1) pw on true
      left join app.workspaces w on w.id = pw.workspace_id
      left join lateral (select mrr_cents from revenue.customer_mrr_changes c where c.policy = 'stripe' and c.customer_id = w.stripe_customer_id and c.day <= current_date order by c.day desc limit 1) m on true
      where u.status <> 'deleted'`);
    const accounts: Account[] = rows.map((r) => ({ userId: r.user_id, plan: r.plan, mrrCents: Number(r.mrr_cents ?? 0) }));
    freeUser = accounts.find((a) => a.plan === 'free')!;
    expect(freeUser).toBeDefined();
    // A key whose 10 % bucket holds a paying Pro account (keys differ only in a counter; a few tries suffice).
    const run = Date.now().toString(36);
    for (let n = 0; n < 500 && !proInBucket; n++) {
      const key = `checkout.pro-${run}-${n}`;
      const paying = accounts.find((a) => a.plan === 'pro' && a.mrrCents > 0 && onFor(key, a));
      if (paying) {
        flagKey = key;
        proInBucket = paying;
      }
    }
    expect(proInBucket, 'a key whose bucket holds a paying Pro account').toBeDefined();
    expectedTurnOn = accounts.filter((a) => onFor(flagKey, a)).length;
    expect(onFor(flagKey, freeUser)).toBe(false);
  } finally {
    await client.end();
  }
});

test.afterAll(async () => {
  await opsdesk?.stop();
});

test('an admin rolls a release flag out to 10 % of Pro in production, a second admin approves, the evaluation API serves it', async ({ browser }) => {
  test.setTimeout(120_000);
  const contextA = await browser.newContext({ baseURL: opsdesk.baseURL });
  const contextB = await browser.newContext({ baseURL: opsdesk.baseURL });
  try {
    const pageA = await contextA.newPage();
    await createStaffAs(pageA.request, DEMO_ADMIN, { email: ADMIN_B.email, name: ADMIN_B.name, roles: ['admin'], password: ADMIN_B.password });
    const editor = new FlagEditorPage(pageA);
    await editor.createFlag(flagKey, 'New checkout for Pro, rolled out gradually');

    const production = await editor.environment('production');
    await expect(production.getByText('Changes need an admin; risky ones a second admin')).toBeVisible();
    await editor.switchOn(production, 'production');
    const strategy = await editor.addGradualRollout(production, ROLLOUT, ['Pro']);
    await expect(strategy).toContainText(`Strategy 1: Gradual rollout ${ROLLOUT} % of users where plan is Pro`);

    // The preview comes by itself once the form is valid: flips in words, paying customers and MRR as money.
    const impact = editor.impact(production, 'production');
    await expect(impact.getByText(`${expectedTurnOn} ${expectedTurnOn === 1 ? 'account turns' : 'accounts turn'} on, 0 turn off`)).toBeVisible({ timeout: 30_000 });
    await expect(impact.getByText(/^[1-9][\d,]* paying customers? affected, [\d,]+\.\d{2} USD MRR affected$/)).toBeVisible();
    await expect(impact.getByRole('table', { name: 'Sample of accounts that flip' }).getByRole('row').filter({ hasText: 'off → on' }).first()).toContainText('Pro');
    const paying = await impact.getByText(/paying customers? affected/).innerText();

    await editor.requestChange(production, 'Roll the new checkout out to 10 % of Pro');
    const outcome = editor.dialog.getByRole('status').filter({ hasText: 'Waiting for a second admin' });
    await expect(outcome).toBeVisible();
    const requestHref = await outcome.getByRole('link', { name: 'Open the request' }).getAttribute('href');
    expect(requestHref).toMatch(/^#\/approvals\/[\w-]+\/show$/);

    // The second admin, in a browser of their own.
    const pageB = await contextB.newPage();
    await signInAs(pageB.request, { email: ADMIN_B.email, password: ADMIN_B.password });
    await pageB.goto(`/${requestHref}`);
    // The flag named in words, linking to its page (not "flag <key>@production").
    const heading = pageB.getByRole('heading', { name: `Flag change for Flag ${flagKey} in production` });
    await expect(heading).toBeVisible();
    await expect(heading.getByRole('link', { name: `Flag ${flagKey} in production` })).toHaveAttribute('href', `#/flags/${encodeURIComponent(flagKey)}/show`);
    const review = pageB.getByRole('region', { name: 'Preview' });
    await expect(review.getByText(`Flag ${flagKey} (Release) in production: off → on.`)).toBeVisible();
    await expect(review.getByRole('region', { name: 'Before' })).toContainText('Off');
    await expect(review.getByRole('region', { name: 'After' })).toContainText(`1. Gradual rollout ${ROLLOUT} % of users where plan is Pro`);
    await expect(review.getByText(paying)).toBeVisible();
    await new ApprovalsPage(pageB).approve('Checked the rollout and its MRR; approved.');

    // The flag's history reads the applied rules as the editor words them, not as Unleash's JSON.
    const flagPage = new FlagsPage(pageB);
    await flagPage.openFlag(flagKey);
    const applied = flagPage.historyEntries().filter({ hasText: 'Changed the rules in production' });
    await expect(applied.getByRole('row').filter({ hasText: 'Strategies' })).toContainText(`1. Gradual rollout ${ROLLOUT} % of users where plan is Pro`);
    await expect(applied).not.toContainText('flexibleRollout');

    // A production key from the CLI, then the evaluation API as the product would call it.
    const cli = execFileSync('npm', ['run', '--silent', 'flags', '--', 'keys', 'create', '--environment', 'production', '--name', 'e2e checkout'], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: opsdesk.databaseUrl }, encoding: 'utf8' });
    const secret = /Secret \(shown once\): (\S+)/.exec(cli)?.[1];
    expect(secret).toBeDefined();
    const evaluate = async (account: Account) => {
      const response = await pageB.request.post('/api/flags/evaluate', { headers: { authorization: `Bearer ${secret}` }, data: { context: { userId: account.userId, properties: { plan: account.plan } }, flags: [flagKey] } });
      expect(response.status()).toBe(200);
      return ((await response.json()) as { flags: Record<string, { enabled: boolean }> }).flags[flagKey]?.enabled;
    };
    expect(await evaluate(proInBucket)).toBe(true);
    expect(await evaluate(freeUser)).toBe(false);
  } finally {
    await contextA.close();
    await contextB.close();
  }
});

test('a direct save in staging that someone else overtook says so; Reload shows their change, and saving again works', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: opsdesk.baseURL });
  const other = await browser.newContext({ baseURL: opsdesk.baseURL });
  try {
    const page = await context.newPage();
    await signInAs(page.request, DEMO_ADMIN);
    const key = `${flagKey}.staging`;
    await trpcData(await trpcMutation(page.request, 'flags.create', { key, type: 'release' }));
    const editor = new FlagEditorPage(page);
    await editor.open(key);
    const staging = await editor.environment('staging');
    await expect(staging.getByText('Changes need an admin')).toHaveCount(0);
    await editor.switchOn(staging, 'staging');
    await staging.getByRole('button', { name: 'Add everyone' }).click();
    await expect(editor.strategy(staging, 1)).toContainText('Strategy 1: Everyone');

    // Meanwhile another admin saves staging from their own session.
    await signInAs(other.request, DEMO_ADMIN);
    await trpcData(await trpcMutation(other.request, 'flags.setEnvironment', { key, environment: 'staging', enabled: false, strategies: [{ name: 'userWithId', parameters: { userIds: 'u-1,u-2' } }] }));

    await staging.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = staging.getByRole('alert').filter({ hasText: 'Someone changed this flag meanwhile' });
    await expect(conflict).toBeVisible();
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect(conflict).toHaveCount(0);
    await expect(editor.strategy(staging, 1)).toContainText('Strategy 1: Specific users: u-1 and u-2');
    await expect(staging.getByLabel('Off in staging')).not.toBeChecked();
    await expect(staging.getByText('Unsaved changes')).toHaveCount(0);

    await editor.switchOn(staging, 'staging');
    await staging.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText(`Saved: ${key} in staging.`)).toBeVisible();
    await expect(staging.getByText('Unsaved changes')).toHaveCount(0);
    const saved = await trpcData<{ environments: { environment: string; enabled: boolean }[] }>(await trpcQuery(other.request, 'flags.get', { key }));
    expect(saved.environments.find((env) => env.environment === 'staging')?.enabled).toBe(true);
  } finally {
    await context.close();
    await other.close();
  }
});
