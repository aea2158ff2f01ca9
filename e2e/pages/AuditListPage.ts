import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

export class AuditListPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/audit');
    await expect(this.page.getByRole('table')).toBeVisible(FIRST_DRAW);
  }

  /** Free-text search over action, target, actor and reason. */
  async search(text: string): Promise<void> {
    const answered = this.page.waitForResponse((response) => response.url().includes('/trpc/audit.find') && response.url().includes(encodeURIComponent(text)));
    await this.page.getByPlaceholder('Search action, target, actor, reason').fill(text);
    await answered;
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }
}
