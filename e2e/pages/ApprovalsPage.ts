import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/** The approvals inbox (list with tabs) and one request's page with the decision form. */
export class ApprovalsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/approvals');
    await expect(this.page.getByRole('tab', { name: 'To decide' })).toBeVisible(FIRST_DRAW);
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  preview(): Locator {
    return this.page.getByRole('table', { name: 'Preview' });
  }

  previewFact(label: string): Locator {
    return this.preview().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
  }

  /** A row of the request's exact parameters (its input), e.g. "Amount". */
  parameterFact(label: string): Locator {
    return this.page.getByRole('table', { name: 'Parameters' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
  }

  async approve(comment: string): Promise<void> {
    await this.page.getByLabel('Comment (required)').fill(comment);
    const answered = this.page.waitForResponse((response) => response.url().includes('/trpc/approvals.approve'));
    await this.page.getByRole('button', { name: 'Approve' }).click();
    expect((await answered).status()).toBe(200);
    await expect(this.page.getByText('Approved and done')).toBeVisible();
  }
}
