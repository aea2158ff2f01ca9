import { expect, type Locator, type Page } from '@playwright/test';

/** The Reconciliation page: the start form, the run shown (progress, totals, differences) and the recent runs. */
export class RevenueReconciliationPage {
  readonly heading: Locator;
  readonly day: Locator;
  readonly start: Locator;
  readonly run: Locator;
  readonly progress: Locator;
  readonly totals: Locator;
  readonly differences: Locator;
  readonly recentRuns: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Reconciliation with Stripe' });
    this.day = page.getByLabel('Day');
    this.start = page.getByRole('button', { name: 'Start reconciliation' });
    this.run = page.getByRole('region', { name: /^Reconciliation of \d{1,2} [A-Z][a-z]{2,3} \d{4}$/ });
    this.progress = this.run.getByRole('progressbar', { name: 'Reconciliation progress' });
    this.totals = this.run.getByRole('region', { name: 'Totals' });
    this.differences = this.run.getByRole('list', { name: 'Customers that differ' });
    this.recentRuns = page.getByRole('list', { name: 'Recent reconciliations' });
  }

  /** A total card's figure: 'Opsdesk MRR', 'Stripe MRR' or 'Difference'. */
  total(label: 'Opsdesk MRR' | 'Stripe MRR' | 'Difference'): Locator {
    return this.totals.getByRole('region', { name: label }).locator('p').last();
  }

  differenceRows(): Locator {
    return this.differences.getByRole('listitem');
  }

  async expectFinished(): Promise<void> {
    // The run is polled while it runs; the status chip turns to Finished when it is done.
    await expect(this.run.getByText('Finished', { exact: true })).toBeVisible({ timeout: 30_000 });
  }
}
