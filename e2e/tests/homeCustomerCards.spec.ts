import { CustomerShowPage } from '../pages/CustomerShowPage';
import { HomePage } from '../pages/HomePage';
import { LayoutProbe } from '../pages/LayoutProbe';
import { DEMO_ADMIN, uniqueEmail } from '../support/demoAccounts';
import { expect, test } from '../support/test';
import { createStaffAs, signInAs, trpcData, trpcMutation, trpcQuery } from '../support/trpcRequest';

interface ListedCustomer {
  userId: string;
  name: string | null;
  email: string;
}

/**
 * The support home page: the customers this agent opened, last opened first, and the
 * team's latest notes with the customer each is on, one click from that customer — and
 * a note of one long unbroken line breaks inside its card on a phone instead of widening
 * the page. A new support member, so the list is theirs alone on the shared server.
 */
test('support gets back to the customers they opened and to the team’s latest notes from the home page, on a phone too', async ({ page }) => {
  const agent = { email: uniqueEmail('support-home'), name: 'Hana Home', roles: ['support'], password: 'a-long-enough-password-1' };
  await createStaffAs(page.request, DEMO_ADMIN, agent);
  await signInAs(page.request, { email: agent.email, password: agent.password });
  const [first, second] = (await trpcData<{ rows: ListedCustomer[] }>(await trpcQuery(page.request, 'lookup.list', { filter: {}, sort: 'signup_desc', limit: 2 }))).rows as [ListedCustomer, ListedCustomer];

  const home = new HomePage(page);
  await home.open();
  const recent = home.card('Recently viewed');
  await expect(recent).toContainText('The customers you open appear here');

  const customerPage = new CustomerShowPage(page);
  await customerPage.open(second.userId);
  await customerPage.open(first.userId);
  const marker = `ref-${Date.now().toString(36)}`;
  const body = `Promised a callback on Friday, ${marker}: https://support.example.test/tickets/${'0123456789abcdef'.repeat(16)}`;
  await trpcData(await trpcMutation(page.request, 'customers.addNote', { userId: first.userId, body }));

  await home.open();
  const links = recent.getByRole('link');
  await expect(links).toHaveCount(2);
  await expect(links.nth(0)).toContainText(first.email);
  await expect(links.nth(1)).toContainText(second.email);

  const note = home.card('Latest notes').getByRole('link').filter({ hasText: marker });
  await expect(note).toContainText(first.name || first.email);
  await expect(note).toContainText('You ·');

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(note).toBeVisible();
  await new LayoutProbe(page).expectNoSidewaysScroll();

  await note.click();
  await expect(customerPage.section('Profile')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/customers/${first.userId}/show$`));
});
