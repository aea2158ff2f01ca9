import { expect, type Locator, type Page } from '@playwright/test';

/** The customer lookup: the app bar box and the Ctrl/Cmd-K palette it opens. */
export class LookupPalette {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly results: Locator;
  readonly appBarBox: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Find a customer' });
    this.input = this.dialog.getByRole('combobox', { name: 'Find a customer' });
    this.results = this.dialog.getByRole('listbox', { name: 'Customers found' }).getByRole('option');
    this.appBarBox = page.getByRole('textbox', { name: 'Search customers' });
  }

  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.input).toBeFocused();
  }

  /** Types the query and waits for the server to answer that exact text. */
  async search(text: string): Promise<void> {
    const answered = this.page.waitForResponse((response) => response.url().includes('/trpc/lookup.search') && decodeURIComponent(response.url()).includes(JSON.stringify(text)));
    await this.input.fill(text);
    await answered;
  }

  result(email: string): Locator {
    return this.results.filter({ hasText: email });
  }

  /** Moves the highlight to the result with `email` with the arrow keys, then opens it with Enter. */
  async chooseWithKeyboard(email: string): Promise<void> {
    await expect(this.result(email)).toBeVisible();
    const texts = await this.results.allTextContents();
    const index = texts.findIndex((text) => text.includes(email));
    for (let step = 0; step < index; step += 1) await this.input.press('ArrowDown');
    await expect(this.result(email)).toHaveAttribute('aria-selected', 'true');
    await this.input.press('Enter');
    await expect(this.dialog).toBeHidden();
  }
}
