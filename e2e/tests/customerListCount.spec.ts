import type { TCustomerListResponse } from '@opsdesk/shared';
import { DEMO_SUPPORT } from '../support/demoAccounts';
import { CustomerListPage } from '../pages/CustomerListPage';
import { expect, test } from '../support/test';
import { signInAs, trpcData, trpcQuery } from '../support/trpcRequest';

test('the customer list counts exactly when all matches fit on one page, and claims no count when nothing matches', async ({ page }) => {
  await signInAs(page.request, DEMO_SUPPORT);
  // A filter with a handful of matches, found through the API: enterprise customers of one country.
  const enterprise = await trpcData<TCustomerListResponse>(await trpcQuery(page.request, 'lookup.list', { filter: { plan: 'enterprise' }, limit: 200 }));
  const countries = [...new Set(enterprise.rows.map((row) => row.country).filter((country): country is string => country !== null))];
  let chosen: { country: string; count: number } | undefined;
  for (const country of countries) {
    const answer = await trpcData<TCustomerListResponse>(await trpcQuery(page.request, 'lookup.list', { filter: { plan: 'enterprise', country }, limit: 50 }));
    if (answer.nextCursor === null && answer.rows.length > 0) {
      chosen = { country, count: answer.rows.length };
      break;
    }
  }
  expect(chosen).toBeDefined();

  const list = new CustomerListPage(page);
  const status = page.getByRole('status').filter({ hasText: /customers|page/i });
  await page.goto(`/#/customers?filter=${encodeURIComponent(JSON.stringify({ plan: 'enterprise', country: chosen!.country }))}`);
  await expect(list.rows).toHaveCount(chosen!.count);
  await expect(status).toHaveText(`${chosen!.count} ${chosen!.count === 1 ? 'customer' : 'customers'} · page 1`);

  await page.goto(`/#/customers?filter=${encodeURIComponent(JSON.stringify({ country: 'ZZ' }))}`);
  await expect(page.getByText('No customer matches these filters.')).toBeVisible();
  await expect(page.getByText(/About \d/)).toHaveCount(0);
});
