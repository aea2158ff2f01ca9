import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/** The home page: a greeting and one card (a named region) per feature the staff member uses. */
export class HomePage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Welcome, / });
  }

  async open(): Promise<void> {
    await this.page.goto('/#/');
    await expect(this.heading).toBeVisible(FIRST_DRAW);
  }

  /** The cards' titles, in the order the page shows them. */
  cardTitles(): Promise<string[]> {
    return this.page.getByRole('main').getByRole('region').evaluateAll((regions) => regions.map((region) => region.getAttribute('aria-label') ?? ''));
  }

  card(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }
}
