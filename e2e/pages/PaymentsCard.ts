import type { Locator, Page } from '@playwright/test';

/**
 * The customer page's Payments card in either of its layouts: a table on wide screens
 * (a "Refundable" column) or stacked entries on a phone (a "Refundable" term and value).
 */
export class PaymentsCard {
  readonly card: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByRole('region', { name: 'Payments' });
  }

  refundButton(chargeId: string): Locator {
    return this.card.getByRole('button', { name: `Refund ${chargeId}` });
  }

  /** The cell (or stacked value) that shows how much of the payment can still be refunded. */
  async refundableAmount(chargeId: string): Promise<Locator> {
    const table = this.card.getByRole('table', { name: 'Payments' });
    if ((await table.count()) === 0) {
      return this.card.getByRole('listitem').filter({ hasText: chargeId }).locator('dt:text-is("Refundable") + dd');
    }
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((text) => text.trim());
    const column = headers.indexOf('Refundable');
    if (column < 0) throw new Error(`The Payments table has no Refundable column: ${headers.join(' | ')}`);
    return table.getByRole('row').filter({ hasText: chargeId }).getByRole('cell').nth(column);
  }
}
