import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/**
 * A flag's page as its editor uses it: creating the flag, one environment's tab (on/off,
 * strategies, impact preview, save), and the change-request dialog of a protected one.
 */
export class FlagEditorPage {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  /** Through the create page (`#/flags/create`); lands on the new flag's page. */
  async createFlag(key: string, description: string): Promise<void> {
    await this.page.goto('/#/flags/create');
    await this.page.getByLabel('Key').fill(key);
    await this.page.getByLabel('Description').fill(description);
    // Release is the default type; the owner defaults to whoever creates it.
    await expect(this.page.getByRole('combobox', { name: 'Type' })).toHaveText(/release/i);
    await this.page.getByRole('button', { name: 'Create flag' }).click();
    await expect(this.page).toHaveURL(new RegExp(`#/flags/${encodeURIComponent(key).replaceAll('.', '\\.')}/show`));
  }

  async open(key: string): Promise<void> {
    await this.page.goto(`/#/flags/${encodeURIComponent(key)}/show`);
    await expect(this.page.getByRole('region', { name: `Environments of ${key}` })).toBeVisible(FIRST_DRAW);
  }

  /** Opens an environment's tab; answers its panel. */
  async environment(name: string): Promise<Locator> {
    await this.page.getByRole('tab', { name }).click();
    const panel = this.page.getByRole('tabpanel', { name });
    await expect(panel).toBeVisible();
    return panel;
  }

  strategy(panel: Locator, index: number): Locator {
    return panel.getByRole('group', { name: `Strategy ${index}`, exact: true });
  }

  /** Adds a gradual rollout at `percent` to the given plans (their labels, e.g. "Pro"). */
  async addGradualRollout(panel: Locator, percent: number, plans: string[]): Promise<Locator> {
    const count = await panel.getByRole('group', { name: /^Strategy \d+$/ }).count();
    await panel.getByRole('button', { name: 'Add gradual rollout' }).click();
    const strategy = this.strategy(panel, count + 1);
    await strategy.getByLabel('Rollout %', { exact: true }).fill(String(percent));
    for (const plan of plans) {
      await strategy.getByLabel('Plans').fill(plan);
      await this.page.getByRole('option', { name: plan, exact: true }).click();
    }
    return strategy;
  }

  async switchOn(panel: Locator, environment: string): Promise<void> {
    await panel.getByLabel(`Off in ${environment}`).check();
    await expect(panel.getByLabel(`On in ${environment}`)).toBeChecked();
  }

  impact(panel: Locator, environment: string): Locator {
    return panel.getByRole('region', { name: `Impact preview in ${environment}` });
  }

  /** Opens the change dialog of a protected environment and sends the request with its reason. */
  async requestChange(panel: Locator, reason: string): Promise<void> {
    await panel.getByRole('button', { name: 'Review and save…' }).click();
    await expect(this.dialog.getByRole('region', { name: 'Impact' })).toBeVisible();
    await this.dialog.getByLabel('Reason (required)').fill(reason);
    const answered = this.page.waitForResponse((response) => response.url().includes('/trpc/flags.requestChange'));
    await this.dialog.getByRole('button', { name: 'Request approval' }).click();
    expect((await answered).status()).toBe(200);
  }
}
