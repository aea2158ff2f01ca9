import { expect, type Page } from '@playwright/test';

export class AccountPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/account');
    await expect(this.page.getByRole('heading', { name: 'My account', level: 1 })).toBeVisible();
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
}
