import type { Browser } from '@playwright/test';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_SUPPORT } from '../support/demoAccounts';
import { signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';
import { expect, test } from '../support/test';
import { FlagsPage } from '../pages/FlagsPage';
import { HomePage } from '../pages/HomePage';
import { LayoutProbe } from '../pages/LayoutProbe';
import { chooseFoldedFilter } from '../pages/FoldedFilters';

const DEMO_ONCALL = { email: 'oncall@opsdesk.test', password: DEMO_PASSWORD };

/**
 * The console's Flags section against the shared server: on-call creates a flag, finds
 * it in the list and by type, edits its details and reads the change in the history; an
 * admin creates an API key (its secret shown once), the product reports evaluations with
 * it, and the key is revoked; support reads but cannot create; the pages fit a phone and
 * 1440 px. Keys are unique per run so reruns never collide.
 */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('on-call creates a release flag, finds it by type, edits its details and reads the change in its history', async ({ page }) => {
  await signInAs(page.request, DEMO_ONCALL);
  const flags = new FlagsPage(page);
  const key = `e2e.checkout-${unique()}`;

  await flags.openList();
  await expect(flags.createButton).toBeVisible();
  await flags.createFlag({ key, description: 'The new checkout flow', type: 'Release', tags: 'checkout, web' });
  await expect(flags.fact('Type')).toContainText('Release');
  await expect(flags.fact('Owner')).toContainText('Otto On-call');
  await expect(flags.fact('Tags')).toContainText('checkout, web');
  await expect(page.getByRole('paragraph').filter({ hasText: /^The new checkout flow$/ })).toBeVisible();
  await expect(flags.section('Scheduled changes')).toContainText('Nothing is scheduled for this flag.');
  await expect(flags.section('Evaluation metrics')).toContainText('The product has not reported evaluations for this flag yet');

  // The same key again: the server's refusal shows under Key.
  await flags.openCreate();
  await flags.submitCreate({ key, type: 'Release' });
  await expect(page.getByRole('textbox', { name: 'Key' })).toHaveAccessibleDescription(/already exists/);

  // The list shows it, and the type filter keeps or hides it.
  await flags.openList(`q=${encodeURIComponent(key)}`);
  await expect(flags.listEntry(key)).toContainText('Release');
  await expect(flags.listEntry(key)).toContainText('Otto On-call');
  await flags.filterByType('Kill switch');
  await expect(page).toHaveURL(/type=kill-switch/);
  await expect(flags.listEntry(key)).toHaveCount(0);
  await expect(page.getByText('No flag matches these filters.')).toBeVisible();
  await flags.filterByType('Release');
  await expect(flags.listEntry(key)).toBeVisible();

  // A row opens the flag; a metadata edit lands in its history with the diff.
  await flags.listEntry(key).click();
  await expect(flags.heading(key)).toBeVisible();
  await expect(flags.historyEntries()).toHaveCount(1);
  await expect(flags.historyEntries().first()).toContainText('Created the flag');
  await flags.editDetails({ description: 'The new checkout flow, now for everyone', tags: 'checkout' });
  await expect(flags.fact('Tags')).toHaveText(/^Tags\s*checkout$/);
  await expect(flags.historyEntries()).toHaveCount(2);
  const edit = flags.historyEntries().first();
  await expect(edit.getByRole('heading')).toHaveText('Changed the flag’s details');
  await expect(edit).toContainText('Otto On-call (oncall@opsdesk.test)');
  const descriptionRow = edit.getByRole('table', { name: 'Changes' }).getByRole('row').filter({ hasText: 'Description' });
  await expect(descriptionRow).toContainText('The new checkout flow');
  await expect(descriptionRow).toContainText('The new checkout flow, now for everyone');

  // On-call's home page has the flags cards.
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('Stale flags')).toBeVisible();
  await expect(home.card('Scheduled flag changes')).toBeVisible();
});

test('an admin creates an API key, sees the secret once, the product reports with it, and the key is revoked', async ({ page }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const flags = new FlagsPage(page);
  const key = `e2e.metrics-${unique()}`;
  await trpcData(await trpcMutation(page.request, 'flags.create', { key, type: 'operational' }));
  const name = `e2e web app ${unique()}`;

  await flags.openList();
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(flags.heading('Flags API keys')).toBeVisible();
  const secret = await flags.createApiKey({ name, environment: 'staging' });
  expect(secret).toMatch(/^opsdesk_staging_/);
  await expect(page.getByRole('dialog')).toContainText('shown this once');
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(flags.apiKeyEntry(name)).toContainText(secret.slice(0, 12));
  await expect(flags.apiKeyEntry(name)).toContainText('Active');

  // The product reports evaluations with the key; the flag's page shows them.
  const now = new Date();
  const report = await page.request.post('/api/client/metrics', {
    headers: { authorization: secret, 'content-type': 'application/json' },
    data: { appName: 'e2e-web', instanceId: 'e2e-1', bucket: { start: new Date(now.getTime() - 60_000).toISOString(), stop: now.toISOString(), toggles: { [key]: { yes: 7, no: 3 } } } },
  });
  expect(report.status()).toBeLessThan(300);
  await flags.openFlag(key);
  await expect(flags.section('Evaluation metrics')).toContainText('Last 7 days: 7 yes, 3 no (70 % yes).');
  await expect(flags.section('Evaluation metrics')).toContainText('staging: 7 yes, 3 no');
  // The bars as a table, for the keyboard and screen readers, as on Revenue and Signals.
  await flags.section('Evaluation metrics').getByRole('group', { name: 'Show Evaluation metrics as' }).getByRole('button', { name: 'Table' }).click();
  const evaluations = flags.section('Evaluation metrics').getByRole('region', { name: 'Evaluation metrics, table' });
  await expect(evaluations.getByRole('row', { name: 'staging' })).toHaveText(['staging', '7', '3', '70 % yes'].join(''));

  await flags.openKeys();
  await flags.revokeApiKey(name);
  await expect(flags.apiKeyEntry(name)).toContainText('Revoked');
  const refused = await page.request.get('/api/client/features', { headers: { authorization: secret } });
  expect(refused.status()).toBe(401);
});

test('support reads the flags but has no Create button, and the server refuses its create', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  const flags = new FlagsPage(page);
  await flags.openList();
  await flags.expectListLoaded();
  await expect(flags.createButton).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'API keys' })).toHaveCount(0);
  expect((await trpcQuery(page.request, 'flags.list', {})).status()).toBe(200);
  const create = await trpcMutation(page.request, 'flags.create', { key: `e2e.support-${unique()}`, type: 'release' });
  expect(create.status()).toBe(403);
  expect((await create.json()).error.data.code).toBe('FORBIDDEN');
});

async function pageAt(browser: Browser, baseURL: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, viewport });
  return context.newPage();
}

for (const viewport of [
  { name: 'a 390×844 phone', width: 390, height: 844 },
  { name: '1440×900', width: 1440, height: 900 },
]) {
  test(`the flags list and a flag's page fit ${viewport.name}`, async ({ browser, baseURL }) => {
    const page = await pageAt(browser, baseURL!, viewport);
    await signInAs(page.request, DEMO_ONCALL);
    const key = `e2e.layout-${unique()}-with-a-rather-long-key-name-that-must-wrap`;
    await trpcData(await trpcMutation(page.request, 'flags.create', { key, type: 'experiment', description: 'A flag with a long key, to prove it wraps instead of scrolling sideways.', tags: ['layout', 'e2e'] }));
    const flags = new FlagsPage(page);
    const probe = new LayoutProbe(page);

    await flags.openList();
    await expect(flags.listEntry(key)).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(flags.createButton);
    if (viewport.width < 600) {
      // On a phone the search stays; the other filters fold behind "Filters", so the first flags are on the first screen.
      await expect(page.getByRole('article').first()).toBeInViewport();
      await chooseFoldedFilter(page, page.getByRole('search', { name: 'Filter flags' }), 'Type', 'Experiment', /type=experiment/);
      await expect(flags.listEntry(key)).toBeVisible();
    }

    await flags.openFlag(key);
    await expect(flags.section('History').getByRole('article')).toHaveCount(1);
    await expect(flags.section('Evaluation metrics')).toBeVisible();
    await probe.expectNoSidewaysScroll();
    await probe.expectUsable(page.getByRole('button', { name: 'Edit details' }));
    await page.context().close();
  });
}
