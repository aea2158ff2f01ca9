import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/** The customer list: filters, saved filters, export, and its rows. */
export class CustomerListPage {
  readonly rows: Locator;
  readonly savedFilters: Locator;
  readonly exportLink: Locator;

  constructor(readonly page: Page) {
    this.rows = page.locator('table tbody tr');
    this.savedFilters = page.getByRole('button', { name: 'Saved filters' });
    this.exportLink = page.getByRole('link', { name: 'Export CSV' });
  }

  async open(): Promise<void> {
    await this.page.goto('/#/customers');
    await expect(this.rows.first()).toBeVisible(FIRST_DRAW);
  }

  /** Clicks the customer's email, the link to their page (the way support opens a customer). */
  async openCustomer(email: string): Promise<void> {
    await this.rows.filter({ hasText: email }).first().getByRole('link', { name: email, exact: true }).click();
  }

  /** `plan` as stored (`enterprise`); the list shows it as a person reads it ("Enterprise"). */
  async filterByPlan(plan: string): Promise<void> {
    const label = plan.charAt(0).toUpperCase() + plan.slice(1);
    await this.page.getByRole('combobox', { name: 'Plan' }).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`plan%22%3A%22${plan}`));
    await expect(this.rows.first()).toContainText(label);
  }

  async saveCurrentFilter(name: string): Promise<void> {
    await this.savedFilters.click();
    await this.page.getByRole('menuitem', { name: 'Save current filter…' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }

  async applySavedFilter(name: string): Promise<void> {
    await this.savedFilters.click();
    await this.page.getByRole('menuitem', { name: new RegExp(name) }).click();
  }
}
