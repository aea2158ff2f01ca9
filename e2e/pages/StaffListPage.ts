import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

export class StaffListPage {
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByPlaceholder('Search name or email');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/staff');
    await expect(this.page.getByRole('table')).toBeVisible(FIRST_DRAW);
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async startCreate(): Promise<void> {
    await this.page.getByRole('link', { name: 'Create' }).click();
  }
}
