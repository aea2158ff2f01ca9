import { expect, type Locator, type Page } from '@playwright/test';

/** The generic customer action dialog: preview, reason, typed confirmation, outcome. */
export class ActionDialogPage {
  readonly dialog: Locator;
  readonly preview: Locator;
  readonly outcome: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.preview = this.dialog.getByRole('table', { name: 'Preview' });
    this.outcome = this.dialog.getByRole('status').filter({ hasText: /Done|Already done|Sent for approval|Already waiting/ });
  }

  previewFact(label: string): Locator {
    return this.preview.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.dialog.getByLabel(label).fill(value);
  }

  async giveReason(reason: string): Promise<void> {
    await this.dialog.getByLabel(/^Reason \(internal note/).fill(reason);
  }

  async typeConfirmation(email: string): Promise<void> {
    await this.dialog.getByLabel("Type the customer's email to confirm").fill(email);
  }

  /** Submits once the preview for the current fields has loaded, and waits for the outcome. */
  async submit(name: string | RegExp): Promise<void> {
    const button = this.dialog.getByRole('button', { name });
    await expect(button).toBeEnabled();
    await button.click();
    await expect(this.outcome).toBeVisible();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
