import { expect, type Locator, type Page } from '@playwright/test';
import { FIRST_DRAW } from '../support/pageLoad';

/** The Runbooks list (actions, temporary changes, recent runs) and one action's page (form, plan, run dialog, live output, history). */
export class RunbooksPage {
  readonly planSection: Locator;
  readonly planButton: Locator;
  readonly runButton: Locator;
  readonly runDialog: Locator;
  readonly output: Locator;
  readonly liveOutput: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.planSection = page.getByRole('region', { name: 'Plan', exact: true });
    // A read-only action's is "Check": its dry run is the answer.
    this.planButton = page.getByRole('button', { name: /^(Plan|Check)( again)?$/ });
    this.runButton = page.getByRole('button', { name: 'Run…' });
    this.runDialog = page.getByRole('dialog', { name: /^Run “/ });
    this.output = page.getByRole('region', { name: 'Run output' });
    this.liveOutput = page.getByRole('list', { name: 'Live output' });
    this.history = page.getByRole('region', { name: 'History' });
  }

  async open(baseURL: string): Promise<void> {
    await this.page.goto(`${baseURL}/#/runbooks`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Runbooks' })).toBeVisible(FIRST_DRAW);
  }

  actionCard(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }

  heading(title: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: title });
  }

  /** A table of the plan or result; on a phone its rows are stacked entries, a list of the same name. */
  planTable(title: string): Locator {
    return this.planSection.getByRole('table', { name: title }).or(this.planSection.getByRole('list', { name: title }));
  }

  /**
   * The plan table's row (or, on a phone, its entry) of backend `pid`, matched on the pid
   * itself: a backend's last query or another pid may hold the same digits (617 in 6170).
   */
  planRowOfPid(title: string, pid: number): Locator {
    const table = this.planTable(title);
    const pidCell = this.page.locator('td:first-child', { hasText: new RegExp(`^${pid}$`) });
    const pidLine = this.page.getByText(new RegExp(`^pid: ${pid}$`));
    return table.getByRole('row').filter({ has: pidCell }).or(table.getByRole('listitem').filter({ has: pidLine }));
  }

  /** Confirms the run in its dialog with the reason its tier asks for. */
  async confirmRun(reason: string): Promise<void> {
    await expect(this.runDialog).toBeVisible();
    await this.runDialog.getByLabel('Reason').fill(reason);
    await this.runDialog.getByRole('button', { name: 'Run now' }).click();
    await expect(this.runDialog).toBeHidden();
  }

  async expectRunStatus(label: string, timeout = 30_000): Promise<void> {
    await expect(this.output.getByText(label, { exact: true })).toBeVisible({ timeout });
  }
}
