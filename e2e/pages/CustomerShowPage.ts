import { expect, type Locator, type Page } from '@playwright/test';

/** The customer page: its sections, the payment rows and the account actions menu. */
export class CustomerShowPage {
  readonly heading: Locator;
  readonly accountActions: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.accountActions = page.getByRole('button', { name: 'Account actions' });
    this.timeline = page.getByRole('list', { name: 'Timeline' });
  }

  async open(userId: string): Promise<void> {
    await this.page.goto(`/#/customers/${userId}/show`);
    await expect(this.section('Profile')).toBeVisible();
  }

  async expectCustomer(email: string): Promise<void> {
    await expect(this.page).toHaveURL(/#\/customers\/[0-9a-f-]{36}\/show$/);
    await expect(this.heading).toHaveText(email);
  }

  section(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  paymentRow(chargeId: string): Locator {
    return this.section('Payments').getByRole('row').filter({ hasText: chargeId });
  }

  async startRefund(chargeId: string): Promise<void> {
    await this.paymentRow(chargeId).getByRole('button', { name: `Refund ${chargeId}` }).click();
  }

  async startAccountAction(name: 'Suspend…' | 'Ban…' | 'Unban…'): Promise<void> {
    await this.accountActions.click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  /**
   * Stripe tells Opsdesk about a refund by webhook, shortly after the action returns:
   * reload until the mirrored refund is on the page (Playwright polls; no fixed wait).
   */
  async expectRefundMirrored(amountText: string): Promise<void> {
    await expect(async () => {
      await this.page.reload();
      await expect(this.section('Refunds').getByRole('row').filter({ hasText: amountText }).first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }
}
