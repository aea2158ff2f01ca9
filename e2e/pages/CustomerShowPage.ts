import { expect, type Locator, type Page } from '@playwright/test';
import { getCustomer } from '../support/demoCustomers';
import { FIRST_DRAW } from '../support/pageLoad';

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
    await expect(this.section('Profile')).toBeVisible(FIRST_DRAW);
  }

  async expectCustomer(email: string): Promise<void> {
    await expect(this.page).toHaveURL(/#\/customers\/[0-9a-f-]{36}\/show$/);
    await expect(this.heading).toHaveText(email);
  }

  /** Whether the document is wider than the window (a sideways scrollbar). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => {
      const root = document.scrollingElement!;
      return root.scrollWidth - root.clientWidth;
    });
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
   * Stripe tells Opsdesk about a refund by webhook, shortly after the action returns.
   * Waits on the server's answer for this customer (a light request, repeated until the
   * webhook has landed) instead of reloading the whole console in a loop, then reloads
   * once and checks what a person sees.
   */
  async expectRefundMirrored(amountText: string): Promise<void> {
    const userId = /#\/customers\/([0-9a-f-]{36})\//.exec(this.page.url())?.[1];
    if (!userId) throw new Error(`Not on a customer page: ${this.page.url()}`);
    const cents = Math.round(Number(amountText.replace(/[^0-9.]/g, '')) * 100);
    await expect
      .poll(async () => (await getCustomer(this.page.request, userId)).refunds.some((refund) => refund.amount === cents), { timeout: 30_000 })
      .toBe(true);
    await this.page.reload();
    await expect(this.section('Refunds').getByRole('row').filter({ hasText: amountText }).first()).toBeVisible();
  }
}
