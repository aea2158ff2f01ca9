import { expect, type Locator, type Page } from '@playwright/test';

/** The Revenue page: its view controls, definitions panel, headline numbers, charts and drill-down dialog. */
export const MONEY = /^-?[\d,]+\.\d{2} [A-Z]{3}$/;

export class RevenuePage {
  readonly heading: Locator;
  readonly definitions: Locator;
  readonly drillDown: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Revenue' });
    this.definitions = page.getByRole('region', { name: 'Definitions' });
    this.drillDown = page.getByRole('dialog');
  }

  /** The headline card's button, e.g. headline('MRR'): its accessible name holds the value. */
  headline(label: string): Locator {
    return this.page.getByRole('region', { name: 'Headline numbers' }).getByRole('button', { name: new RegExp(`^${label} `) });
  }

  async headlineValue(label: string): Promise<string> {
    const name = (await this.headline(label).getAttribute('aria-label')) ?? '';
    return name.slice(label.length + 1, name.indexOf(': show'));
  }

  async setRange(from: string, to: string): Promise<void> {
    await this.page.getByLabel('From').fill(from);
    await this.page.getByLabel('To', { exact: true }).fill(to);
  }

  async choosePolicy(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Policy' }).click();
    await this.page.getByRole('option', { name: label }).click();
  }

  /** The drawn (non-zero) bars of one movement kind in the movements chart, one per period. */
  movementBars(kind: 'new' | 'expansion' | 'reactivation' | 'contraction' | 'churn'): Locator {
    return this.page.getByRole('region', { name: 'MRR movements' }).locator(`.movement-bar-${kind} .recharts-rectangle`);
  }

  drillDownRows(): Locator {
    return this.drillDown.getByRole('list', { name: 'Customers behind the number' }).getByRole('listitem');
  }

  async expectChartsLoaded(): Promise<void> {
    await expect(this.page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  }
}
