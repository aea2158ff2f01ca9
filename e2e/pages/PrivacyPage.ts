import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/** The Privacy section: the requests list with its views, the "Record request" dialog and one request's page. */
export class PrivacyPage {
  constructor(readonly page: Page) {}

  async openList(view?: string): Promise<void> {
    await this.page.goto(view ? `/#/privacy?view=${view}` : '/#/privacy');
    await expect(this.page.getByRole('heading', { name: 'Privacy requests' })).toBeVisible(FIRST_DRAW);
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Records a request by the subject's email and lands on its page; returns the request id from the address. */
  async recordRequest(kind: 'Access (export)' | 'Erasure', email: string, note: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Record request' }).click();
    await this.choose(this.dialog.getByRole('combobox', { name: 'Kind' }), kind);
    await this.dialog.getByRole('textbox', { name: 'Email address' }).fill(email);
    await this.dialog.getByRole('textbox', { name: 'Note (what the person asked)' }).fill(note);
    await this.dialog.getByRole('button', { name: 'Record request' }).click();
    await expect(this.page).toHaveURL(/#\/privacy\/[\w-]+\/show$/);
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(email, { timeout: 30_000 });
    return /#\/privacy\/([\w-]+)\/show$/.exec(this.page.url())![1]!;
  }

  async verifyIdentity(note: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Verify identity' }).click();
    await this.dialog.getByRole('textbox', { name: 'What was checked' }).fill(note);
    await this.dialog.getByRole('button', { name: 'Mark identity verified' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.section('Request')).toContainText(note);
    await expect(this.page.getByRole('button', { name: 'Verify identity' })).toBeHidden();
  }

  section(title: 'Export' | 'Erasure' | 'Deadline' | 'History' | 'Request'): Locator {
    return this.page.getByRole('region', { name: title });
  }

  private async choose(select: Locator, option: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
}
