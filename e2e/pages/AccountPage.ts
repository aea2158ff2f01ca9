import { expect, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

export class AccountPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/account');
    await expect(this.page.getByRole('heading', { name: 'My account', level: 1 })).toBeVisible(FIRST_DRAW);
  }

  /** Starts two-factor setup and returns the secret shown as text under the QR code. */
  async startTotpSetup(): Promise<string> {
    await this.page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secret = this.page.getByTestId('totp-secret');
    await expect(secret).toHaveText(/^[A-Z2-7]{16,}$/);
    return (await secret.textContent()) ?? '';
  }

  async confirmTotp(code: string): Promise<void> {
    await this.page.getByLabel('Authentication code').fill(code);
    await this.page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await expect(this.page.getByText('Two-factor authentication is on.')).toBeVisible();
  }

  /** Starts moving two-factor to a new app and returns the new secret shown under the QR code. */
  async startTotpReplacement(): Promise<string> {
    await this.page.getByRole('button', { name: 'Move to a new authenticator app' }).click();
    const secret = this.page.getByTestId('totp-secret');
    await expect(secret).toHaveText(/^[A-Z2-7]{16,}$/);
    return (await secret.textContent()) ?? '';
  }

  /** Submits the replacement form: a code from the new app, the password and a code from the current app. */
  async submitTotpReplacement(fields: { newCode: string; password: string; currentCode: string }): Promise<void> {
    await this.page.getByLabel('Code from the new app', { exact: true }).fill(fields.newCode);
    await this.page.getByLabel('Your password', { exact: true }).fill(fields.password);
    await this.page.getByLabel('Code from your current app', { exact: true }).fill(fields.currentCode);
    await this.page.getByRole('button', { name: 'Replace authenticator app' }).click();
  }

  async expectTotpReplaced(): Promise<void> {
    await expect(this.page.getByText('Your new authenticator app is now the one signing in asks for.')).toBeVisible();
    await expect(this.page.getByTestId('totp-secret')).toHaveCount(0);
  }

  async expectTwoFactorError(message: string | RegExp): Promise<void> {
    const card = this.page.getByRole('region', { name: 'Two-factor authentication' });
    await expect(card.getByRole('alert').filter({ hasText: message })).toBeVisible();
  }
}
