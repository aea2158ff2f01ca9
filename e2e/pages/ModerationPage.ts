import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/**
 * The moderation console (web/src/features/moderation): the queue with "Next item" (`n`),
 * an item's page with its lease and decision panel (digits pick a reason code, Ctrl+Enter
 * submits), the statement of reasons after a decision, and the Appeals page.
 */
export class ModerationPage {
  constructor(readonly page: Page) {}

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  async openQueue(query = ''): Promise<void> {
    await this.page.goto(`/#/moderation${query ? `?${query}` : ''}`);
    await expect(this.heading('Moderation queue')).toBeVisible(FIRST_DRAW);
    await expect(this.page.getByRole('status', { name: 'Loading the queue' })).toHaveCount(0);
  }

  get queueSizes(): Locator {
    return this.page.getByRole('region', { name: 'Queue sizes' });
  }

  get queue(): Locator {
    return this.page.getByRole('table', { name: 'Queue' }).or(this.page.getByLabel('Queue', { exact: true }));
  }

  /** Presses `n` (nobody is typing) and waits for the claimed item's page; returns its entry id. */
  async nextWithKeyboard(previousId?: string): Promise<string> {
    await this.page.keyboard.press('n');
    await expect(this.page).toHaveURL(previousId ? new RegExp(`#/moderation/(?!${previousId}/)\\d+/show`) : /#\/moderation\/\d+\/show/);
    await expect(this.heading(/^Item \d+$/)).toBeVisible();
    await expect(this.page.getByRole('status', { name: 'Loading the item' })).toHaveCount(0);
    return /#\/moderation\/(\d+)\/show/.exec(this.page.url())![1]!;
  }

  get decisionPanel(): Locator {
    return this.page.getByRole('region', { name: 'Decision' });
  }

  get reasonCode(): Locator {
    return this.decisionPanel.getByRole('combobox', { name: 'Reason code' });
  }

  get reasonField(): Locator {
    return this.decisionPanel.getByRole('textbox', { name: 'Reason (internal, audited)' });
  }

  get lease(): Locator {
    return this.page.getByLabel(/^Lease time left/);
  }

  get statement(): Locator {
    return this.page.getByRole('region', { name: 'Statement of reasons' });
  }

  /** Picks the n-th reason code with its digit, writes the reason and submits with Ctrl+Enter. */
  async decideWithKeyboard(digit: string, codeLabel: string, reason: string): Promise<void> {
    await expect(this.decisionPanel).toBeVisible();
    await this.page.keyboard.press(digit);
    await expect(this.reasonCode).toContainText(codeLabel);
    await this.reasonField.focus();
    await this.page.keyboard.type(reason);
    const answered = this.page.waitForResponse((response) => response.url().includes('/trpc/moderation.decide'));
    await this.page.keyboard.press('Control+Enter');
    expect((await answered).status()).toBe(200);
    await expect(this.statement).toBeVisible();
  }

  // ---- appeals ------------------------------------------------------------------------

  async openAppeals(query = ''): Promise<void> {
    await this.page.goto(`/#/moderation-appeals${query ? `?${query}` : ''}`);
    await expect(this.heading('Appeals')).toBeVisible(FIRST_DRAW);
    await expect(this.page.getByRole('status', { name: 'Loading the appeals' })).toHaveCount(0);
  }

  appeals(): Locator {
    return this.page.getByRole('article', { name: /^Appeal on / });
  }

  async recordAppeal(statement: string, reason: string): Promise<void> {
    await this.statement.getByRole('button', { name: 'Record an appeal' }).click();
    const form = this.page.getByRole('region', { name: 'Record an appeal' });
    await form.getByRole('textbox', { name: "The appellant's statement" }).fill(statement);
    await form.getByRole('textbox', { name: 'Reason for entering it (internal)' }).fill(reason);
    await form.getByRole('button', { name: 'Record appeal' }).click();
    await expect(this.page.getByText('Appeal recorded')).toBeVisible();
  }

  // ---- bulk ---------------------------------------------------------------------------

  /** Ticks the rows of these content titles, then decides them in one server job; waits for its page. */
  async bulkDecideSelected(titles: string[], codeLabel: RegExp, reason: string): Promise<void> {
    for (const title of titles) await this.page.getByRole('checkbox', { name: `Select ${title}` }).check();
    await this.page.getByRole('button', { name: `Bulk decision (${titles.length})` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Bulk decision' });
    await expect(dialog.getByRole('radio', { name: `The ${titles.length} selected items` })).toBeChecked();
    await dialog.getByRole('combobox', { name: 'Reason code' }).click();
    await this.page.getByRole('option', { name: codeLabel }).click();
    await dialog.getByRole('textbox', { name: /^Reason/ }).fill(reason);
    await dialog.getByRole('button', { name: new RegExp(`: ${titles.length} items$`) }).click();
    await expect(this.page).toHaveURL(/#\/moderation-bulk\/\d+$/);
    await expect(this.heading(/^Bulk decision \d+$/)).toBeVisible();
  }
}
