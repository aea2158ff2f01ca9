import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Filters a phone folds behind a "Filters" button (the console's FoldedOnPhone), inside
 * `scope`: the select is hidden at first; opened through the button, choosing `option`
 * applies it (the address says so) and the button then counts one filter in force.
 */
export async function chooseFoldedFilter(page: Page, scope: Locator | Page, select: string, option: string, inAddress: RegExp): Promise<void> {
  const field = scope.getByRole('combobox', { name: select });
  await expect(field).toBeHidden();
  await scope.getByRole('button', { name: 'Filters', exact: true }).click();
  await field.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect(page).toHaveURL(inAddress);
  await expect(scope.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
}
