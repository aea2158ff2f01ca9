import type { Locator, Page } from '@playwright/test';

export class AuditShowPage {
  readonly changes: Locator;

  constructor(readonly page: Page) {
    this.changes = page.getByRole('table', { name: 'Changes' });
  }

  /** The row of the changes table for one field, in words, e.g. "Email". */
  change(field: string): Locator {
    return this.changes.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) });
  }
}
