import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/** The sign-in screen: credentials, then the authentication code when asked. */
export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly code: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.code = page.getByLabel('Authentication code');
    this.error = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/login');
    await expect(this.page.getByRole('heading', { name: 'Sign in to Opsdesk' })).toBeVisible(FIRST_DRAW);
  }

  /** Submits email and password and waits for the server's answer to auth.login. */
  async submitCredentials(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    const answered = this.page.waitForResponse((response) => response.url().includes('/trpc/auth.login'));
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await answered;
  }

  async submitCode(code: string): Promise<void> {
    await this.code.fill(code);
    await this.page.getByRole('button', { name: 'Verify' }).click();
  }
}
