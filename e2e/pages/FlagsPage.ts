import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

export type FlagTypeLabel = 'Release' | 'Experiment' | 'Operational' | 'Kill switch' | 'Permission';

/**
 * The Flags section (web/src/features/flags): the list with its filters, the create
 * form, a flag's page (details, scheduled changes, history, metrics) and the API keys
 * page. Other specs (flagsApproval) build on `createFlag` and `openFlag`: keep their
 * names and behaviour stable.
 */
export class FlagsPage {
  constructor(readonly page: Page) {}

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  // ---- list -------------------------------------------------------------------------

  /** The list, optionally filtered through the address (`stale=true`, `type=release`…). */
  async openList(query = ''): Promise<void> {
    await this.page.goto(`/#/flags${query ? `?${query}` : ''}`);
    await expect(this.heading('Flags')).toBeVisible(FIRST_DRAW);
  }

  get createButton(): Locator {
    return this.page.getByRole('link', { name: 'Create flag' });
  }

  /** A flag in the list: its table row on wide screens, its card on a phone. */
  listEntry(key: string): Locator {
    const row = this.page.getByRole('table', { name: 'Flags' }).getByRole('row').filter({ has: this.page.getByRole('link', { name: key, exact: true }) });
    return row.or(this.page.getByRole('article', { name: key, exact: true }));
  }

  /** Waits for the list to settle (no loading skeleton). */
  async expectListLoaded(): Promise<void> {
    await expect(this.page.getByRole('status', { name: 'Loading the flags' })).toHaveCount(0);
  }

  async chooseOption(label: string, option: string | RegExp, scope: Locator | Page = this.page): Promise<void> {
    await scope.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  }

  async filterByType(type: FlagTypeLabel | 'Any type'): Promise<void> {
    await this.chooseOption('Type', type, this.page.getByRole('search', { name: 'Filter flags' }));
  }

  // ---- create -----------------------------------------------------------------------

  async openCreate(): Promise<void> {
    await this.page.goto('/#/flags/create');
    await expect(this.heading('Create flag')).toBeVisible(FIRST_DRAW);
  }

  field(label: string): Locator {
    return this.page.getByRole('textbox', { name: label });
  }

  /** Fills the create form and submits it; does not wait for the outcome (see createFlag). */
  async submitCreate(flag: { key: string; description?: string; type?: FlagTypeLabel; tags?: string }): Promise<void> {
    await this.field('Key').fill(flag.key);
    if (flag.description !== undefined) await this.field('Description').fill(flag.description);
    if (flag.type) await this.chooseOption('Type', flag.type, this.page.getByRole('form', { name: 'Create flag' }));
    if (flag.tags !== undefined) await this.field('Tags').fill(flag.tags);
    await this.page.getByRole('button', { name: 'Create flag' }).click();
  }

  /** Creates a flag through the form and waits for its page. */
  async createFlag(flag: { key: string; description?: string; type?: FlagTypeLabel; tags?: string }): Promise<void> {
    await this.openCreate();
    await this.submitCreate(flag);
    await expect(this.heading(flag.key)).toBeVisible();
  }

  // ---- a flag's page ----------------------------------------------------------------

  async openFlag(key: string): Promise<void> {
    await this.page.goto(`/#/flags/${encodeURIComponent(key)}/show`);
    await expect(this.heading(key)).toBeVisible(FIRST_DRAW);
  }

  /** One of the details cards: Type, Owner, Tags, Created, Last changed. */
  fact(label: string): Locator {
    return this.page.getByRole('region', { name: 'Flag details' }).getByRole('region', { name: label, exact: true });
  }

  /** A card of the flag page: "Scheduled changes", "History", "Evaluation metrics". */
  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  historyEntries(): Locator {
    return this.section('History').getByRole('article');
  }

  /** Edits the flag's details in its dialog and waits for the dialog to close. */
  async editDetails(change: { description?: string; tags?: string; type?: FlagTypeLabel }): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit details' }).click();
    const dialog = this.page.getByRole('dialog');
    if (change.description !== undefined) await dialog.getByRole('textbox', { name: 'Description' }).fill(change.description);
    if (change.tags !== undefined) await dialog.getByRole('textbox', { name: 'Tags' }).fill(change.tags);
    if (change.type) await this.chooseOption('Type', change.type, dialog);
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect(dialog).toHaveCount(0);
  }

  // ---- API keys ---------------------------------------------------------------------

  async openKeys(): Promise<void> {
    await this.page.goto('/#/flags/keys');
    await expect(this.heading('Flags API keys')).toBeVisible(FIRST_DRAW);
  }

  apiKeyEntry(name: string): Locator {
    const row = this.page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: name });
    return row.or(this.page.getByRole('article', { name, exact: true }));
  }

  /** Creates a key and answers the secret the dialog shows (once); the dialog stays open. */
  async createApiKey(key: { name: string; environment: string }): Promise<string> {
    await this.page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name' }).fill(key.name);
    await this.chooseOption('Environment', key.environment, dialog);
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const secret = dialog.getByLabel('Secret');
    await expect(secret).toBeVisible();
    return (await secret.textContent()) ?? '';
  }

  async revokeApiKey(name: string): Promise<void> {
    await this.apiKeyEntry(name).getByRole('button', { name: `Revoke ${name}` }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(dialog).toHaveCount(0);
  }
}
