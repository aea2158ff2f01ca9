import { expect, type Locator, type Page } from '@playwright/test';

/** The Jobs list (filters, start a self-check) and one job's page (status, progress, log, cancel). */
export class JobsPage {
  readonly runSelfCheck: Locator;
  readonly statusFilter: Locator;
  readonly progress: Locator;
  readonly progressText: Locator;
  readonly log: Locator;
  readonly cancel: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.runSelfCheck = page.getByRole('button', { name: 'Run a self-check' });
    this.statusFilter = page.getByLabel('Status');
    this.progress = page.getByRole('progressbar', { name: /^Progress:/ });
    this.progressText = page.getByTestId('job-progress-text');
    this.log = page.getByRole('list', { name: 'Job log' });
    this.cancel = page.getByRole('button', { name: 'Cancel job' });
    this.confirmDialog = page.getByRole('dialog', { name: 'Cancel this job?' });
  }

  heading(kind: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: kind });
  }

  status(label: string): Locator {
    return this.page.getByText(label, { exact: true });
  }

  async openJob(baseURL: string, id: string): Promise<void> {
    await this.page.goto(`${baseURL}/#/jobs/${id}/show`);
  }

  async expectStatus(label: string, timeout = 30_000): Promise<void> {
    await expect(this.status(label).first()).toBeVisible({ timeout });
  }
}
