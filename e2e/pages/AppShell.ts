import { expect, type Locator, type Page } from '@playwright/test';

/** What every signed-in page has: the main menu and the user menu in the app bar. */
export class AppShell {
  readonly menu: Locator;

  constructor(readonly page: Page) {
    this.menu = page.getByRole('menu', { name: 'Main navigation' });
  }

  menuItem(name: string): Locator {
    return this.menu.getByRole('menuitem', { name });
  }

  /** Signed in and the menu finished asking which resources are allowed. */
  async expectSignedIn(): Promise<void> {
    await expect(this.menuItem('My account')).toBeVisible();
  }

  async go(name: string): Promise<void> {
    await this.menuItem(name).click();
  }

  async logout(): Promise<void> {
    await this.page.getByRole('button', { name: 'Profile' }).click();
    await this.page.getByRole('menuitem', { name: 'Logout' }).click();
    await expect(this.page.getByRole('heading', { name: 'Sign in to Opsdesk' })).toBeVisible();
  }
}
