import { expect, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

export class StaffCreatePage {
  constructor(readonly page: Page) {}

  /** The form's field, by role: a label search would also match the list's "Sort by email" header while the form loads. */
  get email() {
    return this.page.getByRole('textbox', { name: /^Email\b/ });
  }

  async open(): Promise<void> {
    await this.page.goto('/#/staff/create');
    await expect(this.email).toBeVisible(FIRST_DRAW);
  }

  /** Fills the form, saves, and waits for the server to confirm staff.create. */
  async create(member: { email: string; name: string; roles: string[]; password: string }): Promise<void> {
    await this.email.fill(member.email);
    await this.page.getByRole('textbox', { name: /^Name\b/ }).fill(member.name);
    for (const role of member.roles) await this.page.getByRole('checkbox', { name: role, exact: true }).check();
    await this.page.getByLabel('Initial password').fill(member.password);
    const created = this.page.waitForResponse((response) => response.url().includes('/trpc/staff.create'));
    await this.page.getByRole('button', { name: 'Save' }).click();
    expect((await created).status()).toBe(200);
  }
}
