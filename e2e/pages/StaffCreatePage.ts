import { expect, type Page } from '@playwright/test';

export class StaffCreatePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/staff/create');
    await expect(this.page.getByLabel('Email')).toBeVisible();
  }

  /** Fills the form, saves, and waits for the server to confirm staff.create. */
  async create(member: { email: string; name: string; roles: string[]; password: string }): Promise<void> {
    await this.page.getByLabel('Email').fill(member.email);
    await this.page.getByLabel('Name').fill(member.name);
    for (const role of member.roles) await this.page.getByRole('checkbox', { name: role, exact: true }).check();
    await this.page.getByLabel('Initial password').fill(member.password);
    const created = this.page.waitForResponse((response) => response.url().includes('/trpc/staff.create'));
    await this.page.getByRole('button', { name: 'Save' }).click();
    expect((await created).status()).toBe(200);
  }
}
