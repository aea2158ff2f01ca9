import type { Locator, Page } from '@playwright/test';

/**
 * A card's "Chart / Table" switch, by the card's title, and each chart's table, by the
 * chart's (web/src/app/ChartOrTable.tsx): `show('Traffic', 'Table')`, then
 * `cells('Requests per second', '7 Dec 2026, 14:05')`; on the Revenue page both are "MRR".
 */
export class ChartTables {
  constructor(readonly page: Page) {}

  switch(cardTitle: string): Locator {
    return this.page.getByRole('group', { name: `Show ${cardTitle} as` });
  }

  async show(cardTitle: string, shown: 'Chart' | 'Table'): Promise<void> {
    await this.switch(cardTitle).getByRole('button', { name: shown, exact: true }).click();
  }

  table(title: string): Locator {
    return this.page.getByRole('region', { name: `${title}, table`, exact: true }).getByRole('table');
  }

  /** The row whose header reads `rowHeader` exactly. */
  row(title: string, rowHeader: string): Locator {
    return this.table(title).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: rowHeader, exact: true }) });
  }

  /** The texts of a row's value cells, in the columns' order (the header cell left out). */
  async cells(title: string, rowHeader: string): Promise<string[]> {
    return (await this.row(title, rowHeader).getByRole('cell').allTextContents()).map((text) => text.trim());
  }

  /** The column headers after the row header's. */
  async columns(title: string): Promise<string[]> {
    return (await this.table(title).getByRole('columnheader').allTextContents()).slice(1).map((text) => text.trim());
  }
}
