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

  /**
   * Opens a job's page and waits until it is the one shown. A list just filtered may still
   * write its filter into the address a moment later (react-admin debounces it), taking
   * the browser back to the list; then it goes again (in CI the phone test read the list's
   * "Succeeded" chips as the job's status).
   */
  async openJob(baseURL: string, id: string): Promise<void> {
    const jobPage = this.page.getByRole('region', { name: 'Log', exact: true });
    await expect(async () => {
      await this.page.goto(`${baseURL}/#/jobs/${id}/show`);
      await expect(jobPage).toBeVisible({ timeout: 5_000 });
      await expect(this.page).toHaveURL(new RegExp(`/jobs/${id}/show$`));
    }).toPass({ timeout: 30_000 });
  }

  async expectStatus(label: string, timeout = 30_000): Promise<void> {
    await expect(this.status(label).first()).toBeVisible({ timeout });
  }
}
