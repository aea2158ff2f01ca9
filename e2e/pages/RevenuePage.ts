import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { parseCsv } from '../../server/src/testing/parseCsv';

/** The Revenue page: its view controls, definitions panel, headline numbers, charts, drill-down dialog, policy comparison and CSV exports. */
export const MONEY = /^-?[\d,]+\.\d{2} [A-Z]{3}$/;

/** "1,234.56 USD" → 123456 (cents). */
export const centsOf = (money: string): number => Math.round(Number(money.replace(/[^\d.-]/g, '')) * 100);

/** "+1,234.56 USD" / "−1,234.56 USD" (a change, written with a minus sign) → ±123456 (cents). */
export const signedCents = (money: string): number => (/^[−-]/.test(money.trim()) ? -1 : 1) * centsOf(money);

/** 123456 → "1,234.56 USD", as the console writes money. */
export const moneyText = (cents: number, currency = 'USD'): string => `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

export class RevenuePage {
  readonly heading: Locator;
  readonly definitions: Locator;
  readonly drillDown: Locator;
  readonly comparison: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Revenue' });
    this.definitions = page.getByRole('region', { name: 'Definitions' });
    this.drillDown = page.getByRole('dialog');
    this.comparison = page.getByRole('region', { name: 'Compare policies' });
  }

  /** The headline card's button, e.g. headline('MRR'): named by its words (label, value, change). */
  headline(label: string): Locator {
    return this.page.getByRole('region', { name: 'Headline numbers' }).getByRole('button', { name: new RegExp(`^${label} `) });
  }

  /** The number the card shows, e.g. "3,256.75 USD": its second line, after the label. */
  async headlineValue(label: string): Promise<string> {
    return ((await this.headline(label).getByRole('paragraph').nth(1).textContent()) ?? '').trim();
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

  /** Clicks the "Export CSV" link inside `scope` (a chart's region or the drill-down), waits for the download and reads it as records keyed by the header. */
  async exportCsv(scope: Locator): Promise<Record<string, string>[]> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), scope.getByRole('link', { name: /^Export CSV of .+/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^revenue-[\w-]+\.csv$/);
    const [header, ...rows] = parseCsv(await readFile(await download.path(), 'utf8'));
    return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
  }

  /** Sets one of the comparison's two pickers ("Policy A" / "Policy B"). */
  async compareWith(picker: 'Policy A' | 'Policy B', label: string): Promise<void> {
    await this.comparison.getByRole('combobox', { name: picker }).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  comparisonTotal(term: string): Locator {
    return this.comparison.locator('dl > div').filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
  }

  comparisonRows(): Locator {
    return this.comparison.getByRole('list', { name: 'Customers that differ' }).getByRole('listitem');
  }
}
