import { DEMO_ADMIN, DEMO_FINANCE, DEMO_MODERATOR, DEMO_ONCALL } from '../support/demoAccounts';
import { HomePage } from '../pages/HomePage';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';

test('an admin starts the day with the approvals waiting for them, their requests, the newest customers and the lookup hint', async ({ page }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const home = new HomePage(page);
  await home.open();
  const approvals = home.card('Approvals waiting for you');
  await expect(approvals).toBeVisible();
  // Whatever the count, the card settles on it (or on its empty state), then leads to the inbox.
  const waiting = await trpcData<number>(await trpcQuery(page.request, 'approvals.countToDecide'));
  await expect(approvals.getByRole('status', { name: 'Loading' })).toHaveCount(0);
  await expect(approvals).toContainText(waiting === 0 ? 'Nothing waits for your decision.' : /wait(s)? for your decision/);
  await expect(home.card('My recent requests')).toBeVisible();
  await expect(home.card('Newest customers').getByRole('link').first()).toBeVisible();
  await expect(home.card('Quick lookup')).toContainText('Ctrl');
  await approvals.getByRole('link', { name: 'Open the approvals inbox' }).click();
  await expect(page.getByRole('tab', { name: 'To decide' })).toBeVisible();
});

test('on-call sees the customer cards but no approvals card: they cannot read or decide approvals', async ({ page }) => {
  await signInAs(page.request, DEMO_ONCALL);
  const home = new HomePage(page);
  await home.open();
  await expect(home.card('Quick lookup')).toBeVisible();
  await home.card('Quick lookup').getByRole('button', { name: 'Find a customer' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(home.card('Newest customers').getByRole('link').first()).toBeVisible();
  await expect(home.card('Approvals waiting for you')).toHaveCount(0);
  await expect(home.card('My recent requests')).toHaveCount(0);
});

test('on a phone the lookup hint names the search button in the top bar, not a Ctrl key the phone has not got', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page.request, DEMO_ONCALL);
  const home = new HomePage(page);
  await home.open();
  const hint = home.card('Quick lookup');
  await expect(hint).toContainText('Tap the search button at the top of any page to find a customer by email');
  await expect(hint).not.toContainText('Ctrl');
  // The button it names is there, and opens the lookup.
  await page.getByRole('banner').getByRole('button', { name: 'Search customers' }).click();
  await expect(page.getByRole('dialog', { name: 'Find a customer' })).toBeVisible();
});

test('each role starts with its own work: finance with MRR, on-call with alerts, a moderator with the queue', async ({ browser }) => {
  const firstCards = { finance: ['MRR', 'Net new MRR this month'], oncall: ['Active alerts', 'SLO burn'], moderator: ['Moderation queue'] };
  for (const [staff, expected] of [[DEMO_FINANCE, firstCards.finance], [DEMO_ONCALL, firstCards.oncall], [DEMO_MODERATOR, firstCards.moderator]] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page.request, staff);
    const home = new HomePage(page);
    await home.open();
    await expect(home.card(expected[0]!)).toBeVisible();
    expect((await home.cardTitles()).slice(0, expected.length)).toEqual(expected);
    await context.close();
  }
});

test('the rules being tried in shadow mode are on the home page, each with what it would have done, and open the rules page', async ({ page }) => {
  await signInAs(page.request, DEMO_ADMIN);
  const name = `Home card rule ${Date.now().toString(36)}`;
  const created = await trpcMutation(page.request, 'moderation.rules.create', { name, conditions: { keywords: ['home card probe'] }, action: 'hide_pending_review', reasonCode: 'spam', reason: 'Trying the home card in shadow mode.' });
  expect(created.status()).toBe(200);
  const home = new HomePage(page);
  await home.open();
  const card = home.card('Rules in shadow mode');
  await expect(card.getByRole('listitem').filter({ hasText: name })).toContainText('Would have acted 0 times · no moderator verdict yet');
  await card.getByRole('link', { name: 'Open the rules' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation rules' })).toBeVisible();
  await expect(page.getByRole('article', { name: `Rule ${name}` })).toBeVisible();
});
